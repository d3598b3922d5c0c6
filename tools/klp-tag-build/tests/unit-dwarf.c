// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the DWARF compile-unit reader (dwarf.h) on hand-made
 * sections: the forms GCC writes, those it may write before the name, 32-
 * and 64-bit DWARF 4 and 5, and bad input with its exact message.
 */
#include "dwarf.h"
#include "unit.h"

#include <stdint.h>
#include <string.h>

struct buf {
	unsigned char b[1024];
	size_t n;
};

static void put(struct buf *b, uint64_t v, unsigned size)
{
	unsigned i;

	for (i = 0; i < size; i++)
		b->b[b->n++] = (unsigned char)(v >> (8 * i));
}

static void uleb(struct buf *b, uint64_t v)
{
	do {
		unsigned char c = v & 0x7f;

		v >>= 7;
		b->b[b->n++] = c | (v ? 0x80 : 0);
	} while (v);
}

static void str(struct buf *b, const char *s)
{
	memcpy(b->b + b->n, s, strlen(s) + 1);
	b->n += strlen(s) + 1;
}

static struct buf info, abbrev, strs, line_strs;
static struct kd_sections sec;

static void reset(void)
{
	memset(&info, 0, sizeof(info));
	memset(&abbrev, 0, sizeof(abbrev));
	memset(&strs, 0, sizeof(strs));
	memset(&line_strs, 0, sizeof(line_strs));
	str(&strs, "");
	str(&line_strs, "");
}

static void sections(void)
{
	memset(&sec, 0, sizeof(sec));
	sec.info = info.b;
	sec.info_size = info.n;
	sec.abbrev = abbrev.b;
	sec.abbrev_size = abbrev.n;
	sec.str = strs.b;
	sec.str_size = strs.n;
	sec.line_str = line_strs.b;
	sec.line_str_size = line_strs.n;
}

/* A unit of VERSION (OFFSET_SIZE 4 or 8) whose first DIE has BODY (LEN bytes) for abbrev 1. */
static void unit(unsigned version, unsigned offset_size, const unsigned char *body, size_t len)
{
	size_t header = version == 5 ? 2 + 1 + 1 + offset_size : 2 + offset_size + 1;
	uint64_t length = header + 1 + len;

	if (offset_size == 8) {
		put(&info, 0xffffffff, 4);
		put(&info, length, 8);
	} else {
		put(&info, length, 4);
	}
	put(&info, version, 2);
	if (version == 5) {
		put(&info, 1, 1);		/* DW_UT_compile */
		put(&info, 8, 1);
		put(&info, 0, offset_size);
	} else {
		put(&info, 0, offset_size);
		put(&info, 8, 1);
	}
	uleb(&info, 1);
	memcpy(info.b + info.n, body, len);
	info.n += len;
}

/* GCC's unit: producer (strp), a data1, name (line_strp), comp_dir (line_strp). */
static void gcc_like(unsigned version, unsigned offset_size)
{
	struct buf die = { .n = 0 };
	size_t producer = strs.n, name, dir;

	str(&strs, "GNU C11 12.2.0 -mno-sse -O2 -fno-strict-aliasing");
	name = line_strs.n;
	str(&line_strs, "fs/proc/meminfo.c");
	dir = line_strs.n;
	str(&line_strs, "/build");
	/* abbrev 1: compile_unit, children; producer strp, language data1, name line_strp, comp_dir line_strp */
	uleb(&abbrev, 1);
	uleb(&abbrev, 0x11);
	put(&abbrev, 1, 1);
	uleb(&abbrev, 0x25); uleb(&abbrev, 0x0e);
	uleb(&abbrev, 0x13); uleb(&abbrev, 0x0b);
	uleb(&abbrev, 0x03); uleb(&abbrev, 0x1f);
	uleb(&abbrev, 0x1b); uleb(&abbrev, 0x1f);
	uleb(&abbrev, 0); uleb(&abbrev, 0);
	uleb(&abbrev, 0);
	put(&die, producer, offset_size);
	put(&die, 0x1d, 1);
	put(&die, name, offset_size);
	put(&die, dir, offset_size);
	unit(version, offset_size, die.b, die.n);
}

