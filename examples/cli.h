/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CCAP_CLI_H
#define CCAP_CLI_H

/*
 * Small helpers shared by the ccap programs: messages, number formatting and
 * alignment of UTF-8 text in terminal columns.  Not part of libccap.
 */

#include <stddef.h>
#include <stdio.h>

#include <ccap/ccap.h>

#include "i18n.h"

/* Exit codes of every program. */
enum { CLI_EXIT_OK = 0, CLI_EXIT_DATA = 1, CLI_EXIT_USAGE = 2 };

/* The language of the program's own text (messages, summaries, reports, charts): English, or
 * Simplified Chinese through the gettext catalogue of text domain "ccap" (po/zh_CN.po).
 * Call first in main, before any output: the choice is `--lang en|zh` (or `--lang=...`)
 * anywhere in argv before "--", else the environment as gettext reads it (LANGUAGE, then
 * the first set of LC_ALL, LC_MESSAGES and LANG; Chinese when it starts with "zh"; English
 * when that locale is "C" or "POSIX", whatever LANGUAGE says).  Chinese needs no generated
 * zh_CN locale: LC_MESSAGES falls back to C.UTF-8 (built into glibc) and LANGUAGE is set
 * to zh_CN.  Only LC_MESSAGES changes: numbers stay as the C locale writes them.  The
 * catalogue is looked up in $CCAP_LOCALEDIR when set (the tests run from the build tree),
 * else in the installed LOCALEDIR; without it, or built without NLS, the text is English
 * (a warning when --lang zh asked for Chinese).
 * Output follows the character set of the environment's locale (LC_ALL, LC_CTYPE, LANG),
 * in either language: the programs' text is UTF-8 (theirs, the catalogue's, strerror's and
 * the names read from files), and when that locale is another character set (e.g.
 * zh_CN.GB18030 or zh_CN.GBK) stdout and stderr are replaced by streams that convert it
 * on output (glibc: fopencookie and iconv).  Files written stay UTF-8.
 * Returns CLI_EXIT_USAGE on an unknown language after a usage error, else CLI_EXIT_OK. */
int cli_i18n_init(const char *program, int argc, char **argv);
/* 1 when the program's text is Chinese (cli_i18n_init() chose it and found the catalogue). */
int cli_lang_zh(void);
/* The value of --lang, checked again by the option parser: CLI_EXIT_USAGE unless en or zh. */
int cli_check_lang(const char *program, const char *name);

/* A large count as Chinese reports write it in running text: below 10,000 the whole number
 * with separators ("3,626"); from 10,000 in 万 (ten thousands) and from 10^8 in 亿 (hundred
 * millions) with 3 or 4 significant digits ("3.86万", "34.4万", "971.3万", "7266万",
 * "4.67亿").  English text uses cli_format_count() instead.  NaN gives "-".  buf should
 * hold 32 bytes. */
const char *cli_format_wan(double value, char *buf, size_t size);

/* In Chinese (cli_lang_zh()), the message of a library diagnostic in Chinese when the
 * catalogue translates its template (cli.c lists the library's reader messages that the
 * programs translate: the parts that vary, such as a value or a code, are kept); else, and
 * in English, left as it is.  The place (file, line, field) never changes. */
void cli_diag_translate(ccap_diag *diag);
/* msg, a message of the library that is not in a ccap_diag (e.g. a relation of
 * ccap_margins_check()), in the language of the program (as cli_diag_translate()), into buf
 * of size bytes. */
void cli_translate_message(const char *msg, char *buf, size_t size);
/* ccap_strerror(status) in the language of the program; the text is overwritten by the next
 * call. */
const char *cli_strerror(int status);
/* Template i of the library's messages that cli_diag_translate() knows (a printf format, as
 * the catalogue's msgid), in the order they are tried; NULL when i is past the last. */
const char *cli_diag_template(size_t i);
/* The index of the first template that matches message (its conversions standing for any
 * text), or -1 when none does. */
long cli_diag_template_find(const char *message);
/* Print a library diagnostic as "FILE:LINE: field: message" on stderr, its message in the
 * language of the program (cli_diag_translate()). */
void cli_print_diag(const ccap_diag *diag);
/* The reading options of every input file: the encoding of --encoding (default auto). */
const ccap_read_options *cli_read_options(void);
/* Set the encoding from --encoding NAME (auto, utf-8, gb18030); CLI_EXIT_USAGE if unknown. */
int cli_set_encoding(const char *program, const char *name);
/* The options every program reads the same way, as getopt_long returns them: 'E'
 * (--encoding NAME, cli_set_encoding) and 'L' (--lang en|zh, cli_check_lang).
 * CLI_EXIT_OK, or CLI_EXIT_USAGE after a message. */
int cli_shared_option(const char *program, int opt, const char *arg);

