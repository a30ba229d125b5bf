/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Area outlines from GeoJSON for the map of ccap-access: a strict JSON parser (RFC 8259:
 * no comments, no trailing commas, no NaN, escapes checked, UTF-16 surrogates paired)
 * into a small tree, then the features of a FeatureCollection (RFC 7946).
 */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "geojson.h"

#define FILE_MAX ((size_t)256 << 20)
#define DEPTH_MAX 64

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } jtype;

typedef struct jnode {
    jtype type;
    unsigned long line;
    double num;
    char *str;
    struct jnode **kids;
    char **keys; /* objects: the member names */
    size_t n, cap;
} jnode;

typedef struct parser {
    const char *p, *end;
    unsigned long line;
    int depth;
    char err[256];
    unsigned long err_line;
} parser;

static void
jfree(jnode *n)
{
    size_t i;

    if (n == NULL)
        return;
    for (i = 0; i < n->n; i++) {
        jfree(n->kids[i]);
        if (n->keys != NULL)
            free(n->keys[i]);
    }
    free(n->kids);
    free(n->keys);
    free(n->str);
    free(n);
}

static int fail(parser *ps, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int
fail(parser *ps, const char *fmt, ...)
{
    va_list ap;

    if (ps->err[0] == '\0') {
        va_start(ap, fmt);
        vsnprintf(ps->err, sizeof ps->err, fmt, ap);
        va_end(ap);
        ps->err_line = ps->line;
    }
    return -1;
}

static void
skip_ws(parser *ps)
{
    while (ps->p < ps->end &&
           (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')) {
        if (*ps->p == '\n')
            ps->line++;
        ps->p++;
    }
}

static int
add_kid(jnode *n, jnode *kid, char *key)
{
    if (n->n == n->cap) {
        size_t cap = n->cap * 2 + 4;
        jnode **kids = realloc(n->kids, cap * sizeof *kids);
        char **keys;
        if (kids == NULL)
            return -1;
        n->kids = kids;
        if (n->type == J_OBJ) {
            if ((keys = realloc(n->keys, cap * sizeof *keys)) == NULL)
                return -1;
            n->keys = keys;
        }
        n->cap = cap;
    }
    n->kids[n->n] = kid;
    if (n->type == J_OBJ)
        n->keys[n->n] = key;
    n->n++;
    return 0;
}

static int
hex4(parser *ps, unsigned *out)
{
    unsigned v = 0;
    int i;

    if (ps->end - ps->p < 4)
        return fail(ps, _("a \\u escape needs four hexadecimal digits"));
    for (i = 0; i < 4; i++) {
        const char c = *ps->p++;
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return fail(ps, _("a \\u escape needs four hexadecimal digits"));
    }
    *out = v;
    return 0;
}

/* A string after its opening quote, as new UTF-8 text. */
static char *
parse_string(parser *ps)
{
    size_t cap = 16, len = 0;
    char *s = malloc(cap);

    if (s == NULL) {
        fail(ps, _("out of memory"));
        return NULL;
    }
    for (;;) {
        unsigned char c;
        unsigned cp = 0;
        char buf[4];
        size_t k = 0, i;

        if (ps->p >= ps->end) {
            fail(ps, _("a string is not closed"));
            break;
        }
        c = (unsigned char)*ps->p++;
        if (c == '"') {
            s[len] = '\0';
            return s;
        }
        if (c < 0x20) {
            fail(ps, _("a control character inside a string"));
            break;
        }
        if (c != '\\') {
            buf[k++] = (char)c;
        } else {
            if (ps->p >= ps->end) {
                fail(ps, _("a string is not closed"));
                break;
            }
            c = (unsigned char)*ps->p++;
            switch (c) {
            case '"':
            case '\\':
            case '/':
                buf[k++] = (char)c;
                break;
            case 'b':
                buf[k++] = '\b';
                break;
            case 'f':
                buf[k++] = '\f';
                break;
            case 'n':
                buf[k++] = '\n';
                break;
            case 'r':
                buf[k++] = '\r';
                break;
            case 't':
                buf[k++] = '\t';
                break;
            case 'u':
                if (hex4(ps, &cp) != 0)
                    goto bad;
                if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    fail(ps, _("a lone low surrogate \\u%04X"), cp);
                    goto bad;
                }
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    unsigned lo;
                    if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u') {
                        fail(ps, _("a high surrogate \\u%04X without its low half"), cp);
                        goto bad;
                    }
                    ps->p += 2;
                    if (hex4(ps, &lo) != 0)
                        goto bad;
                    if (lo < 0xDC00 || lo > 0xDFFF) {
                        fail(ps, _("a high surrogate \\u%04X without its low half"), cp);
                        goto bad;
                    }
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
                if (cp < 0x80) {
                    buf[k++] = (char)cp;
                } else if (cp < 0x800) {
                    buf[k++] = (char)(0xC0 | (cp >> 6));
                    buf[k++] = (char)(0x80 | (cp & 0x3F));
                } else if (cp < 0x10000) {
                    buf[k++] = (char)(0xE0 | (cp >> 12));
                    buf[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                    buf[k++] = (char)(0x80 | (cp & 0x3F));
                } else {
                    buf[k++] = (char)(0xF0 | (cp >> 18));
                    buf[k++] = (char)(0x80 | ((cp >> 12) & 0x3F));
                    buf[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                    buf[k++] = (char)(0x80 | (cp & 0x3F));
                }
                break;
            default:
                fail(ps, _("'\\%c' is not a JSON escape"), c >= 0x20 && c < 0x7f ? c : '?');
                goto bad;
            }
        }
        if (len + k + 1 > cap) {
            char *grown = realloc(s, cap *= 2);
            if (grown == NULL) {
                fail(ps, _("out of memory"));
                break;
            }
            s = grown;
        }
        for (i = 0; i < k; i++)
            s[len++] = buf[i];
    }
bad:
    free(s);
    return NULL;
}

/* A number by the grammar of RFC 8259, converted with strtod (the C locale's point). */
static int
parse_number(parser *ps, double *out)
{
    const char *q = ps->p;
    char buf[64], *end;
    size_t len;

    if (q < ps->end && *q == '-')
        q++;
    if (q < ps->end && *q == '0')
        q++;
    else if (q < ps->end && *q >= '1' && *q <= '9')
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
    else
        return fail(ps, _("not a JSON value"));
    if (q < ps->end && *q == '.') {
        q++;
        if (q >= ps->end || *q < '0' || *q > '9')
            return fail(ps, _("a number needs digits after its point"));
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
    }
    if (q < ps->end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < ps->end && (*q == '+' || *q == '-'))
            q++;
        if (q >= ps->end || *q < '0' || *q > '9')
            return fail(ps, _("a number needs digits in its exponent"));
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
    }
    len = (size_t)(q - ps->p);
    if (len >= sizeof buf)
        return fail(ps, _("a number of more than %zu characters"), sizeof buf - 1);
    memcpy(buf, ps->p, len);
    buf[len] = '\0';
    errno = 0;
    *out = strtod(buf, &end);
    if (errno == ERANGE && (*out > 1.0 || *out < -1.0))
        return fail(ps, _("%s is beyond the range of a double"), buf);
    ps->p = q;
    return 0;
}

static jnode *parse_value(parser *ps);

static jnode *
new_node(parser *ps, jtype type)
{
    jnode *n = calloc(1, sizeof *n);

    if (n == NULL)
        fail(ps, _("out of memory"));
    else {
        n->type = type;
        n->line = ps->line;
    }
    return n;
}

static jnode *
parse_container(parser *ps, jtype type)
{
    const char close = type == J_ARR ? ']' : '}';
    jnode *n;

    if (++ps->depth > DEPTH_MAX) {
        fail(ps, _("nested more than %d deep"), DEPTH_MAX);
        return NULL;
    }
    if ((n = new_node(ps, type)) == NULL)
        return NULL;
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        ps->depth--;
        return n;
    }
    for (;;) {
        char *key = NULL;
        jnode *kid;

        skip_ws(ps);
        if (type == J_OBJ) {
            if (ps->p >= ps->end || *ps->p != '"') {
                fail(ps, _("a member name (a string) expected"));
                break;
            }
            ps->p++;
            if ((key = parse_string(ps)) == NULL)
                break;
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':') {
                free(key);
                fail(ps, _("':' expected after a member name"));
                break;
            }
            ps->p++;
        }
        if ((kid = parse_value(ps)) == NULL || add_kid(n, kid, key) != 0) {
            if (kid != NULL)
                fail(ps, _("out of memory"));
            jfree(kid);
            free(key);
            break;
        }
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            skip_ws(ps);
            if (ps->p < ps->end && *ps->p == close) {
                fail(ps, _("a comma before '%c'"), close);
                break;
            }
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            ps->depth--;
            return n;
        }
        fail(ps, _("',' or '%c' expected"), close);
        break;
    }
    jfree(n);
    return NULL;
}

