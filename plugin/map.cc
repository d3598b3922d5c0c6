// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * map.cc - the last stage: the unit's .klp_tag.map section (format and
 * writer: common/klp_map.h), so that klp-arch-check can verify the linked
 * .ko without its sources.
 *
 * In:  klp_options, klp_resolution, klp_tables, the pass's map records
 * Out: the section, appended to the unit's assembly: the unit, the objects
 *      its tables name, each table's .new_func (tied by relocation, so the
 *      link can check a function another unit defines), the explicitly
 *      placed symbols it references (for the klp relocation converter;
 *      also the extract file's ref lines, as symbol or alias records),
 *      each function's object.
 */
#include "gcc-plugin.h"
#include "tree.h"
#include "diagnostic-core.h"
#include "output.h"
#include "flags.h"
#include "options.h"

#include "cgraph.h"

#include "stages.h"

static const char *symbol_of(tree decl)
{
	const char *s = IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME(decl));

	return s[0] == '*' ? s + 1 : s;
}

/*
 * A table record only where the table itself is in this object file, and
 * its function too, or undefined here: the relocation must not name a
 * local function that was never emitted.
 */
static bool table_emitted(const table_tag *t)
{
	varpool_node *table = varpool_node::get(t->var);
	cgraph_node *fn = cgraph_node::get(t->decl);

	if (!table || !table->definition || table->in_other_partition)
		return false;
	if (DECL_EXTERNAL(t->decl) || (fn && !fn->definition))
		return TREE_PUBLIC(t->decl);
	return fn && fn->definition && !fn->inlined_to && !fn->in_other_partition;
}

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
	for (const table_tag *t : sorted_tables(unit->tables)) {
		const char *strings[3] = { t->object, c_name(t->decl), symbol_of(t->decl) };

		if (table_emitted(t))
			klp_map_write_record(asm_out_file, KLP_MAP_TABLE, 0, 0, strings[2], strings,
					     3);
	}
	for (const symbol_tag &s : unit->referenced_symbols) {
		char position[24];
		const char *strings[3] = { s.object, symbol_of(s.decl), position };

		snprintf(position, sizeof(position), "%lu", s.position);
		klp_map_write_record(asm_out_file, KLP_MAP_SYMBOL, s.source, 0, NULL, strings, 3);
	}
	/* An extract file's ref lines, as klp-reloc reads klp_symbol declarations. */
	for (const extract_ref &x : unit->refs) {
		char position[24];
		const char *strings[4] = { x.object, x.ref_symbol, position, x.kernel_symbol };
		bool alias = strcmp(x.ref_symbol, x.kernel_symbol) != 0;

		snprintf(position, sizeof(position), "%lu", x.position);
		klp_map_write_record(asm_out_file, alias ? KLP_MAP_ALIAS : KLP_MAP_SYMBOL,
				     KLP_SRC_EXTRACT, 0, NULL, strings, alias ? 4 : 3);
	}
	FOR_EACH_VEC_ELT(unit->map, i, r) {
		const char *strings[3] = { r->object, r->function, r->symbol };

		klp_map_write_record(asm_out_file, KLP_MAP_FUNCTION, r->source, r->flags,
				     r->symbol, strings, 3);
	}
	klp_map_write_end(asm_out_file);
}
