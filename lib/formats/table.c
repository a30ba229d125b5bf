/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CSV tables in (tokenised by libcsv) and files out (written atomically).
 *
 * A table is read whole, from a regular file only: the file is checked for size and
 * NUL bytes as it is read and for UTF-8 before tokenising, and every row remembers the line it starts on, so that
 * each later error can name FILE:LINE and the column.
 */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "ccap_private.h"

/* ---- reading ---- */

/* Bytes given to the tokeniser at a time: a line, or a piece of a longer one, so that a
 * field growing past CCAP_CSV_FIELD_BYTES_MAX is noticed before much more is buffered. */
#define FEED_MAX ((size_t)65536)
/* Growth step of libcsv's field buffer (its default, 128 bytes, makes a long field cost
 * time quadratic in its length). */
#define FIELD_BLOCK ((size_t)16384)

/* What stopped tokenising from inside a callback. */
enum failure { NO_FAILURE, TOO_MANY_FIELDS, FIELD_TOO_LONG, OUT_OF_MEMORY };

typedef struct parse_state {
    ccap__table *t;
    unsigned long cur_line; /* line being fed to the tokeniser */
    size_t row_first;       /* index of the current row's first field */
    size_t row_fields;      /* fields so far in the current row */
    unsigned long row_line;
    enum failure failed;
    unsigned long failed_line;
    size_t failed_field; /* 1-based place in its row of the field too long */
} parse_state;

static void
io_error(ccap_diag *diag, const char *path, const char *what, int err)
{
    char buf[128];

    if (strerror_r(err, buf, sizeof buf) != 0)
        snprintf(buf, sizeof buf, "error %d", err);
    ccap__diag_set(diag, CCAP_EIO, path, 0, 0, NULL, "%s: %s", what, buf);
}

/* Line ends in text[0..len): LF, CRLF (once) and a CR alone (old Mac files). */
static unsigned long
line_ends(const char *text, size_t len)
{
    unsigned long n = 0;
    size_t i;

    for (i = 0; i < len; i++)
        n += text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'));
    return n;
}

static void
fail_field(parse_state *st, enum failure why)
{
    st->failed = why;
    st->failed_line = st->cur_line;
    st->failed_field = st->row_fields + 1;
}

static void
on_field(void *data, size_t len, void *payload)
{
    parse_state *st = payload;
    ccap__table *t = st->t;
    const char *text = data != NULL ? data : "";
    char **ptrs;

    if (st->failed)
        return;
    /* Bounds before any growth: a hostile file cannot make the table outgrow memory. */
    if (t->n_field_ptrs >= CCAP_CSV_FIELDS_MAX || st->row_fields >= CCAP_CSV_ROW_FIELDS_MAX) {
        fail_field(st, TOO_MANY_FIELDS);
        return;
    }
    if (len > CCAP_CSV_FIELD_BYTES_MAX) {
        fail_field(st, FIELD_TOO_LONG);
        return;
    }
    if (st->row_fields == 0) {
        st->row_line = st->cur_line - line_ends(text, len);
        st->row_first = t->n_field_ptrs;
    }
    ptrs = ccap__grow(t->field_ptrs, &t->cap_field_ptrs, t->n_field_ptrs + 1, sizeof *ptrs);
    if (ptrs == NULL) {
        fail_field(st, OUT_OF_MEMORY);
        return;
    }
    t->field_ptrs = ptrs;
    /* The arena is the file's own buffer, written behind the tokeniser (see
     * ccap__table_read): the field with its NUL never takes more room than its text and
     * the delimiter after it, both already read. */
    if (t->arena_used + len + 1 > t->arena_cap) {
        fail_field(st, OUT_OF_MEMORY); /* cannot happen: keeps the arena in bounds */
        return;
    }
    if (len > 0)
        memcpy(t->arena + t->arena_used, text, len);
    t->arena[t->arena_used + len] = '\0';
    t->field_ptrs[t->n_field_ptrs++] = t->arena + t->arena_used;
    t->arena_used += len + 1;
    st->row_fields++;
}

