/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * linesync-check.h - the properties of the line keeper's result, one
 * checker for the unit tests (common/tests/unit-linesync.c) and the fuzzer
 * (fuzz/fuzz_linesync.c):
 *   - removing the inserted lines gives PATCHED back byte for byte;
 *   - each inserted line is "#line N" with N the mark's original line;
 *   - the lines outside the regions are equal, pairwise, in order, and the
 *     regions are well formed; marks are in order, on kept lines;
 *   - under #line semantics (every group compiled), every kept line from
 *     a run's first mark (or from the start, before the first change) up
 *     to the next region has its number in the original (CHECK_NUMBERS).
 */
#ifndef KLP_LINESYNC_CHECK_H
#define KLP_LINESYNC_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linesync.h"

struct lines {
	const char **s;
	size_t *n;
	size_t count;
};

static int split(const char *text, size_t len, struct lines *l)
{
	size_t i, start = 0;

	l->count = 0;
	l->s = malloc((len + 1) * sizeof(*l->s));
	l->n = malloc((len + 1) * sizeof(*l->n));
	if (!l->s || !l->n)
		return -1;
	for (i = 0; i <= len; i++) {
		if (i == len ? i > start : text[i] == '\n') {
			l->s[l->count] = text + start;
			l->n[l->count++] = i - start + (i < len);
			start = i + 1;
		}
	}
	return 0;
}

static void lines_free(struct lines *l)
{
	free(l->s);
	free(l->n);
}

/*
 * The number the next line gets after line S (N bytes) that had number CUR:
 * "#line N" and "# N" at the start of a line only (a caller whose texts may
 * hold other spellings passes check_numbers 0).
 */
static unsigned after(const char *s, size_t n, unsigned cur)
{
	if (n > 6 && strncmp(s, "#line ", 6) == 0 && s[6] >= '1' && s[6] <= '9')
		return (unsigned)strtoul(s + 6, NULL, 10);
	if (n > 2 && strncmp(s, "# ", 2) == 0 && s[2] >= '1' && s[2] <= '9')
		return (unsigned)strtoul(s + 2, NULL, 10);
	return cur + 1;
}

/* Why the properties fail for ORIG, PATCHED, S and OUT, or NULL when they hold. */
static const char *linesync_broken(const char *orig, size_t olen, const char *patched, size_t plen,
			  const struct klp_linesync *s, const char *out, size_t outlen,
			  int check_numbers)
{
	static char why[256];
	struct lines o, p, x;
	unsigned *onum = NULL, *eff = NULL, num;
	char *back = NULL;
	size_t i, j, k, r, blen = 0;

	why[0] = '\0';
	if (split(orig, olen, &o) | split(patched, plen, &p) | split(out, outlen, &x)) {
		snprintf(why, sizeof(why), "out of memory");
		goto done;
	}
	back = malloc(outlen + 1);
	onum = malloc((o.count + 1) * sizeof(*onum));
	eff = malloc((p.count + 1) * sizeof(*eff));
	if (!back || !onum || !eff) {
		snprintf(why, sizeof(why), "out of memory");
		goto done;
	}
	/* Inserted lines out, the rest back together; numbers as GCC counts. */
	k = 0;
	num = 1;
	for (i = 0, j = 0; i < x.count; i++) {
		if (k < s->nmarks && i == s->marks[k].new_line - 1 + k) {
			char want[32];

			snprintf(want, sizeof(want), "#line %u", s->marks[k].orig_line);
			if (strncmp(x.s[i], want, strlen(want)) != 0 ||
			    (x.s[i][strlen(want)] != ' ' && x.s[i][strlen(want)] != '\n' &&
			     x.s[i][strlen(want)] != '\r')) {
				snprintf(why, sizeof(why), "output line %zu is not '%s'", i + 1, want);
				goto done;
			}
			num = s->marks[k].orig_line;
			k++;
			continue;
		}
		memcpy(back + blen, x.s[i], x.n[i]);
		blen += x.n[i];
		if (j < p.count)
			eff[j++] = num;
		num = after(x.s[i], x.n[i], num);
	}
	if (k != s->nmarks || blen != plen || memcmp(back, patched, plen) != 0) {
		snprintf(why, sizeof(why), "removing %zu of %zu marks does not give the patched "
			 "text back", k, s->nmarks);
		goto done;
	}
	onum[0] = 1;
	for (i = 0; i < o.count; i++)
		onum[i + 1] = after(o.s[i], o.n[i], onum[i]);
	/* Walk the kept lines: those between regions, pairwise. */
	i = j = 0;
	for (r = 0; r <= s->nregions; r++) {
		size_t oend = r < s->nregions ? s->regions[r].orig_first - 1 : o.count;
		size_t pend = r < s->nregions ? s->regions[r].new_first - 1 : p.count;
		int synced = r == 0;

		if (oend - i != pend - j) {
			snprintf(why, sizeof(why), "region %zu: %zu kept original lines, %zu patched",
				 r, oend - i, pend - j);
			goto done;
		}
		for (; i < oend; i++, j++) {
			for (k = 0; k < s->nmarks; k++)
				synced |= s->marks[k].new_line == j + 1;
			if (o.n[i] != p.n[j] || memcmp(o.s[i], p.s[j], o.n[i]) != 0) {
				snprintf(why, sizeof(why), "kept original line %zu is not patched line "
					 "%zu", i + 1, j + 1);
				goto done;
			}
			if (check_numbers && synced && eff[j] != onum[i]) {
				snprintf(why, sizeof(why), "patched line %zu is numbered %u, its original "
					 "(line %zu) %u", j + 1, eff[j], i + 1, onum[i]);
				goto done;
			}
		}
		if (r < s->nregions) {
			i = s->regions[r].orig_last;
			j = s->regions[r].new_last;
			if (s->regions[r].orig_first > s->regions[r].orig_last + 1 ||
			    s->regions[r].new_first > s->regions[r].new_last + 1 ||
			    (s->regions[r].orig_first > s->regions[r].orig_last &&
			     s->regions[r].new_first > s->regions[r].new_last)) {
				snprintf(why, sizeof(why), "region %zu is malformed", r);
				goto done;
			}
		}
	}
	for (k = 0; k < s->nmarks; k++) {
		if ((k && s->marks[k].new_line <= s->marks[k - 1].new_line) ||
		    s->marks[k].new_line > p.count) {
			snprintf(why, sizeof(why), "mark %zu out of order", k);
			goto done;
		}
		for (r = 0; r < s->nregions; r++)
			if (s->marks[k].new_line >= s->regions[r].new_first &&
			    s->marks[k].new_line <= s->regions[r].new_last) {
				snprintf(why, sizeof(why), "mark %zu is in a changed region", k);
				goto done;
			}
	}
done:
	lines_free(&o);
	lines_free(&p);
	lines_free(&x);
	free(back);
	free(onum);
	free(eff);
	return why[0] ? why : NULL;
}

#endif
