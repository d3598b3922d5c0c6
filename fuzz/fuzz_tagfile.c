// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_tagfile.c - libFuzzer harness for the tag-file parser and tag set.
 *
 * The input is a tag file.  Beyond "no crash on any bytes":
 *   - every accepted pair has a C identifier as FUNCTION and a valid,
 *     already normalised OBJECT, on a line that exists; so has every
 *     accepted symbol line (`symbol NAME OBJECT [POSITION]`) its NAME and
 *     OBJECT, and a position of at most nine digits;
 *   - every malformed line gets a one-line reason, and the parser's result
 *     is the number of them (a UTF-8 byte order mark at the start is
 *     reported exactly when there is one, at line 1, before that line's
 *     own pair or error) (or -1 when a pair callback asks it to stop,
 *     which this harness does on the function name "stop");
 *   - added to a tag set (as the plugin does), each function keeps its first
 *     object and line, a disagreeing pair is answered with that first tag,
 *     every accepted function is found again, and the set counts each
 *     function once.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_tagfile"
#include "fuzz.h"
#include "tagfile.h"

static const char FILE_NAME[] = "fuzz.tags";

struct pair {
	char *function;
	char *object;
	unsigned line;
	size_t order;
	/* What klp_tagset_add answered, copied: the set's storage moves as it grows. */
	int refused;
	char *earlier_function, *earlier_object;
	unsigned earlier_line;
};

struct run {
	struct pair *pairs;
	size_t npairs, cap;
	unsigned lines;
	unsigned last_line;
	int errors;
	int bom, bom_reported;
	unsigned symbols;	/* the input starts with a UTF-8 BOM; the parser said so */
	struct klp_tagset *set;
};

static int is_identifier(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

static int on_pair(void *ctx, const char *function, size_t function_len,
		   const char *object, unsigned line)
{
	struct run *r = ctx;
	char norm[KLP_OBJNAME_MAX + 1], why[KLP_OBJNAME_WHY];
	const struct klp_tag *added;
	struct pair *p;

	CHECK(is_identifier(function, function_len), "function '%.*s'", (int)function_len,
	      function);
	CHECK(klp_objname_normalise(object, strlen(object), norm, why) == 0 &&
	      strcmp(norm, object) == 0, "object '%s' not valid and normalised", object);
	CHECK(line >= 1 && line <= r->lines && line > r->last_line, "line %u", line);
	r->last_line = line;
	if (r->npairs == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->pairs = realloc(r->pairs, r->cap * sizeof(*r->pairs));
		CHECK(r->pairs != NULL, "out of memory");
	}
	p = &r->pairs[r->npairs];
	p->function = strndup(function, function_len);
	p->object = strdup(object);
	p->line = line;
	p->order = r->npairs++;
	added = klp_tagset_add(r->set, function, function_len, object, FILE_NAME, line);
	CHECK(added != KLP_TAGSET_NOMEM, "out of memory");
	p->refused = added != NULL;
	p->earlier_function = added ? strdup(added->function) : NULL;
	p->earlier_object = added ? strdup(added->object) : NULL;
	p->earlier_line = added ? added->line : 0;
	return function_len == 4 && memcmp(function, "stop", 4) == 0;
}

/* A symbol line: a C identifier, a valid normalised object, a position. */
static int on_symbol(void *ctx, const char *name, size_t name_len, const char *object,
		     unsigned long position, unsigned line)
{
	struct run *r = ctx;
	char norm[KLP_OBJNAME_MAX + 1], why[KLP_OBJNAME_WHY];

	CHECK(is_identifier(name, name_len), "symbol '%.*s'", (int)name_len, name);
	CHECK(klp_objname_normalise(object, strlen(object), norm, why) == 0 &&
	      strcmp(norm, object) == 0, "symbol object '%s' not valid and normalised", object);
	CHECK(position < 1000000000UL, "position %lu", position);
	CHECK(line >= 1 && line <= r->lines && line > r->last_line, "symbol line %u", line);
	r->last_line = line;
	r->symbols++;
	return 0;
}

static void on_error(void *ctx, unsigned line, const char *why)
{
	struct run *r = ctx;

	/* The BOM is named first, at line 1, which may then report once more. */
	if (strstr(why, "byte order mark")) {
		CHECK(r->bom && !r->bom_reported && line == 1 && r->last_line == 0,
		      "BOM reported at line %u (input starts with one: %d)", line, r->bom);
		r->bom_reported = 1;
		r->errors++;
		return;
	}
	CHECK(line >= 1 && line <= r->lines && line > r->last_line, "error line %u", line);
	r->last_line = line;
	CHECK(why[0] != '\0' && strlen(why) < KLP_TAGFILE_WHY && !strchr(why, '\n'),
	      "reason '%s'", why);
	r->errors++;
}

/* Pairs by function name, then by order: the first of each name comes first. */
static int by_function(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c = strcmp(x->function, y->function);

	return c ? c : (x->order > y->order) - (x->order < y->order);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct klp_tagfile_callbacks cb = { on_pair, on_symbol, on_error };
	struct run r = { 0 };
	char *text = malloc(size ? size : 1);
	size_t i, first = 0, distinct = 0;
	int result, stopped;

	memcpy(text, data, size);
	r.lines = 1;
	for (i = 0; i < size; i++)
		r.lines += data[i] == '\n';
	r.bom = size >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0;
	r.set = klp_tagset_new();
	CHECK(r.set != NULL, "out of memory");
	CHECK(klp_tagset_find(r.set, "anything") == NULL, "empty set finds a tag");

	result = klp_tagfile_parse(text, size, &cb, &r);
	stopped = r.npairs && strcmp(r.pairs[r.npairs - 1].function, "stop") == 0;
	CHECK(result == (stopped ? -1 : r.errors), "result %d, %d errors, stopped %d", result,
	      r.errors, stopped);
	CHECK(r.bom == r.bom_reported, "input starts with a BOM: %d, reported: %d", r.bom,
	      r.bom_reported);

	if (r.npairs)
		qsort(r.pairs, r.npairs, sizeof(*r.pairs), by_function);
	for (i = 0; i < r.npairs; i++) {
		const struct pair *p = &r.pairs[i], *f;
		const struct klp_tag *t;

		if (i == 0 || strcmp(p->function, r.pairs[i - 1].function) != 0) {
			first = i;
			distinct++;
		}
		f = &r.pairs[first];
		if (strcmp(p->object, f->object) == 0) {
			CHECK(!p->refused, "agreeing pair for %s refused", p->function);
		} else {
			CHECK(p->refused && strcmp(p->earlier_function, f->function) == 0 &&
			      strcmp(p->earlier_object, f->object) == 0 &&
			      p->earlier_line == f->line,
			      "disagreeing pair for %s not answered with the first tag",
			      p->function);
		}
		t = klp_tagset_find(r.set, p->function);
		CHECK(t && strcmp(t->function, p->function) == 0 &&
		      strcmp(t->object, f->object) == 0 && t->line == f->line &&
		      t->file == FILE_NAME, "%s not found with its first tag", p->function);
	}
	CHECK(klp_tagset_count(r.set) == distinct, "count %zu, distinct %zu",
	      klp_tagset_count(r.set), distinct);

	for (i = 0; i < r.npairs; i++) {
		free(r.pairs[i].function);
		free(r.pairs[i].object);
		free(r.pairs[i].earlier_function);
		free(r.pairs[i].earlier_object);
	}
	free(r.pairs);
	klp_tagset_free(r.set);
	free(text);
	return 0;
}