static void
on_row(int terminator, void *payload)
{
    parse_state *st = payload;
    ccap__table *t = st->t;
    ccap__row *r;

    (void)terminator;
    if (st->failed)
        return;
    if (st->row_fields == 0) { /* cannot happen with libcsv, but keep the row bookkeeping sane */
        st->row_line = st->cur_line;
        st->row_first = t->n_field_ptrs;
    }
    r = ccap__grow(t->rows, &t->cap_rows, t->n_rows + 1, sizeof *r);
    if (r == NULL) {
        st->failed = OUT_OF_MEMORY;
        return;
    }
    t->rows = r;
    r = &t->rows[t->n_rows++];
    r->line = st->row_line;
    r->n_fields = st->row_fields;
    r->first = st->row_first;
    r->fields = NULL; /* set once the field list no longer moves */
    st->row_fields = 0;
}

/* What a file that is not a regular file is, for the message that refuses it. */
static const char *
file_kind(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a FIFO or pipe";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "of an unknown kind";
}

static int
not_regular(ccap_diag *diag, const char *path, mode_t mode)
{
    return ccap__diag_set(diag, CCAP_EIO, path, 0, 0, NULL,
                          "cannot read: not a regular file (%s): save the table to a file "
                          "first",
                          file_kind(mode));
}

static int
too_large(ccap_diag *diag, const char *path)
{
    return ccap__diag_set(diag, CCAP_ERANGE, path, 0, 0, NULL, "file larger than %zu bytes",
                          (size_t)CCAP_CSV_FILE_MAX);
}

/* Bytes read at a time: a text check sees them before the next are read. */
#define READ_MAX ((size_t)1 << 20)

/* Make *buf hold size bytes and a NUL (*cap = size + 1): CCAP_OK or CCAP_ENOMEM, *buf
 * unchanged then. */
static int
grow_buffer(char **buf, size_t *cap, size_t size)
{
    char *grown = realloc(*buf, size + 1);

    if (grown == NULL)
        return CCAP_ENOMEM;
    *buf = grown;
    *cap = size + 1;
    return CCAP_OK;
}

/* The whole file at path in a new NUL-terminated buffer.  With text set, a NUL byte is
 * refused as it is read, so that a binary file (or a sparse one) is not read whole. */
static int
read_file(const char *path, int text, char **buf_out, size_t *len_out, ccap_diag *diag)
{
    char *buf;
    size_t len = 0, cap, size;
    struct stat sb;
    int fd, flags, err = 0, status = CCAP_OK;

    *buf_out = NULL;
    *len_out = 0;
    /* Regular files only, known before a byte is read: a FIFO nobody writes to would block
     * for ever and a device such as /dev/zero never ends.  stat() first, so that a device
     * is not even opened; then the open file itself, without waiting for a FIFO's writer
     * should the name have been replaced in between. */
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
        return not_regular(diag, path, sb.st_mode);
    fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        io_error(diag, path, "cannot open", errno);
        return CCAP_EIO;
    }
    if (fstat(fd, &sb) != 0 || (flags = fcntl(fd, F_GETFL)) == -1 ||
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == -1) {
        err = errno;
        close(fd);
        io_error(diag, path, "cannot read", err);
        return CCAP_EIO;
    }
    if (!S_ISREG(sb.st_mode)) {
        close(fd);
        return not_regular(diag, path, sb.st_mode);
    }
    if ((unsigned long long)sb.st_size > (unsigned long long)CCAP_CSV_FILE_MAX) {
        close(fd);
        return too_large(diag, path);
    }
    /* A buffer for the size fstat gave and the NUL, grown as the bytes come rather than
     * allocated at once: a file refused early (a NUL byte) takes only what was read. */
    size = (size_t)sb.st_size;
    cap = (size < READ_MAX ? size : READ_MAX) + 1;
    buf = malloc(cap);
    if (buf == NULL) {
        close(fd);
        return ccap__diag_nomem(diag, path);
    }
    for (;;) {
        const char *nul;
        char extra;
        ssize_t n;

        if (len + 1 == cap && len < size &&
            (status = grow_buffer(&buf, &cap, len > size / 2 ? size : 2 * len)) != CCAP_OK)
            break;
        if (len + 1 < cap)
            n = read(fd, buf + len, cap - 1 - len < READ_MAX ? cap - 1 - len : READ_MAX);
        else /* at the size fstat gave: the end, unless the file grew since */
            n = read(fd, &extra, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            err = n < 0 ? errno : 0;
            break;
        }
        if (len + 1 == cap) { /* it grew: up to the limit */
            size = len < READ_MAX                ? READ_MAX
                   : len > CCAP_CSV_FILE_MAX / 2 ? CCAP_CSV_FILE_MAX
                                                 : 2 * len;
            if (len >= CCAP_CSV_FILE_MAX) {
                status = CCAP_ERANGE;
                break;
            }
            if ((status = grow_buffer(&buf, &cap, size)) != CCAP_OK)
                break;
            buf[len] = extra;
        }
        if (text && (nul = memchr(buf + len, '\0', (size_t)n)) != NULL) {
            size_t off = (size_t)(nul - buf);

            status = ccap__diag_set(diag, CCAP_EPARSE, path, ccap__line_of(buf, off), 0, NULL,
                                    "NUL byte at offset %zu: this is not a text file", off);
            break;
        }
        len += (size_t)n;
    }
    close(fd);
    if (status != CCAP_OK || err != 0) {
        free(buf);
        if (status == CCAP_ENOMEM)
            return ccap__diag_nomem(diag, path);
        if (status == CCAP_ERANGE)
            return too_large(diag, path);
        if (status != CCAP_OK)
            return status; /* diag filled */
        io_error(diag, path, "cannot read", err);
        return CCAP_EIO;
    }
    buf[len] = '\0';
    *buf_out = buf;
    *len_out = len;
    return CCAP_OK;
}

