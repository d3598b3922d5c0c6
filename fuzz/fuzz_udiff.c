// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_udiff.c - libFuzzer harness for the unified-diff parser
 * (common/udiff.h).
 *
 * The first byte picks the strip level (0-3), the rest is the patch.
 * Beyond "no crash, no leak":
 *   - parsing is deterministic (twice, the same result);
 *   - a refused patch gets "line N: ..." with N inside the patch, and an
 *     empty result;
 *   - in an accepted one every hunk's lines, counted from its "@@" line
 *     (' ', '-', '+', empty lines; '\' lines not), match its counts, and
 *     its changed ranges lie inside it (an empty range just before a line
 *     of it or right after it);
 *   - rewriting every hunk header as "@@ -A,B +C,D @@" (counts spelled
 *     out, section text dropped) parses back to the same result.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_udiff"
#include "fuzz.h"
#include "udiff.h"

/* The result as text, for comparisons. */
static char *render(const struct klp_udiff *d)
{
	char *buf = NULL;
	size_t len = 0, i, k;
	FILE *f = open_memstream(&buf, &len);

	CHECK(f != NULL, "open_memstream");
	for (i = 0; i < d->nfiles; i++) {
		const struct klp_udiff_file *x = &d->files[i];

		fprintf(f, "%d %u <%s> <%s>\n", (int)x->kind, x->patch_line,
			x->old_path ? x->old_path : "-", x->new_path ? x->new_path : "-");
		for (k = 0; k < x->nhunks; k++) {
			const struct klp_udiff_hunk *h = &x->hunks[k];

			fprintf(f, " %u %u,%u %u,%u %u..%u %u..%u\n", h->patch_line, h->old_start,
				h->old_count, h->new_start, h->new_count, h->old_first_changed,
				h->old_last_changed, h->new_first_changed, h->new_last_changed);
		}
	}
	fclose(f);
	return buf;
}

/* Offsets of the starts of the lines of TEXT, from line 1; *N lines. */
static size_t *line_starts(const char *text, size_t len, size_t *n)
{
	size_t *v = malloc((len + 2) * sizeof(*v)), i;

	CHECK(v != NULL, "malloc");
	*n = 0;
	v[0] = 0;
	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			v[++*n] = i + 1;
	if (len && text[len - 1] != '\n')
		v[++*n] = len;
	return v;
}

static void check_range(const char *side, unsigned start, unsigned count, unsigned first,
			unsigned last, unsigned at)
{
	unsigned lo = count ? start : start + 1, hi = count ? start + count - 1 : start;

	CHECK(last + 1 >= first, "hunk at line %u: %s range %u..%u", at, side, first, last);
	if (last >= first)
		CHECK(first >= lo && last <= hi, "hunk at line %u: %s range %u..%u outside %u..%u",
		      at, side, first, last, lo, hi);
	else
		CHECK(first >= lo && first <= hi + 1, "hunk at line %u: empty %s range at %u outside "
		      "%u..%u", at, side, first, lo, hi + 1);
}

/* Count the hunk's lines from its header line, as a reader of the format would. */
static void check_counts(const char *text, const size_t *starts, size_t nlines,
			 const struct klp_udiff_hunk *h)
{
	unsigned old = 0, new = 0;
	size_t l = h->patch_line;	/* the line after the header, 0-based */

	for (; l < nlines && (old < h->old_count || new < h->new_count); l++) {
		const char *s = text + starts[l];
		size_t n = starts[l + 1] - starts[l];
		char c;

		/* The line without its "\n" and a "\r" before it: empty is context. */
		n -= n && s[n - 1] == '\n';
		n -= n && s[n - 1] == '\r';
		c = n ? s[0] : ' ';

		if (c == '\\')
			continue;
		CHECK(c == ' ' || c == '-' || c == '+', "hunk at line %u: line %zu starts with %d",
		      h->patch_line, l + 1, c);
		old += c != '+';
		new += c != '-';
	}
	CHECK(old == h->old_count && new == h->new_count, "hunk at line %u: %u,%u lines for "
	      "counts %u,%u", h->patch_line, old, new, h->old_count, h->new_count);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[KLP_UDIFF_ERRLEN], err2[KLP_UDIFF_ERRLEN];
	struct klp_udiff d, again;
	const char *text = (const char *)data + 1;
	size_t len, nlines, *starts, i, k;
	unsigned strip;
	char *first, *second;

	if (size < 1)
		return 0;
	strip = data[0] & 3;
	len = size - 1;
	starts = line_starts(text, len, &nlines);
	if (klp_udiff_parse(text, len, strip, &d, err)) {
		unsigned long at;
		char *end;

		CHECK(d.nfiles == 0 && d.files == NULL, "refused, yet %zu files", d.nfiles);
		CHECK(strncmp(err, "line ", 5) == 0, "error without a line: %s", err);
		at = strtoul(err + 5, &end, 10);
		CHECK(*end == ':' && at >= 1 && at <= nlines + 1, "error line %lu of %zu: %s", at,
		      nlines, err);
		CHECK(klp_udiff_parse(text, len, strip, &again, err2) == -1 && !strcmp(err, err2),
		      "not deterministic: %s / %s", err, err2);
		free(starts);
		return 0;
	}
	first = render(&d);
	CHECK(klp_udiff_parse(text, len, strip, &again, err2) == 0, "second parse: %s", err2);
	second = render(&again);
	CHECK(!strcmp(first, second), "not deterministic");
	free(second);
	klp_udiff_free(&again);

	for (i = 0; i < d.nfiles; i++) {
		const struct klp_udiff_file *f = &d.files[i];

		CHECK(f->old_path || f->new_path, "file %zu without paths", i);
		CHECK(f->kind != KLP_UDIFF_CREATE || !f->old_path, "created file with an old path");
		CHECK(f->kind != KLP_UDIFF_DELETE || !f->new_path, "deleted file with a new path");
		for (k = 0; k < f->nhunks; k++) {
			const struct klp_udiff_hunk *h = &f->hunks[k];

			CHECK(h->patch_line >= 1 && h->patch_line <= nlines, "hunk line %u",
			      h->patch_line);
			check_counts(text, starts, nlines, h);
			check_range("old", h->old_start, h->old_count, h->old_first_changed,
				    h->old_last_changed, h->patch_line);
			check_range("new", h->new_start, h->new_count, h->new_first_changed,
				    h->new_last_changed, h->patch_line);
		}
	}

	/* The headers spelled out anew parse back the same. */
	{
		char *buf = NULL, *third;
		size_t blen = 0, line = 0, fi = 0, hi = 0;
		FILE *out = open_memstream(&buf, &blen);

		CHECK(out != NULL, "open_memstream");
		for (line = 0; line < nlines; line++) {
			const struct klp_udiff_hunk *h = NULL;

			while (fi < d.nfiles && hi >= d.files[fi].nhunks) {
				fi++;
				hi = 0;
			}
			if (fi < d.nfiles && d.files[fi].hunks[hi].patch_line == line + 1)
				h = &d.files[fi].hunks[hi++];
			if (h)
				fprintf(out, "@@ -%u,%u +%u,%u @@\n", h->old_start, h->old_count,
					h->new_start, h->new_count);
			else
				fwrite(text + starts[line], 1, starts[line + 1] - starts[line], out);
		}
		fclose(out);
		CHECK(klp_udiff_parse(buf, blen, strip, &again, err2) == 0,
		      "rewritten headers refused: %s", err2);
		third = render(&again);
		CHECK(!strcmp(first, third), "rewritten headers parse differently:\n%s---\n%s", first,
		      third);
		free(third);
		free(buf);
		klp_udiff_free(&again);
	}
	free(first);
	free(starts);
	klp_udiff_free(&d);
	return 0;
}
