/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE /* fopencookie; setenv */

#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__GLIBC__)
#include <getopt.h>
#include <iconv.h>
#include <langinfo.h>
#include <unistd.h>
#define CLI_RECODE 1
#endif

#include "cli.h"

/* The programs run single-threaded: the language is chosen once, at the start of main. */
static int lang_zh;

int
cli_check_lang(const char *program, const char *name)
{
    if (strcmp(name, "en") == 0 || strcmp(name, "zh") == 0)
        return CLI_EXIT_OK;
    return cli_usage_error(program, _("--lang: '%s' is not en or zh"), name);
}

/* Chinese as gettext would choose it: the locale of messages is the first set of LC_ALL,
 * LC_MESSAGES and LANG; "C" or "POSIX" means English (GNU gettext then ignores LANGUAGE),
 * else LANGUAGE when set, else that locale; Chinese when it starts with "zh". */
static int
environment_says_zh(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    const char *locale = NULL, *language = getenv("LANGUAGE");
    size_t i;

    for (i = 0; i < sizeof vars / sizeof vars[0] && locale == NULL; i++) {
        const char *v = getenv(vars[i]);
        if (v != NULL && v[0] != '\0')
            locale = v;
    }
    if (locale != NULL && (strcmp(locale, "C") == 0 || strcmp(locale, "POSIX") == 0))
        return 0;
    if (language != NULL && language[0] != '\0')
        return strncmp(language, "zh", 2) == 0;
    return locale != NULL && strncmp(locale, "zh", 2) == 0;
}

#ifdef CLI_RECODE
/* Standard output and error in the character set of the locale (see cli_i18n_init()): the
 * programs print UTF-8 (their text, the catalogue's and the names read from files), which
 * a stream of fopencookie() converts with iconv as it is written to the file descriptor. */
typedef struct recode {
    iconv_t cd;
    int fd;
    char pending[4]; /* the start of a character split between two writes */
    size_t n_pending;
} recode;