int
ccap__read_file(const char *path, char **buf_out, size_t *len_out, ccap_diag *diag)
{
    return read_file(path, 0, buf_out, len_out, diag);
}

static int
all_empty(const ccap__row *r)
{
    size_t i;

    for (i = 0; i < r->n_fields; i++) {
        if (r->fields[i][0] != '\0')
            return 0;
    }
    return 1;
}

void
ccap__table_free(ccap__table *table)
{
    free(table->rows);
    free(table->arena);
    free(table->field_ptrs);
    memset(table, 0, sizeof *table);
}

/* The length of the next piece of text[0..end) to give the tokeniser: through the next
 * line end (LF, CRLF or a CR alone; *line_end_out set) or at most FEED_MAX bytes. */
static size_t
next_piece(const char *text, const char *end, int *line_end_out)
{
    size_t room = (size_t)(end - text) < FEED_MAX ? (size_t)(end - text) : FEED_MAX;
    const char *lf = memchr(text, '\n', room);
    const char *cr = memchr(text, '\r', lf != NULL ? (size_t)(lf - text) : room);

    *line_end_out = 1;
    if (cr != NULL)
        return (size_t)(cr - text) + (cr + 1 < end && cr[1] == '\n' ? 2 : 1);
    if (lf != NULL)
        return (size_t)(lf - text) + 1;
    *line_end_out = 0;
    return room;
}