static void reads_gcc(void)
{
	static const unsigned versions[][2] = { { 5, 4 }, { 4, 4 }, { 5, 8 }, { 3, 8 } };
	char err[KD_ERRLEN], name[64];
	struct kd_unit u;
	uint64_t off;
	size_t i;

	for (i = 0; i < 4; i++) {
		reset();
		gcc_like(versions[i][0], versions[i][1]);
		sections();
		off = 0;
		snprintf(name, sizeof(name), "dwarf: v%u, %u-byte offsets: one unit", versions[i][0],
			 versions[i][1]);
		UNIT_CHECK(name, kd_next_unit(&sec, &off, &u, err) == 1 && off == info.n &&
			   u.version == versions[i][0] && u.tag == 0x11);
		snprintf(name, sizeof(name), "dwarf: v%u, %u-byte offsets: strings", versions[i][0],
			 versions[i][1]);
		UNIT_CHECK(name, u.name && strcmp(u.name, "fs/proc/meminfo.c") == 0 && u.comp_dir &&
			   strcmp(u.comp_dir, "/build") == 0 && u.producer &&
			   strcmp(u.producer, "GNU C11 12.2.0 -mno-sse -O2 -fno-strict-aliasing") == 0);
		UNIT_CHECK("dwarf: then the end", kd_next_unit(&sec, &off, &u, err) == 0);
	}
}

/* Every other form before the name, which must still be found. */
static void skips_forms(void)
{
	struct buf die = { .n = 0 };
	char err[KD_ERRLEN];
	struct kd_unit u;
	uint64_t off = 0;

	reset();
	uleb(&abbrev, 7);		/* another abbrev first */
	uleb(&abbrev, 0x2e);
	put(&abbrev, 0, 1);
	uleb(&abbrev, 0x03); uleb(&abbrev, 0x08);
	uleb(&abbrev, 0); uleb(&abbrev, 0);
	uleb(&abbrev, 1);
	uleb(&abbrev, 0x11);
	put(&abbrev, 1, 1);
	uleb(&abbrev, 0x10); uleb(&abbrev, 0x21); uleb(&abbrev, 0x7f);	/* implicit_const -1 */
	uleb(&abbrev, 0x11); uleb(&abbrev, 0x01);	/* addr */
	uleb(&abbrev, 0x12); uleb(&abbrev, 0x0d);	/* sdata */
	uleb(&abbrev, 0x13); uleb(&abbrev, 0x18);	/* exprloc */
	uleb(&abbrev, 0x14); uleb(&abbrev, 0x0a);	/* block1 */
	uleb(&abbrev, 0x15); uleb(&abbrev, 0x19);	/* flag_present */
	uleb(&abbrev, 0x16); uleb(&abbrev, 0x1e);	/* data16 */
	uleb(&abbrev, 0x17); uleb(&abbrev, 0x25);	/* strx1 */
	uleb(&abbrev, 0x18); uleb(&abbrev, 0x16);	/* indirect */
	uleb(&abbrev, 0x25); uleb(&abbrev, 0x1a);	/* producer as strx: absent */
	uleb(&abbrev, 0x03); uleb(&abbrev, 0x08);	/* name in place */
	uleb(&abbrev, 0); uleb(&abbrev, 0);
	uleb(&abbrev, 0);
	put(&die, 0x1122334455667788ull, 8);
	uleb(&die, 300);
	uleb(&die, 2); put(&die, 0x9c9c, 2);
	put(&die, 3, 1); put(&die, 0, 3);
	put(&die, 0, 8); put(&die, 0, 8);
	put(&die, 5, 1);
	uleb(&die, 0x0b); put(&die, 9, 1);		/* indirect data1 */
	uleb(&die, 3);
	str(&die, "/abs/kernel/fork.c");
	unit(5, 4, die.b, die.n);
	sections();
	UNIT_CHECK("dwarf: every form skipped", kd_next_unit(&sec, &off, &u, err) == 1 &&
		   u.name && strcmp(u.name, "/abs/kernel/fork.c") == 0 && !u.producer);
	UNIT_CHECK("dwarf: a unit found by its path", kd_find_unit(&sec, "kernel/fork.c", &u, err) == 1);
	UNIT_CHECK("dwarf: not by a part of a name", kd_find_unit(&sec, "l/fork.c", &u, err) == 0);
}

