// SPDX-License-Identifier: GPL-2.0-or-later
/* klp_map.c - write and read .klp_tag.map records (format: klp_map.h). */
#include "klp_map.h"
#include "util.h"

#include <stdint.h>
#include <string.h>

const char *klp_map_source_name(int source)
{
	switch (source) {
	case KLP_SRC_ATTRIBUTE: return "attribute";
	case KLP_SRC_TAGFILE: return "tagfile";
	case KLP_SRC_TABLE: return "table";
	case KLP_SRC_PROPAGATED: return "propagated";
	case KLP_SRC_DEFAULT: return "default";
	case KLP_SRC_EXTRACT: return "extract";
	case KLP_SRC_NONE: return "none";
	default: return "unknown";
	}
}

const char *klp_map_abi_name(int abi)
{
	switch (abi) {
	case KLP_ABI_AUTO: return "auto";
	case KLP_ABI_KLP_ARCH: return "klp-arch";
	case KLP_ABI_NONE: return "none";
	default: return "unknown";
	}
}

void klp_map_write_begin(FILE *out)
{
	/* Not allocated, and not PROGBITS: modpost warns about unknown PROGBITS. */
	fprintf(out, "\t.pushsection %s,\"\",@0x%08x\n", KLP_MAP_SECTION, KLP_MAP_SECTION_TYPE);
}

void klp_map_write_end(FILE *out)
{
	fputs("\t.popsection\n", out);
}

static void write_string(FILE *out, const char *s)
{
	fputs("\t.string ", out);
	klp_write_quoted(out, s, "\\%03o");
	fputc('\n', out);
}

void klp_map_write_record(FILE *out, enum klp_map_kind kind, unsigned source, unsigned flags,
			  const char *symbol, const char *const *strings, unsigned nstrings)
{
	size_t len = KLP_MAP_HEADER_SIZE;
	unsigned i;

	for (i = 0; i < nstrings; i++)
		len += strlen(strings[i]) + 1;
	len = (len + KLP_MAP_ALIGN - 1) & ~(size_t)(KLP_MAP_ALIGN - 1);
	fprintf(out, "\t.balign %d, 0\n\t.long 0x%08x\n\t.byte %d, %d, %u, %u\n"
		"\t.long %zu, 0\n\t.quad %s\n", KLP_MAP_ALIGN, KLP_MAP_MAGIC, KLP_MAP_VERSION, kind,
		source, flags, len, symbol ? symbol : "0");
	for (i = 0; i < nstrings; i++)
		write_string(out, strings[i]);
	fprintf(out, "\t.balign %d, 0\n", KLP_MAP_ALIGN);
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int klp_map_read_record(const unsigned char *data, size_t size, size_t *pos,
			struct klp_map_record *r, const char **why)
{
	const unsigned char *d;
	size_t at, len, k;

	/* A linker may pad between the input sections it concatenates. */
	while (*pos < size && data[*pos] == 0)
		(*pos)++;
	if (*pos >= size)
		return 0;
	d = data + *pos;
	memset(r, 0, sizeof(*r));
	r->offset = *pos;
	if (*pos % KLP_MAP_ALIGN) {
		*why = "a record does not start on an 8-byte boundary";
		return -1;
	}
	if (size - *pos < KLP_MAP_HEADER_SIZE || le32(d) != KLP_MAP_MAGIC) {
		*why = "bytes that are not a map record";
		return -1;
	}
	if (d[4] != KLP_MAP_VERSION) {
		*why = "a record of an unknown version";
		return -1;
	}
	len = le32(d + 8);
	if (len < KLP_MAP_HEADER_SIZE || len % KLP_MAP_ALIGN || len > size - *pos) {
		*why = "a record whose length is out of range";
		return -1;
	}
	r->length = len;
	r->kind = d[5];
	if (r->kind == KLP_MAP_UNIT) {
		r->abi_requested = d[6];
		r->abi_resolved = d[7];
	} else if (r->kind == KLP_MAP_FUNCTION) {
		r->source = d[6];
		r->flags = d[7];
	} else if (r->kind == KLP_MAP_SYMBOL || r->kind == KLP_MAP_ALIAS) {
		r->source = d[6];
	} else if (r->kind != KLP_MAP_OBJECT && r->kind != KLP_MAP_TABLE) {
		*why = "a record of an unknown kind";
		return -1;
	}
	at = KLP_MAP_HEADER_SIZE;
	for (k = 0; k < 4; k++) {
		const unsigned char *nul = at < len ? memchr(d + at, '\0', len - at) : NULL;

		if (!nul) {
			r->str[k] = "";
			continue;
		}
		r->str[k] = (const char *)d + at;
		at = (size_t)(nul - d) + 1;
	}
	/* An untagged function's record has an empty object name. */
	if ((r->kind == KLP_MAP_OBJECT && !r->str[0][0]) ||
	    ((r->kind == KLP_MAP_FUNCTION || r->kind == KLP_MAP_TABLE) && !r->str[2][0]) ||
	    (r->kind == KLP_MAP_SYMBOL && (!r->str[0][0] || !r->str[1][0] || !r->str[2][0])) ||
	    (r->kind == KLP_MAP_ALIAS && (!r->str[0][0] || !r->str[1][0] || !r->str[2][0] ||
					  !r->str[3][0]))) {
		*why = "a record with missing strings";
		return -1;
	}
	*pos += len;
	return 1;
}
