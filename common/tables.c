// SPDX-License-Identifier: GPL-2.0-or-later
/* tables.c - the table files units share in a module (see tables.h). */
#include "tables.h"

#include <stdlib.h>
#include <string.h>

#include "objname.h"
#include "util.h"

/* One line, split at its first spaces into at most N fields plus the rest. */
struct fields {
	const char *f[5];
	size_t len[5];
	size_t n;
};

static void split(const char *s, size_t len, size_t max, struct fields *out)
{
	size_t i = 0;

	out->n = 0;
	while (i < len && out->n < max) {
		size_t start = i;

		if (out->n == max - 1) {	/* the rest of the line, spaces and all */
			i = len;
		} else {
			while (i < len && s[i] != ' ')
				i++;
		}
		out->f[out->n] = s + start;
		out->len[out->n++] = i - start;
		if (i < len)
			i++;
	}
}

static int bad(const struct klp_tables_callbacks *cb, void *ctx, unsigned line,
	       const char *what, const char *s, size_t len)
{
	char why[KLP_TABLES_WHY], shown[200];

	klp_quote_field(shown, sizeof(shown), s, len);
	snprintf(why, sizeof(why), "%s: '%s'", what, shown);
	cb->error(ctx, line, why);
	return 1;
}

static char *copy(const char *s, size_t len)
{
	char *d = malloc(len + 1);

	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

static int table_line(const struct fields *fl, unsigned line,
		      const struct klp_tables_callbacks *cb, void *ctx)
{
	char why[KLP_OBJNAME_WHY], *function, *object, *file, *end = NULL;
	unsigned long table_line;
	int r;

	if (fl->n != 5 || fl->len[4] == 0)
		return bad(cb, ctx, line, "expected 'table FUNCTION OBJECT LINE FILE'",
			   fl->f[0], fl->f[fl->n - 1] + fl->len[fl->n - 1] - fl->f[0]);
	if (!klp_is_identifier(fl->f[1], fl->len[1]))
		return bad(cb, ctx, line, "not a C identifier", fl->f[1], fl->len[1]);
	if (klp_objname_check_exact(fl->f[2], fl->len[2], why))
		return bad(cb, ctx, line, "not an object name as the kernel compares it",
			   fl->f[2], fl->len[2]);
	function = copy(fl->f[1], fl->len[1]);
	object = copy(fl->f[2], fl->len[2]);
	file = copy(fl->f[4], fl->len[4]);
	table_line = function && fl->len[3] && fl->f[3][0] != '-' && fl->f[3][0] != '+'
			     ? strtoul(fl->f[3], &end, 10) : 0;
	if (!function || !object || !file) {
		cb->error(ctx, line, "out of memory");
		r = -1;
	} else if (table_line == 0 || table_line > 0xffffffffUL ||
		   end != fl->f[3] + fl->len[3]) {
		r = bad(cb, ctx, line, "not a line number", fl->f[3], fl->len[3]);
	} else {
		r = cb->table && cb->table(ctx, function, object, (unsigned)table_line, file, line)
			    ? -1 : 0;
	}
	free(function);
	free(object);
	free(file);
	return r;
}

static int defines_line(const struct fields *fl, unsigned line,
			const struct klp_tables_callbacks *cb, void *ctx)
{
	char *function;
	int r;

	if (fl->n != 2)
		return bad(cb, ctx, line, "expected 'defines FUNCTION'", fl->f[0],
			   fl->f[fl->n - 1] + fl->len[fl->n - 1] - fl->f[0]);
	if (!klp_is_identifier(fl->f[1], fl->len[1]))
		return bad(cb, ctx, line, "not a C identifier", fl->f[1], fl->len[1]);
	if (!cb->defines)
		return 0;
	function = copy(fl->f[1], fl->len[1]);
	if (!function) {
		cb->error(ctx, line, "out of memory");
		return -1;
	}
	r = cb->defines(ctx, function, line) ? -1 : 0;
	free(function);
	return r;
}

static int is_word(const struct fields *fl, const char *w)
{
	return fl->len[0] == strlen(w) && memcmp(fl->f[0], w, fl->len[0]) == 0;
}

int klp_tables_parse(const char *text, size_t len, const struct klp_tables_callbacks *cb,
		     void *ctx)
{
	size_t start = 0;
	unsigned line = 1;
	int nbad = 0;

	/* The text need not be NUL-terminated: compare within LEN only. */
	if (len < strlen(KLP_TABLES_FORMAT) + 1 ||
	    memcmp(text, KLP_TABLES_FORMAT "\n", strlen(KLP_TABLES_FORMAT) + 1) != 0) {
		cb->error(ctx, 1, "not a klp-tag table file: it does not start with '"
			  KLP_TABLES_FORMAT "' (write one with -fplugin-arg-klp_tag-write-tables=FILE)");
		return 1;
	}
	while (start < len) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - text) : len;
		struct fields fl;
		int r = 0;

		if (end == start || text[start] == '#') {
			r = 0;
		} else if (memchr(text + start, '\0', end - start)) {
			r = bad(cb, ctx, line, "a NUL byte in the line", text + start, end - start);
		} else if (end - start == strlen(KLP_TABLES_FORMAT) &&
			   memcmp(text + start, KLP_TABLES_FORMAT, end - start) == 0) {
			r = 0;
		} else {
			split(text + start, end - start, 5, &fl);
			if (is_word(&fl, "table"))
				r = table_line(&fl, line, cb, ctx);
			else if (is_word(&fl, "defines"))
				r = defines_line(&fl, line, cb, ctx);
			else
				r = bad(cb, ctx, line, "expected 'table' or 'defines'", text + start,
					end - start);
		}
		if (r < 0)
			return -1;
		nbad += r;
		start = end + 1;
		line++;
	}
	return nbad;
}

void klp_tables_write_format(FILE *out)
{
	fputs(KLP_TABLES_FORMAT "\n", out);
}

void klp_tables_write_table(FILE *out, const char *function, const char *object,
			    unsigned table_line, const char *table_file)
{
	fprintf(out, "table %s %s %u %s\n", function, object, table_line, table_file);
}

void klp_tables_write_defines(FILE *out, const char *function)
{
	fprintf(out, "defines %s\n", function);
}
