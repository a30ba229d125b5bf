/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The files of one run, swapped in with one rename (see outdir.h).  Linux: renameat2()
 * exchanges and no-replace renames, getdents64() in the signal handler. */
#define _GNU_SOURCE

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "outdir.h"

/* ---- signals ----
 * While files are staged, SIGINT, SIGTERM, SIGHUP and SIGPIPE remove the staging directory
 * (with system calls only, as a handler must) and then end the process as the signal would
 * have.  While the directories are swapped, a signal is held and raised once the swap is
 * complete, so that neither set is left half put away.  The programs run one output
 * directory at a time, so one static record suffices. */

enum { PHASE_NONE = 0, PHASE_STAGING = 1, PHASE_SWAPPING = 2 };

static char sig_stage[4096];
static volatile sig_atomic_t sig_phase;
static volatile sig_atomic_t sig_held;

/* Unlink every entry of directory `dir`, then remove it; async-signal-safe. */
static void
remove_dir_now(const char *dir)
{
    char buf[4096] __attribute__((aligned(8)));
    const int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ssize_t n, off;
    int pass;

    if (fd < 0)
        return;
    for (pass = 0; pass < 2; pass++) { /* the second pass sees what the first moved past */
        lseek(fd, 0, SEEK_SET);
        while ((n = getdents64(fd, buf, sizeof buf)) > 0) {
            for (off = 0; off < n;) {
                const struct dirent64 *e = (const struct dirent64 *)(void *)(buf + off);
                const char *s = e->d_name;

                if (!(s[0] == '.' && (s[1] == '\0' || (s[1] == '.' && s[2] == '\0'))))
                    unlinkat(fd, s, 0);
                off += e->d_reclen;
            }
        }
    }
    close(fd);
    rmdir(dir);
}

static void
on_signal(int sig)
{
    const int saved = errno;

    if (sig_phase == PHASE_SWAPPING) {
        sig_held = sig;
        errno = saved;
        return;
    }
    if (sig_phase == PHASE_STAGING)
        remove_dir_now(sig_stage);
    sig_phase = PHASE_NONE;
    signal(sig, SIG_DFL);
    raise(sig); /* delivered when the handler returns */
    errno = saved;
}

static void
catch_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
    struct sigaction sa, old;
    size_t i;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaddset(&sa.sa_mask, sigs[i]);
    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        /* a signal the caller ignores (nohup, a shell's background job) stays ignored */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
    }
}

/* End the swap: a signal that arrived during it takes effect now. */
static void
swap_done(int phase)
{
    int sig;

    sig_phase = phase;
    if ((sig = sig_held) != 0) {
        sig_held = 0;
        if (phase == PHASE_STAGING)
            remove_dir_now(sig_stage);
        sig_phase = PHASE_NONE;
        signal(sig, SIG_DFL);
        raise(sig);
    }
}

/* ---- paths ---- */

static int
join(char *buf, size_t size, const char *dir, const char *name)
{
    const int n = snprintf(buf, size, "%s/%s", dir, name);

    return n >= 0 && (size_t)n < size;
}

/* The directory part of `path` ("." when it has none) into buf. */
static void
parent_of(const char *path, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');

    if (slash == NULL)
        snprintf(buf, size, ".");
    else if (slash == path)
        snprintf(buf, size, "/");
    else
        snprintf(buf, size, "%.*s", (int)(slash - path), path);
}

static const char *
base_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash != NULL ? slash + 1 : path;
}

/* The entry `path` names: its directory resolved, then its own name. */
static int
entry_of(const char *path, char *buf, size_t size)
{
    char dir[4096], real[PATH_MAX];

    parent_of(path, dir, sizeof dir);
    if (realpath(dir, real) == NULL)
        return 0;
    return join(buf, size, real, base_of(path));
}

