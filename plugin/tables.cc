// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tables.cc - the unit's own klp_object tables, an explicit source of a
 * function's object: a function named as the .new_func of a klp_func
 * array that a klp_object with .name = "X" points at belongs to X (.name
 * NULL or absent: vmlinux).  So the kernel's own samples need no
 * annotation at all.
 *
 * In:  the static initializers of the unit's variables (at IPA time, or
 *      streamed in on demand by lto1; in scan mode, as the parser saw them)
 * Out: klp_tables: each named function's object and table, and every
 *      object the tables name (for the map's object records); in scan
 *      mode, the table file the module's other units read (common/tables.h).
 *
 * A klp_object's .name is compared verbatim with the loaded module's name
 * by the kernel (docs/kernel-abi.md, section 10), so a spelling no module
 * has ('-', '.ko') is an error here, not something to normalise.
 */
#include "gcc-plugin.h"
#include "tree.h"
#include "cgraph.h"
#include "diagnostic-core.h"

#include "stages.h"
#include "objname.h"
#include "tables.h"

static tree field_value(tree ctor, const char *field)
{
	unsigned i;
	tree index, value;

	FOR_EACH_CONSTRUCTOR_ELT(CONSTRUCTOR_ELTS(ctor), i, index, value)
		if (index && TREE_CODE(index) == FIELD_DECL && name_is(DECL_NAME(index), field))
			return value;
	return NULL_TREE;
}

static bool type_is_struct(tree type, const char *name)
{
	tree id;

	type = TYPE_MAIN_VARIANT(type);
	if (TREE_CODE(type) != RECORD_TYPE)
		return false;
	id = TYPE_NAME(type);
	if (id && TREE_CODE(id) == TYPE_DECL)
		id = DECL_NAME(id);
	return name_is(id, name);
}

/* The variable an address points into: &funcs, &funcs[0]. */
static tree addressed_variable(tree t)
{
	STRIP_NOPS(t);
	if (TREE_CODE(t) != ADDR_EXPR)
		return NULL_TREE;
	t = TREE_OPERAND(t, 0);
	while (TREE_CODE(t) == ARRAY_REF || TREE_CODE(t) == COMPONENT_REF)
		t = TREE_OPERAND(t, 0);
	return TREE_CODE(t) == VAR_DECL ? t : NULL_TREE;
}

static bool absent_or_null(tree value)
{
	return !value || integer_zerop(value);
}

/* The object a klp_object's .name gives: NULL or absent is vmlinux. */
static bool table_object_name(tree value, location_t loc, const char **object)
{
	if (absent_or_null(value)) {
		*object = "vmlinux";
		return true;
	}
	STRIP_NOPS(value);
	if (TREE_CODE(value) == ADDR_EXPR) {
		tree s = TREE_OPERAND(value, 0);

		if (TREE_CODE(s) == ARRAY_REF)
			s = TREE_OPERAND(s, 0);
		if (TREE_CODE(s) == STRING_CST) {
			const char *name = TREE_STRING_POINTER(s);
			size_t len = strnlen(name, TREE_STRING_LENGTH(s));
			char why[KLP_OBJNAME_WHY];

			if (klp_objname_check_exact(name, len, why)) {
				error_at(loc, "klp_object table: %<.name%> %<%.*s%> %s; no module "
					 "can match it, so the patch would never apply to it",
					 (int)(len > 80 ? 80 : len), name, why);
				return false;
			}
			*object = keep_string(name);
			return true;
		}
	}
	warning_at(loc, 0, "cannot read the %<.name%> of a %<struct klp_object%> here: it is "
		   "not a string literal or NULL; tag its functions explicitly");
	return false;
}

static void tag_from_table(klp_tables *tables, tree fn, const char *object, tree var)
{
	bool existed;
	table_tag *t;

	if (!DECL_NAME(fn))
		return;
	t = &tables->functions->get_or_insert(DECL_NAME(fn), &existed);
	if (existed && strcmp(t->object, object) != 0) {
		error_at(DECL_SOURCE_LOCATION(t->decl),
			 "%qD is the %<.new_func%> of klp_object tables for two objects: "
			 "%qs and %qs: a replacement belongs to one object, so give each table its own "
			 "function", t->decl, t->object, object);
		inform(DECL_SOURCE_LOCATION(t->var), "table naming %qs", t->object);
		inform(DECL_SOURCE_LOCATION(var), "table naming %qs", object);
		return;
	}
	if (!existed)
		*t = table_tag{ fn, object, var };
}

static void note_table_object(klp_tables *tables, const char *object)
{
	unsigned i;
	const char *o;

	FOR_EACH_VEC_ELT(tables->objects, i, o)
		if (strcmp(o, object) == 0)
			return;
	tables->objects.safe_push(object);
}

/*
 * One klp_object initializer.  Returns false at the array's terminator (no
 * name and no funcs), where the kernel stops iterating the objects.
 */
static bool read_klp_object(klp_tables *tables, tree ctor, tree var)
{
	location_t loc = DECL_SOURCE_LOCATION(var);
	const char *object;
	tree funcs, fctor, elt;
	unsigned i;

	if (!ctor || TREE_CODE(ctor) != CONSTRUCTOR)
		return true;
	if (absent_or_null(field_value(ctor, "name")) && absent_or_null(field_value(ctor, "funcs")))
		return false;
	if (!table_object_name(field_value(ctor, "name"), loc, &object))
		return true;
	note_table_object(tables, object);
	funcs = field_value(ctor, "funcs");
	if (absent_or_null(funcs))
		return true;
	funcs = addressed_variable(funcs);
	fctor = funcs ? DECL_INITIAL(funcs) : NULL_TREE;
	if (!fctor || TREE_CODE(fctor) != CONSTRUCTOR) {
		warning_at(loc, 0, "cannot read the %<.funcs%> array of a %<struct klp_object%> "
			   "for object %qs; tag its functions explicitly", object);
		return true;
	}
	FOR_EACH_CONSTRUCTOR_VALUE(CONSTRUCTOR_ELTS(fctor), i, elt) {
		tree fn;

		if (TREE_CODE(elt) != CONSTRUCTOR)
			continue;
		fn = field_value(elt, "new_func");
		if (!fn)
			continue;
		STRIP_NOPS(fn);
		if (TREE_CODE(fn) == ADDR_EXPR)
			fn = TREE_OPERAND(fn, 0);
		if (TREE_CODE(fn) == FUNCTION_DECL)
			tag_from_table(tables, fn, object, var);
	}
	return true;
}

/* VAR, initialised by CTOR: a klp_object or an array of them, or neither. */
static void read_table_variable(klp_tables *tables, tree var, tree ctor)
{
	tree type = TREE_TYPE(var), elt;
	unsigned i;

	if (!ctor || TREE_CODE(ctor) != CONSTRUCTOR)
		return;
	if (type_is_struct(type, "klp_object")) {
		read_klp_object(tables, ctor, var);
	} else if (TREE_CODE(type) == ARRAY_TYPE && type_is_struct(TREE_TYPE(type), "klp_object")) {
		FOR_EACH_CONSTRUCTOR_VALUE(CONSTRUCTOR_ELTS(ctor), i, elt)
			if (!read_klp_object(tables, elt, var))
				break;
	}
}

void read_klp_tables(klp_tables *tables)
{
	varpool_node *vnode;

	if (tables->read)
		return;
	tables->read = true;
	/* get_constructor(): lto1 streams initializers in on demand. */
	FOR_EACH_VARIABLE(vnode)
		read_table_variable(tables, vnode->decl, vnode->get_constructor());
}

static int by_function_name(const void *a, const void *b)
{
	return strcmp(c_name((*(const table_tag *const *)a)->decl),
		      c_name((*(const table_tag *const *)b)->decl));
}

auto_vec<const table_tag *> sorted_tables(const klp_tables &tables)
{
	auto_vec<const table_tag *> v;

	for (hash_map<tree, table_tag>::iterator it = tables.functions->begin();
	     it != tables.functions->end(); ++it)
		v.safe_push(&(*it).second);
	v.qsort(by_function_name);
	return v;
}

/* ---- scan mode --------------------------------------------------------------- */

void scan_declaration(void *event_data, void *data)
{
	tree decl = (tree)event_data;

	if (TREE_CODE(decl) == VAR_DECL && (TREE_STATIC(decl) || DECL_EXTERNAL(decl)) &&
	    !DECL_CONTEXT(decl))
		((klp_unit *)data)->scanned_vars.safe_push(decl);
}

void scan_definition(void *event_data, void *data)
{
	tree fn = (tree)event_data;

	if (fn && TREE_CODE(fn) == FUNCTION_DECL)
		((klp_unit *)data)->scanned_definitions.safe_push(fn);
}

static bool scanned_definition(const klp_unit *unit, tree fn)
{
	unsigned i;
	tree d;

	FOR_EACH_VEC_ELT(unit->scanned_definitions, i, d)
		if (DECL_NAME(d) == DECL_NAME(fn))
			return true;
	return false;
}

/*
 * What other units need: the .new_func of each table that this unit only
 * declares (a static one, or one defined here, is this unit's business),
 * and the public functions it defines (so kbuild gives each unit only the
 * lines about its own functions).
 */
void write_table_file(void *, void *data)
{
	klp_unit *unit = (klp_unit *)data;
	const char *path = unit->options.write_tables;
	unsigned i;
	tree var;
	FILE *out;

	if (seen_error())
		return;
	FOR_EACH_VEC_ELT(unit->scanned_vars, i, var)
		read_table_variable(&unit->tables, var, DECL_INITIAL(var));
	out = fopen(path, "w");
	if (!out) {
		error("cannot write table file %qs: %s", path, xstrerror(errno));
		return;
	}
	klp_tables_write_format(out);
	/* In name order, so an unchanged unit writes the same bytes. */
	for (const table_tag *t : sorted_tables(unit->tables)) {
		expanded_location where = expand_location(DECL_SOURCE_LOCATION(t->var));

		if (TREE_PUBLIC(t->decl) && !scanned_definition(unit, t->decl))
			klp_tables_write_table(out, c_name(t->decl), t->object, where.line,
					       where.file);
	}
	FOR_EACH_VEC_ELT(unit->scanned_definitions, i, var)
		if (TREE_PUBLIC(var) && DECL_NAME(var))
			klp_tables_write_defines(out, IDENTIFIER_POINTER(DECL_NAME(var)));
	if (fclose(out) != 0)
		error("cannot write table file %qs: %s", path, xstrerror(errno));
}
