// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * symbols.cc - where the symbols a unit references but does not define
 * live: klp_symbol("OBJ") or klp_symbol("OBJ", POS) on the extern
 * declaration of a function or variable (klp_tag.h: __klp_symbol(OBJ) and
 * __klp_symbol(OBJ, POS)), or the tag-file line `symbol NAME OBJ [POS]`.
 * The klp relocation converter turns the module's references to such a
 * symbol into relocations livepatch writes when OBJ is there
 * (docs/kernel-abi.md, section 12).
 *
 * klp_object says which object a definition of the patch belongs to;
 * klp_symbol where a symbol the patch only references is defined.  The two
 * never share a declaration, and a klp_symbol on something the unit
 * defines is an error, so a shared header of __klp_object() declarations
 * can never be read as one of symbols.
 *
 * In:  declarations (the attribute), the tag files' symbol lines
 *      (options.cc), the call graph and variable pool after IPA
 * Out: klp_unit::symbols, each explicit symbol the unit references, for the
 *      map's symbol records (map.cc) and for the asm that references one
 *      (rewrite.cc)
 */
#include "gcc-plugin.h"
#include "tree.h"
#include "cgraph.h"
#include "stringpool.h"
#include "attribs.h"
#include "diagnostic-core.h"

#include "stages.h"

/* GCC gives attribute handlers no user data. */
static klp_unit *symbol_unit;

/* Positions count symbols of one name in one object: a few, never billions. */
#define MAX_POSITION 999999999UL

static bool attribute_position(tree arg, unsigned long *position)
{
	if (!arg) {
		*position = 0;
		return true;
	}
	if (TREE_CODE(arg) != INTEGER_CST || !tree_fits_uhwi_p(arg) ||
	    tree_to_uhwi(arg) > MAX_POSITION)
		return false;
	*position = (unsigned long)tree_to_uhwi(arg);
	return true;
}

static tree handle_klp_symbol_attribute(tree *node, tree, tree args, int, bool *no_add_attrs)
{
	tree decl = *node, objarg = TREE_VALUE(args);
	tree posarg = TREE_CHAIN(args) ? TREE_VALUE(TREE_CHAIN(args)) : NULL_TREE;
	location_t loc = DECL_P(decl) ? DECL_SOURCE_LOCATION(decl) : input_location;
	unsigned long position;
	const char *object;
	symbol_tag *seen;

	*no_add_attrs = true;
	if (TREE_CODE(decl) != FUNCTION_DECL && TREE_CODE(decl) != VAR_DECL) {
		error_at(loc, "%<klp_symbol%> attribute applies to the declaration of a function "
			 "or variable another object defines, not to %s",
			 DECL_P(decl) ? "other declarations" : "types");
		return NULL_TREE;
	}
	if (lookup_attribute("klp_object", DECL_ATTRIBUTES(decl))) {
		error_at(loc, "%qD has both %<klp_object%> (which object a definition of the "
			 "patch belongs to) and %<klp_symbol%> (where a symbol the patch only "
			 "references lives): keep the one that is meant", decl);
		return NULL_TREE;
	}
	if (TREE_CODE(objarg) != STRING_CST || !attribute_position(posarg, &position)) {
		error_at(loc, "%<klp_symbol%> attribute of %qD takes the object name as a string "
			 "and optionally its position among the symbols of that name, a number "
			 "from 0, as in klp_symbol(\"vmlinux\") or klp_symbol(\"vmlinux\", 2)", decl);
		return NULL_TREE;
	}
	object = checked_object_name(TREE_STRING_POINTER(objarg), TREE_STRING_LENGTH(objarg) - 1,
				     loc, "klp_symbol attribute");
	if (!object)
		return NULL_TREE;
	seen = symbol_unit->symbols->get(DECL_NAME(decl));
	if (seen && (strcmp(seen->object, object) != 0 || seen->position != position)) {
		error_at(loc, "%qD is declared to live in object %qs at position %lu here but in "
			 "%qs at position %lu by an earlier declaration", decl, object, position,
			 seen->object, seen->position);
		inform(seen->loc, "earlier declaration with klp_symbol(%qs, %lu)", seen->object,
		       seen->position);
		return NULL_TREE;
	}
	if (!seen)
		symbol_unit->symbols->put(DECL_NAME(decl),
					  symbol_tag{ decl, object, position, loc, KLP_SRC_ATTRIBUTE });
	/* Kept normalised: LTO streams the attribute, not the handler's table. */
	if (strcmp(object, TREE_STRING_POINTER(objarg)) != 0) {
		tree normalised = build_string(TREE_STRING_LENGTH(objarg), object);

		TREE_TYPE(normalised) = TREE_TYPE(objarg);
		TREE_VALUE(args) = normalised;
	}
	*no_add_attrs = false;
	return NULL_TREE;
}

