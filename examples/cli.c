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
 * the same parts in place.  A message that matches none stays English.  The first template
 * that matches is taken, so a template comes before any shorter one that would also match
 * its messages (most specific first; tests/check-diag-templates.sh checks that each
 * template's own message finds it, and that every message format of lib/ has a template).
 * Some parts are English phrases of the library themselves (a reason from ccap_strerror(),
 * the message of a step inside "projection: %s"): a part with a space in it is translated
 * in turn when it matches a template. */
static const char *const diag_templates[] = {
    /* The sentence of a relation between margins that do not add up (lib/core/margins.c,
     * relation_text()), as the programs read it from a file (with its lines), by the kind of
     * relation, then its pieces and its endings. */
    /* TRANSLATORS: a region's code, sex and age groups, then their lines; their sum; the
       line of the total; the total; the difference; an ending (translated on its own) */
    N_("%s = %s, but the total (line %s) is %s: %s apart%s"),
    /* TRANSLATORS: a region's code and age group; the lines; the sum; the line of both
       sexes; both sexes; the difference; an ending */
    N_("%s female + male (lines %s) = %s, but both (line %s) is %s: %s apart%s"),
    /* TRANSLATORS: the areas of a region (translated on their own); their sum; the sex and
       ages; the region's code; its line; its figure; the difference; an ending */
    N_("%s add up to %s for %s, but %s (line %s) is %s: %s apart%s"),
    /* TRANSLATORS: the number of areas, the region's code, the first codes, the lines */
    N_("the %s areas of %s (%s; lines %s)"),
    N_("the %s area of %s (%s; line %s)"),
    /* TRANSLATORS: the first codes of a region's areas, and how many more */
    N_("%s and %s more"),
    /* TRANSLATORS: a region's code, the age groups added, their lines */
    N_("%s both %s (lines %s)"),
    N_("%s female %s (lines %s)"),
    N_("%s male %s (lines %s)"),
    N_("both total"),
    N_("female total"),
    N_("male total"),
    /* TRANSLATORS: the persons of a difference and its percent of the published figure */
    N_("%s persons (%s %%)"),
    N_("%s person (%s %%)"),
    N_(", within the rounding allowance of %s: reconcile the margins first "
       "(ccap_margins_reconcile())"),
    N_(", within the rounding allowance of %s, but the parts are all 0 and cannot be scaled "
       "to it; check the figures of %s"),
    N_(", within the rounding allowance of %s"),
    N_(", more than the rounding allowance of %s; check the figures of %s and of its areas, "
       "and whether an area is missing from the region table"),
    N_(", more than the rounding allowance of %s; check the female, male and both figures of "
       "%s"),
    N_(", more than the rounding allowance of %s; check the figures of %s, and whether the age "
       "groups cover every age once"),
    N_("%zu margins: the smooth estimate solves a dense system of one equation per margin and "
       "takes at most %d; rake instead (ccap_graduate_base_from_margins()), or estimate each part "
       "of the region table on its own"),
    N_("the table would hold %.0f fields (%zu populations x %zu regions x 2 sexes x %zu age "
       "groups, %zu fields a row), more than the readers accept (CCAP_CSV_FIELDS_MAX, %u): write "
       "fewer regions, steps or age groups"),
    N_("not written: after %zu rows (%zu fields, %zu bytes) the table would pass what the readers "
       "accept (CCAP_CSV_FIELDS_MAX %u, CCAP_CSV_FILE_MAX %zu bytes); write fewer regions or "
       "years"),
    N_("%.0f births need a total fertility rate of %.3g children per woman, outside [%g, %g], "
       "beyond any population on record: are they the births of this area and year, in persons?"),
    N_("region '%s' (%s), end of %d: the children enrolled are %.3g times those take-up gives, "
       "which puts take-up at age %zu at %.3g, above 1: are they enrolled of another year or "
       "area?"),
    N_("'%s' is not a provider type; expected institution, community, kindergarten, employer, "
       "home, commercial or other (or 托育机构, 社区托育点, 幼儿园托班, 用人单位, 家庭托育点, "
       "商业综合体, 其他)"),
    N_("the projection would hold %.3g numbers (%zu regions x 2 sexes x %zu age groups x %zu steps "
       "and the base, with births, deaths and migrants), more than CCAP_CELLS_MAX (%zu)"),
    N_("a run needs at least 1 trajectory, 1 region, 2 age groups, steps of 1 year or more and 1 "
       "step (%zu trajectories, %zu regions, %zu age groups, %zu-year steps, %zu steps)"),
    N_("the population would hold %.3g numbers (%zu regions x 2 sexes x %zu age groups), more than "
       "CCAP_CELLS_MAX (%zu), or more regions than CCAP_POPULATION_REGIONS_MAX (%u)"),
    N_("the population needs net migration of %.4g per 1,000 residents a year, beyond +/-%g: is it "
       "the population of this area at the end of this year, in persons?"),
    N_("%g is outside [80, 150] male births per 100 female births: a ratio per female birth (1.05) "
       "or a share of boys must be multiplied by 100 or converted"),
    N_("a margin of ages %s (%s) is already given for the children under %zu that the births give: "
       "remove it to use the births, or give no births for this region"),
    N_("region '%s': its rows add up to %.10g persons, its children's to %.10g persons; a parent's "
       "rows must agree with its children's (or be left out, to be summed)"),
    N_("the note '%s' is a number: a note says where a figure comes from (published: ..., derived: "
       "..., assumed: ...); is a value in the wrong column?"),
    N_("%s (%s) has rows for %d (line %lu) beside those of %s (%s), one of its areas (line %lu): "
       "give the slots of its areas only (ccap adds them up), or of %s alone"),
    N_("no provider and inclusive columns: the slots are read as totals of provider 'other', not "
       "inclusive (普惠), so the inclusive share is 0"),
    N_("kindergarten parameters: enrolment rate %g (0 to %g), slots per place %g (above 0, at most "
       "1), capital per converted slot %g (0 to 1e9)"),
    N_("the population would need a net migration of %.0f per 1,000 residents a year: check it "
       "against the census and the births and deaths"),
    N_("region %s has no sub-regions and no margin %s,%d,both,total: every region without "
       "sub-regions needs its total to seed the estimate"),
    N_("%s %d: the births need a total fertility rate of %.3g children per woman, outside [%g, "
       "%g]: check the births and the base's women"),
    N_("the deaths need %.3g times the national death rates, outside [%g, %g]: are they the deaths "
       "of this area and year, in persons?"),
    N_("'%s' and the note '%s' read as one number, %s, split at its comma: a number with a "
       "thousands separator needs quotes (\"%s\")"),
    N_("'%s' is not a measure; expected births, deaths, population, birth_rate or death_rate (or "
       "出生人口, 死亡人口, 年末常住人口, 出生率, 死亡率)"),
    N_("open age group %zu+: the population would hold %.3g numbers (%zu regions x 2 sexes x %zu "
       "age groups), more than CCAP_CELLS_MAX (%zu)"),
    N_("%s %d: the population needs net migration of %.3g per 1,000 residents a year, beyond "
       "+/-%g: check the population and the base"),
    N_("'%s' does not say where the figure comes from: start the note with published:, derived: or "
       "assumed: (or 公布, 推算, 假定)"),
    N_("'%s' is not a provider type; expected institution, community, kindergarten, employer, "
       "home, commercial, other or *"),
    N_("a long targets file (measure, value) gives slots per 1,000 as rows of measure "
       "slots_per_1000, not as a column"),
    N_("running cost from staff at the end of %d: %s (the slots %g, or a wage, rent or other cost "
       "negative or not finite)"),
    N_("the header is one column separated by semicolons: ccap reads comma-separated files; save "
       "the table as CSV with commas"),
    N_("the header is one column separated by tabs: ccap reads comma-separated files; save the "
       "table as CSV with commas"),
    N_("the header is one column separated by %s: ccap reads comma-separated files; save the table "
       "as CSV with commas"),
    N_("%s aged %zu: %g is outside [-0.5, 0.5] net migrants per child and year: a rate per 1,000 "
       "must be divided by 1,000"),
    N_("age %zu is beyond the single years of the life table (%zu groups, open at %zu): ages 0 to "
       "%zu need groups 0, 1, ..., %zu"),
    N_("enrolled %s exceeds %s %s: is it %s %s split at its comma? a number with a thousands "
       "separator needs quotes (\"%s\")"),
    N_("no row for class %s: a standard gives every class type (infant, toddler, older, mixed, "
       "home, kindergarten)"),
    N_("not UTF-8: read as GB18030 and converted (to be sure, ask for GB18030 or save the file as "
       "\"CSV UTF-8\")"),
    N_("%s: the children under %zu come from its births; a margin for those ages is given too: "
       "remove one of the two"),
    N_("a run of %zu trajectories x %zu regions x %zu age groups x %zu steps needs workspaces "
       "larger than CCAP_CELLS_MAX (%zu)"),
    N_("%s %d: the deaths need %.3g times the national death rates, outside [%g, %g]: check the "
       "deaths and the base's ages"),
    N_("a plan needs the base population in single years of age (children under 3 by age); it has "
       "%zu-year groups"),
    N_("enrolled %s exceeds %s %s more than twice: check the columns (over-enrolment is possible, "
       "not on that scale)"),
    N_("longer than %u bytes (CCAP_CSV_FIELD_BYTES_MAX): no value of a table is that long; is a "
       "quote left open?"),
    N_("'%s' is not a valid code: use up to %d letters, digits or punctuation, without spaces, "
       "commas or quotes"),
    N_("missing column; the header must name region, year, slots_per_1000 (or region, year, "
       "measure, value)"),
    N_("not a scenario (INI) file: the first line that is not blank or a comment must be a "
       "[section] header"),
    N_("region '%s' (%s) has no slots at the end of %d to build on: add its rows to the slots "
       "file, or a row of 0"),
    N_("a second byte-order mark (U+FEFF) at the start of the header: save the file again as \"CSV "
       "UTF-8\""),
    N_("region '%s' (%s) has areas of its own: give the places of each of them (a city's places "
       "are their sum)"),
    N_("'%s' is not an inclusive flag; expected yes or no (or 1 and 0, true and false, 是 and 否, "
       "普惠 and 非普惠)"),
    N_("missing column; a table with the %s column needs the %s column as well (or neither, for "
       "totals only)"),
    N_("the national fertility rates need closed age groups and the death rates an open grid from "
       "age 0"),
    N_("the tables start in %d, after the slot inventory's last year %d: they must start with a "
       "year it has"),
    N_("%s is not in degrees: convert coordinates of a projected grid (metres) to longitude and "
       "latitude"),
    N_("'%s' is not the name of %s (%s): is the row in the wrong region, or the region table "
       "another city's?"),
    N_("'%s' is not a number: a comma may only group thousands (9,713,112); write decimals with a "
       "point"),
    N_("'%s' is not an age: expected a whole number of years such as 37, or the open group such as "
       "100+"),
    N_("a death rate of 0 in the open age group %zu+: its members would never die; give the "
       "group's rate"),
    N_("a projection needs at least 1 region, 2 age groups and 1 step (%zu regions, %zu age "
       "groups, %zu steps)"),
    N_("unknown key in [sources] (expected slots, targets, takeup, costs, occupancy or "
       "kindergarten)"),
    N_("%s is outside [0, 1]: write the share of the children of that age in childcare (0.25 for "
       "25%%)"),
    N_("'%s' is not an age range: expected total, a range such as 15-59 or an open range such as "
       "60+"),
    N_("'*' (every region) has no meaning for kindergarten places: give the places of each county"),
    N_("column %zu of the header holds a byte-order mark (U+FEFF), an invisible character: delete "
       "it"),
    N_("the published %.15g is less than the %.15g of the areas below it (%s): check the figures "
       "of that year"),
    N_("'%s' is not a target measure; expected slots_per_1000, enrolment_rate or inclusive_share"),
    N_("row has %zu fields but the header has %zu; a value with a comma needs quotes "
       "(\"9,713,112\")"),
    N_("%s is a latitude and %s a longitude: the two are swapped (lon, degrees east, comes first)"),
    N_("%zu trajectories x %zu regions x %.3g years x %d measures = %.3g numbers, more than "
       "CCAP_CELLS_MAX (%zu)"),
    N_("'%s' is not a class type; expected infant, toddler, older, mixed, home or kindergarten"),
    N_("'*' (every region) has no meaning in a slot inventory: give the slots of each region"),
    N_("a NULL argument, no mortality, no step or trajectory, or a region table not finished"),
    N_("the margins of %d constrain more than CCAP_CELLS_MAX (%zu) cells in all (%zu margins so "
       "far)"),
    N_("malformed quoting: a quote inside an unquoted field, or text after a closing quote"),
    N_("no births given for %d, which the children aged %zu at the census need (born from %.4f to "
       "%.4f)"),
    N_("not valid UTF-8, and the file is not GB18030 text either: save it as \"CSV UTF-8\""),
    N_("unknown section [%s] (expected inputs, projection, childcare, simulation or sources)"),
    N_("cap of region '%s' is not a whole number of slots from 0 to %.0f, nor CCAP_GAP_NO_CAP"),
    N_("'*' means every region in rate and target files and cannot be the code of one"),
    N_("not valid GB18030, and the file is not UTF-8 either: save it as \"CSV UTF-8\""),
    N_("open age group %zu+ in a table of closed age groups (write the lower bound only)"),
    N_("%zu columns, more than the readers accept in a row (CCAP_CSV_ROW_FIELDS_MAX, %u)"),
    N_("-0.01 is a net loss of 1%% a year; a rate per 1,000 must be divided by 1,000"),
    N_("'%s' marks a totals row, not %s: delete the row (ccap adds up the rows itself)"),
    N_("the year of the target TFR, %d, must come after the last year with births, %d"),
    N_("the areas of region '%s' have no children to share its children under 3 by"),
    N_("the region table has %zu regions, more than CCAP_POPULATION_REGIONS_MAX (%u)"),
    N_("missing column; a long targets file names region, year, measure, value"),
    N_("no region has children enrolled at the end of %d to calibrate take-up to"),
    N_("the population has %zu-year age groups; the scenario asks for %zu-year steps"),
    N_("margin %zu refers to region index %zu, outside the region table of %zu regions"),
    N_("not a [section] header, a key = value line, a comment or a blank line"),
    N_("the migration ages must be the population's %zu-year groups 0, %zu, ..., %zu+"),
    N_("population %zu does not match the region table or the first population"),
    N_("%s aged %zu: %g net migrants leave more than the %g survivors of the births"),
    N_("'%s' is not a date of the form YYYY-MM-DD (or 2020/11/1, 2020年11月1日)"),
    N_("cannot read: not a regular file (%s): save the table to a file first"),
    N_("more than %u fields in a row or %u in the file: too large for a table"),
    N_("population %zu of %zu is missing, undated or not in single years of age"),
    N_("the line would have %d bytes, more than the %zu a scenario file allows"),
    N_("the national death rates or sex ratio at birth have no entry for %d"),
    N_("the rate is per 1,000 (‰); a count belongs under births or deaths"),
    N_("no row for month %zu: the births of every month 1 to 12 are needed"),
    N_("region '%s': age %zu missing (take-up is needed for ages 0, 1 and 2)"),
    N_("'%s' is a name: give its code, %s (the region table's code column)"),
    N_("no open age group: write the last group with a plus, e.g. 100+"),
    N_("a site needs above 0 and at most 10^12 slots, and 1 to %d sites"),
    N_("date %s differs from line %lu: a population has one reference date"),
    N_("net migrants and net migration rates given together: give one"),
    N_("migration rates need the population at the start of the step"),
    N_("no open age group: write the last group with a plus, e.g. %zu+"),
    N_("open age group %zu+ is not on the %zu-year grid of the other ages"),
    N_("the file holds several years (%d on line %lu, %d here): choose one"),
    N_("%zu of %zu areas reach no provider within %g minutes, the first '%s'%s"),
    N_("'%s' is not a number: write a share without %% (0.25 for 25%%)"),
    N_("'%s' is the name of more than one region (%s, %s): give the code"),
    N_("a target TFR must be 0.1 to 10 and its year after the base"),
    N_("no number of years: --years N or years = N in the scenario"),
    N_("the projection has no step or other regions than the table"),
    N_("%s: no year-end population after the base: no net migration"),
    N_("age %zu is not under 3: take-up is given for ages 0, 1 and 2"),
    N_("duplicate row: region '%s', %d, %s, inclusive %s already on line %lu"),
    N_("the base has no residents to weight the migration profile"),
    N_("the levels did not settle: the model is %.3g %% off the figure"),
    N_("'%s' is not an inclusive flag; expected yes or no (是 or 否)"),
    N_("no years to plan: the tables would start in %d and end in %d"),
    N_("a plan needs a base population or projected populations"),
    N_("a quoted field is not closed before the end of the file"),
    N_("duplicate: the same region, year, sex and ages as line %lu"),
    N_("the standard must have single years in its first region"),
    N_("the time matrix is for %zu areas and %zu providers, not %zu and %zu"),
    N_("a life table of %s where one of %s or both sexes is needed"),
    N_("age %zu breaks the %zu-year grid of the other ages (%zu, %zu, ...)"),
    N_("at least two age groups are needed to know their width"),
    N_("provider '%s': %s region code '%s' (not in the region table)"),
    N_("the desert threshold must be above 0 children per slot"),
    N_("the rows are not whole years of every region and basis"),
    N_("a plan from a base population needs at least one step"),
    N_("duplicate pair: area '%s', provider '%s' already on line %lu"),
    N_("duplicate: the same region, year and measure as line %lu"),
    N_("%s: fertility ages must lie between %zu and the open age %zu"),
    N_("'%s' is a range: write the lower bound of the group (%zu)"),
    N_("indented line (continuation lines are not supported)"),
    N_("the cap of region '%s' is %g, not a number of slots >= 0"),
    N_("%s: %s; its children under %zu come from the margins alone"),
    N_("%s: no %s rates for this region (nor '*') in or before %d"),
    N_("a plan of given populations needs slots and targets"),
    N_("%s: the sex ratio at birth must be a positive number"),
    N_("%s: net migrants beyond the range of a number (the migrants, or the rates times the "
       "population, times the adjustment's factor)"),
    N_("%s: these rates cannot serve %zu-year age groups to %zu+: %s"),
    N_("name longer than %d bytes or with control characters"),
    N_("note longer than %d bytes or with control characters"),
    N_("the allocation year %d is outside the plan's years %d-%d"),
    N_("the catchment must be above 0 and at most %g minutes"),
    N_("unknown provider '%s' (not in the provider register)"),
    N_("years %d to %d: the projection covers the ends of %d to %d"),
    N_("duplicate row: region '%s', %s, age %s already on line %lu"),
    N_("no %s file: give it in the scenario or as an option"),
    N_("no children under 3 of %d for a region of the areas"),
    N_("parent '%s' of region '%s' is not a code in this file"),
    N_("the last year %d is before the base year %d or after %d"),
    N_("%s is outside China's latitudes [%g, %g] degrees north"),
    N_("%s is outside China's longitudes [%g, %g] degrees east"),
    N_("a parameter of the noise model out of its domain"),
    N_("a travel time is given in minutes, at most a day"),
    N_("duplicate key: given on line %lu and again on line %lu"),
    N_("room for %zu caps but the region table has %zu regions"),
    N_("targets have one value per entry, this schedule %zu"),
    N_("the base must have single years and every region"),
    N_("the births of %d, %g, are outside [0, 1e+12] persons"),
    N_("the schedule's age grid does not fit this format"),
    N_("unknown region code '%s' (not in the region table)"),
    N_("a rate per 1,000 women must be divided by 1,000"),
    N_("duplicate row: region '%s', age %zu already on line %lu"),
    N_("quantile %zu: %s does not increase on the one before"),
    N_("slots and targets with the calibrated take-up: %s"),
    N_("the plan has a base population but no mortality"),
    N_("the speed must be above 0 and at most 1000 km/h"),
    N_("cannot write: exists and is not a regular file"),
    N_("quantile %zu: %s is not between 0 and 1 (exclusive)"),
    N_("slots to allocate %g are not a whole number >= 0"),
    N_("the number of raking sweeps must be at least 1"),
    N_("the published %.15g needs %g times the national rates"),
    N_("the region table has %zu regions, the population %zu"),
    N_("write 105 for 105 boys per 100 girls, not 1.05"),
    N_("write 150 for one per 150 children, 0 for none"),
    N_("years %d to %d: outside 0 to %d, or more than %d years"),
    N_("duplicate row: region '%s', %d, %s already on line %lu"),
    N_("no calendar year lies wholly within the steps"),
    N_("open age group 0+ leaves no closed age groups"),
    N_("the region table has %zu regions, the inventory %zu"),
    N_("NUL byte at offset %zu: this is not a text file"),
    N_("running cost from staff: no year of building"),
    N_("the migration scale must be within -10 to 10"),
    N_("the rows are not whole years of every region"),
    N_("the standard has %zu age groups: expected 2 to %u"),
    N_("%s aged %zu: %g is outside [-1e+12, 1e+12] persons"),
    N_("%s persons is more than 10^12: check the unit"),
    N_("duplicate row: region '%s', %d already on line %lu"),
    N_("entry %zu is for one sex; targets are for both"),
    N_("age groups of %zu years are wider than %u years"),
    N_("cannot create a temporary file beside it: %s"),
    N_("no areas or no providers to give times for"),
    N_("the parent links of region '%s' form a cycle"),
    N_("the result has fewer areas than the %zu given"),
    N_("the tolerance must be a finite number >= 0"),
    N_("a Monte Carlo run needs a base population"),
    N_("a rate per 1,000 must be divided by 1,000"),
    N_("the national %s has no entry for both sexes"),
    N_("the national death rates have no %s entries"),
    N_("too many quantiles for one line of %zu bytes"),
    N_("1,000 would be a slot for every resident"),
    N_("age %zu is not on the %zu-year grid 0, %zu, %zu, ..."),
    N_("open age group %zu+ differs from %zu+ on line %lu"),
    N_("the census date must be a valid date in %d"),
    N_("the file is empty: expected a header row"),
    N_("%zu caps but the region table has %zu regions"),
    N_("a figure's region index is out of range"),
    N_("internal error (please report this bug)"),
    N_("region '%s' is nested deeper than %d levels"),
    N_("the population has %zu regions, the table %zu"),
    N_("a ':' after the key: write key = value"),
    N_("a class of more than 1,000 is no class"),
    N_("duplicate provider '%s' (first on line %lu)"),
    N_("duplicate row: class %s already on line %lu"),
    N_("duplicate row: month %ld already on line %lu"),
    N_("standard, %s, age %s: %g is not a count >= 0"),
    N_("%ld years is not a multiple of the step %zu"),
    N_("missing column; the header must name %s"),
    N_("region '%s', %s: open age group %zu+ missing"),
    N_("target not reached within the horizon"),
    N_("the steps hold no whole calendar year"),
    N_("unknown area '%s' (not among the areas)"),
    N_("'%s' is not an age: expected 0, 1 or 2"),
    N_("column appears twice (columns %zu and %zu)"),
    N_("duplicate region '%s' (first on line %lu)"),
    N_("quantile %zu: '%s' is not a finite number"),
    N_("'%s' is not a whole number from 0 to %lu"),
    N_("duplicate code '%s': already on line %lu"),
    N_("row has %zu fields but the header has %zu"),
    N_("the first year %d is after the last, %d"),
    N_("%ld years from %d would end in %ld, after %d"),
    N_("'%s' is not a whole number from %ld to %ld"),
    N_("cannot compute the model's figures"),
    N_("children aged 3-5 at the end of %d: %s"),
    N_("closed in %d, not after it opened (%d)"),
    N_("duplicate code '%s' (first on line %lu)"),
    N_("the life table has not been filled"),
    N_("the schedules would pass the year %d"),
    N_("cannot find the working directory"),
    N_("column %zu of the header has no name"),
    N_("duplicate id '%s': already on line %lu"),
    N_("male births per 100 female births"),
    N_("the region table is not the run's"),
    N_("the standard is zero at every age"),
    N_("%g is not a decimal year from %d to %d"),
    N_("duplicate row: %s already on line %lu"),
    N_("net migrants per person and year"),
    N_("object not in the required state"),
    N_("the region table is not finished"),
    N_("%s is not a whole number of slots"),
    N_("age %zu is inside the open group %zu+"),
    N_("discount rate %g is not in [0, 1]"),
    N_("the slot inventory has no years"),
    N_("%zu ages: from 1 to %u are possible"),
    N_("'%s' is not a month from 1 to 12"),
    N_("age %zu is inside the open group %s"),
    N_("range '%s' ends before it starts"),
    N_("the age groups must start at 0"),
    N_("the standard's total overflows"),
    N_("%s is not in [0, 10000000] yuan"),
    N_("a control character in a code"),
    N_("control character in the path"),
    N_("margin %zu refers to region %zu of %zu"),
    N_("no data rows after the header"),
    N_("quantile %zu: '%s' is not a number"),
    N_("%s is not in [0, 1000000] yuan"),
    N_("cannot set the take-up of '%s'"),
    N_("entry %zu refers to region %zu of %zu"),
    N_("key of an unknown section [%s]"),
    N_("kindergartens of region '%s': %s"),
    N_("more than %zu years in the file"),
    N_("no women of childbearing age"),
    N_("the regions are not finished"),
    N_("%s is more than 10^12 slots: %s"),
    N_("a plan needs a region table"),
    N_("allocation at the end of %d: %s"),
    N_("attrition %g is not in [0, 1)"),
    N_("candidate %zu is provider %zu of %zu"),
    N_("occupancy %g is not in (0, 1]"),
    N_("region '%s' is its own parent"),
    N_("size or result out of range"),
    N_("%04d-%02d-%02d is not a date from %d to %d"),
    N_("'%s' is not a sex; expected %s"),
    N_("births per 1,000 residents"),
    N_("cannot build the schedules"),
    N_("children per health worker"),
    N_("deaths per 1,000 residents"),
    N_("residents at the end of %d: %s"),
    N_("write 3 for a ratio of 1:3"),
    N_("'%s' is not a calendar date"),
    N_("'%s' is not a finite number"),
    N_("no initialised projection"),
    N_("region '%s', %s: age %zu missing"),
    N_("slots per 1,000 residents"),
    N_("unknown column; expected %s"),
    N_("'%s' is not a whole number"),
    N_("numerical routine failed"),
    N_("simulation of the gaps: %s"),
    N_("value outside its domain"),
    N_("write 0.08 for 8%%, not 8"),
    N_("file larger than %zu bytes"),
    N_("line longer than %zu bytes"),
    N_("no residents to migrate"),
    N_("'%s' is not a valid code"),
    N_("'%s' is not a whole year"),
    N_("byte 0x%02X at offset %zu is %s"),
    N_("deaths per person-year"),
    N_("no births in any month"),
    N_("region '%s' has no %s rows"),
    N_("%g is not a probability"),
    N_("births per woman-year"),
    N_("cannot add a margin: %s"),
    N_("key outside a section"),
    N_("more than %u age groups"),
    N_("no place for the plan"),
    N_("year %d is outside %d to %d"),
    N_("NUL byte in the line"),
    N_("female, male or both"),
    N_("interpolation failed"),
    N_("not a number setting"),
    N_("the step starting %d: %s"),
    N_("unknown scenario key"),
    N_("year %d is given twice"),
    N_("%s is not in [0, 1.5]"),
    N_("%s is not in [0.1, 1]"),
    N_("children in a class"),
    N_("not a finite number"),
    N_("slots and targets: %s"),
    N_("variant %d, spread %g: %s"),
    /* pieces: where a projection's rates are missing (rates.c), why a margin is not met
       (graduate.c) */
    N_("region '%s', %s, step starting %d"),
    N_("region '%s', step starting %d"),
    N_("the age range starts inside the open age group %zu+ of the standard"),
    N_("the age range ends inside the open age group %zu+ of the standard"),
    N_("the seed has no one here (zero totals below this region, or a standard without anyone "
       "of this sex and age)"),
    N_("missed only by rounding (published %.15g, estimated %.15g, relative deviation %.3g): the "
       "margins agree; use a tolerance of %g or more"),
    N_("not met after %zu raking sweeps (published %.15g, estimated %.15g, relative deviation "
       "%.3g): the margins of %d are probably inconsistent"),
    /* the range check with a one-word unit (a part without a space is not translated) */
    N_("%s is outside %s, %s] persons: %s"),
    N_("%s is outside %s, %s] slots: %s"),
    N_("%s is outside %s, %s] children: %s"),
    N_("%s is outside %s, %s] places: %s"),
    N_("%s is outside %s, %s] births: %s"),
    N_("%s is outside %s, %s] deaths: %s"),
    N_("%s is outside %s, %s] residents: %s"),
    N_("%s is outside %s, %s] minutes: %s"),
    N_("%s is outside %s, %s] %s: %s"),
    N_("'%s' is not a number"),
    N_("'%s' is not a number%s"),
    N_("children per carer"),
    N_("input/output error"),
    N_("sex ratio at birth"),
    N_("year %s is outside %d-%d"),
    N_("%s is not in [0, 1)"),
    N_("no rows for year %d"),
    N_("not valid GB18030"),
    N_("unknown key in [%s]"),
    N_("%s is not positive"),
    N_("build schedule: %s"),
    N_("invalid argument"),
    N_("jump-off year %d: %s"),
    N_("too many regions"),
    N_("%s is more than 1"),
    N_("malformed input"),
    N_("negative value %s"),
    N_("not valid UTF-8"),
    N_("raking failed: %s"),
    N_("%ld is not 1 or 5"),
    N_("%s: age %s missing"),
    N_("'%s' is not %s or %s"),
    N_("already exists"),
    N_("cannot write: %s"),
    N_("check the unit"),
    N_("female or male"),
    N_("yuan per month"),
    N_("cannot open: %s"),
    N_("cannot read: %s"),
    N_("no one to die"),
    N_("out of memory"),
    N_("yuan per slot"),
    N_("%s is negative"),
    N_("margin %s,%d,%s,%s: %s"),
    N_("m² per child"),
    N_("no quantiles"),
    N_("projection: %s"),
    N_("empty value"),
    N_("no scenario"),
    N_("workforce: %s"),
    N_("formatting"),
    N_("(a share)"),
    N_("not found"),
    N_("a region"),
    N_("an age"),
    N_("a sex"),
    N_("cost: %s"),
    /* TRANSLATORS: a region's code, all ages (a relation between margins) */
    N_("%s total"),
    N_("%s %d: %s"),
    N_("%s: %s"),
};

enum { DIAG_PARTS = 8, DIAG_DEPTH = 3 };

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

/* Whether part can be the text of a conversion of type c: digits for an integer (d, u, of
 * any length), hexadecimal digits for x and X, a number for a floating-point conversion
 * (digits, point, exponent, inf, nan), any text for a string. */
static int
part_fits(char c, const char *part)
{
    const char *set;

    switch (c) {
    case 'd':
    case 'i':
    case 'u':
        set = "0123456789";
        part += *part == '-' || *part == '+';
        break;
    case 'x':
    case 'X':
        set = "0123456789abcdefABCDEF";
        break;
    case 'e':
    case 'f':
    case 'g':
        set = "0123456789.eE+-infaINFA";
        break;
    default:
        return 1;
    }
    return *part != '\0' && part[strspn(part, set)] == '\0';
}

/* Match msg against template t: the parts that t's conversions stand for into parts (at most
 * DIAG_PARTS, each at most size bytes).  Each part runs to the first place where the
 * template's next literal text follows (to the end for the last), and must fit its
 * conversion (a number for %d, %zu or %g).  1 when msg matches. */
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
            if (!part_fits(next[-1], parts[*n]))
                return 0;
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

const char *
cli_diag_template(size_t i)
{
    return i < sizeof diag_templates / sizeof diag_templates[0] ? diag_templates[i] : NULL;
}

long
cli_diag_template_find(const char *message)
{
    char parts[DIAG_PARTS][CCAP_DIAG_MESSAGE_MAX];
    size_t i;
    int n;

    for (i = 0; i < sizeof diag_templates / sizeof diag_templates[0]; i++)
        if (diag_match(diag_templates[i], message, parts, &n))
            return (long)i;
    return -1;
}

/* Drop a character that the end of buf cut short (a translation longer than the message's
 * room is truncated at a character boundary, as the library truncates its own). */
static void
utf8_trim(char *buf)
{
    size_t n = strlen(buf), start = n, need;
    unsigned char lead;

    while (start > 0 && ((unsigned char)buf[start - 1] & 0xC0) == 0x80)
        start--;
    if (start == 0)
        return;
    lead = (unsigned char)buf[--start];
    need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (start + need > n)
        buf[start] = '\0';
}

/* msg in Chinese into buf (size bytes), its parts translated in turn down to depth levels;
 * msg as it is when its template has no translation or none matches. */
static void
diag_translate_text(const char *msg, char *buf, size_t size, int depth)
{
    char parts[DIAG_PARTS][CCAP_DIAG_MESSAGE_MAX];
    const long i = cli_diag_template_find(msg);
    const char *tr;
    int n, k;

    snprintf(buf, size, "%s", msg);
    if (i < 0 || (tr = _(diag_templates[i])) == diag_templates[i] ||
        !diag_match(diag_templates[i], msg, parts, &n))
        return;
    for (k = 0; k < n && depth > 1; k++)
        if (strchr(parts[k], ' ') != NULL) {
            char part[CCAP_DIAG_MESSAGE_MAX];
            diag_translate_text(parts[k], part, sizeof part, depth - 1);
            snprintf(parts[k], sizeof parts[k], "%s", part);
        }
    diag_fill(tr, parts, n, buf, size);
    utf8_trim(buf);
}

void
cli_translate_message(const char *msg, char *buf, size_t size)
{
    if (lang_zh)
        diag_translate_text(msg, buf, size, DIAG_DEPTH);
    else
        snprintf(buf, size, "%s", msg);
}

const char *
cli_strerror(int status)
{
    static char buf[CCAP_DIAG_MESSAGE_MAX];

    cli_translate_message(ccap_strerror(status), buf, sizeof buf);
    return buf;
}

void
cli_diag_translate(ccap_diag *diag)
{
    char buf[CCAP_DIAG_MESSAGE_MAX];

    if (!lang_zh)
        return;
    diag_translate_text(diag->message, buf, sizeof buf, DIAG_DEPTH);
    snprintf(diag->message, sizeof diag->message, "%s", buf);
}

void
cli_print_diag(const ccap_diag *diag)
{
    char line[CCAP_DIAG_FILE_MAX + CCAP_DIAG_FIELD_MAX + CCAP_DIAG_MESSAGE_MAX + 32];
    ccap_diag shown = *diag;

    cli_diag_translate(&shown);
    ccap_diag_format(&shown, line, sizeof line);
    fprintf(stderr, "%s\n", line[0] != '\0' ? line : cli_strerror(diag->status));
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
    char place[CCAP_DIAG_FILE_MAX + 32], ages[48], text[1024];
    size_t i;

    if (report == NULL)
        return;
    if (ccap_margins_report_n_disagree(report) > 0) {
        for (i = 0; i < ccap_margins_report_count(report); i++) {
            ccap_margins_report_get(report, i, &rel);
            if (rel.agree)
                continue;
            cli_margin_place(path, margins, rel.whole, place, sizeof place);
            cli_translate_message(rel.text, text, sizeof text);
            fprintf(stderr, "%s: %s\n", place, text);
        }
        return;
    }
    for (i = 0; i < ccap_margins_report_count(report); i++) {
        ccap_margins_report_get(report, i, &rel);
        if (rel.difference > 0.0 || rel.difference < 0.0) {
            cli_margin_place(path, margins, rel.whole, place, sizeof place);
            cli_translate_message(rel.text, text, sizeof text);
            /* TRANSLATORS: the file and line, the relation, then what is kept and scaled */
            fprintf(stderr, _("warning: %s: %s: reconciled, keeping the %s\n"), place, text,
                    rel.kind == CCAP_RELATION_REGIONS ? _("region's figure and scaling its areas'")
                    : rel.kind == CCAP_RELATION_SEXES
                        ? _("both-sexes figure and scaling female and male")
                        : _("total and scaling the age groups"));
        }
    }
    for (i = 0; i < ccap_margins_report_n_adjustments(report); i++) {
        size_t which = 0;
        double published = NAN, adjusted = NAN;
        ccap_margin m;
        ccap_margins_report_adjustment(report, i, &which, &published, &adjusted);
        ccap_margins_get(margins, which, &m);
        cli_margin_place(path, margins, which, place, sizeof place);
        /* TRANSLATORS: the file and line; the margin as the file gives it (code, year, sex,
           ages); the figure published, used and their difference */
        fprintf(stderr, _("warning: %s: %s,%d,%s,%s: %.15g published, %.2f used (%+.2f)\n"), place,
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
