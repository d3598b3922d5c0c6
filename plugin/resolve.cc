// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * resolve.cc - which object each function of the unit belongs to, strongest
 * source first:
 *   1. explicit: the klp_object attribute, tag files, the unit's klp_object
 *      tables; where several speak of one function they must agree;
 *   2. propagated: a static function whose address is not taken and whose
 *      every caller belongs to one object belongs to it too (transitively);
 *   3. the unit default, object=;
 *   4. otherwise none: its entries stay where the module loader applies them.
 * IPA clones and split parts share their origin's object, and neither
 * propagation nor the default reaches __init/__exit code.
 *
 * In:  klp_options, klp_tags, the attributes, klp_tables, the call graph
 *      after inlining decisions
 * Out: klp_resolution: a group per function with its object and source, and
 *      the unit's ABI (resolve_abi).
 */
#include "gcc-plugin.h"
#include "tree.h"
#include "cgraph.h"
#include "stringpool.h"
#include "attribs.h"
#include "diagnostic-core.h"
#include "hash-set.h"

#include "asm_rewrite.h"
#include "stages.h"

/*
 * IPA clones and split parts point at their origin through
 * DECL_ABSTRACT_ORIGIN once materialized; before that, only their node's
 * clone_of says where they come from.
 */
tree origin_of(tree decl)
{
	while (DECL_ABSTRACT_ORIGIN(decl) && DECL_ABSTRACT_ORIGIN(decl) != decl &&
	       TREE_CODE(DECL_ABSTRACT_ORIGIN(decl)) == FUNCTION_DECL)
		decl = DECL_ABSTRACT_ORIGIN(decl);
	return decl;
}

tree origin_of_node(cgraph_node *node)
{
	while (node->clone_of)
		node = node->clone_of;
	return origin_of(node->decl);
}

const char *c_name(tree decl)
{
	return DECL_NAME(decl) ? IDENTIFIER_POINTER(DECL_NAME(decl)) : "<anonymous>";
}

static bool is_init_or_exit(tree decl)
{
	const char *sec = DECL_SECTION_NAME(decl);

	return sec && (strncmp(sec, ".init.text", 10) == 0 || strncmp(sec, ".exit.text", 10) == 0);
}

/*
 * The group of DECL, keyed by its origin's C identifier (unique among a C
 * unit's functions): a clone may be all that is left of its origin once IPA
 * is done, so the group must outlive the origin's decl and node.  NULL for
 * a function with no name.
 */
static group *group_of(klp_resolution *r, tree decl)
{
	tree origin = origin_of(decl);
	bool existed;
	group **slot;

	if (!DECL_NAME(origin))
		return NULL;
	slot = &r->groups->get_or_insert(DECL_NAME(origin), &existed);
	if (!existed) {
		*slot = XCNEW(group);
		(*slot)->origin = origin;
		(*slot)->init_exit = is_init_or_exit(origin);
		(*slot)->eligible = !(*slot)->init_exit;
	}
	if (TREE_PUBLIC(origin))
		(*slot)->eligible = false;
	return *slot;
}

group *find_group(const klp_resolution &r, tree decl)
{
	tree name = DECL_NAME(origin_of(decl));
	group **grp = name ? r.groups->get(name) : NULL;

	return grp ? *grp : NULL;
}

/* A klp_object table naming a function as its .new_func. */
struct table_source {
	const char *object;
	char where[300];	/* "" for this unit's own table, " (FILE:LINE)" for another unit's */
};

/*
 * The table that names DECL's origin, this unit's or (for a function with
 * external linkage) one of the module's other units' (tables=).  When both
 * name it and disagree, an error names both.
 */
