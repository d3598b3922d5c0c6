// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * rewrite.cc - the pass: in every function that belongs to object X, after
 * inlining, rename the section argument of each .section/.pushsection of
 * its asm that names .altinstructions or .parainstructions to
 * .klp.arch.X..altinstructions / ..parainstructions (asm_rewrite.c does the
 * text), and say what the kernel will do with entries that need a word.
 *
 * In:  klp_resolution (each function's object, the unit's ABI), the
 *      function's GIMPLE
 * Out: the renamed templates; one map record per function with an object
 *      or with entries.
 *
 * Placed after "optimized": after IPA inlining (also at -O0), just before
 * RTL expansion, so asm inlined from any callee is seen where it ends up.
 */
#include "gcc-plugin.h"
#include "tree.h"
#include "tree-pass.h"
#include "context.h"
#include "function.h"
#include "basic-block.h"
#include "gimple.h"
#include "gimple-iterator.h"
#include "diagnostic-core.h"

#include "asm_rewrite.h"
#include "stages.h"

/*
 * A static helper that propagation could not place: say where its entries
 * go, naming the objects of its callers.
 */
static void note_unplaced_helper(const klp_options &options, const group *grp, location_t loc)
{
	unsigned i, n = 0;
	group *caller;
	const char *names[2] = { NULL, NULL };
	const char *fate = grp->object ? "go to the unit default object"
				     : "stay in .altinstructions/.parainstructions, applied when "
				       "this patch module loads";

	FOR_EACH_VEC_ELT(grp->callers, i, caller) {
		bool known;
		const char *o = caller != grp ? caller_object(options, caller, &known) : NULL;

		if (!o || (names[0] && strcmp(names[0], o) == 0) ||
		    (names[1] && strcmp(names[1], o) == 0))
			continue;
		if (n < 2)
			names[n] = o;
		n++;
	}
	if (grp->address_taken)
		inform(loc, "klp_tag: the address of %qD is taken, so its callers are unknown "
		       "and it inherits no object: its entries %s", grp->origin, fate);
	else if (n >= 2)
		inform(loc, "klp_tag: %qD is called from functions of objects %qs and %qs%s, so it "
		       "inherits neither: its entries %s", grp->origin, names[0], names[1],
		       n > 2 ? " and others" : "", fate);
	else
		inform(loc, "klp_tag: %qD is also called from functions that belong to no object, "
		       "so it inherits none: its entries %s", grp->origin, fate);
}

static const char *symbol_name(tree decl)
{
	const char *s = IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME(decl));

	return s[0] == '*' ? s + 1 : s;
}

/* What one function's asm held and what was renamed. */
struct asm_counts {
	unsigned entries;	/* .altinstructions/.parainstructions directives */
	unsigned renamed;
};

/*
 * Rename the entry sections of every asm of FUN to OBJECT's (OBJECT NULL:
 * only count them); warn about static branches in a module object's code.
 */
static asm_counts rewrite_function(function *fun, const char *object, bool warn_jump_table)
{
	asm_counts counts = { 0, 0 };
	basic_block bb;

	FOR_EACH_BB_FN(bb, fun) {
		gimple_stmt_iterator gsi;

		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gasm *stmt = dyn_cast<gasm *>(gsi_stmt(gsi));
			const char *tmpl;
			size_t len, new_len;
			struct klp_asm_summary s;
			unsigned count;
			char *updated;

			if (!stmt)
				continue;
			tmpl = gimple_asm_string(stmt);
			len = strlen(tmpl);
			klp_asm_summarise(tmpl, len, &s);
			counts.entries += s.altinstructions + s.parainstructions;
			if (warn_jump_table && s.jump_table)
				warning_at(gimple_location(stmt), 0,
					   "klp_tag: static branch (%<__jump_table%> entry) in %qD, "
					   "which belongs to module object %qs: these kernels' "
					   "livepatch cannot resolve static keys of a module that "
					   "is not loaded yet: test the key with static_key_enabled() "
					   "instead", fun->decl, object);
			if (!object || !(s.altinstructions + s.parainstructions))
				continue;
			updated = klp_asm_rewrite_sections(tmpl, len, object, &new_len, &count);
			if (!updated) {
				if (new_len == (size_t)-1)
					fatal_error(gimple_location(stmt),
						    "klp_tag: out of memory rewriting an asm");
				continue;
			}
			/* Inlined copies share the template: replace the pointer only. */
			stmt->string = ggc_alloc_string(updated, new_len);
			free(updated);
			counts.renamed += count;
		}
	}
	return counts;
}

static unsigned int execute_klp_tag(klp_unit *unit, function *fun)
{
	const klp_resolution &r = unit->resolution;
	group *grp;
	const char *object;
	bool klp_arch = r.abi == KLP_ABI_KLP_ARCH;
	asm_counts counts;
	location_t loc = DECL_SOURCE_LOCATION(fun->decl);

	grp = find_group(r, fun->decl);
	object = grp ? grp->object : NULL;
	counts = rewrite_function(fun, klp_arch ? object : NULL,
				  klp_arch && object && strcmp(object, "vmlinux") != 0);

	if (grp && klp_arch && counts.entries) {
		/* With a default the note would only restate it. */
		if (grp->unplaced && (!grp->object || unit->options.verbose))
			note_unplaced_helper(unit->options, grp, loc);
		if (object && grp->from_init)
			warning_at(loc, 0,
				   "klp_tag: %qD is called from the module's init function, but its "
				   "entries in .klp.arch.%s are applied only %s; on the init path it "
				   "runs unpatched instructions: call it there only if they are "
				   "correct too", fun->decl, object,
				   strcmp(object, "vmlinux") == 0
					   ? "after klp_enable_patch()"
					   : "when that module object loads");
	}
	/* A function with entries but no object gets a record too ("" object). */
	if (grp && (object || counts.entries)) {
		map_record rec = { keep_string(symbol_name(fun->decl)), c_name(grp->origin),
				   object ? object : "", grp->source,
				   (counts.renamed ? KLP_MAP_F_REWRITTEN : 0u) |
				   (counts.entries ? KLP_MAP_F_HAS_ENTRIES : 0u) };
		unit->map.safe_push(rec);
		if (unit->options.verbose && object)
			inform(loc, "klp_tag: %qs belongs to object %qs (%s)%s", rec.symbol, object,
			       klp_map_source_name(grp->source),
			       counts.renamed ? ", entries renamed" : "");
	}
	return 0;
}

namespace {

const pass_data klp_tag_pass_data = {
	GIMPLE_PASS, "klp_tag", OPTGROUP_NONE, TV_NONE,
	PROP_gimple_any, 0, 0, 0, 0,
};

class klp_tag_pass : public gimple_opt_pass {
public:
	klp_tag_pass(gcc::context *ctxt, klp_unit *u)
		: gimple_opt_pass(klp_tag_pass_data, ctxt), unit(u) {}
	bool gate(function *) final override { return !seen_error(); }
	unsigned int execute(function *fun) final override { return execute_klp_tag(unit, fun); }

private:
	klp_unit *unit;
};

} /* namespace */

opt_pass *make_klp_tag_pass(gcc::context *ctxt, klp_unit *unit)
{
	return new klp_tag_pass(ctxt, unit);
}