/* Write all of buf to the descriptor; -1 with errno on failure. */
static int
write_all(int fd, const char *buf, size_t size)
{
    while (size > 0) {
        const ssize_t n = write(fd, buf, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        buf += n;
        size -= (size_t)n;
    }
    return 0;
}

/* Convert *in (of *left bytes) as far as it goes.  Bytes that are not UTF-8 (e.g. a file
 * name given in the locale's own character set) are written as they are; a character
 * split at the end is left in *in.  0, or -1 with errno when the descriptor fails. */
static int
recode_some(recode *r, char **in, size_t *left)
{
    char out[1024], *o;
    size_t room;

    while (*left > 0) {
        size_t done;
        int err;

        o = out;
        room = sizeof out;
        done = iconv(r->cd, in, left, &o, &room);
        err = errno;
        if (write_all(r->fd, out, (size_t)(o - out)) != 0)
            return -1;
        if (done != (size_t)-1 || err == E2BIG)
            continue;
        if (err == EINVAL) /* an incomplete character at the end */
            return 0;
        if (write_all(r->fd, *in, 1) != 0) /* EILSEQ: not UTF-8, passed through */
            return -1;
        ++*in;
        --*left;
    }
    return 0;
}

static ssize_t
recode_write(void *cookie, const char *buf, size_t size)
{
    recode *r = cookie;
    char *in = (char *)(uintptr_t)buf; /* iconv() takes char **; it only reads the input */
    size_t left = size;

    /* first complete a character begun by the last write, one byte at a time */
    while (r->n_pending > 0 && left > 0) {
        char *p = r->pending;
        size_t n;

        r->pending[r->n_pending++] = *in++;
        left--;
        n = r->n_pending;
        if (recode_some(r, &p, &n) != 0)
            return -1;
        memmove(r->pending, p, n);
        r->n_pending = n;
        if (n == sizeof r->pending) { /* not a character after all: as it was */
            if (write_all(r->fd, r->pending, n) != 0)
                return -1;
            r->n_pending = 0;
        }
    }
    if (recode_some(r, &in, &left) != 0)
        return -1;
    if (left > 0) { /* at most 3 bytes: the start of a character */
        memcpy(r->pending, in, left);
        r->n_pending = left;
    }
    return (ssize_t)size;
}

static int
recode_close(void *cookie)
{
    recode *r = cookie;

    iconv_close(r->cd);
    free(r);
    return 0;
}

/* The converting streams and the C library's own that they stand in for. */
static FILE *recode_streams[2][2];

/* At exit: the converting streams flushed, closed and freed, the C library's back. */
static void
recode_end(void)
{
    if (recode_streams[0][0] != NULL) {
        stdout = recode_streams[0][1];
        fclose(recode_streams[0][0]);
        recode_streams[0][0] = NULL;
    }
    if (recode_streams[1][0] != NULL) {
        stderr = recode_streams[1][1];
        fclose(recode_streams[1][0]);
        recode_streams[1][0] = NULL;
    }
}

/* Replace *stream (stdout or stderr, on descriptor fd) by one that converts UTF-8 to
 * codeset as it writes; the stream is left as it was when that cannot be done. */
static void
recode_stream(FILE **stream, int fd, const char *codeset, int mode)
{
    static const cookie_io_functions_t io = {NULL, recode_write, NULL, recode_close};
    char target[64];
    recode *r = calloc(1, sizeof *r);
    FILE *fp;

    snprintf(target, sizeof target, "%s//TRANSLIT", codeset);
    if (r == NULL || (r->cd = iconv_open(target, "UTF-8")) == (iconv_t)-1) {
        free(r);
        return;
    }
    r->fd = fd;
    if ((fp = fopencookie(r, "w", io)) == NULL) {
        iconv_close(r->cd);
        free(r);
        return;
    }
    setvbuf(fp, NULL, mode, BUFSIZ);
    fflush(*stream);
    /* the C library's own stays open, unused, until recode_end() puts it back */
    recode_streams[fd == STDOUT_FILENO ? 0 : 1][0] = fp;
    recode_streams[fd == STDOUT_FILENO ? 0 : 1][1] = *stream;
    *stream = fp;
}

/* Output in the locale's character set when that is not UTF-8 (GB18030, GBK): the locale
 * of LC_CTYPE that the environment names, looked at and left again, so that the program's
 * own stays C (setlocale rather than newlocale, which leaks its path under LOCPATH). */
static void
recode_output(void)
{
    char codeset[64];

    if (setlocale(LC_CTYPE, "") == NULL)
        return; /* that locale is not there: UTF-8 */
    snprintf(codeset, sizeof codeset, "%s", nl_langinfo(CODESET));
    setlocale(LC_CTYPE, "C");
    if (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "ANSI_X3.4-1968") == 0)
        return; /* UTF-8, or the C locale: bytes as they are, as always */
    if (atexit(recode_end) != 0)
        return; /* the streams could not be closed at exit: left as they are */
    recode_stream(&stdout, STDOUT_FILENO, codeset, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF);
    recode_stream(&stderr, STDERR_FILENO, codeset, _IONBF);
}
#endif

/* 1 when DIR holds the Chinese catalogue. */
static int
has_catalogue(const char *dir)
{
    char path[4096 + 64];
    FILE *fp;

    if ((size_t)snprintf(path, sizeof path, "%s/zh_CN/LC_MESSAGES/ccap.mo", dir) >= sizeof path ||
        (fp = fopen(path, "rb")) == NULL)
        return 0;
    fclose(fp);
    return 1;
}

/* Where the Chinese catalogue is: $CCAP_LOCALEDIR or the build tree's (cli_data_dir()), the
 * install prefix's, or share/locale beside the program's bin directory (a tree installed
 * under one prefix and moved, or unpacked elsewhere); the first that holds it, else the
 * one those name first (for the warning). */
static const char *
catalogue_dir(char *buf, size_t size)
{
    char exe[4096];
    ssize_t n;
    char *slash;

    cli_data_dir("CCAP_LOCALEDIR", "locale", LOCALEDIR, buf, size);
    if (has_catalogue(buf))
        return buf;
    if (has_catalogue(LOCALEDIR)) {
        snprintf(buf, size, "%s", LOCALEDIR);
        return buf;
    }
#ifdef CLI_RECODE
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0 && (size_t)n < sizeof exe - 1) {
        exe[n] = '\0';
        if ((slash = strrchr(exe, '/')) != NULL) {
            char beside[4096 + 32];
            size_t len;

            *slash = '\0';
            snprintf(beside, sizeof beside, "%s/../share/locale", exe);
            len = strlen(beside);
            if (has_catalogue(beside) && len < size) {
                memcpy(buf, beside, len + 1);
                return buf;
            }
        }
    }
