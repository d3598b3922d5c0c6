// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * map.cc - the last stage: the unit's .klp_tag.map section (format and
 * writer: common/klp_map.h), so that klp-arch-check can verify the linked
 * .ko without its sources.
 *
 * In:  klp_options, klp_resolution, klp_tables, the pass's map records
 * Out: the section, appended to the unit's assembly
 */
#include "gcc-plugin.h"
#include "tree.h"
#include "diagnostic-core.h"
#include "output.h"
#include "flags.h"
#include "options.h"

#include "stages.h"

void emit_map(void *, void *data)
{
	klp_unit *unit = (klp_unit *)data;
	const char *unit_strings[2] = { "klp-tag " KLP_TAG_VERSION,
					main_input_filename ? main_input_filename : "" };
	unsigned i;
	map_record *r;
	const char *o;

	/* Slim LTO objects hold no code, so no entries to map. */
	if (seen_error() || !asm_out_file || (flag_generate_lto && !flag_fat_lto_objects))
		return;
	klp_map_write_begin(asm_out_file);
	klp_map_write_record(asm_out_file, KLP_MAP_UNIT, unit->options.abi_requested,
			     unit->resolution.abi, NULL, unit_strings, 2);
	FOR_EACH_VEC_ELT(unit->tables.objects, i, o)
		klp_map_write_record(asm_out_file, KLP_MAP_OBJECT, 0, 0, NULL, &o, 1);
	FOR_EACH_VEC_ELT(unit->map, i, r) {
		const char *strings[3] = { r->object, r->function, r->symbol };

		klp_map_write_record(asm_out_file, KLP_MAP_FUNCTION, r->source, r->flags,
				     r->symbol, strings, 3);
	}
	klp_map_write_end(asm_out_file);
}