/*
 * The klp_symbol attribute of DECL as the handler kept it, for lto1: the
 * front end (and so the handler) ran in another process, which checked and
 * normalised the arguments.
 */
static bool streamed_symbol_attribute(tree decl, symbol_tag *tag)
{
	tree attr = lookup_attribute("klp_symbol", DECL_ATTRIBUTES(decl)), args, pos;
	unsigned long position;

	if (!attr || !(args = TREE_VALUE(attr)) || TREE_CODE(TREE_VALUE(args)) != STRING_CST)
		return false;
	pos = TREE_CHAIN(args) ? TREE_VALUE(TREE_CHAIN(args)) : NULL_TREE;
	if (!attribute_position(pos, &position))
		return false;
	*tag = symbol_tag{ decl, TREE_STRING_POINTER(TREE_VALUE(args)), position,
			   DECL_SOURCE_LOCATION(decl), KLP_SRC_ATTRIBUTE };
	return true;
}

static struct attribute_spec klp_symbol_attr = {
	"klp_symbol", 1, 2, false, false, false, false,
	handle_klp_symbol_attribute, NULL
};

static void register_symbol_attribute(void *, void *)
{
	register_attribute(&klp_symbol_attr);
}

void register_klp_symbol_attribute(const char *plugin_name, klp_unit *unit)
{
	symbol_unit = unit;
	register_callback(plugin_name, PLUGIN_ATTRIBUTES, register_symbol_attribute, NULL);
}

/* Tag lines that disagreed with the one kept for DECL's name. */
static void report_symbol_line_conflicts(const klp_tags &tags, tree decl, const klp_tag *kept)
{
	unsigned i;
	klp_tag *c;

	FOR_EACH_VEC_ELT(tags.conflicts, i, c)
		if (strcmp(c->function, IDENTIFIER_POINTER(DECL_NAME(decl))) == 0)
			error_at(DECL_SOURCE_LOCATION(decl), "%qD is placed in object %qs at "
				 "position %lu by %s:%u but in %qs at position %lu by %s:%u", decl,
				 kept->object, kept->position, kept->file, kept->line, c->object,
				 c->position, c->file, c->line);
}

/*
 * After IPA: each symbol the unit references that a klp_symbol attribute
 * or a tag-file symbol line places, checked against what the unit defines;
 * the two sources must agree.
 */
void resolve_symbols(klp_unit *unit)
{
	symtab_node *node;

	FOR_EACH_SYMBOL(node) {
		tree decl = node->decl, name = DECL_NAME(decl);
		const symbol_tag *attr = name ? unit->symbols->get(name) : NULL;
		symbol_tag streamed;
		const klp_tag *line = name ? klp_tagset_find(unit->symbol_tags.set,
							     IDENTIFIER_POINTER(name))
					   : NULL;

		if (!attr && name && streamed_symbol_attribute(decl, &streamed))
			attr = &streamed;
		if (!attr && !line)
			continue;
		/* An extern inline body is no definition of the unit (extract mode). */
		if (node->definition && !DECL_EXTERNAL(decl)) {
			if (attr && attr->decl == decl)
				error_at(attr->loc, "%qD is declared with %<klp_symbol%> to live in "
					 "object %qs, but this unit defines it: a symbol of the "
					 "patch itself needs no klp relocation; remove the "
					 "attribute", decl, attr->object);
			else if (!attr)
				warning_at(DECL_SOURCE_LOCATION(decl), 0, "tag file %s:%u places "
					   "%qD in object %qs, but this unit defines it: the line "
					   "has no effect here", line->file, line->line, decl,
					   line->object);
			continue;
		}
		if (line)
			report_symbol_line_conflicts(unit->symbol_tags, decl, line);
		if (attr && line && (strcmp(attr->object, line->object) != 0 ||
				     attr->position != line->position))
			error_at(attr->loc, "%qD is declared to live in object %qs at position %lu "
				 "by its klp_symbol attribute but in %qs at position %lu by tag "
				 "file %s:%u", decl, attr->object, attr->position, line->object,
				 line->position, line->file, line->line);
		if (attr)
			unit->referenced_symbols.safe_push(*attr);
		else
			unit->referenced_symbols.safe_push(
				symbol_tag{ decl, keep_string(line->object), line->position,
					    UNKNOWN_LOCATION, KLP_SRC_TAGFILE });
	}
}
