// SPDX-License-Identifier: GPL-2.0-or-later
/* dwarf.c - compile units' names and producers from .debug_info (see dwarf.h). */
#include "dwarf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* DWARF 5, section 7: the constants this reader needs. */
#define DW_AT_name 0x03
#define DW_AT_comp_dir 0x1b
#define DW_AT_producer 0x25

#define DW_UT_compile 0x01
#define DW_UT_type 0x02
#define DW_UT_partial 0x03
#define DW_UT_skeleton 0x04
#define DW_UT_split_compile 0x05
#define DW_UT_split_type 0x06

enum {
	DW_FORM_addr = 0x01, DW_FORM_block2 = 0x03, DW_FORM_block4 = 0x04, DW_FORM_data2 = 0x05,
	DW_FORM_data4 = 0x06, DW_FORM_data8 = 0x07, DW_FORM_string = 0x08, DW_FORM_block = 0x09,
	DW_FORM_block1 = 0x0a, DW_FORM_data1 = 0x0b, DW_FORM_flag = 0x0c, DW_FORM_sdata = 0x0d,
	DW_FORM_strp = 0x0e, DW_FORM_udata = 0x0f, DW_FORM_ref_addr = 0x10, DW_FORM_ref1 = 0x11,
	DW_FORM_ref2 = 0x12, DW_FORM_ref4 = 0x13, DW_FORM_ref8 = 0x14, DW_FORM_ref_udata = 0x15,
	DW_FORM_indirect = 0x16, DW_FORM_sec_offset = 0x17, DW_FORM_exprloc = 0x18,
	DW_FORM_flag_present = 0x19, DW_FORM_strx = 0x1a, DW_FORM_addrx = 0x1b,
	DW_FORM_ref_sup4 = 0x1c, DW_FORM_strp_sup = 0x1d, DW_FORM_data16 = 0x1e,
	DW_FORM_line_strp = 0x1f, DW_FORM_ref_sig8 = 0x20, DW_FORM_implicit_const = 0x21,
	DW_FORM_loclistx = 0x22, DW_FORM_rnglistx = 0x23, DW_FORM_ref_sup8 = 0x24,
	DW_FORM_strx1 = 0x25, DW_FORM_strx2 = 0x26, DW_FORM_strx3 = 0x27, DW_FORM_strx4 = 0x28,
	DW_FORM_addrx1 = 0x29, DW_FORM_addrx2 = 0x2a, DW_FORM_addrx3 = 0x2b, DW_FORM_addrx4 = 0x2c,
	DW_FORM_GNU_addr_index = 0x1f01, DW_FORM_GNU_str_index = 0x1f02,
	DW_FORM_GNU_ref_alt = 0x1f20, DW_FORM_GNU_strp_alt = 0x1f21,
};

/* A cursor over [pos, end) of one section. */
struct cur {
	const unsigned char *p;
	uint64_t pos, end;
	int bad;		/* a read ran past END */
};

static uint64_t fixed(struct cur *c, unsigned n)
{
	uint64_t v = 0;
	unsigned i;

	if (c->bad || c->end - c->pos < n) {
		c->bad = 1;
		return 0;
	}
	for (i = 0; i < n; i++)
		v |= (uint64_t)c->p[c->pos + i] << (8 * i);
	c->pos += n;
	return v;
}