#else
    (void)exe, (void)n, (void)slash;
#endif
    return buf;
}

int
cli_i18n_init(const char *program, int argc, char **argv)
{
    const char *want = NULL;
    int i;

#ifdef CLI_RECODE
    recode_output();
#endif

    for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            want = argv[++i];
        else if (strncmp(argv[i], "--lang=", 7) == 0)
            want = argv[i] + 7;
    }
    if (want != NULL && cli_check_lang(program, want) != CLI_EXIT_OK)
        return CLI_EXIT_USAGE;
    lang_zh = want != NULL ? strcmp(want, "zh") == 0 : environment_says_zh();
    if (!lang_zh)
        return CLI_EXIT_OK; /* English: the C locale, as before; gettext returns the msgids */
#ifdef CCAP_ENABLE_NLS
    {
        /* CCAP_LOCALEDIR, else the build tree's catalogue when run from it, else the
         * installed one, else the one beside the program (an install moved elsewhere) */
        static char locale_dir[4096];
        const char *dir = catalogue_dir(locale_dir, sizeof locale_dir);
        const char *loc = want != NULL ? NULL : setlocale(LC_MESSAGES, "");

        /* glibc ignores LANGUAGE when LC_MESSAGES is "C": use a UTF-8 locale that is there */
        if (loc == NULL || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0) {
            if (setlocale(LC_MESSAGES, "zh_CN.UTF-8") == NULL)
                setlocale(LC_MESSAGES, "C.UTF-8");
        }
        setenv("LANGUAGE", "zh_CN", 1);
        bindtextdomain("ccap", dir);
        /* the programs' text is UTF-8 whatever the locale (LC_CTYPE stays C): the catalogue's
         * and the C library's (strerror), converted once, on output, when the locale's
         * character set is another (recode_output()) */
        bind_textdomain_codeset("ccap", "UTF-8");
        bind_textdomain_codeset("libc", "UTF-8");
        textdomain("ccap");
        /* the empty msgid gives the catalogue's header, or "" when no catalogue was found
         * (a variable, so that xgettext does not take it for a text to translate) */
        static const char header[] = "";
        if (gettext(header)[0] != '\0')
            return CLI_EXIT_OK;
        lang_zh = 0;
        textdomain(NULL);
        if (want != NULL)
            fprintf(stderr, "%s: warning: no Chinese catalogue (ccap.mo) in %s: English output\n",
                    program, dir);
    }
#else
    lang_zh = 0;
    if (want != NULL)
        fprintf(stderr, "%s: warning: built without gettext (-Dnls): English output\n", program);
#endif
    return CLI_EXIT_OK;
}

int
cli_lang_zh(void)
{
    return lang_zh;
}

const char *
cli_format_wan(double value, char *buf, size_t size)
{
    const double a = fabs(value);
    double scaled;
    const char *unit;

    if (size == 0)
        return buf;
    if (isnan(value) || a < 1e4)
        return cli_format_count(value, buf, size);
    if (a < 9.9995e7) { /* below what rounds to 10000万 */
        scaled = value / 1e4;
        unit = "万";
    } else {
        scaled = value / 1e8;
        unit = "亿";
    }
    /* 2 decimals below 10, 1 below 1,000, none above; 9.999万 rounds to "10.0万" */
    if (fabs(scaled) < 9.995)
        snprintf(buf, size, "%.2f%s", scaled, unit);
    else if (fabs(scaled) < 999.95)
        snprintf(buf, size, "%.1f%s", scaled, unit);
    else
        snprintf(buf, size, "%.0f%s", scaled, unit);
    return buf;
}

/* The library's messages that the programs translate (its text is English for every program
 * that links it): each a printf template whose conversions stand for the parts of a message
 * that vary, matched against the message and rebuilt from the catalogue's translation with
 * the same parts in place.  A message that matches none stays English. */
