// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * klp_tag - put the alternative and paravirt entries of livepatch
 * replacement functions where kernels 4.9-5.7 apply them: in the sections
 * `.klp.arch.<object>..altinstructions` / `..parainstructions`, which
 * livepatch applies right after it has written the object's relocations.
 *
 * Each function of the unit gets the livepatched object it belongs to,
 * strongest source first:
 *   - explicit: __attribute__((klp_object("ext4"))) on any declaration,
 *     a tag file line "ext4_foo ext4", or the unit's own klp_object /
 *     klp_func tables (.new_func of a funcs array an object points at);
 *     explicit sources must agree;
 *   - propagated: a static function whose address is not taken and whose
 *     every caller belongs to one object belongs to it too;
 *   - the unit default, -fplugin-arg-klp_tag-object=NAME;
 *   - otherwise none: its entries stay where the module loader applies them.
 * Neither propagation nor the default reaches __init/__exit code.
 *
 * Then, after inlining, every asm statement of a function that belongs to
 * object X has its section directives renamed.  Before, for X = vmlinux:
 *
 *     .pushsection .altinstructions,"a"
 *     .long 661b - .
 *
 * after:
 *
 *     .pushsection .klp.arch.vmlinux..altinstructions,"a"
 *     .long 661b - .
 *
 * Nothing else of the asm changes.  Each object file also gets a
 * `.klp_tag.map` section (format: common/klp_map.h) recording every
 * function's object, for klp-arch-check.
 *
 * Options (-fplugin-arg-klp_tag-KEY[=VALUE]):
 *   object=NAME   the unit default object
 *   tags=FILE     a tag file, one "FUNCTION OBJECT" pair a line (repeatable)
 *   abi=auto|klp-arch|none
 *                 auto (default) renames only when the unit declares
 *                 arch_klp_init_object_loaded(), i.e. the kernel headers are
 *                 of a kernel that applies .klp.arch sections
 *   kernel=klp-arch|none
 *                 with abi=auto, what the kernel tree's <linux/livepatch.h>
 *                 declares, for units that include no livepatch header (the
 *                 kbuild fragment passes it, read once per build)
 *   tables=FILE   what the klp_object tables of the module's other units
 *                 say (repeatable): a function with external linkage that
 *                 one of them names as a .new_func belongs to its object
 *   write-tables=FILE
 *                 write this unit's tables for the other units (scan mode,
 *                 with -fsyntax-only; the kbuild fragment runs it for each
 *                 file of a module made of several)
 *   extract=FILE  compile the unit as a part of a livepatch module: every
 *                 function and variable FILE (common/extract.h, written by
 *                 klp-tag-build) does not keep becomes a reference to the
 *                 running kernel's symbol, as GCC's extern inline, so the
 *                 code kept is a normal compile's; file-scope asm is
 *                 dropped; ref lines name the kernel's symbols, for the
 *                 map's symbol and alias records (extract.cc)
 *   describe      write DUMPBASE.klp-describe (common/describe.h): every
 *                 function's lines, every symbol with its origin, clone
 *                 kind and inlined bodies, every local static with its
 *                 ordinal, for klp-tag-build; it changes nothing in the
 *                 compile and takes no other option (describe.cc)
 *   verbose       print each function's object as a note
 *
 * Build with `make`; use with
 *   gcc -fplugin=plugin/klp_tag.so -fplugin-arg-klp_tag-abi=klp-arch ...
 * or, after `make install`, -fplugin=klp_tag.  The plugin predefines
 * __KLP_TAG__, which kbuild-integration/klp_tag.h tests.
 *
 * The stages, one file each, and the state they share: stages.h.  This file
 * only wires them into GCC.
 */
#include "gcc-plugin.h"
#include "plugin-version.h"
#include "tree.h"
#include "tree-pass.h"
#include "context.h"
#include "diagnostic-core.h"

#include "stages.h"
#include "objname.h"

int plugin_is_GPL_compatible;

static struct plugin_info klp_tag_info = { KLP_TAG_VERSION, klp_tag_help };

const char *keep_string(const char *s)
{
	return xstrdup(s);
}