int
cli_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    const int ea = stat(a, &sa), eb = stat(b, &sb);
    char ca[4096 + 256], cb[4096 + 256];

    if (ea == 0 && eb == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    if (ea == 0 || eb == 0)
        return 0;
    return entry_of(a, ca, sizeof ca) && entry_of(b, cb, sizeof cb) && strcmp(ca, cb) == 0;
}

int
cli_output_not_input(const char *program, const char *output, const char *const inputs[],
                     size_t n_inputs)
{
    size_t i;

    for (i = 0; i < n_inputs; i++) {
        if (inputs[i] != NULL && cli_same_file(output, inputs[i])) {
            fprintf(stderr, _("%s: %s: would replace %s, an input of this run\n"), program,
                    output, inputs[i]);
            return CLI_EXIT_DATA;
        }
    }
    return CLI_EXIT_OK;
}

int
cli_output_new(const char *program, const char *output, const char *option, int force)
{
    struct stat st;

    if (force || lstat(output, &st) != 0)
        return CLI_EXIT_OK;
    fprintf(stderr, _("%s: %s exists: give --force to replace it, or another %s\n"), program,
            output, option);
    return CLI_EXIT_USAGE;
}

static int
in_list(const char *name, const char *const *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (strcmp(name, list[i]) == 0)
            return 1;
    }
    return 0;
}

static int
is_staged(const cli_outdir *od, const char *name)
{
    size_t i;

    for (i = 0; i < od->n_files; i++) {
        if (strcmp(name, od->names[i]) == 0)
            return 1;
    }
    return 0;
}