static const char *const diag_templates[] = {
    N_("negative value %s"),
    N_("empty value"),
    N_("'%s' is not a number%s"),
    N_("'%s' is not a finite number"),
    N_("'%s' is not a whole year"),
    N_("year %s is outside %d-%d"),
    N_("unknown region code '%s' (not in the region table)"),
    N_("'%s' is not a sex; expected %s"),
    N_("'%s' is not a date of the form YYYY-MM-DD"),
    N_("'%s' is not a calendar date"),
    N_("duplicate code '%s' (first on line %lu)"),
    N_("column appears twice (columns %zu and %zu)"),
    N_("missing column; the header must name %s"),
    N_("cannot read: %s"),
    N_("'%s' is a name: give its code, %s (the region table's code column)"),
    N_("'%s' is the name of more than one region (%s, %s): give the code"),
    N_("row has %s fields but the header has %s"),
    N_("the file is empty: expected a header row"),
    N_("a quoted field is not closed before the end of the file"),
    N_("column %s of the header has no name"),
    N_("%s is not positive"),
    /* TRANSLATORS: the region's code, the year, the births, the TFR, the bounds */
    N_("%s %s: %s births need a total fertility rate of %s children per woman, outside [%s, "
       "%s], beyond any population on record: are they the births of this area and year, in "
       "persons?"),
    /* TRANSLATORS: the region's code, the year, the TFR, the bounds */
    N_("%s %s: the births need a total fertility rate of %s children per woman, outside [%s, "
       "%s]: check the births and the base's women"),
    /* TRANSLATORS: areas without a provider in reach, all areas, the minutes, the first's
       id, then its name in parentheses */
    N_("%s of %s areas reach no provider within %s minutes, the first '%s'%s"),
    /* TRANSLATORS: the region's code, its name, the year */
    N_("region '%s' (%s) has no slots at the end of %d to build on: add its rows to the "
       "slots file, or a row of 0"),
};

enum { DIAG_PARTS = 6 };

/* The end of the conversion that starts at the '%' of t (e.g. "%zu", "%2$s"), or t + 1. */
static const char *
conversion_end(const char *t)
{
    const char *e = t + 1;

    if (*e == '%')
        return e + 1;
    e += strspn(e, "0123456789$-+ #.lzhjt");
    return *e != '\0' ? e + 1 : e;
}

/* Match msg against template t: the parts that t's conversions stand for into parts (at most
 * DIAG_PARTS, each at most size bytes).  Each part runs to the first place where the
 * template's next literal text follows (to the end for the last).  1 when msg matches. */
static int
diag_match(const char *t, const char *msg, char parts[][CCAP_DIAG_MESSAGE_MAX], int *n)
{
    *n = 0;
    while (*t != '\0') {
        if (*t == '%' && t[1] != '%') {
            const char *next = conversion_end(t), *lit_end = strchr(next, '%');
            const size_t lit = lit_end != NULL ? (size_t)(lit_end - next) : strlen(next);
            const char *at;
            char literal[CCAP_DIAG_MESSAGE_MAX];

            if (*n == DIAG_PARTS || lit >= sizeof literal)
                return 0;
            memcpy(literal, next, lit);
            literal[lit] = '\0';
            at = lit == 0 ? (lit_end != NULL ? NULL : msg + strlen(msg)) : strstr(msg, literal);
            if (at == NULL || (lit == 0 && lit_end != NULL))
                return 0; /* two conversions side by side: nothing to split them */
            snprintf(parts[*n], CCAP_DIAG_MESSAGE_MAX, "%.*s", (int)(at - msg), msg);
            ++*n;
            msg = at;
            t = next;
            continue;
        }
        if (*t == '%')
            t++; /* "%%": a '%' */
        if (*msg != *t)
            return 0;
        msg++;
        t++;
    }
    return *msg == '\0';
}

/* Template tr (a translation) with its conversions replaced by parts, in order or by their
 * "N$" position, into buf. */
