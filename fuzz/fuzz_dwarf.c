// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_dwarf.c - libFuzzer harness for the DWARF compile-unit reader
 * (tools/klp-tag-build/dwarf.h).
 *
 * The first byte picks the mode.  Even: the rest is raw sections (two
 * 2-byte lengths each for .debug_info, .debug_abbrev and .debug_str, the
 * rest .debug_line_str).  Beyond "no crash, no leak":
 *   - the walk ends (an error or the end), each unit after the last, all
 *     inside .debug_info;
 *   - every string returned lies inside one of the sections and ends
 *     there with a NUL;
 *   - a refusal is one sentence naming an offset or .debug_abbrev;
 *   - the walk is the same twice.
 * Odd: the rest drives a writer of well-formed units (DWARF 2 to 5, 32-
 * and 64-bit, other attributes in every skippable form before and after
 * the strings, the strings in place, in .debug_str or .debug_line_str,
 * string offsets through the relocation hook or not); the reader must
 * return exactly the units and strings written.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_dwarf"
#include "fuzz.h"
#include "dwarf.h"

static int inside(const char *s, const unsigned char *sec, size_t size)
{
	const unsigned char *p = (const unsigned char *)s;

	return sec && p >= sec && p < sec + size && memchr(p, '\0', size - (size_t)(p - sec));
}

static void check_string(const struct kd_sections *s, const char *str)
{
	if (!str)
		return;
	CHECK(inside(str, s->info, s->info_size) || inside(str, s->str, s->str_size) ||
	      inside(str, s->line_str, s->line_str_size), "a string outside every section");
}

static size_t walk(const struct kd_sections *s, uint64_t *ends, size_t max, int *status)
{
	char err[KD_ERRLEN];
	struct kd_unit u;
	uint64_t off = 0, last = 0;
	size_t n = 0;
	int r;

	while ((r = kd_next_unit(s, &off, &u, err)) == 1) {
		CHECK(off > last && off <= s->info_size, "unit %zu ends at %llu after %llu", n,
		      (unsigned long long)off, (unsigned long long)last);
		last = off;
		check_string(s, u.name);
		check_string(s, u.producer);
		check_string(s, u.comp_dir);
		if (n < max)
			ends[n] = off;
		n++;
	}
	CHECK(r == 0 || (r == -1 && strlen(err) > 10 &&
			 (strstr(err, "offset 0x") || strstr(err, ".debug_abbrev"))),
	      "refusal %d: %s", r, err);
	*status = r;
	return n;
}

static void raw(const uint8_t *d, size_t n)
{
	struct kd_sections s = { 0 };
	size_t len[3], i, pos = 6;
	const unsigned char **p[3] = { &s.info, &s.abbrev, &s.str };
	size_t *sz[3] = { &s.info_size, &s.abbrev_size, &s.str_size };
	uint64_t e1[64], e2[64];
	int r1, r2;
	size_t n1, n2;

	if (n < 6)
		return;
	for (i = 0; i < 3; i++) {
		len[i] = (size_t)d[2 * i] | (size_t)d[2 * i + 1] << 8;
		if (len[i] > n - pos)
			len[i] = n - pos;
		*p[i] = d + pos;
		*sz[i] = len[i];
		pos += len[i];
	}
	s.line_str = d + pos;
	s.line_str_size = n - pos;
	n1 = walk(&s, e1, 64, &r1);
	n2 = walk(&s, e2, 64, &r2);
	CHECK(n1 == n2 && r1 == r2 && memcmp(e1, e2, (n1 < 64 ? n1 : 64) * sizeof(*e1)) == 0,
	      "two walks differ");
}

/* ---- the writer ------------------------------------------------------------ */

struct out {
	unsigned char *b;
	size_t n, cap;
};

static void put(struct out *o, uint64_t v, unsigned size)
{
	unsigned i;

	if (o->n + size > o->cap) {
		o->cap = (o->n + size) * 2 + 64;
		o->b = realloc(o->b, o->cap);
		CHECK(o->b != NULL, "out of memory");
	}
	for (i = 0; i < size; i++)
		o->b[o->n++] = i < 8 ? (unsigned char)(v >> (8 * i)) : 0;
}

static void uleb(struct out *o, uint64_t v)
{
	do {
		put(o, (v & 0x7f) | (v >> 7 ? 0x80 : 0), 1);
		v >>= 7;
	} while (v);
}

static void bytes(struct out *o, const void *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		put(o, ((const unsigned char *)p)[i], 1);
}

/* Input bytes, as the writer's choices; zeros once they run out. */
struct in {
	const uint8_t *d;
	size_t n, pos;
};

static unsigned take(struct in *in)
{
	return in->pos < in->n ? in->d[in->pos++] : 0;
}

#define DELTA 0x1000
static uint64_t sub_delta(const void *ctx, uint64_t off, uint64_t value)
{
	(void)ctx;
	(void)off;
	return value - DELTA;
}

struct want {
	char s[3][24];		/* name, producer, comp_dir */
	int present[3];
	unsigned version;
};

