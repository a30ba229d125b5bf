/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_OUTDIR_H
#define CCAP_OUTDIR_H

/*
 * The files of one run, replaced all together or not at all.  Not part of libccap.
 *
 * Every file of a run is written (by the library's writers, themselves atomic) into a
 * staging directory DIR.tmp-ccap-PID-XXXXXX beside the output directory DIR, on the same file
 * system.  When every file is complete, the staging directory takes DIR's place in one
 * rename, so that DIR always holds either the complete earlier set or the complete new one:
 *   - DIR does not exist: the staging directory is renamed to DIR, unless DIR appeared
 *     while the run was working (renameat2 RENAME_NOREPLACE).
 *   - DIR exists: first every file in DIR that the run does not replace is linked into
 *     the staging directory (a hard link: the same file, no copy), then the two
 *     directories are exchanged (renameat2 RENAME_EXCHANGE) and the earlier set, now under
 *     the staging name, is removed.  Nothing but the run's own files changes.  A DIR that
 *     holds a sub-directory is refused: it could not come along in the same rename.
 * An existing shared DIR that holds a file of the run's names (an earlier run's output)
 * is replaced only with CLI_OUTDIR_FORCE, so that a second run never takes a user's file
 * silently.  A report directory (CLI_OUTDIR_REPORT) that exists is replaced only with
 * CLI_OUTDIR_FORCE and only when it is recognisably an earlier report (it holds the
 * required files); the files of the earlier report (the known names) are not carried.
 * Refused before anything is written: a DIR that is not a directory, the current
 * directory, a mount point; refused before anything is replaced: an output that is one of
 * the run's inputs.  A run that fails, or is stopped by SIGINT, SIGTERM, SIGHUP or
 * SIGPIPE, removes its staging directory and leaves DIR as it was; a run killed outright
 * (SIGKILL, a power cut) leaves it behind (DIR holding the complete earlier or new set),
 * and the next run into the same DIR removes it, saying so.
 */

#include <stddef.h>

#include <ccap/ccap.h>

#define CLI_OUTDIR_MAX_FILES 32
#define CLI_OUTDIR_MAX_INPUTS 16

enum {
    CLI_OUTDIR_REPORT = 1 << 0, /* an existing DIR needs FORCE and must be a report */
    CLI_OUTDIR_FORCE = 1 << 1   /* files of the run's names in DIR may be replaced; with
                                   CLI_OUTDIR_REPORT, an earlier report may be replaced */
};

typedef struct cli_outdir_options {
    unsigned flags;               /* CLI_OUTDIR_* */
    const char *const *known;     /* the names of the files the program may write, checked
                                     against the inputs before the run; with
                                     CLI_OUTDIR_REPORT, an earlier report's files, which
                                     are not carried into the new one */
    size_t n_known;
    const char *const *required;  /* CLI_OUTDIR_REPORT: the files every report holds */
    size_t n_required;
    const char *const *inputs;    /* the run's input files (NULL entries skipped; the list
                                     is copied, the names must outlive the run) */
    size_t n_inputs;              /* at most CLI_OUTDIR_MAX_INPUTS */
} cli_outdir_options;

typedef struct cli_outdir {
    const char *program;
    cli_outdir_options opt;
    const char *inputs[CLI_OUTDIR_MAX_INPUTS]; /* opt.inputs points here */
    char dir[4096];                          /* as given, without trailing slashes */
    char real[4096];                         /* DIR with a symbolic link resolved */
    char stage[4096];                        /* the staging directory; "" when none */
    int fresh;                               /* DIR did not exist at the start */
    size_t n_files;
    char names[CLI_OUTDIR_MAX_FILES][64];    /* the files staged, in order */
    char path[4096 + 64];                    /* the last path given out */
} cli_outdir;

/* Check output directory `dir` against `opt` (NULL: a shared directory with no inputs
 * named), put right what interrupted runs left beside it, and create the staging
 * directory.  On failure prints "DIR: why" and returns CLI_EXIT_DATA (CLI_EXIT_USAGE for
 * an existing report without CLI_OUTDIR_FORCE, and for a name that cannot be an output
 * directory); nothing is created. */
int cli_outdir_begin(cli_outdir *od, const char *program, const char *dir,
                     const cli_outdir_options *opt);

/* The staging directory, where files may also be written directly (with names that the
 * run then passes to cli_outdir_path() or that CLI_OUTDIR_REPORT's known names hold). */
const char *cli_outdir_stage(const cli_outdir *od);

/* The path to write file `name` to (valid until the next call); NULL if the name is too long
 * or there are too many files. */
const char *cli_outdir_path(cli_outdir *od, const char *name);

/* Print a writer's diagnostic naming the file as DIR/NAME rather than its staged path. */
void cli_outdir_print_diag(const cli_outdir *od, const ccap_diag *diag);

/* Put the staged files in DIR's place.  On failure prints why, removes the staging
 * directory, says that DIR was left as it was and returns CLI_EXIT_DATA. */
int cli_outdir_commit(cli_outdir *od);

/* Remove the staging directory and everything in it; say that DIR was left as it was. */
void cli_outdir_abort(cli_outdir *od);

/* 1 when paths a and b name the same file (both exist and are one inode, or neither exists
 * and both name the same entry of the same directory), else 0. */
int cli_same_file(const char *a, const char *b);

/* An output that is one of the run's inputs would destroy it: prints "PROGRAM: OUTPUT:
 * would replace INPUT, an input of this run" and returns CLI_EXIT_USAGE when `output`
 * names the same file as one of `inputs` (NULL entries skipped); else CLI_EXIT_OK. */
int cli_output_not_input(const char *program, const char *output, const char *const inputs[],
                         size_t n_inputs);

/* A single output file that exists already (an earlier run's, or the user's) is replaced
 * only with --force: prints "PROGRAM: OUTPUT exists: give --force to replace it, or another
 * OPTION" and returns CLI_EXIT_USAGE when `output` exists and `force` is 0; else
 * CLI_EXIT_OK. */
int cli_output_new(const char *program, const char *output, const char *option, int force);

#endif /* CCAP_OUTDIR_H */