static void
diag_fill(const char *tr, char parts[][CCAP_DIAG_MESSAGE_MAX], int n, char *buf, size_t size)
{
    size_t out = 0;
    int k = 0;

    while (*tr != '\0' && out + 1 < size) {
        if (*tr == '%' && tr[1] == '%') {
            buf[out++] = '%';
            tr += 2;
        } else if (*tr == '%') {
            const char *e = conversion_end(tr);
            int i = k++;
            if (tr[1] >= '1' && tr[1] <= '9' && tr[2] == '$')
                i = tr[1] - '1';
            if (i < n)
                out += (size_t)snprintf(buf + out, size - out, "%s", parts[i]);
            if (out >= size)
                out = size - 1;
            tr = e;
        } else {
            buf[out++] = *tr++;
        }
    }
    buf[out] = '\0';
}

void
cli_diag_translate(ccap_diag *diag)
{
    char parts[DIAG_PARTS][CCAP_DIAG_MESSAGE_MAX];
    size_t i;
    int n;

    if (!lang_zh)
        return;
    for (i = 0; i < sizeof diag_templates / sizeof diag_templates[0]; i++) {
        const char *tr = _(diag_templates[i]);
        if (tr != diag_templates[i] && strcmp(tr, diag_templates[i]) != 0 &&
            diag_match(diag_templates[i], diag->message, parts, &n)) {
            char buf[CCAP_DIAG_MESSAGE_MAX];
            diag_fill(tr, parts, n, buf, sizeof buf);
            snprintf(diag->message, sizeof diag->message, "%s", buf);
            return;
        }
    }
}

void
cli_print_diag(const ccap_diag *diag)
{
    char line[CCAP_DIAG_FILE_MAX + CCAP_DIAG_FIELD_MAX + CCAP_DIAG_MESSAGE_MAX + 32];
    ccap_diag shown = *diag;

    cli_diag_translate(&shown);
    ccap_diag_format(&shown, line, sizeof line);
    fprintf(stderr, "%s\n", line[0] != '\0' ? line : ccap_strerror(diag->status));
}

/* The programs run single-threaded: one set of reading options, set once from --encoding. */
static ccap_read_options read_options;

const ccap_read_options *
cli_read_options(void)
{
    return &read_options;
}

int
cli_set_encoding(const char *program, const char *name)
{
    if (ccap_encoding_parse(name, &read_options.encoding) != CCAP_OK)
        return cli_usage_error(program, _("--encoding: '%s' is not auto, utf-8 or gb18030"), name);
    return CLI_EXIT_OK;
}

int
cli_shared_option(const char *program, int opt, const char *arg)
{
    if (opt == 'E')
        return cli_set_encoding(program, arg);
    /* 'L': the language was chosen by cli_i18n_init() before the options are parsed */
    return cli_check_lang(program, arg);
}

/* The option getopt_long has just refused, as the user wrote it: "--name" for a long one
 * (without "=value"), "-c" for a short one (optopt: argv[optind - 1] may be a cluster or the
 * argument before it). */
static const char *
option_name(char **argv, char name[64])
{
    const char *arg = optind > 0 ? argv[optind - 1] : NULL;

    if (arg != NULL && strncmp(arg, "--", 2) == 0) {
        snprintf(name, 64, "%.*s", (int)strcspn(arg, "="), arg);
        return name;
    }
    if (optopt > 0 && optopt < 128 && isgraph(optopt)) {
        snprintf(name, 64, "-%c", optopt);
        return name;
    }
    return arg != NULL ? arg : "?";
}

int
cli_common_option(const char *program, int opt, char **argv, void (*usage)(void), int *stop)
{
    char name[64];

    *stop = 0;
    switch (opt) {
    case 'E':
    case 'L':
        return cli_shared_option(program, opt, optarg) != CLI_EXIT_OK ? CLI_EXIT_USAGE
                                                                      : CLI_EXIT_OK;
    case 'h':
        usage();
        *stop = 1;
        return cli_close_stdout(program);
    case 'V':
        cli_print_version(program);
        *stop = 1;
        return cli_close_stdout(program);
    case ':':
        return cli_usage_error(program, _("option '%s' needs a value"), option_name(argv, name));
    default:
        return cli_usage_error(program, _("unknown option '%s'"), option_name(argv, name));
    }
}

int
cli_read(int status, const ccap_diag *diag)
{
    char line[CCAP_DIAG_FILE_MAX + CCAP_DIAG_FIELD_MAX + CCAP_DIAG_MESSAGE_MAX + 32];

    if (status == CCAP_OK && diag->message[0] != '\0') {
        ccap_diag shown = *diag;
        cli_diag_translate(&shown);
        ccap_diag_format(&shown, line, sizeof line);
        fprintf(stderr, _("warning: %s\n"), line);
    }
    return status;
}