/* An attribute the reader skips, in form F with its value. */
static void skipped(struct out *ab, struct out *info, struct in *in, unsigned version,
		    unsigned osz)
{
	static const unsigned forms[] = { 0x01, 0x03, 0x04, 0x05, 0x06, 0x07, 0x09, 0x0a, 0x0b,
					  0x0c, 0x0d, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15,
					  0x17, 0x18, 0x19, 0x1a, 0x1e, 0x20, 0x21, 0x25, 0x28 };
	unsigned f = forms[take(in) % (sizeof(forms) / sizeof(forms[0]))], len = take(in) % 5;

	uleb(ab, 0x3a);			/* DW_AT_decl_file: any attribute but the three */
	uleb(ab, f);
	if (f == 0x21)
		uleb(ab, take(in));
	switch (f) {
	case 0x01: put(info, 0, 8); break;
	case 0x03: put(info, len, 2); put(info, 0, len); break;
	case 0x04: put(info, len, 4); put(info, 0, len); break;
	case 0x05: put(info, 0, 2); break;
	case 0x06: case 0x13: put(info, 0, 4); break;
	case 0x07: case 0x14: case 0x20: put(info, 0, 8); break;
	case 0x09: case 0x18: uleb(info, len); put(info, 0, len); break;
	case 0x0a: put(info, len, 1); put(info, 0, len); break;
	case 0x0b: case 0x0c: case 0x11: case 0x25: put(info, 0, 1); break;
	case 0x12: put(info, 0, 2); break;
	case 0x0d: case 0x0f: case 0x15: case 0x1a: uleb(info, take(in) * 1000u); break;
	case 0x10: put(info, 0, version <= 2 ? 8 : osz); break;
	case 0x17: put(info, 0, osz); break;
	case 0x1e: put(info, 0, 16); break;
	case 0x28: put(info, 0, 4); break;
	default: break;
	}
}

static void generated(const uint8_t *d, size_t n)
{
	static const unsigned names[3] = { 0x03, 0x25, 0x1b };
	struct in in = { d, n, 0 };
	struct out info = { 0 }, ab = { 0 }, str = { 0 }, lstr = { 0 };
	struct want want[8];
	unsigned units = 1 + take(&in) % 8, i, j, k, reloc = take(&in) & 1;
	struct kd_sections s = { 0 };
	char err[KD_ERRLEN];
	struct kd_unit u;
	uint64_t off = 0;

	put(&str, 0, 1);
	put(&lstr, 0, 1);
	for (i = 0; i < units; i++) {
		unsigned version = 2 + take(&in) % 4, osz = take(&in) & 1 ? 8 : 4;
		size_t abbrev_off = ab.n, start = info.n, body;
		struct out die = { 0 };

		want[i].version = version;
		uleb(&ab, 1 + i);	/* a code of its own, in a table of its own */
		uleb(&ab, 0x11);
		put(&ab, 1, 1);
		for (j = 0; j < 3; j++) {
			unsigned form = take(&in) % 4, len = take(&in) % 20;

			for (k = take(&in) % 3; k > 0; k--)
				skipped(&ab, &die, &in, version, osz);
			want[i].present[j] = form != 3;
			for (k = 0; k < len; k++)
				want[i].s[j][k] = (char)('a' + take(&in) % 26);
			want[i].s[j][len] = '\0';
			if (form == 3)
				continue;
			uleb(&ab, names[j]);
			if (form == 0) {
				uleb(&ab, 0x08);
				bytes(&die, want[i].s[j], len + 1);
			} else {
				struct out *pool = form == 1 ? &str : &lstr;

				uleb(&ab, form == 1 ? 0x0e : 0x1f);
				put(&die, pool->n + (reloc ? DELTA : 0), osz);
				bytes(pool, want[i].s[j], len + 1);
			}
		}
		uleb(&ab, 0);
		uleb(&ab, 0);
		uleb(&ab, 0);
		body = (version == 5 ? 2 + 2 + osz : 2 + osz + 1) + 1 + die.n;
		if (osz == 8) {
			put(&info, 0xffffffff, 4);
			put(&info, body, 8);
		} else {
			put(&info, body, 4);
		}
		put(&info, version, 2);
		if (version == 5) {
			put(&info, 1, 1);
			put(&info, 8, 1);
			put(&info, abbrev_off + (reloc ? DELTA : 0), osz);
		} else {
			put(&info, abbrev_off + (reloc ? DELTA : 0), osz);
			put(&info, 8, 1);
		}
		uleb(&info, 1 + i);
		bytes(&info, die.b, die.n);
		free(die.b);
		CHECK(info.n - start == body + (osz == 8 ? 12 : 4), "writer: unit length");
	}
	s.info = info.b;
	s.info_size = info.n;
	s.abbrev = ab.b;
	s.abbrev_size = ab.n;
	s.str = str.b;
	s.str_size = str.n;
	s.line_str = lstr.b;
	s.line_str_size = lstr.n;
	if (reloc)
		s.reloc = sub_delta;
	for (i = 0; i < units; i++) {
		const char *got[3];

		CHECK(kd_next_unit(&s, &off, &u, err) == 1, "unit %u of %u: %s", i, units, err);
		got[0] = u.name;
		got[1] = u.producer;
		got[2] = u.comp_dir;
		CHECK(u.version == want[i].version && u.tag == 0x11, "unit %u: version %u tag %u", i,
		      u.version, u.tag);
		for (j = 0; j < 3; j++)
			CHECK(want[i].present[j] ? got[j] && strcmp(got[j], want[i].s[j]) == 0 : !got[j],
			      "unit %u string %u: got %s, wrote %s", i, j, got[j] ? got[j] : "(none)",
			      want[i].present[j] ? want[i].s[j] : "(none)");
	}
	CHECK(kd_next_unit(&s, &off, &u, err) == 0, "a unit more than written");
	free(info.b);
	free(ab.b);
	free(str.b);
	free(lstr.b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	if (data[0] & 1)
		generated(data + 1, size - 1);
	else
		raw(data + 1, size - 1);
	return 0;
}