static bool table_of(const klp_unit *unit, tree decl, table_source *out)
{
	const table_tag *own = DECL_NAME(decl) ? unit->tables.functions->get(DECL_NAME(decl))
					       : NULL;
	const klp_tag *other = TREE_PUBLIC(decl) && DECL_NAME(decl)
				       ? klp_tagset_find(unit->foreign_tables.set, c_name(decl))
				       : NULL;

	if (own && other && strcmp(own->object, other->object) != 0) {
		error_at(DECL_SOURCE_LOCATION(decl),
			 "%qD is the %<.new_func%> of klp_object tables for two objects: %qs and "
			 "%qs (%s:%u): a replacement belongs to one object, so give each table its "
			 "own function", decl, own->object, other->object, other->file, other->line);
		inform(DECL_SOURCE_LOCATION(own->var), "table naming %qs", own->object);
	}
	out->where[0] = '\0';
	if (own) {
		out->object = own->object;
	} else if (other) {
		out->object = other->object;
		snprintf(out->where, sizeof(out->where), " (%s:%u)", other->file, other->line);
	}
	return own || other;
}

/* Does any function of the unit have an object before propagation? */
static bool unit_has_tags(klp_unit *unit)
{
	cgraph_node *node;

	if (unit->options.default_object)
		return true;
	FOR_EACH_FUNCTION(node) {
		tree decl = node->decl;

		if (!node->definition || !DECL_NAME(decl))
			continue;
		table_source table;

		if (attribute_object(decl) || klp_tagset_find(unit->tags.set, c_name(decl)) ||
		    table_of(unit, origin_of(decl), &table))
			return true;
	}
	return false;
}

/* The object DECL has before IPA: explicit sources, else the default. */
static const char *object_before_ipa(klp_unit *unit, tree decl)
{
	const char *attr = attribute_object(decl);
	const klp_tag *tag = DECL_NAME(decl) ? klp_tagset_find(unit->tags.set, c_name(decl))
					     : NULL;
	table_source table;

	if (attr)
		return attr;
	if (tag)
		return tag->object;
	if (table_of(unit, decl, &table))
		return table.object;
	return TREE_PUBLIC(decl) ? unit->options.default_object : NULL;
}

static void add_attribute(tree decl, const char *name, tree args)
{
	if (!lookup_attribute(name, DECL_ATTRIBUTES(decl)))
		DECL_ATTRIBUTES(decl) = tree_cons(get_identifier(name), args, DECL_ATTRIBUTES(decl));
}

/*
 * Before IPA: identical code folding merges functions with identical
 * bodies into one, and one body holds its entries in one object's section
 * only.  ICF never folds functions whose DECL_ATTRIBUTES differ (ipa-icf.cc
 * compares them), so each function whose object is known now (explicit
 * sources, the default) carries an attribute naming it, one no source code
 * can spell: functions of one object still fold, as without the plugin,
 * while functions of two objects, or a tagged and an untagged one, never
 * do.  A static function without an explicit object may still get one by
 * propagation, after IPA: it is not folded at all (no_icf).  Where every
 * function ends in the default object whatever happens, nothing is marked
 * and the unit folds exactly as without the plugin.  The marks do not
 * depend on the ABI, so the abi=none reference build folds alike.
 */
void keep_functions_apart(void *, void *data)
{
	klp_unit *unit = (klp_unit *)data;
	const char *const default_object = unit->options.default_object;
	auto_vec<tree> known, open;
	auto_vec<const char *> objects;
	bool one_object = default_object != NULL;
	cgraph_node *node;
	unsigned i;
	tree decl;

	read_klp_tables(&unit->tables);
	if (!unit_has_tags(unit))
		return;
	FOR_EACH_FUNCTION(node) {
		const char *o;

		decl = node->decl;
		if (!node->definition || node->alias || is_init_or_exit(decl))
			continue;
		o = object_before_ipa(unit, decl);
		if (o) {
			known.safe_push(decl);
			objects.safe_push(o);
			one_object &= strcmp(o, default_object ? default_object : "") == 0;
		} else if (!TREE_PUBLIC(decl)) {
			open.safe_push(decl);
		}
	}
	if (one_object)
		return;
	FOR_EACH_VEC_ELT(known, i, decl)
		add_attribute(decl, "klp_tag object",
			      tree_cons(NULL_TREE, get_identifier(objects[i]), NULL_TREE));
	FOR_EACH_VEC_ELT(open, i, decl)
		add_attribute(decl, "no_icf", NULL_TREE);
}

