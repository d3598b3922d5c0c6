// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_extract.c - libFuzzer harness for the extract-file reader and
 * writer (common/extract.h).
 *
 * The input is an extract file.  Beyond "no crash on any bytes", when the
 * reader accepts it:
 *   - every line it returns is one the grammar allows, checked here on the
 *     input's own line of that number: its blank-separated fields are the
 *     kind, the DECL as extract.h spells it and, for a ref, the REFSYMBOL,
 *     OBJECT, POSITION and KERNELSYMBOL the reader returned; CNAME and FUNC
 *     are C identifiers, N >= 1, keep and carry never local, the symbols
 *     of [A-Za-z0-9_.] not starting with a digit or '.', OBJECT an exact
 *     object name, N and POSITION without leading zeros, POSITION at most
 *     999999999;
 *   - every other line of the input is blank, a comment, or the header,
 *     which comes first;
 *   - no two lines have one DECL, no two ref lines one REFSYMBOL, and
 *     klp_extract_find() finds each line by its DECL;
 *   - the writer writes every line back, and that parses to the same lines.
 * When it refuses the input, the message starts with "line N: " for a line
 * N of the input (or the one after the last).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_extract"
#include "fuzz.h"
#include "extract.h"
#include "util.h"

#define MAXF 8

static int symbol(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 511 || (s[0] >= '0' && s[0] <= '9') || s[0] == '.')
		return 0;
	for (i = 0; i < n; i++)
		if (!klp_is_identifier(s + i, 1) && !(s[i] >= '0' && s[i] <= '9') && s[i] != '.')
			return 0;
	return 1;
}

struct span {
	const char *s;
	size_t len;
};

static int is(const struct span *f, const char *s)
{
	return f->len == strlen(s) && memcmp(f->s, s, f->len) == 0;
}

/* The blank-separated fields of line LINE (from 1) of the input. */
static size_t fields_of(const uint8_t *data, size_t size, unsigned line, struct span f[MAXF])
{
	size_t at = 0, end, n = 0;
	unsigned l = 1;

	while (l < line) {
		const uint8_t *nl = memchr(data + at, '\n', size - at);

		CHECK(nl != NULL, "line %u does not exist", line);
		at = (size_t)(nl - data) + 1;
		l++;
	}
	end = at;
	while (end < size && data[end] != '\n')
		end++;
	while (at < end && n < MAXF) {
		size_t start;

		while (at < end && (data[at] == ' ' || data[at] == '\t'))
			at++;
		if (at == end)
			break;
		start = at;
		while (at < end && data[at] != ' ' && data[at] != '\t')
			at++;
		f[n].s = (const char *)data + start;
		f[n++].len = at - start;
	}
	return n;
}

static void check_line(const uint8_t *data, size_t size, const struct klp_extract_line *l)
{
	char *decl, why[KLP_OBJNAME_WHY], digits[16];
	struct span f[MAXF];
	size_t n = fields_of(data, size, l->line, f), dlen;
	const char *kind = klp_extract_kind_name(l->kind);

	CHECK(kind != NULL, "kind %d", (int)l->kind);
	CHECK(klp_is_identifier(l->decl.cname, strlen(l->decl.cname)), "cname '%s'", l->decl.cname);
	if (l->decl.context)
		CHECK(klp_is_identifier(l->decl.context, strlen(l->decl.context)) &&
		      l->decl.ordinal >= 1 && l->kind != KLP_EXTRACT_KEEP &&
		      l->kind != KLP_EXTRACT_CARRY, "local %s:%s:%u in a %s line", l->decl.context,
		      l->decl.cname, l->decl.ordinal, kind);
	else
		CHECK(l->decl.ordinal == 0, "file-scope ordinal %u", l->decl.ordinal);
	dlen = klp_extract_decl_text(NULL, 0, &l->decl) + 1;
	decl = malloc(dlen);
	CHECK(decl != NULL, "out of memory");
	klp_extract_decl_text(decl, dlen, &l->decl);
	CHECK(n == (l->kind == KLP_EXTRACT_REF ? 6u : 2u) && is(&f[0], kind) && is(&f[1], decl),
	      "line %u read as %s %s from %zu fields", l->line, kind, decl, n);
	if (l->kind != KLP_EXTRACT_REF) {
		free(decl);
		return;
	}
	CHECK(symbol(l->ref_symbol) && symbol(l->kernel_symbol) && l->position <= 999999999UL &&
	      klp_objname_check_exact(l->object, strlen(l->object), why) == 0,
	      "ref %s %s %s %lu %s", decl, l->ref_symbol, l->object, l->position,
	      l->kernel_symbol);
	snprintf(digits, sizeof(digits), "%lu", l->position);
	CHECK(is(&f[2], l->ref_symbol) && is(&f[3], l->object) && is(&f[4], digits) &&
	      is(&f[5], l->kernel_symbol), "line %u: ref fields read otherwise", l->line);
	free(decl);
}

