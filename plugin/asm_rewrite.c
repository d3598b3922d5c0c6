// SPDX-License-Identifier: GPL-2.0-or-later
/* asm_rewrite.c - section directives of asm templates (see asm_rewrite.h). */
#include "asm_rewrite.h"
#include "kernel_abi.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct cursor {
	const char *s;
	size_t n;
	size_t i;
};

static int at_end(const struct cursor *c)
{
	return c->i >= c->n;
}

static char peek(const struct cursor *c, size_t ahead)
{
	return c->i + ahead < c->n ? c->s[c->i + ahead] : '\0';
}

/* Blanks inside a statement: what gas treats as white space, and C comments. */
static void skip_blanks(struct cursor *c)
{
	while (!at_end(c)) {
		char ch = peek(c, 0);

		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v') {
			c->i++;
		} else if (ch == '/' && peek(c, 1) == '*') {
			c->i += 2;
			while (!at_end(c) && !(peek(c, 0) == '*' && peek(c, 1) == '/'))
				c->i++;
			c->i = c->i + 2 < c->n ? c->i + 2 : c->n;
		} else {
			return;
		}
	}
}

/* Skip a quoted string starting at the opening quote; backslash escapes. */
static void skip_string(struct cursor *c)
{
	c->i++;
	while (!at_end(c)) {
		char ch = peek(c, 0);

		if (ch == '\\') {
			c->i += 2;
			continue;
		}
		c->i++;
		if (ch == '"')
			return;
	}
	c->i = c->n;
}

/* Move past the end of the current statement (its separator included). */
static void skip_statement(struct cursor *c)
{
	while (!at_end(c)) {
		char ch = peek(c, 0);

		if (ch == '"') {
			skip_string(c);
		} else if (ch == '#') {
			while (!at_end(c) && peek(c, 0) != '\n')
				c->i++;
		} else if (ch == '/' && peek(c, 1) == '*') {
			skip_blanks(c);
		} else {
			c->i++;
			if (ch == '\n' || ch == ';')
				return;
		}
	}
}

static int is_symbol_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' || ch == '$';
}

static size_t symbol_length(const struct cursor *c)
{
	size_t k = 0;

	while (c->i + k < c->n && is_symbol_char(c->s[c->i + k]))
		k++;
	return k;
}

static int token_is(const struct cursor *c, size_t len, const char *word)
{
	return len == strlen(word) && strncasecmp(c->s + c->i, word, len) == 0;
}

static enum klp_section classify(const char *name, size_t len)
{
	static const char jump_table[] = "__jump_table";
	size_t prefix = strlen(KLP_ARCH_PREFIX);

	switch (klp_entry_kind_of(name, len)) {
	case KLP_ENTRY_ALT:
		return KLP_SEC_ALTINSTRUCTIONS;
	case KLP_ENTRY_PARA:
		return KLP_SEC_PARAINSTRUCTIONS;
	}
	if (len == sizeof(jump_table) - 1 && memcmp(name, jump_table, len) == 0)
		return KLP_SEC_JUMP_TABLE;
	if (len > prefix && memcmp(name, KLP_ARCH_PREFIX, prefix) == 0)
		return KLP_SEC_KLP_ARCH;
	return KLP_SEC_OTHER;
}

/*
 * The section argument of a `.section`/`.pushsection` whose name the cursor
 * has just passed.  Bare names end where gas ends them: at white space, ','
 * or the end of the statement.
 */
static int section_argument(struct cursor *c, struct klp_directive *d)
{
	skip_blanks(c);
	if (at_end(c))
		return 0;
	if (peek(c, 0) == '"') {
		size_t start = c->i + 1;

		skip_string(c);
		if (c->i <= start || c->s[c->i - 1] != '"')
			return 0;
		d->name_offset = start;
		d->name_length = c->i - 1 - start;
		d->quoted = 1;
	} else {
		size_t start = c->i;

		while (!at_end(c)) {
			char ch = peek(c, 0);

			if (ch == ' ' || ch == '\t' || ch == '\r' || ch == ',' || ch == ';' ||
			    ch == '\n' || ch == '#' || ch == '"' ||
			    (ch == '/' && peek(c, 1) == '*'))
				break;
			c->i++;
		}
		if (c->i == start)
			return 0;
		d->name_offset = start;
		d->name_length = c->i - start;
		d->quoted = 0;
	}
	d->section = classify(c->s + d->name_offset, d->name_length);
	return 1;
}