static jnode *
parse_value(parser *ps)
{
    static const struct {
        const char *word;
        jtype type;
        int value;
    } words[] = {{"null", J_NULL, 0}, {"true", J_BOOL, 1}, {"false", J_BOOL, 0}};
    jnode *n;
    size_t i;

    skip_ws(ps);
    if (ps->p >= ps->end) {
        fail(ps, _("a value expected before the end of the file"));
        return NULL;
    }
    if (*ps->p == '{')
        return parse_container(ps, J_OBJ);
    if (*ps->p == '[')
        return parse_container(ps, J_ARR);
    if (*ps->p == '"') {
        if ((n = new_node(ps, J_STR)) == NULL)
            return NULL;
        ps->p++;
        if ((n->str = parse_string(ps)) == NULL) {
            jfree(n);
            return NULL;
        }
        return n;
    }
    for (i = 0; i < sizeof words / sizeof words[0]; i++) {
        const size_t len = strlen(words[i].word);
        if ((size_t)(ps->end - ps->p) >= len && memcmp(ps->p, words[i].word, len) == 0) {
            if ((n = new_node(ps, words[i].type)) != NULL)
                n->num = words[i].value;
            ps->p += len;
            return n;
        }
    }
    if ((n = new_node(ps, J_NUM)) == NULL)
        return NULL;
    if (parse_number(ps, &n->num) != 0) {
        jfree(n);
        return NULL;
    }
    return n;
}

