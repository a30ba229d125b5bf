/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Published totals by region, year, sex and age range. */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ccap_private.h"

typedef struct margin_key {
    size_t region;
    int year;
    int sex;
    size_t age_lo, age_hi;
} margin_key;

typedef struct item {
    margin_key key;
    double value;
    char *note;         /* NULL for none */
    unsigned long line; /* of the file it was read from; 0 for none */
} item;

struct ccap_margins {
    item *items;
    size_t n, cap;
    ccap__index by_key;
};

/* The words of a note's kind, English (a colon after them) and Chinese. */
static const struct {
    const char *word;
    int chinese;
    ccap_provenance kind;
} provenance_words[] = {
    {"published", 0, CCAP_PROVENANCE_PUBLISHED}, {"derived", 0, CCAP_PROVENANCE_DERIVED},
    {"assumed", 0, CCAP_PROVENANCE_ASSUMED},     {"公布", 1, CCAP_PROVENANCE_PUBLISHED},
    {"推算", 1, CCAP_PROVENANCE_DERIVED},        {"估算", 1, CCAP_PROVENANCE_DERIVED},
    {"假定", 1, CCAP_PROVENANCE_ASSUMED},        {"假设", 1, CCAP_PROVENANCE_ASSUMED},
};

/* Whether text starts with the lower-case ASCII word, in any case. */
static int
starts_with_word(const char *text, const char *word)
{
    for (; *word != '\0'; text++, word++) {
        const char c = *text >= 'A' && *text <= 'Z' ? (char)(*text - 'A' + 'a') : *text;
        if (c != *word)
            return 0;
    }
    return 1;
}

ccap_provenance
ccap_note_provenance(const char *note)
{
    size_t i, n;

    if (note == NULL)
        return CCAP_PROVENANCE_NONE;
    while (*note == ' ')
        note++;
    for (i = 0; i < sizeof provenance_words / sizeof provenance_words[0]; i++) {
        const char *word = provenance_words[i].word, *rest;

        n = strlen(word);
        if (provenance_words[i].chinese ? strncmp(note, word, n) != 0
                                        : !starts_with_word(note, word))
            continue;
        if (provenance_words[i].chinese)
            return provenance_words[i].kind;
        rest = note + n;
        while (*rest == ' ')
            rest++;
        if (*rest == ':' || strncmp(rest, "：", strlen("：")) == 0)
            return provenance_words[i].kind;
    }
    return CCAP_PROVENANCE_NONE;
}

ccap_margins *
ccap_margins_alloc(void)
{
    ccap_margins *m = calloc(1, sizeof *m);

    if (m != NULL)
        ccap__index_init(&m->by_key);
    return m;
}

void
ccap_margins_free(ccap_margins *margins)
{
    size_t i;

    if (margins == NULL)
        return;
    for (i = 0; i < margins->n; i++)
        free(margins->items[i].note);
    free(margins->items);
    ccap__index_free(&margins->by_key);
    free(margins);
}

static uint64_t
key_hash(const margin_key *k)
{
    uint64_t h = ccap__hash_bytes(&k->region, sizeof k->region, 0);

    h = ccap__hash_bytes(&k->year, sizeof k->year, h);
    h = ccap__hash_bytes(&k->sex, sizeof k->sex, h);
    h = ccap__hash_bytes(&k->age_lo, sizeof k->age_lo, h);
    return ccap__hash_bytes(&k->age_hi, sizeof k->age_hi, h);
}

static int
key_eq(size_t element, const void *key, const void *payload)
{
    const margin_key *a = &((const ccap_margins *)payload)->items[element].key;
    const margin_key *b = key;

    return a->region == b->region && a->year == b->year && a->sex == b->sex &&
           a->age_lo == b->age_lo && a->age_hi == b->age_hi;
}

static size_t
lookup(const ccap_margins *m, const margin_key *k)
{
    return ccap__index_find(&m->by_key, key_hash(k), k, key_eq, m);
}

static int
make_key(margin_key *k, size_t region, int year, ccap_sex sex, size_t age_lo, size_t age_hi)
{
    memset(k, 0, sizeof *k); /* padding too, as the key is hashed field by field */
    k->region = region;
    k->year = year;
    k->sex = (int)sex;
    k->age_lo = age_lo;
    k->age_hi = age_hi;
    if (sex != CCAP_SEX_FEMALE && sex != CCAP_SEX_MALE && sex != CCAP_SEX_BOTH)
        return CCAP_EINVAL;
    if (age_hi <= age_lo || age_lo == CCAP_AGE_OPEN)
        return CCAP_EDOM;
    return CCAP_OK;
}