int
cli_scenario_number(const char *program, ccap_scenario *sc, const char *key, double value)
{
    ccap_diag diag;

    if (ccap_scenario_set_number(sc, key, value, &diag) == CCAP_OK)
        return CLI_EXIT_OK;
    fprintf(stderr, "%s: ", program);
    cli_print_diag(&diag);
    return CLI_EXIT_DATA;
}

double
cli_scenario_get(const ccap_scenario *sc, const char *key)
{
    double x = NAN;

    ccap_scenario_get_number(sc, key, &x);
    return x;
}

int
cli_usage_error(const char *program, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s: ", program);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, _("\nTry '%s --help' for more information.\n"), program);
    return CLI_EXIT_USAGE;
}

int
cli_close_stdout(const char *program)
{
    /* the reason of the last failed write when the final flush fails; when only an earlier
     * write failed (the error flag is set, nothing was left to flush) it is lost */
    const int flushed = fflush(stdout) == 0;
    const int err = flushed ? EIO : errno;

    if (flushed && !ferror(stdout))
        return CLI_EXIT_OK;
    fprintf(stderr, _("%s: standard output: cannot write: %s\n"), program, strerror(err));
    return CLI_EXIT_DATA;
}

void
cli_print_version(const char *program)
{
    printf("%s %s (libccap %s)\n", program, CCAP_VERSION_STRING, ccap_version_string());
    printf("License GPL-3.0-or-later: GNU GPL version 3 or later.\n"
           "This is free software: you are free to change and redistribute it.\n"
           "There is NO WARRANTY, to the extent permitted by law.\n");
}

const char *
cli_format_count(double value, char *buf, size_t size)
{
    char digits[32];
    size_t n, i, out = 0;
    double r;

    if (size == 0)
        return buf;
    if (isnan(value) || fabs(value) >= 1e18) {
        snprintf(buf, size, "%s", isnan(value) ? "-" : "huge");
        return buf;
    }
    r = round(value);
    snprintf(digits, sizeof digits, "%.0f", fabs(r));
    n = strlen(digits);
    if (r < 0.0 && out + 1 < size)
        buf[out++] = '-';
    for (i = 0; i < n && out + 2 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[out++] = ',';
        buf[out++] = digits[i];
    }
    buf[out] = '\0';
    return buf;
}

/* Decode one UTF-8 character (input already validated by the library's readers). */
static uint32_t
next_char(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t c = s[0];
    size_t n = c < 0x80 ? 0 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
    size_t i;

    if (n > 0)
        c &= 0x3f >> n;
    for (i = 1; i <= n && s[i] != '\0'; i++)
        c = (c << 6) | (s[i] & 0x3f);
    *p = s + i;
    return c;
}

static int
is_wide(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf && c != 0x303f) ||
           (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
           (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
           (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd);
}

size_t
cli_display_width(const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t width = 0;

    while (*p != '\0')
        width += is_wide(next_char(&p)) ? 2 : 1;
    return width;
}

void
cli_print_padded(FILE *fp, const char *text, size_t width, int right)
{
    size_t w = cli_display_width(text), i;

    if (!right)
        fputs(text, fp);
    for (i = w; i < width; i++)
        fputc(' ', fp);
    if (right)
        fputs(text, fp);
}

int
cli_margins_year(const ccap_margins *margins, int wanted, const char *path, int *year_out)
{
    ccap_margin m;
    size_t i;
    int first = 0, found = 0;

    for (i = 0; i < ccap_margins_count(margins); i++) {
        ccap_margins_get(margins, i, &m);
        if (wanted != CCAP_YEAR_ANY) {
            found |= m.year == wanted;
        } else if (i == 0) {
            first = m.year;
        } else if (m.year != first) {
            fprintf(stderr,
                    _("%s: the file holds several years (%d and %d): choose one with --year\n"),
                    path, first, m.year);
            return CLI_EXIT_DATA;
        }
    }
    if (wanted != CCAP_YEAR_ANY && !found) {
        fprintf(stderr, _("%s: no margins for year %d\n"), path, wanted);
        return CLI_EXIT_DATA;
    }
    *year_out = wanted != CCAP_YEAR_ANY ? wanted : first;
    return CLI_EXIT_OK;
}

int
cli_parse_long(const char *program, const char *opt, const char *text, long lo, long hi, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || errno != 0 || v < lo || v > hi)
        return cli_usage_error(program, _("%s: '%s' is not a whole number from %ld to %ld"), opt,
                               text, lo, hi);
    *out = v;
    return CLI_EXIT_OK;
}