static const jnode *
member(const jnode *obj, const char *key)
{
    size_t i;

    if (obj == NULL || obj->type != J_OBJ)
        return NULL;
    for (i = 0; i < obj->n; i++) {
        if (strcmp(obj->keys[i], key) == 0)
            return obj->kids[i];
    }
    return NULL;
}

static int
is_string(const jnode *n, const char *text)
{
    return n != NULL && n->type == J_STR && strcmp(n->str, text) == 0;
}

static int
error_at(const char *path, const jnode *n, const char *what)
{
    fprintf(stderr, "%s:%lu: %s\n", path, n->line, what);
    return CLI_EXIT_DATA;
}

/* The same position, to the bit: a ring's last repeats its first. */
static int
same_point(const double a[2], const double b[2])
{
    return !(a[0] < b[0] || a[0] > b[0] || a[1] < b[1] || a[1] > b[1]);
}

/* A linear ring: at least four positions [lon, lat], the last equal to the first. */
static int
add_ring(const char *path, const jnode *ring, size_t area, access_boundaries *b)
{
    size_t i;

    if (ring->type != J_ARR || ring->n < 4)
        return error_at(path, ring, _("a polygon ring needs at least four positions"));
    for (i = 0; i < ring->n; i++) {
        const jnode *pos = ring->kids[i];
        char msg[160];
        if (pos->type != J_ARR || pos->n < 2 || pos->kids[0]->type != J_NUM ||
            pos->kids[1]->type != J_NUM)
            return error_at(path, pos, _("a position must be [longitude, latitude]"));
        if (ccap_access_check_lonlat(pos->kids[0]->num, pos->kids[1]->num) != CCAP_OK) {
            snprintf(msg, sizeof msg,
                     _("[%g, %g] is not a longitude and latitude in China (degrees on WGS-84 "
                       "or CGCS2000, longitude first)"),
                     pos->kids[0]->num, pos->kids[1]->num);
            return error_at(path, pos, msg);
        }
        if (b->n_pts == b->cap_pts) {
            double *grown = realloc(b->pts, (b->cap_pts = b->cap_pts * 2 + 64) * 2 * sizeof *grown);
            if (grown == NULL)
                return error_at(path, pos, _("out of memory"));
            b->pts = grown;
        }
        b->pts[2 * b->n_pts] = pos->kids[0]->num;
        b->pts[2 * b->n_pts + 1] = pos->kids[1]->num;
        b->n_pts++;
    }
    if (!same_point(&b->pts[2 * (b->n_pts - ring->n)], &b->pts[2 * (b->n_pts - 1)]))
        return error_at(path, ring->kids[ring->n - 1],
                        _("a polygon ring must end where it starts (RFC 7946)"));
    if (b->n_rings == b->cap_rings) {
        geo_ring *grown = realloc(b->rings, (b->cap_rings = b->cap_rings * 2 + 16) * sizeof *grown);
        if (grown == NULL)
            return error_at(path, ring, _("out of memory"));
        b->rings = grown;
    }
    b->rings[b->n_rings].area = area;
    b->rings[b->n_rings].first = b->n_pts - ring->n;
    b->rings[b->n_rings].n = ring->n;
    b->n_rings++;
    return CLI_EXIT_OK;
}