int
ccap_margins_add(ccap_margins *margins, size_t region, int year, ccap_sex sex, size_t age_lo,
                 size_t age_hi, double value, const char *note, size_t *dup_out)
{
    margin_key key;
    size_t dup;
    char *copy = NULL;
    item *items;
    int status;

    if (margins == NULL)
        return CCAP_EINVAL;
    if ((status = make_key(&key, region, year, sex, age_lo, age_hi)) != CCAP_OK)
        return status;
    if (!isfinite(value) || value < 0.0)
        return CCAP_EDOM;
    if (note != NULL && note[0] != '\0') {
        if (strlen(note) > CCAP_MARGIN_NOTE_MAX || !ccap__utf8_valid(note, strlen(note), NULL) ||
            ccap__has_control(note))
            return CCAP_EDOM;
    }
    dup = lookup(margins, &key);
    if (dup != SIZE_MAX) {
        if (dup_out != NULL)
            *dup_out = dup;
        return CCAP_EEXIST;
    }
    items = ccap__grow(margins->items, &margins->cap, margins->n + 1, sizeof *items);
    if (items == NULL)
        return CCAP_ENOMEM;
    margins->items = items;
    if (note != NULL && note[0] != '\0' && (copy = ccap__strdup(note)) == NULL)
        return CCAP_ENOMEM;
    if (ccap__index_insert(&margins->by_key, key_hash(&key), margins->n) != CCAP_OK) {
        free(copy);
        return CCAP_ENOMEM;
    }
    margins->items[margins->n].key = key;
    margins->items[margins->n].value = value;
    margins->items[margins->n].note = copy;
    margins->items[margins->n].line = 0;
    margins->n++;
    return CCAP_OK;
}

size_t
ccap_margins_count(const ccap_margins *margins)
{
    return margins == NULL ? 0 : margins->n;
}

int
ccap_margins_get(const ccap_margins *margins, size_t index, ccap_margin *out)
{
    const item *it;

    if (margins == NULL || out == NULL || index >= margins->n)
        return CCAP_EINVAL;
    it = &margins->items[index];
    out->region = it->key.region;
    out->year = it->key.year;
    out->sex = (ccap_sex)it->key.sex;
    out->age_lo = it->key.age_lo;
    out->age_hi = it->key.age_hi;
    out->value = it->value;
    out->note = it->note != NULL ? it->note : "";
    return CCAP_OK;
}

int
ccap_margins_find(const ccap_margins *margins, size_t region, int year, ccap_sex sex,
                  size_t age_lo, size_t age_hi, double *value_out)
{
    margin_key key;
    size_t i;
    int status;

    if (value_out == NULL)
        return CCAP_EINVAL;
    *value_out = NAN;
    if (margins == NULL)
        return CCAP_EINVAL;
    if ((status = make_key(&key, region, year, sex, age_lo, age_hi)) != CCAP_OK)
        return status == CCAP_EDOM ? CCAP_ENOTFOUND : status;
    i = lookup(margins, &key);
    if (i == SIZE_MAX)
        return CCAP_ENOTFOUND;
    *value_out = margins->items[i].value;
    return CCAP_OK;
}

const char *
ccap_margin_ages_label(const ccap_margin *margin, char *buf, size_t size)
{
    if (buf == NULL || size == 0)
        return NULL;
    if (margin == NULL)
        buf[0] = '\0';
    else if (margin->age_lo == 0 && margin->age_hi == CCAP_AGE_OPEN)
        snprintf(buf, size, "total");
    else if (margin->age_hi == CCAP_AGE_OPEN)
        snprintf(buf, size, "%zu+", margin->age_lo);
    else if (margin->age_hi == margin->age_lo + 1)
        snprintf(buf, size, "%zu", margin->age_lo);
    else
        snprintf(buf, size, "%zu-%zu", margin->age_lo, margin->age_hi - 1);
    return buf;
}