/* Each tag line that disagreed with the one tagset kept for FUNCTION. */
static void report_tagfile_conflicts(const klp_tags &tags, tree decl, const klp_tag *tag)
{
	unsigned i;
	klp_tag *c;

	FOR_EACH_VEC_ELT(tags.conflicts, i, c)
		if (strcmp(c->function, c_name(decl)) == 0)
			error_at(DECL_SOURCE_LOCATION(decl), "%qD is tagged for object %qs by %s:%u "
				 "but for object %qs by %s:%u: keep one of the two lines", decl, tag->object, tag->file,
				 tag->line, c->object, c->file, c->line);
}

/* Two other units' tables that disagree about FUNCTION (tables=). */
static void report_table_conflicts(const klp_tags &tables, tree decl)
{
	const klp_tag *kept = klp_tagset_find(tables.set, c_name(decl));
	unsigned i;
	klp_tag *c;

	FOR_EACH_VEC_ELT(tables.conflicts, i, c)
		if (kept && strcmp(c->function, c_name(decl)) == 0)
			error_at(DECL_SOURCE_LOCATION(decl), "%qD is the %<.new_func%> of klp_object "
				 "tables for two objects: %qs (%s:%u) and %qs (%s:%u): a replacement "
				 "belongs to one object, so give each table its own function", decl,
				 kept->object, kept->file, kept->line, c->object, c->file, c->line);
}

/* The explicit object of G, checking that its explicit sources agree. */
static void resolve_explicit(klp_unit *unit, group *grp)
{
	tree decl = grp->origin;
	location_t loc = DECL_SOURCE_LOCATION(decl);
	const char *attr = attribute_object(decl);
	const struct klp_tag *tag = DECL_NAME(decl) ? klp_tagset_find(unit->tags.set, c_name(decl))
						    : NULL;
	table_source ts;
	const table_source *table = table_of(unit, decl, &ts) ? &ts : NULL;

	if (tag)
		report_tagfile_conflicts(unit->tags, decl, tag);
	if (TREE_PUBLIC(decl) && DECL_NAME(decl))
		report_table_conflicts(unit->foreign_tables, decl);
	if (attr && tag && strcmp(attr, tag->object) != 0)
		error_at(loc, "%qD is tagged for object %qs by its klp_object attribute but for "
			 "object %qs by tag file %s:%u: keep one of the two", decl, attr, tag->object,
			 tag->file, tag->line);
	if (attr && table && strcmp(attr, table->object) != 0)
		error_at(loc, "%qD is tagged for object %qs by its klp_object attribute but is "
			 "the %<.new_func%> of the klp_object table for %qs%s: the table decides, so "
			 "drop the attribute or make it agree", decl, attr,
			 table->object, table->where);
	if (tag && table && strcmp(tag->object, table->object) != 0)
		error_at(loc, "%qD is tagged for object %qs by tag file %s:%u but is the "
			 "%<.new_func%> of the klp_object table for %qs%s: the table decides, so drop "
			 "the tag line or make it agree", decl, tag->object,
			 tag->file, tag->line, table->object, table->where);

	if (attr) {
		grp->object = keep_string(attr);
		grp->source = KLP_SRC_ATTRIBUTE;
	} else if (tag) {
		grp->object = keep_string(tag->object);
		grp->source = KLP_SRC_TAGFILE;
	} else if (table) {
		grp->object = keep_string(table->object);
		grp->source = KLP_SRC_TABLE;
	}
	if (!grp->object)
		return;
	grp->eligible = false;
	if (grp->init_exit) {
		error_at(loc, "%qD is tagged for object %qs but is %s code (section %qs): "
			 "its entries would be applied when the object loads, after that "
			 "code is freed; remove the tag", decl, grp->object,
			 strncmp(DECL_SECTION_NAME(decl), ".init", 5) == 0 ? "__init" : "__exit",
			 DECL_SECTION_NAME(decl));
		grp->object = NULL;
		grp->source = KLP_SRC_NONE;
	}
}