int
cli_parse_year(const char *program, const char *opt, const char *text, int *year_out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || errno != 0 || v < CCAP_YEAR_MIN || v > CCAP_YEAR_MAX)
        return cli_usage_error(program, _("%s: '%s' is not a year from %d to %d"), opt, text,
                               CCAP_YEAR_MIN, CCAP_YEAR_MAX);
    *year_out = (int)v;
    return CLI_EXIT_OK;
}

int
cli_parse_double(const char *program, const char *opt, const char *text, double lo, double hi,
                 double *out)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(text, &end);
    if (*text == '\0' || *end != '\0' || errno != 0 || !(v >= lo && v <= hi))
        return cli_usage_error(program, _("%s: '%s' is not a number from %g to %g"), opt, text, lo,
                               hi);
    *out = v;
    return CLI_EXIT_OK;
}

void
cli_stdout_buffered(void)
{
    static char buffer[16384]; /* glibc ignores the size when given no buffer */

    setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
}

int
cli_parse_payer(const char *program, const char *opt, const char *text, ccap_payer_params *pay)
{
    if (strcmp(opt, "--fee") == 0)
        return cli_parse_double(program, opt, text, 0.0, 1e6, &pay->fee_per_child_month);
    if (strcmp(opt, "--operating-subsidy") == 0)
        return cli_parse_double(program, opt, text, 0.0, 1e6,
                                &pay->operating_subsidy_per_child_month);
    if (strcmp(opt, "--registered-share") == 0)
        return cli_parse_double(program, opt, text, 0.0, 1.0, &pay->registered_share);
    return cli_usage_error(program, _("unknown option '%s'"), opt);
}

int
cli_parse_running(const char *program, const char *opt, const char *text,
                  ccap_running_cost_params *run, int *given)
{
    double *x = strcmp(opt, "--carer-wage") == 0      ? &run->carer_wage_month
                : strcmp(opt, "--health-wage") == 0   ? &run->health_wage_month
                : strcmp(opt, "--rent") == 0          ? &run->rent_m2_month
                : strcmp(opt, "--other-running") == 0 ? &run->other_per_slot_year
                                                      : NULL;

    if (x == NULL)
        return cli_usage_error(program, _("unknown option '%s'"), opt);
    *given = 1;
    return cli_parse_double(program, opt, text, 0.0, 1e7, x);
}

void
cli_margin_place(const char *path, const ccap_margins *margins, size_t i, char *buf, size_t size)
{
    const unsigned long line = ccap_margins_line(margins, i);

    if (line > 0)
        snprintf(buf, size, "%s:%lu", path, line);
    else
        snprintf(buf, size, "%s", path);
}