int
ccap_margins_children_sum(const ccap_margins *margins, const ccap_regions *regions,
                          size_t region, int year, ccap_sex sex, size_t age_lo, size_t age_hi,
                          double *sum_out)
{
    size_t n_children, k;
    double sum = 0.0, part;
    int status;

    if (sum_out == NULL)
        return CCAP_EINVAL;
    *sum_out = NAN;
    if (margins == NULL || regions == NULL || region >= ccap_regions_count(regions))
        return CCAP_EINVAL;
    if (!ccap_regions_is_finished(regions))
        return CCAP_ESTATE;
    n_children = ccap_regions_n_children(regions, region);
    if (n_children == 0)
        return CCAP_ENOTFOUND;
    for (k = 0; k < n_children; k++) {
        status = ccap_margins_find(margins, ccap_regions_child(regions, region, k), year, sex,
                                   age_lo, age_hi, &part);
        if (status != CCAP_OK)
            return status;
        sum += part;
    }
    *sum_out = sum;
    return CCAP_OK;
}

unsigned long
ccap_margins_line(const ccap_margins *margins, size_t index)
{
    if (margins == NULL || index >= margins->n)
        return 0;
    return margins->items[index].line;
}

int
ccap_margins_set_line(ccap_margins *margins, size_t index, unsigned long line)
{
    if (margins == NULL || index >= margins->n)
        return CCAP_EINVAL;
    margins->items[index].line = line;
    return CCAP_OK;
}

/* ---- consistency ---- */

/* Age partitions of one region and sex that are looked for at most: single years and
 * 5-year groups of one region would otherwise give a number of chains that grows
 * exponentially, each saying nothing the first does not. */
#define CHAINS_MAX 16
/* Reconciliation passes, and the relative residual at which they stop. */
#define RECONCILE_PASSES 100
#define RECONCILE_RESIDUAL 1e-14
/* Largest unit of the last published digit assumed for a figure (万 with two decimals). */
#define ROUNDING_UNIT_MAX 100.0
/* Children named in a message about a region and its children. */
#define CODES_SHOWN 6

static int same(double a, double b);

typedef struct relation {
    ccap_margins_relation_kind kind;
    size_t whole, first, n_parts; /* parts: report->parts[first .. first + n_parts) */
    double published, implied, allowance;
    int agree;
    char *text;
    size_t order; /* pre-order position of the whole's region */
} relation;

struct ccap_margins_report {
    relation *rel;
    size_t n, cap;
    size_t *parts;
    size_t n_parts, cap_parts;
    size_t n_disagree;
    size_t *adj_margin;
    double *adj_published, *adj_value;
    size_t n_adj;
};

void
ccap_margins_report_free(ccap_margins_report *report)
{
    size_t i;

    if (report == NULL)
        return;
    for (i = 0; i < report->n; i++)
        free(report->rel[i].text);
    free(report->rel);
    free(report->parts);
    free(report->adj_margin);
    free(report->adj_published);
    free(report->adj_value);
    free(report);
}

size_t
ccap_margins_report_count(const ccap_margins_report *report)
{
    return report == NULL ? 0 : report->n;
}

size_t
ccap_margins_report_n_disagree(const ccap_margins_report *report)
{
    return report == NULL ? 0 : report->n_disagree;
}

size_t
ccap_margins_report_n_adjustments(const ccap_margins_report *report)
{
    return report == NULL ? 0 : report->n_adj;
}

int
ccap_margins_report_get(const ccap_margins_report *report, size_t index, ccap_margins_relation *out)
{
    const relation *r;
    double d;

    if (report == NULL || out == NULL || index >= report->n)
        return CCAP_EINVAL;
    r = &report->rel[index];
    d = r->implied - r->published;
    out->kind = r->kind;
    out->whole = r->whole;
    out->parts = report->parts + r->first;
    out->n_parts = r->n_parts;
    out->published = r->published;
    out->implied = r->implied;
    out->difference = d;
    out->relative = r->published > 0.0 ? d / r->published
                    : same(d, 0.0)     ? 0.0
                    : d > 0.0          ? (double)INFINITY
                                       : -(double)INFINITY;
    out->allowance = r->allowance;
    out->agree = r->agree;
    out->text = r->text;
    return CCAP_OK;
}

int
ccap_margins_report_adjustment(const ccap_margins_report *report, size_t index, size_t *margin_out,
                               double *published_out, double *adjusted_out)
{
    if (published_out != NULL)
        *published_out = NAN;
    if (adjusted_out != NULL)
        *adjusted_out = NAN;
    if (report == NULL || index >= report->n_adj)
        return CCAP_EINVAL;
    if (margin_out != NULL)
        *margin_out = report->adj_margin[index];
    if (published_out != NULL)
        *published_out = report->adj_published[index];
    if (adjusted_out != NULL)
        *adjusted_out = report->adj_value[index];
    return CCAP_OK;
}