const char *checked_object_name(const char *name, size_t len, location_t loc,
				const char *source_desc)
{
	char out[KLP_OBJNAME_MAX + 1], why[KLP_OBJNAME_WHY];

	if (klp_objname_normalise(name, len, out, why)) {
		error_at(loc, "%s: object name %<%.*s%> %s", source_desc,
			 (int)(len > 80 ? 80 : len), name, why);
		return NULL;
	}
	return keep_string(out);
}

int plugin_init(struct plugin_name_args *info, struct plugin_gcc_version *version)
{
	const char *const name = info->base_name;
	struct register_pass_info pass;
	klp_unit *unit;

	/* Nothing may touch GCC before this: the plugin may be in the wrong compiler. */
	if (!plugin_default_version_check(version, &gcc_version)) {
		fprintf(stderr, "klp_tag: this plugin was built for GCC %s (%s) and cannot run in "
			"GCC %s (%s); rebuild it with this compiler (make CC=...)\n",
			gcc_version.basever, gcc_version.datestamp, version->basever,
			version->datestamp);
		return 1;
	}

	unit = new klp_unit();
	unit->tags.set = klp_tagset_new();
	unit->foreign_tables.set = klp_tagset_new();
	unit->symbol_tags.set = klp_tagset_new();
	unit->symbols = new hash_map<tree, symbol_tag>;
	unit->attributes = new hash_map<tree, attribute_tag>;
	unit->tables.functions = new hash_map<tree, table_tag>;
	unit->resolution.groups = new hash_map<tree, group *>;
	unit->resolution.abi = KLP_ABI_NONE;
	if (!unit->tags.set || !unit->foreign_tables.set || !unit->symbol_tags.set) {
		error("klp_tag: out of memory");
		return 1;
	}
	init_parsed(&unit->parsed);
	parse_arguments(info, unit);

	register_callback(name, PLUGIN_INFO, NULL, &klp_tag_info);
	if (unit->options.describe) {
		register_describe_mode(name, unit);
		return 0;
	}
	register_klp_object_attribute(name, unit);
	register_klp_symbol_attribute(name, unit);
	/*
	 * Not PLUGIN_START_UNIT: cc1 -E (ccache runs it on every miss, and in
	 * its preprocessor mode always) never starts a unit, and klp_tag.h
	 * would then fail as if the plugin were missing.  The pragma event
	 * comes in every cc1 run, before the first line is read.
	 */
	register_callback(name, PLUGIN_PRAGMAS, define_klp_tag_macro, NULL);
	/* Scan mode: the tables, as parsed, for the module's other units. */
	if (unit->options.write_tables) {
		register_callback(name, PLUGIN_FINISH_DECL, scan_declaration, unit);
		register_callback(name, PLUGIN_FINISH_PARSE_FUNCTION, scan_definition, unit);
		register_callback(name, PLUGIN_FINISH, write_table_file, unit);
	}
	register_callback(name, PLUGIN_FINISH_DECL, watch_declaration, &unit->declared);
	register_callback(name, PLUGIN_FINISH_TYPE, watch_type, &unit->declared);
	register_callback(name, PLUGIN_ALL_IPA_PASSES_START, keep_functions_apart, unit);
	/*
	 * The one place the unit is resolved: once the IPA decisions are made,
	 * before the pass sees the first function.  Under -flto the code is
	 * generated by lto1 in its LTRANS stage, which sends this event too
	 * (after the WPA stage's decisions), so LTO needs no other entry.
	 */
	register_callback(name, PLUGIN_ALL_IPA_PASSES_END, resolve_unit_event, unit);
	register_callback(name, PLUGIN_FINISH_UNIT, emit_map, unit);
	/* GCC runs an event's callbacks last registered first: extract mode's come first. */
	if (unit->options.extract_file)
		register_extract_mode(name, unit);

	pass.pass = make_klp_tag_pass(g, unit);
	pass.reference_pass_name = "optimized";
	pass.ref_pass_instance_number = 1;
	pass.pos_op = PASS_POS_INSERT_AFTER;
	register_callback(name, PLUGIN_PASS_MANAGER_SETUP, NULL, &pass);
	return 0;
}