void klp_asm_for_each_directive(const char *tmpl, size_t len,
				klp_directive_fn fn, void *ctx)
{
	struct cursor c = { tmpl, len, 0 };

	while (!at_end(&c)) {
		size_t tok;

		skip_blanks(&c);
		/* Labels before the directive: "771:", ".Lfoo:". */
		for (;;) {
			tok = symbol_length(&c);
			if (tok == 0 || peek(&c, tok) != ':')
				break;
			c.i += tok + 1;
			skip_blanks(&c);
		}
		if (tok != 0 && (token_is(&c, tok, ".section") || token_is(&c, tok, ".pushsection"))) {
			struct klp_directive d;

			c.i += tok;
			if (section_argument(&c, &d))
				fn(ctx, &d);
		}
		skip_statement(&c);
	}
}

static void count_directive(void *ctx, const struct klp_directive *d)
{
	struct klp_asm_summary *s = ctx;
	unsigned *const counter[] = {
		[KLP_SEC_OTHER] = NULL,
		[KLP_SEC_ALTINSTRUCTIONS] = &s->altinstructions,
		[KLP_SEC_PARAINSTRUCTIONS] = &s->parainstructions,
		[KLP_SEC_JUMP_TABLE] = &s->jump_table,
		[KLP_SEC_KLP_ARCH] = &s->klp_arch,
	};

	if (counter[d->section])
		(*counter[d->section])++;
}

void klp_asm_summarise(const char *tmpl, size_t len, struct klp_asm_summary *s)
{
	memset(s, 0, sizeof(*s));
	klp_asm_for_each_directive(tmpl, len, count_directive, s);
}

/* Offsets of the names to rename, collected in one scan. */
struct rename_list {
	size_t *offsets;
	size_t count;
	size_t capacity;
	int failed;
};

static void collect_renamed(void *ctx, const struct klp_directive *d)
{
	struct rename_list *r = ctx;

	if (d->section != KLP_SEC_ALTINSTRUCTIONS && d->section != KLP_SEC_PARAINSTRUCTIONS)
		return;
	if (r->count == r->capacity) {
		size_t cap = r->capacity ? 2 * r->capacity : 8;
		size_t *grown = realloc(r->offsets, cap * sizeof(*grown));

		if (!grown) {
			r->failed = 1;
			return;
		}
		r->offsets = grown;
		r->capacity = cap;
	}
	r->offsets[r->count++] = d->name_offset;
}

char *klp_asm_rewrite_sections(const char *tmpl, size_t len, const char *object,
			       size_t *out_len, unsigned *count)
{
	struct rename_list r = { NULL, 0, 0, 0 };
	/* The kernel's name: ".klp.arch.OBJECT." before the plain one. */
	size_t insert = klp_arch_prefix(NULL, 0, object);
	size_t total, k, from = 0, to = 0;
	char *out;

	*out_len = 0;
	if (count)
		*count = 0;
	klp_asm_for_each_directive(tmpl, len, collect_renamed, &r);
	if (r.failed || r.count == 0) {
		free(r.offsets);
		if (r.failed)
			*out_len = (size_t)-1;
		return NULL;
	}
	total = len + r.count * insert;
	out = malloc(total + 1);
	if (!out) {
		free(r.offsets);
		*out_len = (size_t)-1;
		return NULL;
	}
	/* ".altinstructions" keeps its own leading dot: ".klp.arch.OBJ." + it. */
	for (k = 0; k < r.count; k++) {
		size_t at = r.offsets[k];

		memcpy(out + to, tmpl + from, at - from);
		to += at - from;
		/* Room for its NUL: the rest of the template comes after it. */
		to += klp_arch_prefix(out + to, insert + 1, object);
		from = at;
	}
	memcpy(out + to, tmpl + from, len - from);
	to += len - from;
	out[to] = '\0';
	*out_len = to;
	if (count)
		*count = (unsigned)r.count;
	free(r.offsets);
	return out;
}