void
cli_print_reconciliation(const ccap_regions *regions, const ccap_margins *margins, const char *path,
                         const ccap_margins_report *report)
{
    ccap_margins_relation rel;
    char place[CCAP_DIAG_FILE_MAX + 32], ages[48];
    size_t i;

    if (report == NULL)
        return;
    if (ccap_margins_report_n_disagree(report) > 0) {
        for (i = 0; i < ccap_margins_report_count(report); i++) {
            ccap_margins_report_get(report, i, &rel);
            if (rel.agree)
                continue;
            cli_margin_place(path, margins, rel.whole, place, sizeof place);
            fprintf(stderr, "%s: %s\n", place, rel.text);
        }
        return;
    }
    for (i = 0; i < ccap_margins_report_count(report); i++) {
        ccap_margins_report_get(report, i, &rel);
        if (rel.difference > 0.0 || rel.difference < 0.0) {
            cli_margin_place(path, margins, rel.whole, place, sizeof place);
            fprintf(stderr, "warning: %s: %s: reconciled, keeping the %s\n", place, rel.text,
                    rel.kind == CCAP_RELATION_REGIONS ? "region's figure and scaling its areas'"
                    : rel.kind == CCAP_RELATION_SEXES
                        ? "both-sexes figure and scaling female and male"
                        : "total and scaling the age groups");
        }
    }
    for (i = 0; i < ccap_margins_report_n_adjustments(report); i++) {
        size_t which = 0;
        double published = NAN, adjusted = NAN;
        ccap_margin m;
        ccap_margins_report_adjustment(report, i, &which, &published, &adjusted);
        ccap_margins_get(margins, which, &m);
        cli_margin_place(path, margins, which, place, sizeof place);
        fprintf(stderr, "warning: %s: %s,%d,%s,%s: %.15g published, %.2f used (%+.2f)\n", place,
                ccap_regions_code(regions, m.region), m.year, ccap_sex_name(m.sex),
                ccap_margin_ages_label(&m, ages, sizeof ages), published, adjusted,
                adjusted - published);
    }
}

/* The value of KEY in the build tree's ccap-uninstalled.ini beside this executable, or 0
 * when the program does not run from a build tree (an installed program has no such file). */
static int
uninstalled_dir(const char *key, char *buf, size_t size)
{
    char exe[4096], line[4096 + 64];
    const size_t key_len = strlen(key);
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 32);
    char *slash;
    FILE *fp;
    int found = 0;

    if (n <= 0 || (size_t)n >= sizeof exe - 32)
        return 0;
    exe[n] = '\0';
    if ((slash = strrchr(exe, '/')) == NULL)
        return 0;
    strcpy(slash + 1, "ccap-uninstalled.ini");
    if ((fp = fopen(exe, "r")) == NULL)
        return 0;
    while (!found && fgets(line, sizeof line, fp) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        if (strncmp(line, key, key_len) == 0 && line[key_len] == '=' && line[key_len + 1] != '\0' &&
            (size_t)snprintf(buf, size, "%s", line + key_len + 1) < size)
            found = 1;
    }
    fclose(fp);
    return found;
}

const char *
cli_data_dir(const char *env, const char *key, const char *installed, char *buf, size_t size)
{
    const char *dir = getenv(env);

    if (dir != NULL && dir[0] != '\0' && (size_t)snprintf(buf, size, "%s", dir) < size)
        return buf;
    if (uninstalled_dir(key, buf, size))
        return buf;
    snprintf(buf, size, "%s", installed);
    return buf;
}

void
cli_html_text(FILE *fp, const char *text)
{
    for (; *text != '\0'; text++) {
        switch (*text) {
        case '<':
            fputs("&lt;", fp);
            break;
        case '>':
            fputs("&gt;", fp);
            break;
        case '&':
            fputs("&amp;", fp);
            break;
        case '"':
            fputs("&quot;", fp);
            break;
        default:
            fputc(*text, fp);
        }
    }
}

static double
monotonic_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void
cli_progress_start(cli_progress *pr, const char *program)
{
    pr->program = program;
    pr->on = isatty(STDERR_FILENO);
    pr->shown = 0;
    pr->start = monotonic_seconds();
}

void
cli_progress_show(cli_progress *pr, const char *text, double done, double all)
{
    const double t = pr->on ? monotonic_seconds() : 0.0, spent = t - pr->start;

    if (!pr->on || spent < 1.0 || (pr->shown && t - pr->last < 0.1 && done < all))
        return;
    pr->last = t;
    /* back to the start of the line; spaces after it cover a longer line before */
    fputc('\r', stderr);
    fprintf(stderr, _("%s: %s, about %.0f s left"), pr->program, text,
            done > 0.0 ? spent * (all - done) / done : 0.0);
    fputs("   ", stderr);
    pr->shown = 1;
}

void
cli_progress_end(cli_progress *pr)
{
    if (pr->shown)
        fputc('\n', stderr);
    pr->shown = 0;
}

void
cli_progress_trajectories(void *ctx, size_t done, size_t total)
{
    char text[96];

    snprintf(text, sizeof text, _("%zu of %zu trajectories"), done, total);
    cli_progress_show(ctx, text, (double)done, (double)total);
}