int
ccap__table_read(ccap__table *table, const char *path, const ccap_read_options *options,
                 ccap_diag *diag)
{
    struct csv_parser parser;
    parse_state st;
    char *buf = NULL;
    const char *text, *end;
    size_t len, i, kept;
    int status;

    memset(table, 0, sizeof *table);
    memset(&st, 0, sizeof st);
    table->path = path;
    st.t = table;

    if ((status = read_file(path, 1, &buf, &len, diag)) != CCAP_OK)
        return status;
    /* To UTF-8; a warning (status CCAP_OK) left in diag by the conversion is kept. */
    if ((status = ccap__decode(&buf, &len, path,
                               options != NULL ? options->encoding : CCAP_ENCODING_AUTO, diag)) !=
        CCAP_OK)
        goto out;
    text = buf;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        text += 3;
    end = buf + len;

    /* The fields are copied into the file's own buffer, from its start, as the tokeniser
     * hands them over: a field and its NUL take no more room than the field's text and the
     * delimiter after it, which the tokeniser has read by then, so the copy never passes
     * what is still to be read.  The table holds the text once. */
    table->arena = buf;
    table->arena_cap = len + 1;
    buf = NULL;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }
    csv_set_blk_size(&parser, FIELD_BLOCK);
    /* Feed one line at a time so that each row knows the line it starts on. */
    st.cur_line = 1;
    while (text < end) {
        int line_end;
        size_t n = next_piece(text, end, &line_end);

        if (csv_parse(&parser, text, n, on_field, on_row, &st) != n) {
            status = ccap__diag_set(diag, CCAP_EPARSE, path, st.cur_line, 0, NULL,
                                    "malformed quoting: a quote inside an unquoted field, or "
                                    "text after a closing quote");
            csv_free(&parser);
            goto out;
        }
        /* A field still open: libcsv holds its text so far (entry_pos bytes). */
        if (!st.failed && parser.entry_pos > CCAP_CSV_FIELD_BYTES_MAX)
            fail_field(&st, FIELD_TOO_LONG);
        if (st.failed)
            break;
        text += n;
        st.cur_line += (unsigned long)line_end;
    }
    if (!st.failed && csv_fini(&parser, on_field, on_row, &st) != 0) {
        status = ccap__diag_set(diag, CCAP_EPARSE, path, st.row_line, 0, NULL,
                                "a quoted field is not closed before the end of the file");
        csv_free(&parser);
        goto out;
    }
    csv_free(&parser);
    if (st.failed == TOO_MANY_FIELDS) {
        status = ccap__diag_set(diag, CCAP_ERANGE, path, st.failed_line, 0, NULL,
                                "more than %u fields in a row or %u in the file: too large "
                                "for a table",
                                CCAP_CSV_ROW_FIELDS_MAX, CCAP_CSV_FIELDS_MAX);
        goto out;
    }
    if (st.failed == FIELD_TOO_LONG) {
        char name[32];

        snprintf(name, sizeof name, "field %zu", st.failed_field);
        status = ccap__diag_set(diag, CCAP_ERANGE, path, st.failed_line, st.failed_field, name,
                                "longer than %u bytes (CCAP_CSV_FIELD_BYTES_MAX): no value of "
                                "a table is that long; is a quote left open?",
                                CCAP_CSV_FIELD_BYTES_MAX);
        goto out;
    }
    if (st.failed) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }

    /* Point each row at its fields, now that the field list no longer moves. */
    if (table->field_ptrs == NULL &&
        (table->field_ptrs = malloc(sizeof *table->field_ptrs)) == NULL) {
        status = ccap__diag_nomem(diag, path);
        goto out;
    }
    kept = 0;
    for (i = 0; i < table->n_rows; i++) {
        ccap__row r = table->rows[i];

        r.fields = table->field_ptrs + r.first;
        if (!all_empty(&r))
            table->rows[kept++] = r;
    }
    table->n_rows = kept;
    if (table->n_rows == 0) {
        status = ccap__diag_set(diag, CCAP_EPARSE, path, 1, 0, NULL,
                                "the file is empty: expected a header row");
        goto out;
    }
    status = CCAP_OK;
out:
    free(buf);
    if (status != CCAP_OK)
        ccap__table_free(table);
    return status;
}

/* Chinese column headers as spreadsheets in China write them, each an alias of one English
 * column name (docs/data-formats.md lists them).  A header cell matches a column by its
 * English name (any case) or by one of these. */
