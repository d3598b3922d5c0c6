// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_linesync.c - libFuzzer harness for the line keeper
 * (common/linesync.h).
 *
 * The input is the original, a NUL byte, and the patched text (without a
 * NUL, the patched text is the input with its first line dropped and a
 * line added after its second).  Beyond "no crash, no leak":
 *   - the properties of common/tests/linesync-check.h: removing the marks
 *     gives the patched text back, every kept line after a mark has its
 *     original number (where neither text may hold a #line of a spelling
 *     the checker does not follow), the regions pair the kept lines;
 *   - planning is deterministic;
 *   - no mark is inside a comment, a string or character literal, or a
 *     continued line, by a scan of its own; nor inside parentheses
 *     outside directives where the text has no conditional directive
 *     (whose branches the keeper counts apart).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_linesync"
#include "fuzz.h"
#include "linesync.h"
#include "tests/linesync-check.h"

/* Length of a backslash-newline at S (GCC takes blanks between them), or 0. */
static size_t splice_at(const char *s, const char *end)
{
	const char *p = s + 1;

	if (s >= end || *s != '\\')
		return 0;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\f' || *p == '\v' || *p == '\r'))
		p++;
	return p < end && *p == '\n' ? (size_t)(p - s) + 1 : 0;
}

/*
 * The state at the start of line LINE (1-based) of TEXT: 0 when a directive
 * may go there, else what is open ("comment", ...).
 */
static const char *open_at(const char *text, size_t len, unsigned line, int count_parens)
{
	const char *s = text, *end = text + len;
	unsigned at = 1;
	long parens = 0;
	int comment = 0, directive = 0, first = 1, spliced = 0;
	char quote = 0, line_comment = 0;

	while (s < end && at < line) {
		size_t sp = splice_at(s, end);

		if (sp) {
			s += sp;
			at++;
			spliced = 1;
			continue;
		}
		spliced = 0;
		if (*s == '\n') {
			at++;
			s++;
			quote = line_comment = 0;
			directive = 0;
			first = 1;
			continue;
		}
		if (comment) {
			if (*s == '*' && s + 1 < end && s[1] == '/')
				comment = 0, s++;
		} else if (line_comment) {
		} else if (quote) {
			if (*s == '\\') {
				/* Splices come first: the escaped character is the one after them. */
				const char *t = s + 1;
				size_t n;

				while ((n = splice_at(t, end))) {
					t += n;
					at++;
				}
				if (t < end && *t != '\n')
					s = t;
				else
					s = t - 1;
			} else if (*s == quote) {
				quote = 0;
			}
		} else if (*s == '/' && s + 1 < end && s[1] == '*') {
			comment = 1;
			s++;
		} else if (*s == '/' && s + 1 < end && s[1] == '/') {
			line_comment = 1;
		} else if (*s == '"' || *s == '\'') {
			quote = *s;
			first = 0;
		} else if (*s == '#' && first) {
			directive = 1;
			first = 0;
		} else if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\f' && *s != '\v') {
			first = 0;
			if (!directive && *s == '(')
				parens++;
			else if (!directive && *s == ')' && parens)
				parens--;
		}
		s++;
	}
	if (spliced)
		return "a continued line";
	if (comment)
		return "a comment";
	if (count_parens && parens)
		return "parentheses";
	return NULL;
}

/* Could TEXT hold a directive ('#', blanks, then one of FIRST)? */
static int has_directive(const char *text, size_t len, const char *first)
{
	size_t i, j;

	for (i = 0; i < len; i++) {
		if (text[i] != '#')
			continue;
		for (j = i + 1; j < len && strchr(" \t\\\n\r\f\v", text[j]) && text[j]; j++)
			;
		if (j < len && text[j] && strchr(first, text[j]))
			return 1;
	}
	return 0;
}

/* Could TEXT hold a #line or a line marker, in a spelling the checker does not follow? */
static int has_line_directive(const char *text, size_t len)
{
	return has_directive(text, len, "l0123456789");
}

/* Could TEXT hold #if, #else, #elif or #endif ('#', blanks, 'i' or 'e')? */
static int has_conditionals(const char *text, size_t len)
{
	return has_directive(text, len, "ie");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *nul = memchr(in, '\0', size), *orig, *patched;
	char *made = NULL, *out;
	size_t olen, plen, outlen, k;
	struct klp_linesync s, again;
	const char *why;
	int conditionals;

	orig = in;
	if (nul) {
		olen = (size_t)(nul - in);
		patched = nul + 1;
		plen = size - olen - 1;
	} else {
		const char *nl1 = memchr(in, '\n', size), *nl2;

		olen = size;
		made = malloc(size + 8);
		CHECK(made != NULL, "malloc");
		plen = 0;
		if (nl1) {
			nl2 = memchr(nl1 + 1, '\n', size - (size_t)(nl1 + 1 - in));
			if (nl2) {
				memcpy(made, nl1 + 1, (size_t)(nl2 - nl1));
				plen = (size_t)(nl2 - nl1);
				memcpy(made + plen, "added;\n", 7);
				plen += 7;
				memcpy(made + plen, nl2 + 1, size - (size_t)(nl2 + 1 - in));
				plen += size - (size_t)(nl2 + 1 - in);
			}
		}
		patched = made;
	}
	CHECK(klp_linesync_plan(orig, olen, patched, plen, &s) == 0, "plan failed");
	CHECK(klp_linesync_plan(orig, olen, patched, plen, &again) == 0, "plan failed");
	CHECK(again.nmarks == s.nmarks && again.nregions == s.nregions &&
	      (!s.nmarks || !memcmp(again.marks, s.marks, s.nmarks * sizeof(*s.marks))) &&
	      (!s.nregions || !memcmp(again.regions, s.regions, s.nregions * sizeof(*s.regions))),
	      "not deterministic");
	klp_linesync_free(&again);
	CHECK(klp_linesync_apply(patched, plen, &s, "/* c */", &out, &outlen) == 0, "apply failed");
	why = linesync_broken(orig, olen, patched, plen, &s, out, outlen,
			      !has_line_directive(orig, olen) && !has_line_directive(patched, plen));
	CHECK(!why, "%s", why);
	conditionals = has_conditionals(patched, plen);
	for (k = 0; k < s.nmarks; k++) {
		const char *open = open_at(patched, plen, s.marks[k].new_line, !conditionals);

		CHECK(!open, "mark %zu (before line %u) is inside %s", k, s.marks[k].new_line, open);
	}
	free(out);
	klp_linesync_free(&s);
	free(made);
	return 0;
}