/* getopt_long's value for --force (long only), in every program that writes an output
 * directory: files of an earlier run in it may be replaced (CLI_OUTDIR_FORCE). */
#define CLI_OPT_FORCE 0x1F0

/** The entries of a getopt_long table (struct option, <getopt.h>) for a program that writes
 * its output where --out says (a directory; ccap-base: a file): --out ('o'; "o:" among the
 * short options gives -o) and --force (CLI_OPT_FORCE, long only: what an earlier run wrote
 * there may be replaced). */
#define CLI_LONG_OPTIONS_OUTDIR                                                                    \
    {"out", required_argument, NULL, 'o'},                                                         \
    {                                                                                              \
        "force", no_argument, NULL, CLI_OPT_FORCE                                                  \
    }

/** The last entries of every program's getopt_long table, the options that
 * cli_common_option() handles in the default branch of its switch: --encoding NAME ('E'),
 * --lang en|zh ('L'), --help ('h'), --version ('V'), then the terminator {NULL, 0, NULL, 0}.
 * The program calls cli_i18n_init() first (it reads --lang before the options are parsed)
 * and lists --encoding and --lang in its --help and man page. */
#define CLI_LONG_OPTIONS_COMMON                                                                    \
    {"encoding", required_argument, NULL, 'E'}, {"lang", required_argument, NULL, 'L'},            \
        {"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, 'V'},                     \
    {                                                                                              \
        NULL, 0, NULL, 0                                                                           \
    }

/* The options every program's getopt switch shares, for its default branch: 'E' and 'L'
 * (cli_shared_option()), 'h' (--help: usage() on stdout), 'V' (--version), ':' (an option
 * without its value) and anything else (an unknown option, a usage error naming it).
 * Returns CLI_EXIT_OK to go on parsing, else the exit status; *stop is set when the program
 * is done (--help and --version, status CLI_EXIT_OK unless stdout failed). */
int cli_common_option(const char *program, int opt, char **argv, void (*usage)(void), int *stop);
/* A reader's status, passed through; a warning it left on success (e.g. a file read as
 * GB18030) is printed on stderr as "warning: FILE: message". */
int cli_read(int status, const ccap_diag *diag);

/* Set a number setting of a scenario from a command-line option (ccap_scenario_set_number());
 * prints "PROGRAM: key: message" and returns CLI_EXIT_DATA when refused. */
int cli_scenario_number(const char *program, ccap_scenario *sc, const char *key, double value);

/* A number setting of a scenario (ccap_scenario_get_number()); NaN for a key that is not one. */
double cli_scenario_get(const ccap_scenario *sc, const char *key);

/* An option's value as a whole number in [lo, hi], or a usage error
 * "PROGRAM: OPT: 'TEXT' is not a whole number from LO to HI" (returns CLI_EXIT_USAGE). */
int cli_parse_long(const char *program, const char *opt, const char *text, long lo, long hi,
                   long *out);

/* An option's value as a finite number in [lo, hi], or a usage error (CLI_EXIT_USAGE). */
/* A year from CCAP_YEAR_MIN to CCAP_YEAR_MAX for option OPT; prints a usage error
 * ("OPT: 'TEXT' is not a year from 1700 to 2300") and returns CLI_EXIT_USAGE when it is not. */
int cli_parse_year(const char *program, const char *opt, const char *text, int *year_out);

int cli_parse_double(const char *program, const char *opt, const char *text, double lo, double hi,
                     double *out);

/* Standard output in one buffer large enough for a program's help: a failed write (a full
 * disk) is then caught by the final flush with its reason (cli_close_stdout()).  Call it
 * before anything is written to standard output. */
void cli_stdout_buffered(void);

/* Who pays (budget.csv of ccap-gap and ccap-plan) before any option: no fee, no operating
 * subsidy, the national childcare subsidy (育儿补贴) for every child under 3; the occupancy
 * and inclusive share are the plan's (ccap_plan_budget()). */
#define CLI_PAYER_PARAMS_INIT                                                                      \
    {                                                                                              \
        0.0, 0.0, CCAP_PAYERS_CHILDCARE_SUBSIDY_CNY, 1.0, 0.8, 0.0                                 \
    }

/* The payer options --fee, --operating-subsidy and --registered-share: opt is the option as
 * typed ("--fee"), text its value, put into pay.  CLI_EXIT_OK, or CLI_EXIT_USAGE with a
 * usage error printed (a value out of range, an option that is none of these). */
int cli_parse_payer(const char *program, const char *opt, const char *text, ccap_payer_params *pay);

/** The entries of a getopt_long table for the payer and running-cost options
 * (cli_parse_payer(), cli_parse_running()): --fee ('e'), --operating-subsidy ('g'),
 * --registered-share ('G'), --carer-wage ('W'), --health-wage ('H'), --rent ('P') and
 * --other-running ('Q'), long only. */
#define CLI_LONG_OPTIONS_PAYERS                                                                    \
    {"fee", required_argument, NULL, 'e'}, {"operating-subsidy", required_argument, NULL, 'g'},    \
        {"registered-share", required_argument, NULL, 'G'},                                        \
        {"carer-wage", required_argument, NULL, 'W'},                                              \
        {"health-wage", required_argument, NULL, 'H'}, {"rent", required_argument, NULL, 'P'},     \
    {                                                                                              \
        "other-running", required_argument, NULL, 'Q'                                              \
    }

/* The running-cost options --carer-wage, --health-wage, --rent and --other-running (yuan a
 * month per carer and health worker, per m² a month, per slot a year): opt as typed, text its
 * value, put into run and *given set.  CLI_EXIT_OK, or CLI_EXIT_USAGE with a usage error
 * printed.  The plan then builds the running cost from the staff and space of its slots
 * (ccap_plan_inputs.running) in place of the costs file's. */
int cli_parse_running(const char *program, const char *opt, const char *text,
                      ccap_running_cost_params *run, int *given);

/* Print "PROGRAM: message" on stderr, then "Try 'PROGRAM --help'."; returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *program, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The one year of margins to use: `wanted`, or the only year the file holds (CCAP_YEAR_ANY).
 * Prints "PATH: ..." on stderr and returns CLI_EXIT_DATA when there are several or none. */
int cli_margins_year(const ccap_margins *margins, int wanted, const char *path, int *year_out);

/* The place of margin i of the file at path: "PATH:LINE" when its line is known, else
 * "PATH". */
void cli_margin_place(const char *path, const ccap_margins *margins, size_t i, char *buf,
                      size_t size);

/* What ccap_margins_reconcile() did (its report, NULL: nothing), on stderr: when a relation
 * disagrees, every such relation, each "PATH:LINE: text" in full (the library's message
 * names only the first, and may be cut at CCAP_DIAG_MESSAGE_MAX); else a warning for each
 * relation reconciled and each figure changed, published and used. */
void cli_print_reconciliation(const ccap_regions *regions, const ccap_margins *margins,
                              const char *path, const ccap_margins_report *report);

/* The end of every program's output: flush standard output and check that everything
 * printed on it was written.  CLI_EXIT_OK, or CLI_EXIT_DATA after
 * "PROGRAM: standard output: cannot write: REASON" on stderr (a full disk, /dev/full, a
 * file-size limit), so that a lost report never ends with a success. */
int cli_close_stdout(const char *program);

/* Print "PROGRAM VERSION (libccap VERSION)" and the licence line on stdout. */
void cli_print_version(const char *program);

/* Format a count of persons rounded to a whole number with thousands separators
 * ("9,713,112").  NaN gives "-".  buf should hold 32 bytes. */
const char *cli_format_count(double value, char *buf, size_t size);

/* Number of terminal columns that UTF-8 text takes (East Asian wide characters count 2). */
size_t cli_display_width(const char *text);

/* Write text into an HTML page with <, >, & and " escaped. */
void cli_html_text(FILE *fp, const char *text);

/* Print text left-aligned (right = 0) or right-aligned (right = 1) in width columns. */
void cli_print_padded(FILE *fp, const char *text, size_t width, int right);

/* Where the programs' bundled data lives.  An installed program uses INSTALLED (a directory
 * under the install prefix).  A program run from its build tree finds the build's own copy:
 * first the environment variable ENV (set by meson test and meson devenv), else the file
 * ccap-uninstalled.ini beside the executable, which the build writes and never installs,
 * whose line KEY=DIR names it.  No path of the source or build tree is compiled in.
 * The directory goes into buf (size bytes); returns buf. */
const char *cli_data_dir(const char *env, const char *key, const char *installed, char *buf,
                         size_t size);

/* Progress of a long run on stderr, only when stderr is a terminal: one line rewritten in
 * place, "\rPROGRAM: TEXT, about N s left", from the first second of the run on (a short run
 * shows nothing), at most ten times a second and when done reaches all.
 * cli_progress_start() when the run starts; cli_progress_show() as it goes (done of all
 * units, for the time left); cli_progress_end() ends the line if one was shown. */
typedef struct cli_progress {
    const char *program;
    int on, shown;
    double start, last; /* seconds, monotonic clock: the start, the last line shown */
} cli_progress;
void cli_progress_start(cli_progress *pr, const char *program);
void cli_progress_show(cli_progress *pr, const char *text, double done, double all);
void cli_progress_end(cli_progress *pr);
/* The progress callback of a Monte Carlo run (ccap_uncertainty_params.progress, ctx a
 * cli_progress): "DONE of TOTAL trajectories". */
void cli_progress_trajectories(void *ctx, size_t done, size_t total);

#endif /* CCAP_CLI_H */