static int
is_dot(const char *name)
{
    return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

/* ---- what interrupted runs left ---- */

/* 1 when directory `dir` holds one of the run's inputs (as a file of its own). */
static int
holds_input(const cli_outdir *od, const char *dir)
{
    char path[4096 + 256];
    struct stat si, sd;
    size_t i;

    for (i = 0; i < od->opt.n_inputs; i++) {
        if (od->opt.inputs[i] == NULL || stat(od->opt.inputs[i], &si) != 0)
            continue;
        if (!join(path, sizeof path, dir, base_of(od->opt.inputs[i])))
            continue;
        if (stat(path, &sd) == 0 && sd.st_dev == si.st_dev && sd.st_ino == si.st_ino)
            return 1;
        /* or under another name: compare the directory the input is in */
        parent_of(od->opt.inputs[i], path, sizeof path);
        if (stat(path, &si) == 0 && stat(dir, &sd) == 0 && sd.st_dev == si.st_dev &&
            sd.st_ino == si.st_ino)
            return 1;
    }
    return 0;
}

/* A staging directory of a process that is gone: DIR.tmp-ccap-PID-XXXXXX.  Its files are
 * the interrupted run's outputs and hard links to DIR's files, or, after the swap, the
 * earlier outputs: all of them replaced or kept in DIR, so they go.  A directory inside it,
 * or an input of this run, is not the staging directory's: the whole is left, with a
 * warning. */
static void
put_right(const cli_outdir *od, const char *stale, long pid)
{
    DIR *d;
    struct dirent *e;
    struct stat st;
    char path[4096 + 256];
    int kept = 0;

    if (holds_input(od, stale)) {
        fprintf(stderr,
                _("%s: warning: %s looks left by an interrupted run (process %ld) but holds "
                  "an input of this run: left as it is\n"),
                od->program, stale, pid);
        return;
    }
    if ((d = opendir(stale)) == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        if (!is_dot(e->d_name) && join(path, sizeof path, stale, e->d_name) &&
            lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            kept++;
    }
    rewinddir(d);
    while (kept == 0 && (e = readdir(d)) != NULL) {
        if (is_dot(e->d_name) || !join(path, sizeof path, stale, e->d_name))
            continue;
        kept += unlink(path) != 0;
    }
    closedir(d);
    if (kept == 0 && rmdir(stale) == 0)
        fprintf(stderr, _("%s: removed %s, left by an interrupted run (process %ld)\n"),
                od->program, stale, pid);
    else
        fprintf(stderr,
                _("%s: warning: %s, left by an interrupted run (process %ld), still holds "
                  "%d entries that could not be removed\n"),
                od->program, stale, pid, kept);
}

static void
clean_stale(const cli_outdir *od)
{
    char parent[4096], path[4096 + 256];
    const char *base = base_of(od->real);
    const size_t n = strlen(base);
    struct dirent *e;
    struct stat st;
    DIR *d;

    parent_of(od->real, parent, sizeof parent);
    if ((d = opendir(parent)) == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        const char *s = e->d_name;
        char *end;
        long pid;

        if (strncmp(s, base, n) != 0 || strncmp(s + n, ".tmp-ccap-", 10) != 0)
            continue;
        s += n + 10;
        errno = 0;
        pid = strtol(s, &end, 10);
        if (end == s || errno != 0 || pid <= 0 || *end != '-' || strlen(end + 1) != 6 ||
            pid == (long)getpid())
            continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue; /* that run is still going */
        if (!join(path, sizeof path, parent, e->d_name) || lstat(path, &st) != 0 ||
            !S_ISDIR(st.st_mode))
            continue;
        put_right(od, path, pid);
    }
    closedir(d);
}

/* ---- checks ---- */

/* CLI_EXIT_OK when existing directory DIR may be replaced as a report, else why not. */
static int
check_report(const cli_outdir *od)
{
    char path[4096 + 256];
    struct stat st;
    size_t i;

    if (!(od->opt.flags & CLI_OUTDIR_FORCE)) {
        fprintf(stderr, _("%s: %s exists: give --force to replace it, or another --out\n"),
                od->program, od->dir);
        return CLI_EXIT_USAGE;
    }
    for (i = 0; i < od->opt.n_required; i++) {
        if (!join(path, sizeof path, od->real, od->opt.required[i]) || lstat(path, &st) != 0 ||
            !S_ISREG(st.st_mode)) {
            fprintf(stderr,
                    _("%s: not replaced: it is not a report of %s (it has no %s); --force "
                      "replaces only an earlier report\n"),
                    od->dir, od->program, od->opt.required[i]);
            return CLI_EXIT_DATA;
        }
    }
    return CLI_EXIT_OK;
}

/* CLI_EXIT_OK unless a shared DIR, without CLI_OUTDIR_FORCE, holds a file that the run
 * would replace: a run's file of the same name (staged, or `known` before the run). */
static int
check_earlier(const cli_outdir *od)
{
    char path[4096 + 256];
    const char *first = NULL;
    size_t k, n = 0;
    struct stat st;

    if (od->opt.flags & (CLI_OUTDIR_REPORT | CLI_OUTDIR_FORCE))
        return CLI_EXIT_OK;
    for (k = 0; k < od->n_files + od->opt.n_known; k++) {
        const char *name = k < od->n_files ? od->names[k] : od->opt.known[k - od->n_files];

        if ((k >= od->n_files && is_staged(od, name)) || !join(path, sizeof path, od->real, name) ||
            lstat(path, &st) != 0)
            continue;
        if (n++ == 0)
            first = name;
    }
    if (n == 0)
        return CLI_EXIT_OK;
    if (n == 1)
        fprintf(stderr,
                _("%s: holds %s from an earlier run: give --force to replace it, or another "
                  "--out\n"),
                od->dir, first);
    else
        fprintf(stderr,
                _("%s: holds %s and %zu more files from an earlier run: give --force to "
                  "replace them, or another --out\n"),
                od->dir, first, n - 1);
    return CLI_EXIT_USAGE;
}

/* CLI_EXIT_OK unless DIR holds a sub-directory, which the one rename cannot keep. */
static int
check_subdirs(const cli_outdir *od)
{
    DIR *d = opendir(od->real);
    struct dirent *e;
    struct stat st;
    char path[4096 + 256];
    int status = CLI_EXIT_OK;

    if (d == NULL) {
        fprintf(stderr, _("%s: cannot read it: %s\n"), od->dir, strerror(errno));
        return CLI_EXIT_DATA;
    }
    while (status == CLI_EXIT_OK && (e = readdir(d)) != NULL) {
        if (is_dot(e->d_name) || !join(path, sizeof path, od->real, e->d_name) ||
            lstat(path, &st) != 0 || !S_ISDIR(st.st_mode))
            continue;
        if (is_staged(od, e->d_name) || in_list(e->d_name, od->opt.known, od->opt.n_known))
            fprintf(stderr, _("%s: is a directory, not replaced by a file\n"), path);
        else
            fprintf(stderr,
                    _("%s: not replaced: it holds the directory %s, which cannot be kept in "
                      "the one rename that puts a run's files in place; move it, or give "
                      "another output directory\n"),
                    od->dir, e->d_name);
        status = CLI_EXIT_DATA;
    }
    closedir(d);
    return status;
}

/* CLI_EXIT_OK unless one of the run's inputs is a file that the swap replaces. */
static int
check_inputs(const cli_outdir *od)
{
    char path[4096 + 256];
    size_t i, k;

    for (i = 0; i < od->opt.n_inputs; i++) {
        const char *in = od->opt.inputs[i];
        struct stat si, so;

        if (in == NULL || stat(in, &si) != 0)
            continue;
        for (k = 0; k < od->n_files + od->opt.n_known; k++) {
            const char *name = k < od->n_files ? od->names[k] : od->opt.known[k - od->n_files];

            if (join(path, sizeof path, od->real, name) && stat(path, &so) == 0 &&
                so.st_dev == si.st_dev && so.st_ino == si.st_ino) {
                fprintf(stderr, _("%s/%s: not replaced: it is %s, an input of this run\n"),
                        od->dir, name, in);
                return CLI_EXIT_DATA;
            }
        }
    }
    return CLI_EXIT_OK;
}

int
cli_outdir_begin(cli_outdir *od, const char *program, const char *dir,
                 const cli_outdir_options *opt)
{
    struct stat st, here, up;
    char parent[4096];
    size_t n;
    int k;

    memset(od, 0, sizeof *od);
    od->program = program;
    if (opt != NULL)
        od->opt = *opt;
    if (od->opt.n_inputs > CLI_OUTDIR_MAX_INPUTS)
        od->opt.n_inputs = CLI_OUTDIR_MAX_INPUTS;
    if (od->opt.n_inputs > 0)
        memcpy(od->inputs, od->opt.inputs, od->opt.n_inputs * sizeof od->inputs[0]);
    od->opt.inputs = od->inputs;
    n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--; /* "out/" is "out" */
    if (n == 0 || n >= sizeof od->dir) {
        fprintf(stderr, n == 0 ? _("%s: the output directory has no name\n")
                               : _("%s: the output directory's name is too long\n"),
                program);
        return CLI_EXIT_USAGE;
    }
    memcpy(od->dir, dir, n);
    od->dir[n] = '\0';
    snprintf(od->real, sizeof od->real, "%s", od->dir);
    if (lstat(od->dir, &st) == 0 && S_ISLNK(st.st_mode)) {
        char real[PATH_MAX];
        /* a link to a directory: the directory it names is replaced, the link stays */
        if (stat(od->dir, &st) != 0 || realpath(od->dir, real) == NULL) {
            fprintf(stderr, _("%s: cannot use it as the output directory: %s\n"), od->dir,
                    strerror(errno));
            return CLI_EXIT_DATA;
        }
        snprintf(od->real, sizeof od->real, "%s", real);
    }
    {
        const char *b = base_of(od->real);
        if (b[0] == '\0' || is_dot(b)) {
            fprintf(stderr,
                    _("%s: cannot be an output directory: a run's files replace their directory "
                      "as a whole; name a new directory or an earlier output directory\n"),
                    od->dir);
            return CLI_EXIT_USAGE;
        }
    }
    if (stat(od->real, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            fprintf(stderr, _("%s: not a directory\n"), od->dir);
            return CLI_EXIT_DATA;
        }
        parent_of(od->real, parent, sizeof parent);
        if (stat(".", &here) == 0 && here.st_dev == st.st_dev && here.st_ino == st.st_ino) {
            fprintf(stderr,
                    _("%s: cannot be an output directory: it is the current directory, which "
                      "a run's files would replace as a whole; name another directory\n"),
                    od->dir);
            return CLI_EXIT_USAGE;
        }
        if (stat(parent, &up) == 0 && up.st_dev != st.st_dev) {
            fprintf(stderr,
                    _("%s: cannot be an output directory: it is a mount point, which a run's "
                      "files cannot replace; name a directory inside it\n"),
                    od->dir);
            return CLI_EXIT_USAGE;
        }
        if ((od->opt.flags & CLI_OUTDIR_REPORT) && (k = check_report(od)) != CLI_EXIT_OK)
            return k;
        if ((k = check_earlier(od)) != CLI_EXIT_OK)
            return k;
        if ((k = check_inputs(od)) != CLI_EXIT_OK || (k = check_subdirs(od)) != CLI_EXIT_OK)
            return k;
    } else if (errno == ENOENT) {
        od->fresh = 1;
    } else {
        fprintf(stderr, _("%s: cannot use it as the output directory: %s\n"), od->dir,
                strerror(errno));
        return CLI_EXIT_DATA;
    }
    clean_stale(od);
    k = snprintf(od->stage, sizeof od->stage, "%s.tmp-ccap-%ld-XXXXXX", od->real,
                 (long)getpid());
    if (k < 0 || (size_t)k >= sizeof od->stage) {
        fprintf(stderr, _("%s: the output directory's name is too long\n"), od->dir);
        od->stage[0] = '\0';
        return CLI_EXIT_USAGE;
    }
    catch_signals();
    if (mkdtemp(od->stage) == NULL) {
        const int err = errno;
        parent_of(od->real, parent, sizeof parent);
        if (err == ENOENT || err == ENOTDIR)
            fprintf(stderr, _("%s: cannot be created: %s is not a directory\n"), od->dir,
                    parent);
        else
            fprintf(stderr, _("%s: cannot create a directory beside it: %s\n"), od->dir,
                    strerror(err));
        od->stage[0] = '\0';
        return CLI_EXIT_DATA;
    }
    memcpy(sig_stage, od->stage, sizeof sig_stage);
    sig_phase = PHASE_STAGING;
    return CLI_EXIT_OK;
}

const char *
cli_outdir_stage(const cli_outdir *od)
{
    return od->stage;
}

const char *
cli_outdir_path(cli_outdir *od, const char *name)
{
    if (od->n_files == CLI_OUTDIR_MAX_FILES || strlen(name) >= sizeof od->names[0])
        return NULL;
    if (!is_staged(od, name))
        snprintf(od->names[od->n_files++], sizeof od->names[0], "%s", name);
    snprintf(od->path, sizeof od->path, "%s/%s", od->stage, name);
    return od->path;
}

void
cli_outdir_print_diag(const cli_outdir *od, const ccap_diag *diag)
{
    ccap_diag shown = *diag;
    const size_t n = strlen(od->stage);

    if (n > 0 && strncmp(diag->file, od->stage, n) == 0 && diag->file[n] == '/' &&
        snprintf(shown.file, sizeof shown.file, "%s%s", od->dir, diag->file + n) >=
            (int)sizeof shown.file)
        shown = *diag; /* too long to rename: the staged path then */
    cli_print_diag(&shown);
}

/* Remove the staging directory with the files in it; 0 on success. */
static int
remove_stage(cli_outdir *od)
{
    DIR *d;
    struct dirent *e;
    char path[4096 + 256];
    int status = 0;

    if (od->stage[0] == '\0')
        return 0;
    sig_phase = PHASE_NONE;
    if ((d = opendir(od->stage)) == NULL)
        status = -1;
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (!is_dot(e->d_name) && (!join(path, sizeof path, od->stage, e->d_name) ||
                                   unlink(path) != 0))
            status = -1;
    }
    if (d != NULL)
        closedir(d);
    if (status == 0 && rmdir(od->stage) != 0)
        status = -1;
    if (status != 0)
        fprintf(stderr, _("%s: cannot remove %s: %s\n"), od->program, od->stage,
                strerror(errno));
    od->stage[0] = '\0';
    return status;
}

void
cli_outdir_abort(cli_outdir *od)
{
    if (od->stage[0] == '\0')
        return;
    remove_stage(od);
    if (od->opt.flags & CLI_OUTDIR_REPORT)
        fprintf(stderr, _("%s: %s was left as it was\n"), od->program, od->dir);
    else if (od->fresh)
        fprintf(stderr, _("%s: %s was not created\n"), od->program, od->dir);
    else
        fprintf(stderr, _("%s: no file in %s was replaced\n"), od->program, od->dir);
}

/* Everything in DIR that the new set does not replace, as hard links in the staging
 * directory (check_subdirs() has refused sub-directories).  A file that cannot be linked is
 * refused.  CLI_EXIT_OK, or CLI_EXIT_DATA after a message. */
static int
carry(cli_outdir *od)
{
    DIR *d = opendir(od->real);
    struct dirent *e;
    struct stat st;
    char from[4096 + 256], to[4096 + 256];
    int status = CLI_EXIT_OK;

    if (d == NULL) {
        fprintf(stderr, _("%s: cannot read it: %s\n"), od->dir, strerror(errno));
        return CLI_EXIT_DATA;
    }
    while (status == CLI_EXIT_OK && (e = readdir(d)) != NULL) {
        const char *name = e->d_name;

        if (is_dot(name) || !join(from, sizeof from, od->real, name) || lstat(from, &st) != 0 ||
            is_staged(od, name) ||
            ((od->opt.flags & CLI_OUTDIR_REPORT) && in_list(name, od->opt.known, od->opt.n_known)))
            continue; /* replaced, or a file of the earlier report */
        if (!join(to, sizeof to, od->stage, name) ||
            linkat(AT_FDCWD, from, AT_FDCWD, to, 0) != 0) {
            fprintf(stderr, _("%s: not replaced: cannot keep %s (a hard link to it): %s\n"),
                    od->dir, name, strerror(errno));
            status = CLI_EXIT_DATA;
        }
    }
    closedir(d);
    return status;
}

/* After the swap the earlier set is under the staging name: remove what the new set
 * replaced and the links to what it carried; anything else (made in DIR while the two
 * were swapped) goes back into DIR. */
static void
sweep(cli_outdir *od)
{
    DIR *d = opendir(od->stage);
    struct dirent *e;
    struct stat a, b;
    char old[4096 + 256], now[4096 + 256];
    int left = 0;

    while (d != NULL && (e = readdir(d)) != NULL) {
        const char *name = e->d_name;

        if (is_dot(name) || !join(old, sizeof old, od->stage, name) ||
            !join(now, sizeof now, od->real, name) || lstat(old, &a) != 0)
            continue;
        if (!S_ISDIR(a.st_mode) &&
            (is_staged(od, name) ||
             ((od->opt.flags & CLI_OUTDIR_REPORT) &&
              in_list(name, od->opt.known, od->opt.n_known)) ||
             (lstat(now, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino))) {
            left += unlink(old) != 0;
            continue;
        }
        left += renameat2(AT_FDCWD, old, AT_FDCWD, now, RENAME_NOREPLACE) != 0;
    }
    if (d != NULL)
        closedir(d);
    if (left > 0 || rmdir(od->stage) != 0)
        fprintf(stderr, _("%s: warning: the earlier %s is left in %s\n"), od->program,
                od->dir, od->stage);
    od->stage[0] = '\0';
}

static void
set_mode(const cli_outdir *od)
{
    struct stat st;

    if (!od->fresh && stat(od->real, &st) == 0) {
        chmod(od->stage, st.st_mode & 07777);
        if (geteuid() == 0 && chown(od->stage, st.st_uid, st.st_gid) != 0)
            fprintf(stderr, _("%s: warning: cannot give %s its owner back: %s\n"), od->program,
                    od->dir, strerror(errno));
    } else {
        const mode_t mask = umask(0);
        umask(mask);
        chmod(od->stage, 0777 & ~mask); /* as mkdir(DIR, 0777) would; mkdtemp gives 0700 */
    }
}

int
cli_outdir_commit(cli_outdir *od)
{
    struct stat st;
    int err;

    if (od->stage[0] == '\0')
        return CLI_EXIT_DATA;
    if (lstat(od->real, &st) != 0 && errno == ENOENT) {
        set_mode(od);
        sig_phase = PHASE_SWAPPING;
        if (renameat2(AT_FDCWD, od->stage, AT_FDCWD, od->real, RENAME_NOREPLACE) == 0) {
            od->stage[0] = '\0';
            swap_done(PHASE_NONE);
            return CLI_EXIT_OK;
        }
        err = errno;
        swap_done(PHASE_STAGING);
        if (err == EINVAL && lstat(od->real, &st) != 0) { /* no RENAME_NOREPLACE here */
            /* rename() replaces only an empty directory made meanwhile: nothing is lost */
            if (rename(od->stage, od->real) == 0) {
                od->stage[0] = '\0';
                sig_phase = PHASE_NONE;
                return CLI_EXIT_OK;
            }
            err = errno;
        }
        if (err != EEXIST && err != ENOTEMPTY) {
            fprintf(stderr, _("%s: cannot rename %s to it: %s\n"), od->dir, od->stage,
                    strerror(err));
            cli_outdir_abort(od);
            return CLI_EXIT_DATA;
        }
    }
    if (od->fresh && (od->opt.flags & CLI_OUTDIR_REPORT)) {
        /* a report directory made by someone else since the start is theirs */
        fprintf(stderr,
                _("%s: appeared while this run was working (another run?): not "
                  "replaced\n"),
                od->dir);
        cli_outdir_abort(od);
        return CLI_EXIT_DATA;
    }
    od->fresh = 0; /* a shared DIR made meanwhile is replaced as any existing one */
    if (lstat(od->real, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, _("%s: not a directory\n"), od->dir);
        cli_outdir_abort(od);
        return CLI_EXIT_DATA;
    }
    /* the checks of the start again, on DIR as it is now */
    if (((od->opt.flags & CLI_OUTDIR_REPORT) && check_report(od) != CLI_EXIT_OK) ||
        check_earlier(od) != CLI_EXIT_OK || check_inputs(od) != CLI_EXIT_OK ||
        check_subdirs(od) != CLI_EXIT_OK || carry(od) != CLI_EXIT_OK) {
        cli_outdir_abort(od);
        return CLI_EXIT_DATA;
    }
    set_mode(od);
    sig_phase = PHASE_SWAPPING;
    if (renameat2(AT_FDCWD, od->stage, AT_FDCWD, od->real, RENAME_EXCHANGE) == 0) {
        sweep(od);
        swap_done(PHASE_NONE);
        return CLI_EXIT_OK;
    }
    err = errno;
    swap_done(PHASE_STAGING);
    if (err == EINVAL || err == ENOSYS || err == EOPNOTSUPP)
        fprintf(stderr,
                _("%s: this file system cannot exchange two directories in one step "
                  "(renameat2 RENAME_EXCHANGE): give a new output directory\n"),
                od->dir);
    else
        fprintf(stderr, _("%s: cannot exchange %s with it: %s\n"), od->dir, od->stage,
                strerror(err));
    cli_outdir_abort(od);
    return CLI_EXIT_DATA;
}
