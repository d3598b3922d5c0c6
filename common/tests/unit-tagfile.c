// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of tag-file parsing and the tag set (tagfile.h). */
#include <stdlib.h>

#include "tagfile.h"
#include "unit.h"

struct seen {
	struct klp_tagset *set, *symset;
	unsigned symbols;
	unsigned long last_position;
	unsigned pairs, errors, last_error_line;
	char last_error[KLP_TAGFILE_WHY];
};

static int on_pair(void *ctx, const char *fn, size_t len, const char *object, unsigned line)
{
	struct seen *s = ctx;

	s->pairs++;
	return klp_tagset_add(s->set, fn, len, object, "t.tags", line) == KLP_TAGSET_NOMEM;
}

static int on_symbol(void *ctx, const char *name, size_t len, const char *object,
		     unsigned long position, unsigned line)
{
	struct seen *s = ctx;

	s->symbols++;
	s->last_position = position;
	return klp_tagset_add_at(s->symset, name, len, object, position, "t.tags", line) ==
	       KLP_TAGSET_NOMEM;
}

static void on_error(void *ctx, unsigned line, const char *why)
{
	struct seen *s = ctx;

	s->errors++;
	s->last_error_line = line;
	snprintf(s->last_error, sizeof(s->last_error), "%s", why);
}

static const struct klp_tagfile_callbacks cb = { on_pair, on_symbol, on_error };

static struct seen parse(const char *text)
{
	struct seen s;

	memset(&s, 0, sizeof(s));
	s.set = klp_tagset_new();
	s.symset = klp_tagset_new();
	klp_tagfile_parse(text, strlen(text), &cb, &s);
	return s;
}