/*
 * What __init/__exit callers pass on: a helper only they call is part of
 * that code, so it takes neither an object nor the default.
 */
static const char init_exit_code[] = "(__init/__exit code)";

const char *caller_object(const klp_options &options, const group *grp, bool *known)
{
	*known = true;
	if (grp->init_exit)
		return init_exit_code;
	if (grp->object)
		return grp->object;
	if (grp->eligible && grp->state == P_TOP) {
		*known = false;
		return NULL;
	}
	return grp->eligible && grp->state == P_VALUE ? grp->value : options.default_object;
}

static bool same_object(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/*
 * Propagate objects to eligible static functions from their callers, to a
 * fixed point, with a worklist: a function is looked at again only when one
 * of its callers changed.  Values only move TOP -> object -> CONFLICT, so
 * each function changes at most twice and the work stays linear in the
 * call edges for real code (a chain defined deepest-first included).
 */
static void propagate(const klp_options &options, auto_vec<group *> &all)
{
	auto_vec<group *> work;
	hash_set<group *> queued;
	unsigned i;
	group *grp;

	FOR_EACH_VEC_ELT(all, i, grp)
		if (grp->eligible) {
			work.safe_push(grp);
			queued.add(grp);
		}
	while (!work.is_empty()) {
		const char *meet = NULL;
		bool any = false, conflict = false;
		enum propagation_state before;
		group *caller, *callee;
		unsigned j;

		grp = work.pop();
		queued.remove(grp);
		if (grp->state == P_CONFLICT)
			continue;
		FOR_EACH_VEC_ELT(grp->callers, j, caller) {
			bool known;
			const char *o;

			if (caller == grp)
				continue;
			o = caller_object(options, caller, &known);
			if (!known)
				continue;
			if (!o || (any && !same_object(o, meet)))
				conflict = true;
			meet = o;
			any = true;
		}
		before = grp->state;
		if (conflict || (any && grp->state == P_VALUE && !same_object(grp->value, meet))) {
			grp->state = P_CONFLICT;
		} else if (any && grp->state == P_TOP) {
			grp->state = P_VALUE;
			grp->value = meet;
		}
		if (grp->state == before)
			continue;
		FOR_EACH_VEC_ELT(grp->callees, j, callee)
			if (callee->eligible && !queued.add(callee))
				work.safe_push(callee);
	}
}

/* Propagation's result, else the default, for G with no explicit object. */
static void resolve_implicit(const klp_options &options, group *grp)
{
	if (grp->object || grp->init_exit)
		return;
	if (grp->eligible && grp->state == P_VALUE && grp->value == init_exit_code)
		return;
	if (grp->eligible && grp->state == P_VALUE && grp->value) {
		grp->object = grp->value;
		grp->source = KLP_SRC_PROPAGATED;
		return;
	}
	grp->unplaced = !TREE_PUBLIC(grp->origin) &&
		      (grp->address_taken || (grp->eligible && grp->state == P_CONFLICT));
	if (options.default_object) {
		grp->object = options.default_object;
		grp->source = KLP_SRC_DEFAULT;
	}
}

static void mark_reachable_from_init(const klp_resolution &r)
{
	symtab_node *snode;
	auto_vec<group *> work;

	FOR_EACH_SYMBOL(snode) {
		cgraph_node *target;
		group *grp;

		if (!snode->alias || !name_is(DECL_NAME(snode->decl), "init_module"))
			continue;
		target = dyn_cast<cgraph_node *>(snode->ultimate_alias_target());
		if (target && (grp = find_group(r, origin_of_node(target))))
			work.safe_push(grp);
	}
	while (!work.is_empty()) {
		group *grp = work.pop(), *callee;
		unsigned i;

		if (grp->from_init)
			continue;
		grp->from_init = true;
		FOR_EACH_VEC_ELT(grp->callees, i, callee)
			work.safe_push(callee);
	}
}

/* The groups and their call edges, from the call graph after inlining decisions. */
static void build_call_graph(klp_unit *unit, auto_vec<group *> &all)
{
	klp_resolution *r = &unit->resolution;
	cgraph_node *node;

	/* An extern inline body (extract mode makes every function the module
	 * does not keep one) is never emitted: it calls nothing. */
	FOR_EACH_FUNCTION(node)
		if (!node->alias && !node->thunk && node->definition && !DECL_EXTERNAL(node->decl)) {
			group *grp = group_of(r, origin_of_node(node));

			if (grp)
				grp->defined = true;
		}
	/* A table's function defined elsewhere still has its sources checked. */
	for (const table_tag *t : sorted_tables(unit->tables))
		group_of(r, t->decl);
	for (hash_map<tree, group *>::iterator it = r->groups->begin(); it != r->groups->end(); ++it)
		all.safe_push((*it).second);
	/* Real calls only: an inlined call is part of its caller's body. */
	FOR_EACH_FUNCTION(node) {
		cgraph_edge *e;
		group *caller;

		if (node->alias || node->thunk || !node->definition ||
		    DECL_EXTERNAL((node->inlined_to ? node->inlined_to : node)->decl))
			continue;
		caller = find_group(*r, origin_of_node(node->inlined_to ? node->inlined_to : node));
		if (!caller)
			continue;
		for (e = node->callees; e; e = e->next_callee) {
			group *cg;

			if (!e->inline_failed)
				continue;
			cg = find_group(*r, origin_of_node(e->callee->ultimate_alias_target()));
			/* Call sites of one caller come together: one edge for them all. */
			if (!cg || (!cg->callers.is_empty() && cg->callers.last() == caller))
				continue;
			cg->callers.safe_push(caller);
			caller->callees.safe_push(cg);
		}
	}
	/* At -O0 every function is force_output, so only an explicit "used" counts. */
	FOR_EACH_FUNCTION(node)
		if (node->address_taken || DECL_PRESERVE_P(node->decl)) {
			group *grp = find_group(*r, origin_of_node(node));

			if (grp) {
				grp->address_taken = true;
				grp->eligible = false;
			}
		}
}

static void warn_file_scope_asm(void)
{
	asm_node *a;

	for (a = symtab->first_asm_symbol(); a; a = a->next) {
		struct klp_asm_summary s;

		klp_asm_summarise(TREE_STRING_POINTER(a->asm_str),
				  TREE_STRING_LENGTH(a->asm_str) - 1, &s);
		if (s.altinstructions || s.parainstructions)
			warning(0, "klp_tag: a file-scope asm names %s; it belongs to no function, so "
				"it is left alone and its entries are applied at module load",
				s.altinstructions ? ".altinstructions" : ".parainstructions");
	}
}

void resolve_unit_event(void *, void *data)
{
	klp_unit *unit = (klp_unit *)data;
	klp_resolution *r = &unit->resolution;
	auto_vec<group *> all;
	location_t first_tagged = UNKNOWN_LOCATION;
	unsigned i;
	group *grp;

	read_klp_tables(&unit->tables);
	resolve_symbols(unit);
	build_call_graph(unit, all);
	FOR_EACH_VEC_ELT(all, i, grp)
		resolve_explicit(unit, grp);
	propagate(unit->options, all);
	FOR_EACH_VEC_ELT(all, i, grp)
		resolve_implicit(unit->options, grp);
	/* The unit-wide message goes to the first tagged function in the source. */
	FOR_EACH_VEC_ELT(all, i, grp)
		if (grp->object && grp->defined && (first_tagged == UNKNOWN_LOCATION ||
						DECL_SOURCE_LOCATION(grp->origin) < first_tagged))
			first_tagged = DECL_SOURCE_LOCATION(grp->origin);
	r->abi = resolve_abi(unit->options, unit->declared, first_tagged != UNKNOWN_LOCATION,
			     first_tagged);
	if (r->abi == KLP_ABI_KLP_ARCH)
		mark_reachable_from_init(*r);
	if (first_tagged != UNKNOWN_LOCATION)
		warn_file_scope_asm();
}
