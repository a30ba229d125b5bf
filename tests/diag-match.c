/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which of the programs' message templates (cli_diag_template()) a message of the library
 * finds, for tests/check-diag-templates.sh.
 *
 *   diag-match formats   reads message formats (printf formats as xgettext writes msgids:
 *                        \" and \\ escaped), one a line, on standard input; prints for each
 *                        "INDEX<TAB>TEMPLATE<TAB>FORMAT", the template that a message of
 *                        that format finds and its index (-1 and "-": none)
 *   diag-match translate --lang zh
 *                        reads messages, one a line, on standard input and prints each as
 *                        cli_diag_translate() gives it (the catalogue through
 *                        CCAP_LOCALEDIR, as in the programs)
 *   diag-match templates prints "INDEX<TAB>FOUND<TAB>TEMPLATE" for each template whose own
 *                        message finds another template first (FOUND, -1 for none); nothing
 *                        when every template is found by its own messages
 *
 * A format's message is the format with each conversion replaced by a value that is no
 * template's text: "7" for an integer, "7F" for hexadecimal, "7.5" for a floating-point
 * number, "x7" for a string; what a message of it looks like to the matcher.  Exit 0, or 1 on bad
 * usage or input. */

#include <stdio.h>
#include <string.h>

#include "cli.h"

enum { LINE_MAX_BYTES = 4096 };

/* A value for a conversion of type c that no template holds as text. */
static const char *
conversion_word(char c)
{
    if (c != '\0' && strchr("diu", c) != NULL)
        return "7";
    if (c != '\0' && strchr("xX", c) != NULL)
        return "7F";
    if (c != '\0' && strchr("efg", c) != NULL)
        return "7.5";
    return "x7";
}

/* fmt, unescaped where unescape is set, with its conversions replaced by values, into buf. */
static void
sample(const char *fmt, int unescape, char *buf, size_t size)
{
    size_t out = 0;

    while (*fmt != '\0' && out + 4 < size) {
        if (unescape && fmt[0] == '\\' && fmt[1] != '\0') {
            buf[out++] = fmt[1];
            fmt += 2;
        } else if (fmt[0] == '%' && fmt[1] == '%') {
            buf[out++] = '%';
            fmt += 2;
        } else if (fmt[0] == '%') {
            const char *conv = fmt + 1 + strspn(fmt + 1, "0123456789$-+ #.lzhjt");
            const char *word = conversion_word(*conv);

            memcpy(buf + out, word, strlen(word));
            out += strlen(word);
            fmt = *conv != '\0' ? conv + 1 : conv;
        } else {
            buf[out++] = *fmt++;
        }
    }
    buf[out] = '\0';
}

int
main(int argc, char **argv)
{
    char line[LINE_MAX_BYTES], msg[LINE_MAX_BYTES];

    if (argc == 2 && strcmp(argv[1], "formats") == 0) {
        while (fgets(line, sizeof line, stdin) != NULL) {
            line[strcspn(line, "\n")] = '\0';
            long found;
            sample(line, 1, msg, sizeof msg);
            found = cli_diag_template_find(msg);
            printf("%ld\t%s\t%s\n", found, found >= 0 ? cli_diag_template((size_t)found) : "-",
                   line);
        }
        return ferror(stdin) ? 1 : 0;
    }
    if (argc >= 2 && strcmp(argv[1], "translate") == 0) {
        if (cli_i18n_init("diag-match", argc, argv) != CLI_EXIT_OK)
            return 1;
        while (fgets(line, sizeof line, stdin) != NULL) {
            ccap_diag diag;
            ccap_diag_clear(&diag);
            line[strcspn(line, "\n")] = '\0';
            if (strlen(line) >= sizeof diag.message)
                return 1; /* longer than a message can be */
            memcpy(diag.message, line, strlen(line) + 1);
            cli_diag_translate(&diag);
            printf("%s\n", diag.message);
        }
        return ferror(stdin) ? 1 : 0;
    }
    if (argc == 2 && strcmp(argv[1], "templates") == 0) {
        const char *t;
        size_t i;

        for (i = 0; (t = cli_diag_template(i)) != NULL; i++) {
            long found;
            sample(t, 0, msg, sizeof msg);
            found = cli_diag_template_find(msg);
            if (found != (long)i)
                printf("%zu\t%ld\t%s\n", i, found, t);
        }
        return 0;
    }
    fprintf(stderr, "usage: diag-match formats|templates|translate --lang zh\n");
    return 1;
}