/* LEB128; more than 64 bits of value is an error, not a silent truncation. */
static uint64_t leb(struct cur *c, int is_signed)
{
	uint64_t v = 0;
	unsigned shift = 0;
	unsigned char b;

	do {
		if (c->bad || c->pos >= c->end) {
			c->bad = 1;
			return 0;
		}
		b = c->p[c->pos++];
		if (shift >= 64 || (shift == 63 && (b & 0x7e))) {
			c->bad = 1;
			return 0;
		}
		v |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	if (is_signed && shift < 64 && (b & 0x40))
		v |= ~(uint64_t)0 << shift;
	return v;
}

static void skip(struct cur *c, uint64_t n)
{
	if (c->bad || c->end - c->pos < n)
		c->bad = 1;
	else
		c->pos += n;
}

static int fail(char err[KD_ERRLEN], const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(char err[KD_ERRLEN], const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, KD_ERRLEN, fmt, ap);
	va_end(ap);
	return -1;
}

/* The NUL-terminated string at OFF of a section, or NULL when it runs past the end. */
static const char *string_at(const unsigned char *sec, size_t size, uint64_t off)
{
	if (!sec || off >= size || !memchr(sec + off, '\0', size - off))
		return NULL;
	return (const char *)sec + off;
}

/* One unit's shape, for reading its DIE. */
struct unit {
	unsigned version, offset_size, address_size;
	uint64_t start;
};

/* An offset-sized field of .debug_info, as the link resolves it. */
static uint64_t offset_field(const struct kd_sections *s, struct cur *c, unsigned size)
{
	uint64_t at = c->pos, v = fixed(c, size);

	return s->reloc && !c->bad ? s->reloc(s->ctx, at, v) : v;
}

/*
 * Read or skip one attribute value of FORM at C.  A string form sets *STR
 * (NULL when the string cannot be had); others leave it alone.  Returns 0,
 * or -1 for a form this reader does not know.
 */
static int attribute(const struct kd_sections *s, const struct unit *u, struct cur *c,
		     uint64_t form, const char **str, unsigned depth)
{
	uint64_t n;

	switch (form) {
	case DW_FORM_flag_present:
	case DW_FORM_implicit_const:
		return 0;
	case DW_FORM_data1: case DW_FORM_ref1: case DW_FORM_flag:
	case DW_FORM_strx1: case DW_FORM_addrx1:
		skip(c, 1);
		break;
	case DW_FORM_data2: case DW_FORM_ref2: case DW_FORM_strx2: case DW_FORM_addrx2:
		skip(c, 2);
		break;
	case DW_FORM_strx3: case DW_FORM_addrx3:
		skip(c, 3);
		break;
	case DW_FORM_data4: case DW_FORM_ref4: case DW_FORM_ref_sup4:
	case DW_FORM_strx4: case DW_FORM_addrx4:
		skip(c, 4);
		break;
	case DW_FORM_data8: case DW_FORM_ref8: case DW_FORM_ref_sig8: case DW_FORM_ref_sup8:
		skip(c, 8);
		break;
	case DW_FORM_data16:
		skip(c, 16);
		break;
	case DW_FORM_addr:
		skip(c, u->address_size);
		break;
	case DW_FORM_ref_addr:
		skip(c, u->version <= 2 ? u->address_size : u->offset_size);
		break;
	case DW_FORM_sec_offset: case DW_FORM_strp_sup:
	case DW_FORM_GNU_ref_alt: case DW_FORM_GNU_strp_alt:
		skip(c, u->offset_size);
		break;
	case DW_FORM_sdata:
		leb(c, 1);
		break;
	case DW_FORM_udata: case DW_FORM_ref_udata: case DW_FORM_addrx:
	case DW_FORM_loclistx: case DW_FORM_rnglistx: case DW_FORM_GNU_addr_index:
		leb(c, 0);
		break;
	case DW_FORM_strx: case DW_FORM_GNU_str_index:
		leb(c, 0);
		*str = NULL;
		break;
	case DW_FORM_block1:
		skip(c, fixed(c, 1));
		break;
	case DW_FORM_block2:
		skip(c, fixed(c, 2));
		break;
	case DW_FORM_block4:
		skip(c, fixed(c, 4));
		break;
	case DW_FORM_block: case DW_FORM_exprloc:
		skip(c, leb(c, 0));
		break;
	case DW_FORM_string:
		*str = string_at(c->p, c->end, c->pos);
		if (!*str)
			c->bad = 1;
		else
			c->pos += strlen(*str) + 1;
		break;
	case DW_FORM_strp:
		n = offset_field(s, c, u->offset_size);
		*str = string_at(s->str, s->str_size, n);
		break;
	case DW_FORM_line_strp:
		n = offset_field(s, c, u->offset_size);
		*str = string_at(s->line_str, s->line_str_size, n);
		break;
	case DW_FORM_indirect:
		/* The form is in the data; a chain of them is no real producer's. */
		n = leb(c, 0);
		if (c->bad || depth > 4 || n == DW_FORM_implicit_const)
			return -1;
		return attribute(s, u, c, n, str, depth + 1);
	default:
		return -1;
	}
	return 0;
}

/* The abbreviation CODE of the table at OFF: its tag, and *SPEC at its attribute list. */
static int find_abbrev(const struct kd_sections *s, uint64_t off, uint64_t code, uint64_t *tag,
		       struct cur *spec)
{
	struct cur c = { s->abbrev, off, s->abbrev_size, 0 };

	if (!s->abbrev || off >= s->abbrev_size)
		return -1;
	for (;;) {
		uint64_t this = leb(&c, 0), name, form;

		if (c.bad || this == 0)
			return -1;
		*tag = leb(&c, 0);
		skip(&c, 1);		/* DW_CHILDREN_* */
		if (this == code) {
			*spec = c;
			return c.bad ? -1 : 0;
		}
		do {
			name = leb(&c, 0);
			form = leb(&c, 0);
			if (form == DW_FORM_implicit_const)
				leb(&c, 1);
		} while (!c.bad && (name || form));
		if (c.bad)
			return -1;
	}
}

static int read_die(const struct kd_sections *s, const struct unit *u, uint64_t abbrev_off,
		    struct cur *c, struct kd_unit *out, char err[KD_ERRLEN])
{
	uint64_t code = leb(c, 0), tag, name, form;
	struct cur spec;

	if (c->bad)
		return fail(err, "the compile unit at offset 0x%llx of .debug_info ends before its first DIE",
			    (unsigned long long)u->start);
	if (code == 0)
		return 0;
	if (find_abbrev(s, abbrev_off, code, &tag, &spec))
		return fail(err, "the compile unit at offset 0x%llx of .debug_info uses abbreviation %llu, which its .debug_abbrev table at 0x%llx does not define",
			    (unsigned long long)u->start, (unsigned long long)code,
			    (unsigned long long)abbrev_off);
	out->tag = (unsigned)tag;
	for (;;) {
		const char *str = NULL, *none = "";

		name = leb(&spec, 0);
		form = leb(&spec, 0);
		if (form == DW_FORM_implicit_const)
			leb(&spec, 1);
		if (spec.bad)
			return fail(err, "the .debug_abbrev entry %llu at 0x%llx runs past the end of .debug_abbrev",
				    (unsigned long long)code, (unsigned long long)abbrev_off);
		if (!name && !form)
			return 0;
		str = none;
		if (attribute(s, u, c, form, &str, 0))
			return fail(err, "the first DIE of the compile unit at offset 0x%llx of .debug_info has attribute 0x%llx in form 0x%llx, which DWARF 5 does not define",
				    (unsigned long long)u->start, (unsigned long long)name,
				    (unsigned long long)form);
		if (c->bad)
			return fail(err, "the first DIE of the compile unit at offset 0x%llx of .debug_info runs past the unit's end",
				    (unsigned long long)u->start);
		if (str == none)
			continue;
		if (name == DW_AT_name)
			out->name = str;
		else if (name == DW_AT_producer)
			out->producer = str;
		else if (name == DW_AT_comp_dir)
			out->comp_dir = str;
	}
}

int kd_next_unit(const struct kd_sections *s, uint64_t *offset, struct kd_unit *out,
		 char err[KD_ERRLEN])
{
	struct cur c = { s->info, *offset, s->info_size, 0 };
	struct unit u = { 0, 4, 0, *offset };
	uint64_t length, abbrev_off, type;

	memset(out, 0, sizeof(*out));
	out->offset = *offset;
	if (!s->info || *offset >= s->info_size)
		return 0;
	length = fixed(&c, 4);
	if (length == 0xffffffff) {
		u.offset_size = 8;
		length = fixed(&c, 8);
	} else if (length >= 0xfffffff0) {
		return fail(err, "the compile unit at offset 0x%llx of .debug_info has the reserved length 0x%llx",
			    (unsigned long long)*offset, (unsigned long long)length);
	}
	if (c.bad || length > c.end - c.pos)
		return fail(err, "the compile unit at offset 0x%llx of .debug_info is %llu bytes long, past the end of the section (%zu bytes)",
			    (unsigned long long)*offset, (unsigned long long)length, s->info_size);
	c.end = c.pos + length;
	u.version = (unsigned)fixed(&c, 2);
	if (!c.bad && (u.version < 2 || u.version > 5))
		return fail(err, "the compile unit at offset 0x%llx of .debug_info is of DWARF version %u; versions 2 to 5 are known",
			    (unsigned long long)*offset, u.version);
	type = DW_UT_compile;
	if (u.version == 5) {
		type = fixed(&c, 1);
		u.address_size = (unsigned)fixed(&c, 1);
		abbrev_off = offset_field(s, &c, u.offset_size);
		if (type == DW_UT_skeleton || type == DW_UT_split_compile)
			skip(&c, 8);
		else if (type == DW_UT_type || type == DW_UT_split_type)
			skip(&c, 8 + u.offset_size);
		else if (type != DW_UT_compile && type != DW_UT_partial && !c.bad)
			return fail(err, "the compile unit at offset 0x%llx of .debug_info has the unknown unit type 0x%llx",
				    (unsigned long long)*offset, (unsigned long long)type);
	} else {
		abbrev_off = offset_field(s, &c, u.offset_size);
		u.address_size = (unsigned)fixed(&c, 1);
	}
	if (c.bad)
		return fail(err, "the compile unit at offset 0x%llx of .debug_info is shorter than its header",
			    (unsigned long long)*offset);
	if (u.address_size != 4 && u.address_size != 8)
		return fail(err, "the compile unit at offset 0x%llx of .debug_info has address size %u; 4 and 8 are known",
			    (unsigned long long)*offset, u.address_size);
	out->version = u.version;
	if (read_die(s, &u, abbrev_off, &c, out, err))
		return -1;
	*offset = c.end;
	return 1;
}

/* Is NAME PATH, or does it end with "/PATH"? */
static int names_path(const char *name, const char *path)
{
	size_t n = strlen(name), p = strlen(path);

	if (n == p)
		return strcmp(name, path) == 0;
	return n > p && name[n - p - 1] == '/' && strcmp(name + n - p, path) == 0;
}

int kd_find_unit(const struct kd_sections *s, const char *path, struct kd_unit *u,
		 char err[KD_ERRLEN])
{
	uint64_t off = 0;
	int r;

	while ((r = kd_next_unit(s, &off, u, err)) == 1)
		if (u->name && names_path(u->name, path))
			return 1;
	return r;
}
