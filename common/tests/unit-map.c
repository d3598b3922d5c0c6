// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the .klp_tag.map reader (klp_map.h). */
#include <string.h>

#include "klp_map.h"
#include "unit.h"

/* Lay out a record as the assembler does from klp_map_write_record(). */
static size_t put_record(unsigned char *d, int kind, int b6, int b7, const char *const *s, int n)
{
	size_t len = KLP_MAP_HEADER_SIZE, at;
	int i;

	for (i = 0; i < n; i++)
		len += strlen(s[i]) + 1;
	len = (len + 7) & ~(size_t)7;
	memset(d, 0, len);
	memcpy(d, "KTAG", 4);
	d[4] = KLP_MAP_VERSION;
	d[5] = (unsigned char)kind;
	d[6] = (unsigned char)b6;
	d[7] = (unsigned char)b7;
	d[8] = (unsigned char)len;
	at = KLP_MAP_HEADER_SIZE;
	for (i = 0; i < n; i++) {
		strcpy((char *)d + at, s[i]);
		at += strlen(s[i]) + 1;
	}
	return len;
}

int main(void)
{
	unsigned char sec[512];
	const char *unit[] = { "klp-tag 1.0", "a.c" }, *fn[] = { "ext4", "f", "f.constprop.0" };
	const char *obj[] = { "ext4" }, *why = NULL;
	struct klp_map_record r;
	size_t n = 0, pos = 0;

	n += put_record(sec + n, KLP_MAP_UNIT, KLP_ABI_AUTO, KLP_ABI_KLP_ARCH, unit, 2);
	memset(sec + n, 0, 8);	/* padding a linker put between two inputs */
	n += 8;
	n += put_record(sec + n, KLP_MAP_OBJECT, 0, 0, obj, 1);
	n += put_record(sec + n, KLP_MAP_FUNCTION, KLP_SRC_TABLE, KLP_MAP_F_REWRITTEN, fn, 3);

	UNIT_CHECK("unit record", klp_map_read_record(sec, n, &pos, &r, &why) == 1 &&
				  r.kind == KLP_MAP_UNIT && r.abi_resolved == KLP_ABI_KLP_ARCH);
	UNIT_CHECK_STR("unit source file", r.str[1], "a.c");
	UNIT_CHECK("padding skipped, object record",
		   klp_map_read_record(sec, n, &pos, &r, &why) == 1 && r.kind == KLP_MAP_OBJECT);
	UNIT_CHECK_STR("object name", r.str[0], "ext4");
	UNIT_CHECK("function record", klp_map_read_record(sec, n, &pos, &r, &why) == 1 &&
				      r.source == KLP_SRC_TABLE && r.flags == KLP_MAP_F_REWRITTEN);
	UNIT_CHECK_STR("function symbol", r.str[2], "f.constprop.0");
	UNIT_CHECK("end of section", klp_map_read_record(sec, n, &pos, &r, &why) == 0);

	pos = 0;
	sec[4] = KLP_MAP_VERSION + 1;
	UNIT_CHECK("unknown version stops", klp_map_read_record(sec, n, &pos, &r, &why) == -1 &&
					    strstr(why, "unknown version"));
	sec[4] = KLP_MAP_VERSION;
	sec[8] = 200;
	UNIT_CHECK("length past the end stops", klp_map_read_record(sec, 64, &pos, &r, &why) == -1 &&
						strstr(why, "length"));
	pos = 3;
	sec[3] = 'G';
	UNIT_CHECK("misaligned record stops", klp_map_read_record(sec, n, &pos, &r, &why) == -1 &&
					      strstr(why, "8-byte"));
	{
		const char *alias[] = { "vmlinux", "show.klp.1", "2", "show" };
		const char *short_alias[] = { "vmlinux", "show.klp.1", "2" };

		n = put_record(sec, KLP_MAP_ALIAS, KLP_SRC_EXTRACT, 0, alias, 4);
		pos = 0;
		UNIT_CHECK("alias record", klp_map_read_record(sec, n, &pos, &r, &why) == 1 &&
					   r.kind == KLP_MAP_ALIAS && r.source == KLP_SRC_EXTRACT);
		UNIT_CHECK_STR("alias: object", r.str[0], "vmlinux");
		UNIT_CHECK_STR("alias: referenced symbol", r.str[1], "show.klp.1");
		UNIT_CHECK_STR("alias: position", r.str[2], "2");
		UNIT_CHECK_STR("alias: kernel symbol", r.str[3], "show");
		n = put_record(sec, KLP_MAP_ALIAS, KLP_SRC_EXTRACT, 0, short_alias, 3);
		pos = 0;
		UNIT_CHECK("alias record without its kernel symbol stops",
			   klp_map_read_record(sec, n, &pos, &r, &why) == -1 &&
			   strstr(why, "missing strings"));
		UNIT_CHECK_STR("extract source", klp_map_source_name(KLP_SRC_EXTRACT), "extract");
	}
	UNIT_CHECK_STR("source names", klp_map_source_name(KLP_SRC_PROPAGATED), "propagated");
	UNIT_CHECK_STR("abi names", klp_map_abi_name(KLP_ABI_KLP_ARCH), "klp-arch");
	UNIT_CHECK_STR("unknown source", klp_map_source_name(99), "unknown");
	return unit_failures ? 1 : 0;
}