/* Every line of the input that no record came from: blank, comment or the header. */
static void check_others(const uint8_t *data, size_t size, const struct klp_extract *x,
			 unsigned lines)
{
	unsigned line, header = 0;
	size_t i = 0;

	for (line = 1; line <= lines; line++) {
		struct span f[MAXF];
		size_t n;

		if (i < x->n && x->lines[i].line == line) {
			CHECK(header && header < line, "a record before the header");
			i++;
			continue;
		}
		n = fields_of(data, size, line, f);
		if (n == 0 || f[0].s[0] == '#')
			continue;
		CHECK(!header && n == 2 && is(&f[0], "klp-tag-extract") && is(&f[1], "1"),
		      "line %u accepted, but no record", line);
		header = line;
	}
	CHECK(header && i == x->n, "header %u, %zu of %zu records seen in order", header, i, x->n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[KLP_EXTRACT_ERRLEN], *text = NULL;
	struct klp_extract x, again;
	size_t i, k, len = 0;
	unsigned lines = 1, at;
	FILE *out;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (klp_extract_parse((const char *)data, size, &x, err)) {
		CHECK(sscanf(err, "line %u: ", &at) == 1 && at >= 1 && at <= lines + 1 &&
		      !strchr(err, '\n'), "message '%s'", err);
		CHECK(x.n == 0 && !x.lines, "refused but not empty");
		return 0;
	}
	for (i = 0; i < x.n; i++) {
		const struct klp_extract_line *l = &x.lines[i];

		CHECK(i == 0 || l->line > x.lines[i - 1].line, "lines out of order");
		check_line(data, size, l);
		CHECK(klp_extract_find(&x, l->decl.cname, l->decl.context, l->decl.ordinal) == l,
		      "line %u not found by its DECL", l->line);
		for (k = 0; k < i; k++)
			CHECK(l->kind != KLP_EXTRACT_REF || x.lines[k].kind != KLP_EXTRACT_REF ||
			      strcmp(l->ref_symbol, x.lines[k].ref_symbol) != 0,
			      "REFSYMBOL %s twice", l->ref_symbol);
	}
	check_others(data, size, &x, lines);

	out = open_memstream(&text, &len);
	CHECK(out != NULL, "out of memory");
	klp_extract_write_header(out, "fuzz");
	for (i = 0; i < x.n; i++)
		CHECK(klp_extract_write_line(out, &x.lines[i]) == 0, "line %u not written",
		      x.lines[i].line);
	fclose(out);
	CHECK(klp_extract_parse(text, len, &again, err) == 0, "written file refused: %s", err);
	CHECK(again.n == x.n, "read back %zu lines of %zu", again.n, x.n);
	for (i = 0; i < x.n; i++) {
		const struct klp_extract_line *a = &x.lines[i], *b = &again.lines[i];

		CHECK(a->kind == b->kind && strcmp(a->decl.cname, b->decl.cname) == 0 &&
		      !a->decl.context == !b->decl.context &&
		      (!a->decl.context || strcmp(a->decl.context, b->decl.context) == 0) &&
		      a->decl.ordinal == b->decl.ordinal, "line %u read back otherwise", a->line);
		if (a->kind == KLP_EXTRACT_REF)
			CHECK(strcmp(a->ref_symbol, b->ref_symbol) == 0 &&
			      strcmp(a->kernel_symbol, b->kernel_symbol) == 0 &&
			      strcmp(a->object, b->object) == 0 && a->position == b->position,
			      "ref of line %u read back otherwise", a->line);
	}
	klp_extract_free(&again);
	free(text);
	klp_extract_free(&x);
	return 0;
}