static int
add_polygon(const char *path, const jnode *poly, size_t area, access_boundaries *b)
{
    size_t i;
    int code;

    if (poly->type != J_ARR || poly->n == 0)
        return error_at(path, poly, _("a polygon must be an array of rings"));
    for (i = 0; i < poly->n; i++) {
        if ((code = add_ring(path, poly->kids[i], area, b)) != CLI_EXIT_OK)
            return code;
    }
    return CLI_EXIT_OK;
}

static int
add_feature(const char *path, const jnode *f, const ccap_access_areas *areas, access_boundaries *b)
{
    const jnode *props = member(f, "properties"), *geom = member(f, "geometry");
    const jnode *code = member(props, "code"), *type, *coords;
    size_t area, i;
    int status;

    if (f->type != J_OBJ || !is_string(member(f, "type"), "Feature"))
        return error_at(path, f, _("each member of \"features\" must be a Feature"));
    if (code == NULL || code->type != J_STR)
        return error_at(path, props != NULL ? props : f,
                        _("a feature needs a property \"code\" (a string): the area it outlines"));
    if (ccap_access_areas_find(areas, code->str, &area) != CCAP_OK) {
        b->n_unknown++;
        return CLI_EXIT_OK;
    }
    if (geom == NULL || geom->type == J_NULL)
        return CLI_EXIT_OK;
    type = member(geom, "type");
    coords = member(geom, "coordinates");
    if (coords == NULL || coords->type != J_ARR)
        return error_at(path, geom, _("a geometry needs \"coordinates\""));
    if (is_string(type, "Polygon"))
        return add_polygon(path, coords, area, b);
    if (is_string(type, "MultiPolygon")) {
        for (i = 0; i < coords->n; i++) {
            if ((status = add_polygon(path, coords->kids[i], area, b)) != CLI_EXIT_OK)
                return status;
        }
        return CLI_EXIT_OK;
    }
    return error_at(path, geom, _("an area's geometry must be a Polygon or a MultiPolygon"));
}

void
access_boundaries_free(access_boundaries *b)
{
    if (b == NULL)
        return;
    free(b->rings);
    free(b->pts);
    free(b);
}

int
access_boundaries_read(const char *path, const ccap_access_areas *areas, access_boundaries **out)
{
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    size_t len = 0, cap = 0, got;
    parser ps;
    jnode *root = NULL;
    const jnode *features;
    access_boundaries *b = NULL;
    int code = CLI_EXIT_DATA;
    size_t i;

    *out = NULL;
    if (f == NULL) {
        fprintf(stderr, _("%s: cannot read: %s\n"), path, strerror(errno));
        return CLI_EXIT_DATA;
    }
    do {
        if (len + 65536 > cap) {
            char *grown = cap + 65536 > FILE_MAX ? NULL : realloc(text, cap += 1 << 20);
            if (grown == NULL) {
                fprintf(stderr, _("%s: larger than %zu MiB, or out of memory\n"), path,
                        FILE_MAX >> 20);
                fclose(f);
                free(text);
                return CLI_EXIT_DATA;
            }
            text = grown;
        }
        got = fread(text + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    if (ferror(f)) {
        fprintf(stderr, _("%s: cannot read: %s\n"), path, strerror(errno));
        fclose(f);
        free(text);
        return CLI_EXIT_DATA;
    }
    fclose(f);
    memset(&ps, 0, sizeof ps);
    ps.p = text;
    ps.end = text + len;
    ps.line = 1;
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        ps.p += 3; /* a byte-order mark */
    root = parse_value(&ps);
    if (root != NULL) {
        skip_ws(&ps);
        if (ps.p < ps.end)
            fail(&ps, _("text after the end of the JSON value"));
    }
    if (ps.err[0] != '\0') {
        fprintf(stderr, "%s:%lu: %s\n", path, ps.err_line, ps.err);
        goto done;
    }
    features = member(root, "features");
    if (!is_string(member(root, "type"), "FeatureCollection") || features == NULL ||
        features->type != J_ARR) {
        code = error_at(path, root, _("not a GeoJSON FeatureCollection with \"features\""));
        goto done;
    }
    if ((b = calloc(1, sizeof *b)) == NULL) {
        fprintf(stderr, _("%s: out of memory\n"), path);
        goto done;
    }
    for (i = 0; i < features->n; i++) {
        if ((code = add_feature(path, features->kids[i], areas, b)) != CLI_EXIT_OK)
            goto done;
    }
    *out = b;
    b = NULL;
    code = CLI_EXIT_OK;
done:
    access_boundaries_free(b);
    jfree(root);
    free(text);
    return code;
}