int main(void)
{
	struct seen s;
	const struct klp_tag *t;
	size_t i;

	s = parse("# header\n\nfoo vmlinux\n  bar\text4   # trailing comment\r\nbaz my-mod");
	UNIT_CHECK("three pairs", s.pairs == 3 && s.errors == 0);
	t = klp_tagset_find(s.set, "bar");
	UNIT_CHECK("tab and comment", t && strcmp(t->object, "ext4") == 0 && t->line == 4);
	t = klp_tagset_find(s.set, "baz");
	UNIT_CHECK("no final newline, dash normalised", t && strcmp(t->object, "my_mod") == 0);
	UNIT_CHECK("absent function", klp_tagset_find(s.set, "qux") == NULL);
	UNIT_CHECK("prefix is not a match", klp_tagset_find(s.set, "fo") == NULL);
	klp_tagset_free(s.set);
	klp_tagset_free(s.symset);

	s = parse("foo\n");
	UNIT_CHECK("one field rejected", s.errors == 1 && s.last_error_line == 1);
	UNIT_CHECK_STR("one field message", s.last_error,
		       "expected 'FUNCTION OBJECT' or 'symbol NAME OBJECT [POSITION]', found 1 field");
	klp_tagset_free(s.set);
	klp_tagset_free(s.symset);
	s = parse("ok vmlinux\nfoo bar baz\n");
	UNIT_CHECK("three fields rejected at line 2", s.errors == 1 && s.last_error_line == 2 && s.pairs == 1);
	UNIT_CHECK_STR("three fields message", s.last_error,
		       "expected 'FUNCTION OBJECT' or 'symbol NAME OBJECT [POSITION]', found 3 fields");
	klp_tagset_free(s.set);
	klp_tagset_free(s.symset);
	s = parse("1foo vmlinux\n");
	UNIT_CHECK_STR("identifier rule", s.last_error,
		       "'1foo' is not a C identifier; FUNCTION names a function as in the C source");
	klp_tagset_free(s.set);
	klp_tagset_free(s.symset);
	s = parse("\xef\xbb\xbfmy_fn vmlinux\nother ext4\n");
	UNIT_CHECK("BOM named as a BOM, at line 1", s.errors == 1 && s.last_error_line == 1 &&
		   strstr(s.last_error, "UTF-8 byte order mark"));
	UNIT_CHECK("the pairs after the BOM are read", s.pairs == 2 &&
		   klp_tagset_find(s.set, "my_fn") != NULL);
	klp_tagset_free(s.set);
	klp_tagset_free(s.symset);
	s = parse("symbol saved_command_line vmlinux\nsymbol dup_fn vmlinux 2\n"
		  "symbol my_static target-mod 1\nfoo vmlinux\n");
	UNIT_CHECK("symbol lines read", s.symbols == 3 && s.pairs == 1 && s.errors == 0);
	t = klp_tagset_find(s.symset, "dup_fn");
	UNIT_CHECK("symbol position kept", t && t->position == 2 && strcmp(t->object, "vmlinux") == 0);
	t = klp_tagset_find(s.symset, "my_static");
	UNIT_CHECK("symbol object normalised", t && strcmp(t->object, "target_mod") == 0);
	UNIT_CHECK("a symbol is no function tag", klp_tagset_find(s.set, "dup_fn") == NULL);
	t = klp_tagset_add_at(s.symset, "dup_fn", 6, "vmlinux", 3, "u", 9);
	UNIT_CHECK("a different position disagrees, answered with the first",
		   t && t != KLP_TAGSET_NOMEM && t->position == 2);
	UNIT_CHECK("the same position agrees",
		   klp_tagset_add_at(s.symset, "dup_fn", 6, "vmlinux", 2, "u", 10) == NULL);
	klp_tagset_free(s.set);
	klp_tagset_free(s.symset);
	s = parse("symbol dup_fn vmlinux two\n");
	UNIT_CHECK("bad position rejected", s.errors == 1 && strstr(s.last_error, "position 'two' is not a number"));
	klp_tagset_free(s.set);
	klp_tagset_free(s.symset);
	s = parse("symbol 9x vmlinux\n");
	UNIT_CHECK("symbol name must be an identifier", s.errors == 1 && strstr(s.last_error, "'9x' is not a C identifier; NAME"));
	klp_tagset_free(s.set);
	klp_tagset_free(s.symset);
	s = parse("foo ext4.ko\n");
	UNIT_CHECK("bad object rejected", s.errors == 1 && strstr(s.last_error, "object name 'ext4.ko' contains '.'"));
	klp_tagset_free(s.set);
	klp_tagset_free(s.symset);
	s = parse("foo vmlinux#comment right after\n#only\n   \n");
	UNIT_CHECK("comment glued to a field", s.pairs == 1 && s.errors == 0);
	klp_tagset_free(s.set);
	klp_tagset_free(s.symset);

	/* Agreement and disagreement within the set. */
	s = parse("foo vmlinux\n");
	UNIT_CHECK("same tag twice agrees",
		   klp_tagset_add(s.set, "foo", 3, "vmlinux", "u.tags", 9) == NULL);
	t = klp_tagset_add(s.set, "foo", 3, "ext4", "u.tags", 10);
	UNIT_CHECK("disagreement returns the earlier tag",
		   t && t != KLP_TAGSET_NOMEM && strcmp(t->object, "vmlinux") == 0 && t->line == 1);
	klp_tagset_free(s.set);
	klp_tagset_free(s.symset);

	/* Many tags: the table grows and every one is found. */
	s.set = klp_tagset_new();
	for (i = 0; i < 100000; i++) {
		char name[32];

		snprintf(name, sizeof(name), "f%zu", i);
		klp_tagset_add(s.set, name, strlen(name), i % 2 ? "vmlinux" : "ext4", "big", (unsigned)i + 1);
	}
	UNIT_CHECK("100000 tags counted", klp_tagset_count(s.set) == 100000);
	t = klp_tagset_find(s.set, "f99999");
	UNIT_CHECK("last tag found", t && strcmp(t->object, "vmlinux") == 0 && t->line == 100000);
	t = klp_tagset_find(s.set, "f0");
	UNIT_CHECK("first tag found", t && strcmp(t->object, "ext4") == 0);
	klp_tagset_free(s.set);
	return unit_failures ? 1 : 0;
}
