// SPDX-License-Identifier: GPL-2.0-or-later
/* tagfile.c - tag-file parsing and the tag set (see tagfile.h). */
#include "tagfile.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v';
}



/* `symbol NAME OBJECT [POSITION]`.  Returns 1 if malformed, -1 to stop, else 0. */
static int symbol_line(const char *const *field, const size_t *flen, size_t nfields,
		       unsigned line, const struct klp_tagfile_callbacks *cb, void *ctx)
{
	char why[KLP_TAGFILE_WHY], shown[200], digits[24];
	char object[KLP_OBJNAME_MAX + 1], objwhy[KLP_OBJNAME_WHY];
	unsigned long position = 0;
	char *end;

	if (!klp_is_identifier(field[1], flen[1])) {
		klp_quote_field(shown, sizeof(shown), field[1], flen[1]);
		snprintf(why, sizeof(why), "'%s' is not a C identifier; NAME names a symbol "
			 "as the C source does", shown);
		cb->error(ctx, line, why);
		return 1;
	}
	if (klp_objname_normalise(field[2], flen[2], object, objwhy)) {
		klp_quote_field(shown, sizeof(shown), field[2], flen[2]);
		snprintf(why, sizeof(why), "object name '%s' %s", shown, objwhy);
		cb->error(ctx, line, why);
		return 1;
	}
	if (nfields == 4) {
		size_t n = flen[3] < sizeof(digits) - 1 ? flen[3] : sizeof(digits) - 1;

		memcpy(digits, field[3], n);
		digits[n] = '\0';
		position = strtoul(digits, &end, 10);
		if (n != flen[3] || n > 9 || !(digits[0] >= '0' && digits[0] <= '9') || *end) {
			klp_quote_field(shown, sizeof(shown), field[3], flen[3]);
			snprintf(why, sizeof(why), "position '%s' is not a number: POSITION counts "
				 "the symbols of that name in kallsyms order from 1 (0 or none: "
				 "the name is unique)", shown);
			cb->error(ctx, line, why);
			return 1;
		}
	}
	if (!cb->symbol)
		return 0;
	return cb->symbol(ctx, field[1], flen[1], object, position, line) ? -1 : 0;
}

/* One line, without its newline.  Returns 1 if malformed, -1 to stop, else 0. */
static int parse_line(const char *s, size_t len, unsigned line,
		      const struct klp_tagfile_callbacks *cb, void *ctx)
{
	const char *field[4];
	size_t flen[4], nfields = 0, i = 0;
	char why[KLP_TAGFILE_WHY], shown[200];
	char object[KLP_OBJNAME_MAX + 1], objwhy[KLP_OBJNAME_WHY];

	while (i < len && s[i] != '#') {
		size_t start;

		if (is_blank(s[i])) {
			i++;
			continue;
		}
		start = i;
		while (i < len && !is_blank(s[i]) && s[i] != '#')
			i++;
		if (nfields < 4) {
			field[nfields] = s + start;
			flen[nfields] = i - start;
		}
		nfields++;
	}
	if (nfields == 0)
		return 0;
	if ((nfields == 3 || nfields == 4) && flen[0] == 6 && memcmp(field[0], "symbol", 6) == 0)
		return symbol_line(field, flen, nfields, line, cb, ctx);
	if (nfields != 2) {
		snprintf(why, sizeof(why),
			 "expected 'FUNCTION OBJECT' or 'symbol NAME OBJECT [POSITION]', found %zu field%s",
			 nfields, nfields == 1 ? "" : "s");
		cb->error(ctx, line, why);
		return 1;
	}
	if (!klp_is_identifier(field[0], flen[0])) {
		klp_quote_field(shown, sizeof(shown), field[0], flen[0]);
		snprintf(why, sizeof(why),
			 "'%s' is not a C identifier; FUNCTION names a function as in the C source",
			 shown);
		cb->error(ctx, line, why);
		return 1;
	}
	if (klp_objname_normalise(field[1], flen[1], object, objwhy)) {
		klp_quote_field(shown, sizeof(shown), field[1], flen[1]);
		snprintf(why, sizeof(why), "object name '%s' %s", shown, objwhy);
		cb->error(ctx, line, why);
		return 1;
	}
	return cb->pair(ctx, field[0], flen[0], object, line) ? -1 : 0;
}

int klp_tagfile_parse(const char *text, size_t len,
		      const struct klp_tagfile_callbacks *cb, void *ctx)
{
	static const char bom[] = "\xef\xbb\xbf";
	size_t start = 0;
	unsigned line = 1;
	int bad = 0;

	/* Editors on other systems put it there; it would be part of the first name. */
	if (len >= 3 && memcmp(text, bom, 3) == 0) {
		cb->error(ctx, 1, "the file starts with a UTF-8 byte order mark (bytes EF BB BF), "
			  "which is no part of a C identifier: save the file without it");
		bad++;
		start = 3;
	}

	while (start < len) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - text) : len;
		int r = parse_line(text + start, end - start, line, cb, ctx);

		if (r < 0)
			return -1;
		bad += r;
		start = end + 1;
		line++;
	}
	return bad;
}

/* Strings live in large chunks: a million-line tag file means a million names. */
struct chunk {
	struct chunk *next;
	size_t used, size;
	char data[];
};