static const struct {
    const char *name;
    const char *alias;
} aliases[] = {
    {"region", "地区"},
    {"region", "区域"},
    {"region", "地区代码"},
    {"region", "区划代码"},
    {"region", "区县"},
    {"region", "县区"},
    {"region", "区县代码"},
    {"region", "县（市、区）"},
    {"region", "行政区划代码"},
    {"year", "年份"},
    {"year", "年度"},
    {"year", "年"},
    {"sex", "性别"},
    {"age", "年龄"},
    {"age", "年龄组"},
    {"ages", "年龄段"},
    {"ages", "年龄组"},
    {"population", "人口"},
    {"population", "人口数"},
    {"population", "人数"},
    {"date", "日期"},
    {"note", "备注"},
    {"note", "说明"},
    {"measure", "指标"},
    {"measure", "指标名称"},
    {"value", "数值"},
    {"value", "数据"},
    {"code", "代码"},
    {"code", "区划代码"},
    {"code", "行政区划代码"},
    {"code", "编码"},
    {"name", "名称"},
    {"name", "地区名称"},
    {"name_en", "英文名称"},
    {"parent", "上级"},
    {"parent", "上级代码"},
    {"mx", "死亡率"},
    {"asfr", "生育率"},
    {"asfr", "年龄别生育率"},
    {"srb", "出生性别比"},
    {"net_migrants", "净迁移人数"},
    {"net_migrants", "净迁移"},
    {"rate", "净迁移率"},
    {"rate", "入托率"},
    {"slots", "托位数"},
    {"slots", "托位"},
    {"enrolled", "在托人数"},
    {"enrolled", "在托幼儿数"},
    {"provider", "机构类型"},
    {"inclusive", "普惠"},
    {"inclusive", "是否普惠"},
    {"slots_per_1000", "每千人托位数"},
    {"slots_per_1000", "每千人口托位数"},
    {"new_slots", "新增托位"},
    {"new_slots", "新增托位数"},
    {"max_new_slots", "新增托位上限"},
    {"capital_per_slot", "每托位建设成本"},
    {"running_per_slot_year", "每托位年运营成本"},
    {"subsidy_per_inclusive_slot", "每普惠托位补贴"},
    /* kindergarten places: kindergarten.csv */
    {"places", "学位数"},
    {"places", "幼儿园学位数"},
    {"enrolled", "在园幼儿数"},
    {"enrolled", "在园人数"},
    /* spatial access: providers.csv, areas.csv, times.csv */
    {"id", "编号"},
    {"id", "机构编号"},
    {"name", "机构名称"},
    {"township", "乡镇"},
    {"township", "街道"},
    {"township", "乡镇街道"},
    {"lon", "经度"},
    {"lat", "纬度"},
    {"fee_month", "月收费"},
    {"opened", "开办年份"},
    {"closed", "停办年份"},
    {"children", "婴幼儿数"},
    {"children", "三岁以下婴幼儿数"},
    {"area", "片区"},
    {"area", "片区代码"},
    {"provider", "机构"},
    {"minutes", "分钟"},
    {"minutes", "通行时间"},
    {"class", "班型"},
    {"max_children", "班额"},
    {"max_children", "最大班额"},
    {"children_per_carer", "每名保育人员照护婴幼儿数"},
    {"floor_area_m2_per_child", "人均使用面积"},
    {"children_per_health_worker", "每名保健人员照护婴幼儿数"},
    {"month", "月份"},
    {"births", "出生人口"},
    {"births", "出生人数"},
};

/* Does header cell text name column name (in English, any case, or by a Chinese alias)? */
static int
names_column(const char *text, const char *name)
{
    size_t i;

    if (ccap__ascii_casecmp_eq(text, name))
        return 1;
    for (i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (strcmp(aliases[i].name, name) == 0 && strcmp(aliases[i].alias, text) == 0)
            return 1;
    }
    return 0;
}

static size_t
list_columns(const ccap__column cols[], size_t n_cols, char *buf, size_t size, int required)
{
    size_t i, used = 0;

    buf[0] = '\0';
    for (i = 0; i < n_cols; i++) {
        int k;
        if (required >= 0 && cols[i].required != required)
            continue;
        k = snprintf(buf + used, size - used, "%s%s", used > 0 ? ", " : "", cols[i].name);
        if (k < 0 || (size_t)k >= size - used)
            break;
        used += (size_t)k;
    }
    return used;
}

