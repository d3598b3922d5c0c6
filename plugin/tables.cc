// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tables.cc - the unit's own klp_object tables, an explicit source of a
 * function's object: a function named as the .new_func of a klp_func
 * array that a klp_object with .name = "X" points at belongs to X (.name
 * NULL or absent: vmlinux).  So the kernel's own samples need no
 * annotation at all.
 *
 * In:  the static initializers of the unit's variables (at IPA time, or
 *      streamed in on demand by lto1)
 * Out: klp_tables: each named function's object and table, and every
 *      object the tables name (for the map's object records).
 */
#include "gcc-plugin.h"
#include "tree.h"
#include "cgraph.h"
#include "diagnostic-core.h"

#include "stages.h"

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
			*object = checked_object_name(TREE_STRING_POINTER(s),
						      strnlen(TREE_STRING_POINTER(s),
							      TREE_STRING_LENGTH(s)),
						      loc, "klp_object table");
			return *object != NULL;
		}
	}
	warning_at(loc, 0, "cannot read the %<.name%> of a %<struct klp_object%> here: it is "
		   "not a string literal or NULL; tag its functions explicitly");
	return false;
}

static void tag_from_table(klp_tables *tables, tree fn, const char *object, tree var)
{
	location_t loc = DECL_SOURCE_LOCATION(var);
	bool existed;
	table_tag *t;

	if (!DECL_NAME(fn))
		return;
	t = &tables->functions->get_or_insert(DECL_NAME(fn), &existed);
	if (existed && strcmp(t->object, object) != 0) {
		error_at(DECL_SOURCE_LOCATION(t->decl),
			 "%qD is the %<.new_func%> of klp_object tables for two objects: "
			 "%qs and %qs", t->decl, t->object, object);
		inform(t->loc, "table naming %qs", t->object);
		inform(loc, "table naming %qs", object);
		return;
	}
	if (!existed)
		*t = table_tag{ fn, object, loc };
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

void read_klp_tables(klp_tables *tables)
{
	varpool_node *vnode;

	if (tables->read)
		return;
	tables->read = true;
	FOR_EACH_VARIABLE(vnode) {
		/* get_constructor(): lto1 streams initializers in on demand. */
		tree var = vnode->decl, type = TREE_TYPE(var), ctor = vnode->get_constructor();
		unsigned i;
		tree elt;

		if (!ctor || TREE_CODE(ctor) != CONSTRUCTOR)
			continue;
		if (type_is_struct(type, "klp_object")) {
			read_klp_object(tables, ctor, var);
		} else if (TREE_CODE(type) == ARRAY_TYPE &&
			   type_is_struct(TREE_TYPE(type), "klp_object")) {
			FOR_EACH_CONSTRUCTOR_VALUE(CONSTRUCTOR_ELTS(ctor), i, elt)
				if (!read_klp_object(tables, elt, var))
					break;
		}
	}
}