/*
 * Open addressing with linear probing.  A slot keeps the name's hash next to
 * the tag's index, so a probe touches another tag's name only when the
 * hashes agree, and growing the table never reads a name again: with a
 * million tags each name would otherwise cost a cache miss per probe and
 * per rehash.
 */
struct slot {
	uint32_t hash;
	uint32_t index; /* index + 1 into tags, 0 when free */
};

struct klp_tagset {
	struct klp_tag *tags;
	size_t count, capacity;
	struct slot *slots;
	size_t nslots;
	struct chunk *chunks;
	const char *last_object; /* tag files list many functions of one object in a row */
};

static uint32_t hash_name(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static char *store_string(struct klp_tagset *set, const char *s, size_t len)
{
	struct chunk *c = set->chunks;
	char *p;

	if (!c || c->size - c->used < len + 1) {
		size_t size = len + 1 > 1 << 20 ? len + 1 : 1 << 20;

		c = malloc(sizeof(*c) + size);
		if (!c)
			return NULL;
		c->next = set->chunks;
		c->used = 0;
		c->size = size;
		set->chunks = c;
	}
	p = c->data + c->used;
	memcpy(p, s, len);
	p[len] = '\0';
	c->used += len + 1;
	return p;
}

struct klp_tagset *klp_tagset_new(void)
{
	return calloc(1, sizeof(struct klp_tagset));
}

void klp_tagset_free(struct klp_tagset *set)
{
	struct chunk *c, *next;

	if (!set)
		return;
	for (c = set->chunks; c; c = next) {
		next = c->next;
		free(c);
	}
	free(set->tags);
	free(set->slots);
	free(set);
}

/* The slot holding FUNCTION (of hash HASH), or the free slot where it belongs. */
static size_t find_slot(const struct klp_tagset *set, const char *function, size_t len,
			uint32_t hash)
{
	size_t mask = set->nslots - 1, k = hash & mask;

	while (set->slots[k].index) {
		if (set->slots[k].hash == hash) {
			const char *name = set->tags[set->slots[k].index - 1].function;

			if (strncmp(name, function, len) == 0 && name[len] == '\0')
				break;
		}
		k = (k + 1) & mask;
	}
	return k;
}

static int grow_slots(struct klp_tagset *set)
{
	size_t nslots = set->nslots ? 2 * set->nslots : 1024, mask = nslots - 1, i;
	struct slot *old = set->slots;
	size_t oldn = set->nslots;

	set->slots = calloc(nslots, sizeof(*set->slots));
	if (!set->slots) {
		set->slots = old;
		return -1;
	}
	set->nslots = nslots;
	/* Names are distinct: each old slot goes to the first free one. */
	for (i = 0; i < oldn; i++)
		if (old[i].index) {
			size_t k = old[i].hash & mask;

			while (set->slots[k].index)
				k = (k + 1) & mask;
			set->slots[k] = old[i];
		}
	free(old);
	return 0;
}

const struct klp_tag *klp_tagset_add(struct klp_tagset *set, const char *function,
				     size_t function_len, const char *object,
				     const char *file, unsigned line)
{
	return klp_tagset_add_at(set, function, function_len, object, 0, file, line);
}

const struct klp_tag *klp_tagset_add_at(struct klp_tagset *set, const char *function,
					size_t function_len, const char *object,
					unsigned long position, const char *file, unsigned line)
{
	struct klp_tag *tag;
	uint32_t hash = hash_name(function, function_len);
	size_t slot;

	if ((set->count + 1) * 2 > set->nslots && grow_slots(set))
		return KLP_TAGSET_NOMEM;
	slot = find_slot(set, function, function_len, hash);
	if (set->slots[slot].index) {
		tag = &set->tags[set->slots[slot].index - 1];
		return strcmp(tag->object, object) == 0 && tag->position == position ? NULL : tag;
	}
	if (set->count == set->capacity) {
		size_t cap = set->capacity ? 2 * set->capacity : 256;
		struct klp_tag *grown;

		if (cap > UINT32_MAX - 1)
			return KLP_TAGSET_NOMEM;
		grown = realloc(set->tags, cap * sizeof(*grown));
		if (!grown)
			return KLP_TAGSET_NOMEM;
		set->tags = grown;
		set->capacity = cap;
	}
	tag = &set->tags[set->count];
	tag->function = store_string(set, function, function_len);
	if (!set->last_object || strcmp(set->last_object, object) != 0)
		set->last_object = store_string(set, object, strlen(object));
	tag->object = set->last_object;
	if (!tag->function || !tag->object)
		return KLP_TAGSET_NOMEM;
	tag->file = file;
	tag->line = line;
	tag->position = position;
	set->slots[slot].hash = hash;
	set->slots[slot].index = (uint32_t)++set->count;
	return NULL;
}

const struct klp_tag *klp_tagset_find(const struct klp_tagset *set, const char *function)
{
	size_t slot, len;

	if (!set->nslots)
		return NULL;
	len = strlen(function);
	slot = find_slot(set, function, len, hash_name(function, len));
	return set->slots[slot].index ? &set->tags[set->slots[slot].index - 1] : NULL;
}

size_t klp_tagset_count(const struct klp_tagset *set)
{
	return set->count;
}