/* a == b, without -Wfloat-equal's warning: exact equality is meant. */
static int
same(double a, double b)
{
    return !(a < b) && !(a > b);
}

/* Half the unit of the last digit a figure was published with: the largest power of ten
 * dividing it, at most ROUNDING_UNIT_MAX; 1 for a figure that is not a whole number (or
 * 0, whose digits say nothing). */
static double
half_unit(double v)
{
    double unit = 1.0;

    if (v > 0.0 && same(v, floor(v)) && v < 1e15) {
        while (unit < ROUNDING_UNIT_MAX && same(fmod(v, unit * 10.0), 0.0))
            unit *= 10.0;
    }
    return unit / 2.0;
}

/* A number of persons as communiqués write it: 1,234,560; other numbers with %.6g. */
static const char *
persons(double v, char *buf, size_t size)
{
    char digits[32];
    size_t n, i, o = 0;
    const int neg = v < 0.0;

    if (!(fabs(v) < 1e15) || !same(fabs(v), floor(fabs(v)))) {
        snprintf(buf, size, "%.6g", v);
        return buf;
    }
    snprintf(digits, sizeof digits, "%.0f", fabs(v));
    n = strlen(digits);
    if (neg && o + 1 < size)
        buf[o++] = '-';
    for (i = 0; i < n && o + 1 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0 && o + 2 < size)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

/* Append printf output to a bounded buffer. */
static void append(char *buf, size_t size, const char *fmt, ...) CCAP__PRINTF(3, 4);

static void
append(char *buf, size_t size, const char *fmt, ...)
{
    const size_t n = strlen(buf);
    va_list ap;

    if (n + 1 >= size)
        return;
    va_start(ap, fmt);
    vsnprintf(buf + n, size - n, fmt, ap);
    va_end(ap);
}

/* " (line 9)", " (lines 3, 4)", " (lines 10-25)", or "" when no line is known; with
 * inner, "; lines 3, 4" to go inside parentheses already open. */
static void
append_lines(char *buf, size_t size, const ccap_margins *m, const size_t *idx, size_t n, int inner)
{
    unsigned long lines[64];
    size_t k = 0, i, j;

    for (i = 0; i < n && k < sizeof lines / sizeof lines[0]; i++) {
        if (m->items[idx[i]].line != 0)
            lines[k++] = m->items[idx[i]].line;
    }
    if (k == 0)
        return;
    for (i = 1; i < k; i++) { /* insertion sort: a few lines */
        unsigned long v = lines[i];
        for (j = i; j > 0 && lines[j - 1] > v; j--)
            lines[j] = lines[j - 1];
        lines[j] = v;
    }
    append(buf, size, "%sline%s ", inner ? "; " : " (", k > 1 ? "s" : "");
    for (i = 0; i < k; i = j) {
        for (j = i + 1; j < k && lines[j] == lines[j - 1] + 1; j++)
            ;
        append(buf, size, "%s%lu", i > 0 ? ", " : "", lines[i]);
        if (j - i > 2)
            append(buf, size, "-%lu", lines[j - 1]);
        else if (j - i == 2)
            append(buf, size, ", %lu", lines[j - 1]);
    }
    append(buf, size, "%s%s", n > k ? ", ..." : "", inner ? "" : ")");
}

static void
margin_view(const ccap_margins *m, size_t i, ccap_margin *out)
{
    ccap_margins_get(m, i, out);
}

/* The one-line description of relation r. */
static char *
relation_text(const ccap_margins_report *rep, const relation *r, const ccap_margins *m,
              const ccap_regions *regions)
{
    char buf[2048] = "", ages[48], a[32], b[32], c[32], al[32];
    const size_t *parts = rep->parts + r->first;
    const double d = r->implied - r->published;
    ccap_margin w, p;
    const char *code;
    size_t i;

    margin_view(m, r->whole, &w);
    code = ccap_regions_code(regions, w.region);
    ccap_margin_ages_label(&w, ages, sizeof ages);
    switch (r->kind) {
    case CCAP_RELATION_AGES:
        append(buf, sizeof buf, "%s %s ", code, ccap_sex_name(w.sex));
        for (i = 0; i < r->n_parts; i++) {
            char part_ages[48];
            margin_view(m, parts[i], &p);
            append(buf, sizeof buf, "%s%s", i > 0 ? " + " : "",
                   ccap_margin_ages_label(&p, part_ages, sizeof part_ages));
        }
        append_lines(buf, sizeof buf, m, parts, r->n_parts, 0);
        append(buf, sizeof buf, " = %s, but the total", persons(r->implied, a, sizeof a));
        break;
    case CCAP_RELATION_SEXES:
        append(buf, sizeof buf, "%s %s female + male", code, ages);
        append_lines(buf, sizeof buf, m, parts, r->n_parts, 0);
        append(buf, sizeof buf, " = %s, but both", persons(r->implied, a, sizeof a));
        break;
    case CCAP_RELATION_REGIONS:
        append(buf, sizeof buf, "the %zu area%s of %s (", r->n_parts, r->n_parts > 1 ? "s" : "",
               code);
        for (i = 0; i < r->n_parts && i < CODES_SHOWN; i++) {
            margin_view(m, parts[i], &p);
            append(buf, sizeof buf, "%s%s", i > 0 ? ", " : "",
                   ccap_regions_code(regions, p.region));
        }
        if (r->n_parts > CODES_SHOWN)
            append(buf, sizeof buf, " and %zu more", r->n_parts - CODES_SHOWN);
        append_lines(buf, sizeof buf, m, parts, r->n_parts, 1);
        append(buf, sizeof buf, ")");
        append(buf, sizeof buf, " add up to %s for %s %s, but %s", persons(r->implied, a, sizeof a),
               ccap_sex_name(w.sex), ages, code);
        break;
    }
    append_lines(buf, sizeof buf, m, &r->whole, 1, 0);
    append(buf, sizeof buf, " is %s: %s person%s (%.2g %%) apart",
           persons(r->published, b, sizeof b), persons(fabs(d), c, sizeof c),
           same(fabs(d), 1.0) ? "" : "s",
           r->published > 0.0 ? 100.0 * fabs(d) / r->published : 100.0);
    persons(r->allowance, al, sizeof al);
    if (r->agree)
        append(buf, sizeof buf, ", within the rounding allowance of %s", al);
    else if (fabs(d) <= r->allowance) /* parts all zero: nothing to scale */
        append(buf, sizeof buf,
               ", within the rounding allowance of %s, but the parts are all 0 and cannot be "
               "scaled to it; check the figures of %s",
               al, code);
    else if (r->kind == CCAP_RELATION_REGIONS)
        append(buf, sizeof buf,
               ", more than the rounding allowance of %s; check the figures of %s and of its "
               "areas, and whether an area is missing from the region table",
               al, code);
    else if (r->kind == CCAP_RELATION_SEXES)
        append(buf, sizeof buf,
               ", more than the rounding allowance of %s; check the female, male and both "
               "figures of %s",
               al, code);
    else
        append(buf, sizeof buf,
               ", more than the rounding allowance of %s; check the figures of %s, and "
               "whether the age groups cover every age once",
               al, code);
    return ccap__strdup(buf);
}

/* Append a relation whole = sum of parts (margin indices). */
static int
add_relation(ccap_margins_report *rep, const ccap_margins *m, const ccap_regions *regions,
             const size_t *position, ccap_margins_relation_kind kind, size_t whole,
             const size_t *parts, size_t n_parts)
{
    relation *rel, *r;
    size_t *all, i;
    double d;

    rel = ccap__grow(rep->rel, &rep->cap, rep->n + 1, sizeof *rel);
    if (rel == NULL)
        return CCAP_ENOMEM;
    rep->rel = rel;
    all = ccap__grow(rep->parts, &rep->cap_parts, rep->n_parts + n_parts, sizeof *all);
    if (all == NULL)
        return CCAP_ENOMEM;
    rep->parts = all;
    r = &rep->rel[rep->n];
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->whole = whole;
    r->first = rep->n_parts;
    r->n_parts = n_parts;
    r->order = position[m->items[whole].key.region];
    r->published = m->items[whole].value;
    r->allowance = half_unit(r->published);
    for (i = 0; i < n_parts; i++) {
        all[rep->n_parts + i] = parts[i];
        r->implied += m->items[parts[i]].value;
        r->allowance += half_unit(m->items[parts[i]].value);
    }
    d = r->implied - r->published;
    r->agree = fabs(d) <= r->allowance && !(same(r->implied, 0.0) && r->published > 0.0);
    rep->n_parts += n_parts;
    if ((r->text = relation_text(rep, r, m, regions)) == NULL)
        return CCAP_ENOMEM;
    rep->n++;
    rep->n_disagree += !r->agree;
    return CCAP_OK;
}

/* Sorting the margins of a year by region, sex and range, to find age partitions. */
static int
cmp_key_index(const void *pa, const void *pb, const ccap_margins *m)
{
    const margin_key *a = &m->items[*(const size_t *)pa].key;
    const margin_key *b = &m->items[*(const size_t *)pb].key;

    if (a->region != b->region)
        return a->region < b->region ? -1 : 1;
    if (a->sex != b->sex)
        return a->sex < b->sex ? -1 : 1;
    if (a->age_lo != b->age_lo)
        return a->age_lo < b->age_lo ? -1 : 1;
    if (a->age_hi != b->age_hi)
        return a->age_hi < b->age_hi ? -1 : 1;
    return 0;
}

/* Merge sort of margin indices (qsort has no context argument in C11). */
static void
sort_indices(size_t *v, size_t *tmp, size_t n, const ccap_margins *m)
{
    size_t h, i, j, k;

    if (n < 2)
        return;
    h = n / 2;
    sort_indices(v, tmp, h, m);
    sort_indices(v + h, tmp, n - h, m);
    for (i = 0, j = h, k = 0; i < h || j < n;) {
        if (j >= n || (i < h && cmp_key_index(&v[i], &v[j], m) <= 0))
            tmp[k++] = v[i++];
        else
            tmp[k++] = v[j++];
    }
    memcpy(v, tmp, n * sizeof *v);
}

typedef struct chain_ctx {
    ccap_margins_report *rep;
    const ccap_margins *m;
    const ccap_regions *regions;
    const size_t *position;
    const size_t *group; /* margins of one region and sex, sorted by range */
    size_t n_group, whole, n_chains;
    size_t *chain;
    unsigned char *reach; /* reach[i]: from the end of group[i], a chain reaches the open end */
} chain_ctx;

/* The first range of the group that starts at or after `age` (the group is sorted). */
static size_t
first_from(const chain_ctx *c, size_t age)
{
    size_t lo = 0, hi = c->n_group;

    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        if (c->m->items[c->group[mid]].key.age_lo < age)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Mark the ranges of the group from whose end the open end can be reached, last first
 * (a range's successors start where it ends, later in the sorted group): the search
 * below then never follows a range into a dead end, so its work is bounded by the
 * chains it finds, whatever ranges a file holds. */
static void
mark_reach(chain_ctx *c)
{
    size_t i = c->n_group, j;

    while (i-- > 0) {
        const margin_key *k = &c->m->items[c->group[i]].key;
        c->reach[i] = 0;
        if (c->group[i] == c->whole)
            continue;
        if (k->age_hi == CCAP_AGE_OPEN) {
            c->reach[i] = 1;
            continue;
        }
        for (j = first_from(c, k->age_hi); j < c->n_group && !c->reach[i]; j++) {
            if (c->m->items[c->group[j]].key.age_lo != k->age_hi)
                break;
            c->reach[i] = c->reach[j];
        }
    }
}

/* Every chain of ranges of the group from age `age` to the open end. */
static int
find_chains(chain_ctx *c, size_t age, size_t depth)
{
    size_t i;
    int status;

    if (age == CCAP_AGE_OPEN) {
        if (depth < 2 || c->n_chains >= CHAINS_MAX)
            return CCAP_OK;
        c->n_chains++;
        return add_relation(c->rep, c->m, c->regions, c->position, CCAP_RELATION_AGES, c->whole,
                            c->chain, depth);
    }
    for (i = first_from(c, age); i < c->n_group && c->n_chains < CHAINS_MAX; i++) {
        const margin_key *k = &c->m->items[c->group[i]].key;
        if (k->age_lo > age)
            break;
        if (c->group[i] == c->whole || !c->reach[i])
            continue;
        c->chain[depth] = c->group[i];
        if ((status = find_chains(c, k->age_hi, depth + 1)) != CCAP_OK)
            return status;
    }
    return CCAP_OK;
}

/* Sort the relations top-down: by the pre-order position of the whole's region, then
 * regions, sexes, ages (the order in which reconciliation applies them). */
static int
cmp_relation(const void *pa, const void *pb)
{
    static const int rank[] = {2, 1, 0};
    const relation *a = pa, *b = pb;

    if (a->order != b->order)
        return a->order < b->order ? -1 : 1;
    if (a->kind != b->kind)
        return rank[a->kind] < rank[b->kind] ? -1 : 1;
    if (a->whole != b->whole)
        return a->whole < b->whole ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

static int
check_relations(const ccap_margins *m, const ccap_regions *regions, int year,
                ccap_margins_report *rep, ccap_diag *diag)
{
    const size_t n_regions = ccap_regions_count(regions);
    size_t *idx = NULL, *tmp = NULL, *position = NULL, *parts = NULL;
    unsigned char *reach = NULL;
    size_t n = 0, i, j, k, max_children = 0;
    int status = CCAP_OK;

    for (i = 0; i < m->n; i++) {
        if (m->items[i].key.year != year)
            continue;
        if (m->items[i].key.region >= n_regions)
            return ccap__diag_set(diag, CCAP_EINVAL, NULL, m->items[i].line, 0, NULL,
                                  "margin %zu refers to region index %zu, outside the region "
                                  "table of %zu regions",
                                  i, m->items[i].key.region, n_regions);
        n++;
    }
    for (i = 0; i < n_regions; i++) {
        if (ccap_regions_n_children(regions, i) > max_children)
            max_children = ccap_regions_n_children(regions, i);
    }
    idx = ccap__alloc(n > 0 ? n : 1, sizeof *idx);
    tmp = ccap__alloc(n > 0 ? n : 1, sizeof *tmp);
    position = ccap__alloc(n_regions > 0 ? n_regions : 1, sizeof *position);
    parts = ccap__alloc(max_children > 2 ? max_children : 2, sizeof *parts);
    reach = ccap__alloc(n > 0 ? n : 1, sizeof *reach);
    if (idx == NULL || tmp == NULL || position == NULL || parts == NULL || reach == NULL) {
        status = ccap__diag_nomem(diag, NULL);
        goto out;
    }
    for (k = 0; k < n_regions; k++)
        position[ccap_regions_preorder(regions, k)] = k;
    for (i = 0, n = 0; i < m->n; i++) {
        if (m->items[i].key.year == year)
            idx[n++] = i;
    }
    sort_indices(idx, tmp, n, m);

    /* ages: each group of one region and sex with a total */
    for (i = 0; i < n && status == CCAP_OK; i = j) {
        const margin_key *g = &m->items[idx[i]].key;
        size_t whole = SIZE_MAX;
        for (j = i; j < n && m->items[idx[j]].key.region == g->region &&
                    m->items[idx[j]].key.sex == g->sex;
             j++) {
            if (m->items[idx[j]].key.age_lo == 0 && m->items[idx[j]].key.age_hi == CCAP_AGE_OPEN)
                whole = idx[j];
        }
        if (whole != SIZE_MAX && j - i > 2) {
            chain_ctx c = {rep, m, regions, position, idx + i, j - i, whole, 0, tmp, reach};
            mark_reach(&c);
            status = find_chains(&c, 0, 0);
        }
    }
    /* sexes and regions */
    for (i = 0; i < n && status == CCAP_OK; i++) {
        const margin_key *w = &m->items[idx[i]].key;
        const size_t n_children = ccap_regions_n_children(regions, w->region);
        margin_key key = *w;
        size_t found;

        if (w->sex == CCAP_SEX_BOTH) {
            key.sex = CCAP_SEX_FEMALE;
            parts[0] = lookup(m, &key);
            key.sex = CCAP_SEX_MALE;
            parts[1] = lookup(m, &key);
            key.sex = CCAP_SEX_BOTH;
            if (parts[0] != SIZE_MAX && parts[1] != SIZE_MAX)
                status =
                    add_relation(rep, m, regions, position, CCAP_RELATION_SEXES, idx[i], parts, 2);
        }
        for (k = 0, found = 0; status == CCAP_OK && k < n_children; k++) {
            key.region = ccap_regions_child(regions, w->region, k);
            if ((parts[k] = lookup(m, &key)) == SIZE_MAX)
                break;
            found++;
        }
        if (status == CCAP_OK && n_children > 0 && found == n_children)
            status = add_relation(rep, m, regions, position, CCAP_RELATION_REGIONS, idx[i], parts,
                                  n_children);
    }
    if (status == CCAP_ENOMEM)
        ccap__diag_nomem(diag, NULL);
    if (status == CCAP_OK && rep->n > 1) {
        /* The texts and part offsets move with their relations. */
        qsort(rep->rel, rep->n, sizeof *rep->rel, cmp_relation);
    }
out:
    free(idx);
    free(tmp);
    free(position);
    free(parts);
    free(reach);
    return status;
}

static int
check_args(const ccap_margins *margins, const ccap_regions *regions,
           ccap_margins_report **report_out, ccap_diag *diag)
{
    ccap_diag_clear(diag);
    if (report_out != NULL)
        *report_out = NULL;
    if (margins == NULL || regions == NULL || report_out == NULL)
        return ccap__diag_set(diag, CCAP_EINVAL, NULL, 0, 0, NULL, "NULL argument");
    if (!ccap_regions_is_finished(regions))
        return ccap__diag_set(diag, CCAP_ESTATE, NULL, 0, 0, NULL,
                              "the region table is not finished");
    return CCAP_OK;
}

int
ccap_margins_check(const ccap_margins *margins, const ccap_regions *regions, int year,
                   ccap_margins_report **report_out, ccap_diag *diag)
{
    ccap_margins_report *rep;
    int status;

    if ((status = check_args(margins, regions, report_out, diag)) != CCAP_OK)
        return status;
    if ((rep = calloc(1, sizeof *rep)) == NULL)
        return ccap__diag_nomem(diag, NULL);
    if ((status = check_relations(margins, regions, year, rep, diag)) != CCAP_OK) {
        ccap_margins_report_free(rep);
        return status;
    }
    *report_out = rep;
    return CCAP_OK;
}

int
ccap_margins_reconcile(ccap_margins *margins, const ccap_regions *regions, int year,
                       ccap_margins_report **report_out, ccap_diag *diag)
{
    ccap_margins_report *rep = NULL;
    double *v = NULL;
    size_t i, k, pass, n_adj = 0;
    int status;

    if ((status = ccap_margins_check(margins, regions, year, &rep, diag)) != CCAP_OK)
        return status;
    if (rep->n_disagree > 0) {
        for (k = 0; rep->rel[k].agree; k++)
            ;
        *report_out = rep;
        return ccap__diag_set(diag, CCAP_EDOM, NULL, margins->items[rep->rel[k].whole].line, 0,
                              NULL, "%s", rep->rel[k].text);
    }
    v = ccap__alloc(margins->n > 0 ? margins->n : 1, sizeof *v);
    if (v == NULL) {
        ccap_margins_report_free(rep);
        return ccap__diag_nomem(diag, NULL);
    }
    for (i = 0; i < margins->n; i++)
        v[i] = margins->items[i].value;
    /* Top-down proportional fitting of the figures themselves: the whole of each relation
     * is kept, its parts scaled to it. */
    for (pass = 0; pass < RECONCILE_PASSES; pass++) {
        double worst = 0.0;
        for (k = 0; k < rep->n; k++) {
            const relation *r = &rep->rel[k];
            const size_t *p = rep->parts + r->first;
            double sum = 0.0, f;
            for (i = 0; i < r->n_parts; i++)
                sum += v[p[i]];
            if (fabs(sum - v[r->whole]) > worst * (v[r->whole] > 0.0 ? v[r->whole] : 1.0))
                worst = fabs(sum - v[r->whole]) / (v[r->whole] > 0.0 ? v[r->whole] : 1.0);
            if (!(sum > 0.0) || same(sum, v[r->whole]))
                continue;
            f = v[r->whole] / sum;
            for (i = 0; i < r->n_parts; i++)
                v[p[i]] *= f;
        }
        if (worst <= RECONCILE_RESIDUAL)
            break;
    }
    for (i = 0; i < margins->n; i++)
        n_adj += !same(v[i], margins->items[i].value);
    rep->adj_margin = ccap__alloc(n_adj > 0 ? n_adj : 1, sizeof *rep->adj_margin);
    rep->adj_published = ccap__alloc(n_adj > 0 ? n_adj : 1, sizeof *rep->adj_published);
    rep->adj_value = ccap__alloc(n_adj > 0 ? n_adj : 1, sizeof *rep->adj_value);
    if (rep->adj_margin == NULL || rep->adj_published == NULL || rep->adj_value == NULL) {
        free(v);
        ccap_margins_report_free(rep);
        return ccap__diag_nomem(diag, NULL);
    }
    for (i = 0; i < margins->n; i++) {
        if (same(v[i], margins->items[i].value))
            continue;
        rep->adj_margin[rep->n_adj] = i;
        rep->adj_published[rep->n_adj] = margins->items[i].value;
        rep->adj_value[rep->n_adj++] = v[i];
        margins->items[i].value = v[i];
    }
    free(v);
    *report_out = rep;
    return CCAP_OK;
}
