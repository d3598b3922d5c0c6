// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_describe.c - libFuzzer harness for the describe-file reader and
 * writer (common/describe.h).
 *
 * The input is a describe file.  Beyond "no crash on any bytes", when the
 * reader accepts it:
 *   - the input is what the grammar allows, checked here on its own bytes:
 *     every line ends in a newline, is fields of '!'..'~' separated by one
 *     space, the header first, the source line second, and every other line
 *     is one of the records the reader returned (their counts add up);
 *   - every record holds what the grammar promises: C identifiers for
 *     CNAME and CONTEXT, FIRST <= LAST, ORDINAL >= 1, a known KIND, inl
 *     names sorted and each once, no two fn, sym, var or type lines of one name;
 *   - each record is found again by its lookup;
 *   - the writer writes every record back, the result parses to the same
 *     records, and writing those again gives the same bytes (the writer's
 *     output is canonical).
 * When it refuses the input, the message starts with "line N: " for a line
 * N of the input (or the one after the last).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_describe"
#include "fuzz.h"
#include "describe.h"
#include "util.h"

static int identifier(const char *s)
{
	return klp_is_identifier(s, strlen(s));
}

static int field_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 0x7f)
			return 0;
	return 1;
}

/* The input's own lines: the grammar's shape, whatever the reader said. */
static size_t check_shape(const uint8_t *data, size_t size)
{
	size_t at = 0, lines = 0, i;

	while (at < size) {
		const uint8_t *nl = memchr(data + at, '\n', size - at);
		size_t end;

		CHECK(nl != NULL, "accepted a last line without a newline");
		end = (size_t)(nl - data);
		CHECK(end > at && data[at] != ' ' && data[end - 1] != ' ',
		      "accepted line %zu with an empty field", lines + 1);
		for (i = at; i < end; i++)
			CHECK(data[i] >= ' ' && data[i] < 0x7f &&
			      !(data[i] == ' ' && data[i + 1] == ' '),
			      "accepted line %zu with byte 0x%02x or two spaces", lines + 1, data[i]);
		if (lines == 0)
			CHECK(end - at == 18 && memcmp(data + at, "klp-tag-describe 1", 18) == 0,
			      "accepted a first line that is no header");
		if (lines == 1)
			CHECK(end - at > 7 && memcmp(data + at, "source ", 7) == 0 &&
			      !memchr(data + at + 7, ' ', end - at - 7),
			      "accepted a second line that is no source line");
		lines++;
		at = end + 1;
	}
	return lines;
}

static void check_records(const struct klp_describe *d)
{
	size_t i, k;

	CHECK(d->source && field_ok(d->source), "source");
	for (i = 0; i < d->nfns; i++) {
		const struct klp_describe_fn *f = &d->fns[i];

		CHECK(identifier(f->cname) && field_ok(f->file) && f->first <= f->last,
		      "fn %s %s %u %u", f->cname, f->file, f->first, f->last);
		CHECK(klp_describe_find_fn(d, f->cname) == f, "fn %s not found again", f->cname);
	}
	for (i = 0; i < d->nsyms; i++) {
		const struct klp_describe_sym *s = &d->syms[i];

		CHECK(field_ok(s->symbol) && identifier(s->cname) && klp_sym_kind_name(s->kind),
		      "sym %s %s %d", s->symbol, s->cname, (int)s->kind);
		CHECK(klp_describe_find_sym(d, s->symbol) == s, "sym %s not found again", s->symbol);
		for (k = 0; k < s->ninlined; k++)
			CHECK(identifier(s->inlined[k]) &&
			      (k == 0 || strcmp(s->inlined[k - 1], s->inlined[k]) < 0),
			      "inl %s: '%s' not sorted or twice", s->symbol, s->inlined[k]);
	}
	for (i = 0; i < d->nvars; i++) {
		const struct klp_describe_var *v = &d->vars[i];

		CHECK(field_ok(v->symbol) && identifier(v->cname) && identifier(v->context) &&
		      v->ordinal >= 1, "var %s %s %s %u", v->symbol, v->cname, v->context,
		      v->ordinal);
		CHECK(klp_describe_find_var(d, v->symbol) == v, "var %s not found again",
		      v->symbol);
		for (k = 0; k < i; k++)
			CHECK(strcmp(d->vars[k].context, v->context) || strcmp(d->vars[k].cname, v->cname) ||
			      d->vars[k].ordinal != v->ordinal, "two var lines for %s:%s:%u",
			      v->context, v->cname, v->ordinal);
	}
	for (i = 0; i < d->ntypes; i++) {
		const struct klp_describe_type *t = &d->types[i];
		const char *dot = strchr(t->tag, '.');

		CHECK(dot && identifier(dot + 1) &&
		      (!strncmp(t->tag, "struct.", 7) || !strncmp(t->tag, "union.", 6) ||
		       !strncmp(t->tag, "typedef.", 8)) &&
		      strlen(t->layout) == 16 && strspn(t->layout, "0123456789abcdef") == 16,
		      "type %s %u %s", t->tag, t->size, t->layout);
		CHECK(klp_describe_find_type(d, t->tag) == t, "type %s not found again", t->tag);
	}
}

