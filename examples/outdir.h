/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_OUTDIR_H
#define CCAP_OUTDIR_H

/*
 * The files of one run, replaced all together or not at all.  Not part of libccap.
 *
 * Each file is written (by the library's writers, themselves atomic) into a staging
 * directory; when every file is complete they are moved into the output directory.
 *   - DIR does not exist: the staging directory is DIR.tmp-XXXXXX beside it, renamed to DIR
 *     at the end.  A run that fails creates nothing.
 *   - DIR exists: the staging directory is DIR/PROGRAM.tmp-XXXXXX (same file system), and
 *     the files are renamed into DIR one by one at the end.  Renames write no data, so a
 *     full disk or a write error cannot stop them half-way; a target name that is a
 *     directory is refused before the first rename.  Other files in DIR are left alone.
 * On failure the staging directory is removed and DIR is as it was.
 */

#include <stddef.h>

#include <ccap/ccap.h>

#define CLI_OUTDIR_MAX_FILES 8

typedef struct cli_outdir {
    const char *program;
    const char *dir;                         /* as given by the user */
    char stage[4096];                        /* the staging directory */
    int fresh;                               /* DIR did not exist */
    size_t n_files;
    char names[CLI_OUTDIR_MAX_FILES][64];    /* the files staged, in order */
    char path[4096 + 64];                    /* the last path given out */
} cli_outdir;

/* Create the staging directory for output directory `dir`.  On failure prints
 * "DIR: cannot ...: reason" and returns CLI_EXIT_DATA; nothing is created. */
int cli_outdir_begin(cli_outdir *od, const char *program, const char *dir);

/* The path to write file `name` to (valid until the next call); NULL if the name is too long
 * or there are too many files. */
const char *cli_outdir_path(cli_outdir *od, const char *name);

/* Print a writer's diagnostic naming the file as DIR/NAME rather than its staged path. */
void cli_outdir_print_diag(const cli_outdir *od, const ccap_diag *diag);

/* Move every staged file into DIR.  On failure prints why and what was kept, removes the
 * staging directory and returns CLI_EXIT_DATA. */
int cli_outdir_commit(cli_outdir *od);

/* Remove the staging directory and everything in it; say that DIR was left as it was. */
void cli_outdir_abort(cli_outdir *od);

#endif /* CCAP_OUTDIR_H */