static const char *error_of(void)
{
	static char err[KD_ERRLEN];
	struct kd_unit u;
	uint64_t off = 0;
	int r;

	sections();
	err[0] = '\0';
	while ((r = kd_next_unit(&sec, &off, &u, err)) == 1)
		;
	return r < 0 ? err : "(no error)";
}

static void bad_input(void)
{
	unsigned char die[8] = { 0 };

	reset();
	gcc_like(5, 4);
	info.n -= 3;
	info.b[0] -= 3;
	UNIT_CHECK_STR("dwarf: a unit cut short", error_of(),
		       "the first DIE of the compile unit at offset 0x0 of .debug_info runs past the unit's end");
	reset();
	put(&info, 0x100, 4);
	put(&info, 5, 2);
	UNIT_CHECK_STR("dwarf: longer than the section", error_of(),
		       "the compile unit at offset 0x0 of .debug_info is 256 bytes long, past the end of the section (6 bytes)");
	reset();
	put(&info, 0xfffffff5, 4);
	UNIT_CHECK_STR("dwarf: reserved length", error_of(),
		       "the compile unit at offset 0x0 of .debug_info has the reserved length 0xfffffff5");
	reset();
	unit(7, 4, die, 1);
	UNIT_CHECK_STR("dwarf: version 7", error_of(),
		       "the compile unit at offset 0x0 of .debug_info is of DWARF version 7; versions 2 to 5 are known");
	reset();
	uleb(&abbrev, 2); uleb(&abbrev, 0x11); put(&abbrev, 0, 1); uleb(&abbrev, 0); uleb(&abbrev, 0);
	uleb(&abbrev, 0);
	unit(4, 4, die, 1);
	UNIT_CHECK_STR("dwarf: undefined abbreviation", error_of(),
		       "the compile unit at offset 0x0 of .debug_info uses abbreviation 1, which its .debug_abbrev table at 0x0 does not define");
	reset();
	uleb(&abbrev, 1); uleb(&abbrev, 0x11); put(&abbrev, 0, 1);
	uleb(&abbrev, 0x03); uleb(&abbrev, 0x77); uleb(&abbrev, 0); uleb(&abbrev, 0); uleb(&abbrev, 0);
	unit(4, 4, die, 2);
	UNIT_CHECK_STR("dwarf: unknown form", error_of(),
		       "the first DIE of the compile unit at offset 0x0 of .debug_info has attribute 0x3 in form 0x77, which DWARF 5 does not define");
	reset();
	uleb(&abbrev, 1); uleb(&abbrev, 0x11); put(&abbrev, 0, 1); uleb(&abbrev, 0x03);
	unit(4, 4, die, 2);
	UNIT_CHECK_STR("dwarf: abbreviation cut short", error_of(),
		       "the .debug_abbrev entry 1 at 0x0 runs past the end of .debug_abbrev");
	reset();
	gcc_like(5, 4);
	info.b[14] = 1;			/* the producer's strp (0x100), past .debug_str */
	sections();
	{
		struct kd_unit u;
		uint64_t off = 0;
		char err[KD_ERRLEN];

		UNIT_CHECK("dwarf: a string offset past .debug_str is an absent string",
			   kd_next_unit(&sec, &off, &u, err) == 1 && !u.producer && u.name);
	}
	reset();
	unit(5, 4, die, 0);
	info.b[6] = 9;			/* unit type */
	UNIT_CHECK_STR("dwarf: unknown unit type", error_of(),
		       "the compile unit at offset 0x0 of .debug_info has the unknown unit type 0x9");
	reset();
	put(&info, 3, 4);
	put(&info, 4, 2);
	put(&info, 0, 1);
	UNIT_CHECK_STR("dwarf: header cut short", error_of(),
		       "the compile unit at offset 0x0 of .debug_info is shorter than its header");
}

int main(void)
{
	reads_gcc();
	skips_forms();
	bad_input();
	return unit_failures != 0;
}