static char *write_all(const struct klp_describe *d, size_t *len)
{
	char *text = NULL;
	FILE *out = open_memstream(&text, len);
	size_t i;

	CHECK(out != NULL, "out of memory");
	CHECK(klp_describe_write_header(out, d->source) == 0, "header refused");
	for (i = 0; i < d->nfns; i++)
		CHECK(klp_describe_write_fn(out, d->fns[i].cname, d->fns[i].file, d->fns[i].first,
					    d->fns[i].last) == 0, "fn %s refused", d->fns[i].cname);
	for (i = 0; i < d->nsyms; i++) {
		const struct klp_describe_sym *s = &d->syms[i];

		CHECK(klp_describe_write_sym(out, s->symbol, s->cname, s->kind) == 0,
		      "sym %s refused", s->symbol);
		if (s->ninlined)
			CHECK(klp_describe_write_inl(out, s->symbol, (const char *const *)s->inlined,
						     s->ninlined) == 0, "inl %s refused", s->symbol);
	}
	for (i = 0; i < d->nvars; i++)
		CHECK(klp_describe_write_var(out, d->vars[i].symbol, d->vars[i].cname,
					     d->vars[i].context, d->vars[i].ordinal) == 0,
		      "var %s refused", d->vars[i].symbol);
	for (i = 0; i < d->ntypes; i++)
		CHECK(klp_describe_write_type_record(out, &d->types[i]) == 0, "type %s refused",
		      d->types[i].tag);
	fclose(out);
	return text;
}

static void check_same(const struct klp_describe *a, const struct klp_describe *b)
{
	size_t i, k;

	CHECK(strcmp(a->source, b->source) == 0 && a->nfns == b->nfns && a->nsyms == b->nsyms &&
	      a->nvars == b->nvars && a->ntypes == b->ntypes,
	      "written and read back: other counts");
	for (i = 0; i < a->ntypes; i++)
		CHECK(strcmp(a->types[i].tag, b->types[i].tag) == 0 &&
		      a->types[i].size == b->types[i].size &&
		      strcmp(a->types[i].layout, b->types[i].layout) == 0,
		      "type %s read back otherwise", a->types[i].tag);
	for (i = 0; i < a->nfns; i++)
		CHECK(strcmp(a->fns[i].cname, b->fns[i].cname) == 0 &&
		      strcmp(a->fns[i].file, b->fns[i].file) == 0 &&
		      a->fns[i].first == b->fns[i].first && a->fns[i].last == b->fns[i].last,
		      "fn %s read back otherwise", a->fns[i].cname);
	for (i = 0; i < a->nsyms; i++) {
		CHECK(strcmp(a->syms[i].symbol, b->syms[i].symbol) == 0 &&
		      strcmp(a->syms[i].cname, b->syms[i].cname) == 0 &&
		      a->syms[i].kind == b->syms[i].kind &&
		      a->syms[i].ninlined == b->syms[i].ninlined,
		      "sym %s read back otherwise", a->syms[i].symbol);
		for (k = 0; k < a->syms[i].ninlined; k++)
			CHECK(strcmp(a->syms[i].inlined[k], b->syms[i].inlined[k]) == 0,
			      "inl of %s read back otherwise", a->syms[i].symbol);
	}
	for (i = 0; i < a->nvars; i++)
		CHECK(strcmp(a->vars[i].symbol, b->vars[i].symbol) == 0 &&
		      strcmp(a->vars[i].cname, b->vars[i].cname) == 0 &&
		      strcmp(a->vars[i].context, b->vars[i].context) == 0 &&
		      a->vars[i].ordinal == b->vars[i].ordinal,
		      "var %s read back otherwise", a->vars[i].symbol);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[KLP_DESCRIBE_ERRLEN], *text, *text2;
	struct klp_describe d, again, third;
	size_t len, len2, lines = 1, i, ninl = 0;
	unsigned at;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (klp_describe_parse((const char *)data, size, &d, err)) {
		CHECK(sscanf(err, "line %u: ", &at) == 1 && at >= 1 && at <= lines + 1 &&
		      strstr(err, ": ") && !strchr(err, '\n'), "message '%s'", err);
		CHECK(!d.nfns && !d.nsyms && !d.nvars && !d.ntypes && !d.source,
		      "refused but not empty");
		return 0;
	}
	for (i = 0; i < d.nsyms; i++)
		ninl += d.syms[i].ninlined != 0;
	CHECK(check_shape(data, size) == 2 + d.nfns + d.nsyms + ninl + d.nvars + d.ntypes,
	      "accepted lines that are no records (%zu fn, %zu sym, %zu inl, %zu var, %zu type)",
	      d.nfns, d.nsyms, ninl, d.nvars, d.ntypes);
	check_records(&d);

	text = write_all(&d, &len);
	CHECK(klp_describe_parse(text, len, &again, err) == 0, "written file refused: %s", err);
	check_same(&d, &again);
	text2 = write_all(&again, &len2);
	CHECK(len == len2 && memcmp(text, text2, len) == 0, "writing twice differs");
	CHECK(klp_describe_parse(text2, len2, &third, err) == 0, "rewritten file refused: %s", err);
	klp_describe_free(&third);
	free(text2);
	free(text);
	klp_describe_free(&again);
	klp_describe_free(&d);
	return 0;
}