int
ccap__table_columns(const ccap__table *table, ccap__column cols[], size_t n_cols,
                    ccap_diag *diag)
{
    const ccap__row *header = &table->rows[0];
    char expected[200], optional[120];
    size_t i, k;

    for (k = 0; k < n_cols; k++)
        cols[k].pos = SIZE_MAX;
    list_columns(cols, n_cols, expected, sizeof expected, 1);
    list_columns(cols, n_cols, optional, sizeof optional, 0);
    if (header->n_fields == 1 && n_cols > 1 && strpbrk(header->fields[0], ";\t|") != NULL) {
        const char *h = header->fields[0];
        const char *sep = strchr(h, ';') ? "semicolons" : strchr(h, '\t') ? "tabs" : "'|'";
        return ccap__diag_set(diag, CCAP_EPARSE, table->path, header->line, 1, NULL,
                              "the header is one column separated by %s: ccap reads "
                              "comma-separated files; save the table as CSV with commas",
                              sep);
    }
    for (i = 0; i < header->n_fields; i++) {
        const char *name = header->fields[i];

        if (name[0] == '\0')
            return ccap__diag_set(diag, CCAP_EPARSE, table->path, header->line, i + 1, NULL,
                                  "column %zu of the header has no name", i + 1);
        /* U+FEFF is invisible in a message: say it is there rather than print it.  One at
         * the start of the file is skipped (ccap__table_read); another one follows when a
         * file was saved with a byte-order mark twice. */
        if (i == 0 && strncmp(name, "\xEF\xBB\xBF", 3) == 0)
            return ccap__diag_set(diag, CCAP_EPARSE, table->path, header->line, 1, NULL,
                                  "a second byte-order mark (U+FEFF) at the start of the "
                                  "header: save the file again as \"CSV UTF-8\"");
        if (strstr(name, "\xEF\xBB\xBF") != NULL)
            return ccap__diag_set(diag, CCAP_EPARSE, table->path, header->line, i + 1, NULL,
                                  "column %zu of the header holds a byte-order mark (U+FEFF), "
                                  "an invisible character: delete it",
                                  i + 1);
        for (k = 0; k < n_cols; k++) {
            if (names_column(name, cols[k].name))
                break;
        }
        if (k == n_cols)
            return ccap__diag_set(diag, CCAP_EPARSE, table->path, header->line, i + 1, name,
                                  "unknown column; expected %s%s%s%s", expected,
                                  optional[0] != '\0' ? " (optional: " : "", optional,
                                  optional[0] != '\0' ? ")" : "");
        if (cols[k].pos != SIZE_MAX)
            return ccap__diag_set(diag, CCAP_EPARSE, table->path, header->line, i + 1,
                                  cols[k].name, "column appears twice (columns %zu and %zu)",
                                  cols[k].pos + 1, i + 1);
        cols[k].pos = i;
    }
    for (k = 0; k < n_cols; k++) {
        if (cols[k].required && cols[k].pos == SIZE_MAX)
            return ccap__diag_set(diag, CCAP_EPARSE, table->path, header->line, 0, cols[k].name,
                                  "missing column; the header must name %s", expected);
    }
    for (i = 1; i < table->n_rows; i++) {
        const ccap__row *r = &table->rows[i];
        if (r->n_fields != header->n_fields)
            return ccap__diag_set(diag, CCAP_EPARSE, table->path, r->line,
                                  (r->n_fields < header->n_fields ? r->n_fields
                                                                  : header->n_fields) + 1,
                                  NULL, "row has %zu fields but the header has %zu%s",
                                  r->n_fields, header->n_fields,
                                  r->n_fields > header->n_fields
                                      ? "; a value with a comma needs quotes (\"9,713,112\")"
                                      : "");
    }
    if (table->n_rows < 2)
        return ccap__diag_set(diag, CCAP_EPARSE, table->path, header->line, 0, NULL,
                              "no data rows after the header");
    return CCAP_OK;
}

int
ccap__table_open(ccap__table *table, const char *path, const ccap_read_options *options,
                 ccap__column cols[], size_t n_cols, ccap_diag *diag)
{
    int status;

    if ((status = ccap__table_read(table, path, options, diag)) != CCAP_OK)
        return status;
    if ((status = ccap__table_columns(table, cols, n_cols, diag)) != CCAP_OK)
        ccap__table_free(table);
    return status;
}

const char *
ccap__table_field(const ccap__table *table, size_t r, const ccap__column *col)
{
    if (col->pos == SIZE_MAX)
        return "";
    return table->rows[r].fields[col->pos];
}

int
ccap__table_error(const ccap__table *table, ccap_diag *diag, int status, size_t r,
                  const ccap__column *col, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    ccap__diag_vset(diag, status, table->path, table->rows[r].line,
                    col != NULL && col->pos != SIZE_MAX ? col->pos + 1 : 0,
                    col != NULL ? col->name : NULL, fmt, ap);
    va_end(ap);
    return status;
}

/* ---- writing ---- */

