/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "outdir.h"

int
cli_outdir_begin(cli_outdir *od, const char *program, const char *dir)
{
    struct stat st;
    int n;

    memset(od, 0, sizeof *od);
    od->program = program;
    od->dir = dir;
    if (stat(dir, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            fprintf(stderr, "%s: not a directory\n", dir);
            return CLI_EXIT_DATA;
        }
        n = snprintf(od->stage, sizeof od->stage, "%s/%s.tmp-XXXXXX", dir, program);
    } else if (errno == ENOENT) {
        od->fresh = 1;
        n = snprintf(od->stage, sizeof od->stage, "%s.tmp-XXXXXX", dir);
    } else {
        fprintf(stderr, "%s: cannot use it as the output directory: %s\n", dir, strerror(errno));
        return CLI_EXIT_DATA;
    }
    if (n < 0 || (size_t)n >= sizeof od->stage) {
        fprintf(stderr, "%s: the name is too long\n", dir);
        return CLI_EXIT_DATA;
    }
    if (mkdtemp(od->stage) == NULL) {
        fprintf(stderr, "%s: cannot create a directory %s it: %s\n", dir,
                od->fresh ? "beside" : "in", strerror(errno));
        od->stage[0] = '\0';
        return CLI_EXIT_DATA;
    }
    return CLI_EXIT_OK;
}

const char *
cli_outdir_path(cli_outdir *od, const char *name)
{
    if (od->n_files == CLI_OUTDIR_MAX_FILES || strlen(name) >= sizeof od->names[0])
        return NULL;
    snprintf(od->names[od->n_files++], sizeof od->names[0], "%s", name);
    snprintf(od->path, sizeof od->path, "%s/%s", od->stage, name);
    return od->path;
}

void
cli_outdir_print_diag(const cli_outdir *od, const ccap_diag *diag)
{
    ccap_diag shown = *diag;
    const size_t n = strlen(od->stage);

    if (n > 0 && strncmp(diag->file, od->stage, n) == 0 && diag->file[n] == '/')
        snprintf(shown.file, sizeof shown.file, "%s%s", od->dir, diag->file + n);
    cli_print_diag(&shown);
}

/* Remove the staging directory with the plain files in it; 0 on success. */
static int
remove_stage(cli_outdir *od)
{
    DIR *d;
    struct dirent *e;
    char path[4096 + 256];
    int status = 0;

    if (od->stage[0] == '\0')
        return 0;
    if ((d = opendir(od->stage)) == NULL)
        return -1;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", od->stage, e->d_name);
        if (unlink(path) != 0)
            status = -1;
    }
    closedir(d);
    if (status == 0 && rmdir(od->stage) != 0)
        status = -1;
    if (status != 0)
        fprintf(stderr, "%s: cannot remove %s: %s\n", od->program, od->stage, strerror(errno));
    od->stage[0] = '\0';
    return status;
}

void
cli_outdir_abort(cli_outdir *od)
{
    if (od->stage[0] == '\0')
        return;
    remove_stage(od);
    if (od->fresh)
        fprintf(stderr, "%s: %s was not created\n", od->program, od->dir);
    else
        fprintf(stderr, "%s: no file in %s was replaced\n", od->program, od->dir);
}

int
cli_outdir_commit(cli_outdir *od)
{
    char from[4096 + 64], to[4096 + 64];
    struct stat st;
    size_t i;

    if (od->fresh) {
        const mode_t mask = umask(0);

        umask(mask);
        chmod(od->stage, 0777 & ~mask); /* as mkdir(DIR, 0777) would; mkdtemp gives 0700 */
        if (rename(od->stage, od->dir) != 0) {
            fprintf(stderr, "%s: cannot rename %s to it: %s\n", od->dir, od->stage,
                    strerror(errno));
            cli_outdir_abort(od);
            return CLI_EXIT_DATA;
        }
        od->stage[0] = '\0';
        return CLI_EXIT_OK;
    }
    /* refuse before the first rename what would stop a later one */
    for (i = 0; i < od->n_files; i++) {
        snprintf(to, sizeof to, "%s/%s", od->dir, od->names[i]);
        if (lstat(to, &st) == 0 && S_ISDIR(st.st_mode)) {
            fprintf(stderr, "%s: is a directory, not replaced by a file\n", to);
            cli_outdir_abort(od);
            return CLI_EXIT_DATA;
        }
    }
    for (i = 0; i < od->n_files; i++) {
        snprintf(from, sizeof from, "%s/%s", od->stage, od->names[i]);
        snprintf(to, sizeof to, "%s/%s", od->dir, od->names[i]);
        if (rename(from, to) != 0) {
            fprintf(stderr, "%s: cannot move %s to it: %s\n", to, from, strerror(errno));
            if (i > 0)
                fprintf(stderr, "%s: only the first %zu of %zu files were replaced\n",
                        od->program, i, od->n_files);
            remove_stage(od);
            return CLI_EXIT_DATA;
        }
    }
    return remove_stage(od) == 0 ? CLI_EXIT_OK : CLI_EXIT_DATA;
}
