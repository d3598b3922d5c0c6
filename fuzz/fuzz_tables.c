// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_tables.c - libFuzzer harness for the table-file parser
 * (common/tables.c), which reads what other units' scans wrote.
 *
 * Beyond "no crash on any bytes":
 *   - a file that does not start with the format line is refused with one
 *     reason at line 1 and nothing else;
 *   - every accepted table line has a C identifier, an object name as the
 *     kernel compares it (klp_objname_check_exact), a line number >= 1 and
 *     a non-empty file name without a newline; every defines line a C
 *     identifier; the parser's result is the number of reasons given;
 *   - written back with the writer, the accepted records parse again into
 *     the same records, in the same order, without a single reason.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_tables"
#include "fuzz.h"
#include "objname.h"
#include "tables.h"
#include "util.h"

struct rec {
	int defines;
	char *function, *object, *file;
	unsigned table_line;
};

struct run {
	struct rec *v;
	size_t n, cap;
	int errors;
	unsigned first_error_line;
};

static void push(struct run *r, int defines, const char *function, const char *object,
		 unsigned table_line, const char *file)
{
	struct rec *grown = klp_grow(r->v, &r->cap, r->n + 1, sizeof(*grown));

	CHECK(grown != NULL, "out of memory");
	r->v = grown;
	r->v[r->n].defines = defines;
	r->v[r->n].function = strdup(function);
	r->v[r->n].object = object ? strdup(object) : NULL;
	r->v[r->n].file = file ? strdup(file) : NULL;
	r->v[r->n].table_line = table_line;
	r->n++;
}

static int on_table(void *ctx, const char *function, const char *object, unsigned table_line,
		    const char *table_file, unsigned line)
{
	char why[KLP_OBJNAME_WHY];

	CHECK(klp_is_identifier(function, strlen(function)), "function '%s'", function);
	CHECK(klp_objname_check_exact(object, strlen(object), why) == 0, "object '%s'", object);
	CHECK(table_line >= 1 && table_file[0] && !strchr(table_file, '\n'),
	      "table line %u, file '%s'", table_line, table_file);
	push(ctx, 0, function, object, table_line, table_file);
	return 0;
}

static int on_defines(void *ctx, const char *function, unsigned line)
{
	CHECK(klp_is_identifier(function, strlen(function)), "defines '%s'", function);
	push(ctx, 1, function, NULL, 0, NULL);
	return 0;
}

static void on_error(void *ctx, unsigned line, const char *why)
{
	struct run *r = ctx;

	CHECK(why[0] && strlen(why) < KLP_TABLES_WHY && !strchr(why, '\n'), "reason '%s'", why);
	if (!r->errors++)
		r->first_error_line = line;
}

static void release(struct run *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].function);
		free(r->v[i].object);
		free(r->v[i].file);
	}
	free(r->v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct klp_tables_callbacks cb = { on_table, on_defines, on_error };
	struct run first = { 0 }, again = { 0 };
	char *text = NULL;
	size_t len = 0, i;
	FILE *out;
	int result;

	result = klp_tables_parse((const char *)data, size, &cb, &first);
	CHECK(result == first.errors, "result %d, %d reasons", result, first.errors);
	if (size < strlen(KLP_TABLES_FORMAT) + 1 ||
	    memcmp(data, KLP_TABLES_FORMAT "\n", strlen(KLP_TABLES_FORMAT) + 1) != 0)
		CHECK(result == 1 && first.n == 0 && first.first_error_line == 1,
		      "no format line, yet %zu records and %d reasons", first.n, result);

	out = open_memstream(&text, &len);
	CHECK(out != NULL, "open_memstream");
	klp_tables_write_format(out);
	for (i = 0; i < first.n; i++) {
		const struct rec *r = &first.v[i];

		if (r->defines)
			klp_tables_write_defines(out, r->function);
		else
			klp_tables_write_table(out, r->function, r->object, r->table_line, r->file);
	}
	fclose(out);
	result = klp_tables_parse(text, len, &cb, &again);
	CHECK(result == 0 && again.n == first.n, "round trip: %d reasons, %zu of %zu records",
	      result, again.n, first.n);
	for (i = 0; i < first.n; i++) {
		const struct rec *a = &first.v[i], *b = &again.v[i];

		CHECK(a->defines == b->defines && strcmp(a->function, b->function) == 0 &&
		      (a->defines || (strcmp(a->object, b->object) == 0 &&
				      strcmp(a->file, b->file) == 0 && a->table_line == b->table_line)),
		      "round trip: record %zu differs", i);
	}
	release(&first);
	release(&again);
	free(text);
	return 0;
}