int
ccap__outfile_open(ccap__outfile *out, const char *path, ccap_diag *diag)
{
    size_t n = strlen(path);
    unsigned attempt;
    struct stat sb;
    int fd = -1;

    memset(out, 0, sizeof *out);
    /* Replace files only: renaming over a directory, a device such as /dev/null or a pipe
     * would destroy it (as root) or fail after all the work. */
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
        return ccap__diag_set(diag, CCAP_EIO, path, 0, 0, NULL,
                              "cannot write: exists and is not a regular file");
    out->path = ccap__strdup(path);
    out->tmp_path = malloc(n + 48);
    if (out->path == NULL || out->tmp_path == NULL) {
        ccap__outfile_abort(out);
        return ccap__diag_nomem(diag, path);
    }
    /* A unique name beside the target (same file system, so rename is atomic). */
    for (attempt = 0; attempt < 1000 && fd < 0; attempt++) {
        snprintf(out->tmp_path, n + 48, "%s.tmp-%ld-%u", path, (long)getpid(), attempt);
        fd = open(out->tmp_path, O_WRONLY | O_CREAT | O_EXCL, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        io_error(diag, path, "cannot create a temporary file beside it", errno);
        free(out->tmp_path);
        out->tmp_path = NULL;
        ccap__outfile_abort(out);
        return CCAP_EIO;
    }
    out->fp = fdopen(fd, "w");
    if (out->fp == NULL) {
        io_error(diag, path, "cannot write", errno);
        close(fd);
        ccap__outfile_abort(out);
        return CCAP_EIO;
    }
    return CCAP_OK;
}

static int
needs_quotes(const char *s)
{
    size_t n = strlen(s);

    if (n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'))
        return 1;
    return strpbrk(s, ",\"\r\n") != NULL;
}

/* Remember the first write failure with its reason: errno is gone by the time the
 * caller commits (number formatting between rows may set it). */
void
ccap__outfile_failed(ccap__outfile *out)
{
    if (out->failed == 0)
        out->failed = errno != 0 ? errno : EIO;
}

void
ccap__outfile_row(ccap__outfile *out, const char *const fields[], size_t n)
{
    size_t i;

    for (i = 0; i < n && out->failed == 0; i++) {
        const char *s = fields[i] != NULL ? fields[i] : "";

        if (i > 0 && fputc(',', out->fp) == EOF)
            ccap__outfile_failed(out);
        if (needs_quotes(s)) {
            if (fputc('"', out->fp) == EOF)
                ccap__outfile_failed(out);
            for (; *s != '\0' && out->failed == 0; s++) {
                if ((*s == '"' && fputc('"', out->fp) == EOF) || fputc(*s, out->fp) == EOF)
                    ccap__outfile_failed(out);
            }
            if (fputc('"', out->fp) == EOF)
                ccap__outfile_failed(out);
        } else if (fputs(s, out->fp) == EOF) {
            ccap__outfile_failed(out);
        }
    }
    if (out->failed == 0 && fputc('\n', out->fp) == EOF)
        ccap__outfile_failed(out);
}

int
ccap__outfile_commit(ccap__outfile *out, ccap_diag *diag)
{
    int err = 0;

    if (out->failed != 0)
        err = out->failed;
    else if (fflush(out->fp) != 0 || ferror(out->fp))
        err = errno != 0 ? errno : EIO;
    if (err == 0 && fsync(fileno(out->fp)) != 0)
        err = errno;
    if (fclose(out->fp) != 0 && err == 0)
        err = errno;
    out->fp = NULL;
    if (err == 0 && rename(out->tmp_path, out->path) != 0)
        err = errno;
    if (err != 0) {
        io_error(diag, out->path, "cannot write", err);
        ccap__outfile_abort(out);
        return CCAP_EIO;
    }
    free(out->tmp_path);
    free(out->path);
    memset(out, 0, sizeof *out);
    return CCAP_OK;
}

void
ccap__outfile_abort(ccap__outfile *out)
{
    if (out->fp != NULL)
        fclose(out->fp);
    if (out->tmp_path != NULL)
        unlink(out->tmp_path);
    free(out->tmp_path);
    free(out->path);
    memset(out, 0, sizeof *out);
}
