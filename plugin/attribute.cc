// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * attribute.cc - the klp_object attribute, an explicit source of a
 * function's object: __attribute__((klp_object("ext4"))) on any
 * declaration or the definition (klp_tag.h's __klp_object(ext4)).
 *
 * In:  declarations as the front end parses them
 * Out: the attribute on the decl (where it survives LTO streaming), checked
 *      and normalised once, here: a bad name or a redeclaration that
 *      disagrees is an error; the attribute then holds the name as kbuild
 *      spells it ('-' as '_').  klp_unit::attributes keeps the first one of
 *      each function name, to point at.
 */
#include "gcc-plugin.h"
#include "tree.h"
#include "stringpool.h"
#include "attribs.h"
#include "diagnostic-core.h"

#include "stages.h"
#include "objname.h"

/* GCC gives attribute handlers no user data: the one global of the plugin. */
static klp_unit *attribute_unit;

static tree handle_klp_object_attribute(tree *node, tree, tree args, int, bool *no_add_attrs)
{
	tree decl = *node, arg = TREE_VALUE(args);
	location_t loc = DECL_P(decl) ? DECL_SOURCE_LOCATION(decl) : input_location;
	const char *object;
	attribute_tag *seen;

	*no_add_attrs = true;
	if (TREE_CODE(decl) != FUNCTION_DECL) {
		error_at(loc, "%<klp_object%> attribute applies only to functions, not to %s",
			 DECL_P(decl) ? "variables or other declarations" : "types");
		return NULL_TREE;
	}
	if (lookup_attribute("klp_symbol", DECL_ATTRIBUTES(decl))) {
		error_at(loc, "%qD has both %<klp_object%> (which object a definition of the "
			 "patch belongs to) and %<klp_symbol%> (where a symbol the patch only "
			 "references lives): keep the one that is meant", decl);
		return NULL_TREE;
	}
	if (TREE_CODE(arg) != STRING_CST) {
		error_at(loc, "%<klp_object%> attribute of %qD takes the object name as a "
			 "string, as in klp_object(\"vmlinux\")", decl);
		return NULL_TREE;
	}
	object = checked_object_name(TREE_STRING_POINTER(arg), TREE_STRING_LENGTH(arg) - 1,
				     loc, "klp_object attribute");
	if (!object)
		return NULL_TREE;
	seen = attribute_unit->attributes->get(DECL_NAME(decl));
	if (seen && strcmp(seen->object, object) != 0) {
		error_at(loc, "%qD is tagged for object %qs here but for object %qs by the "
			 "klp_object attribute of an earlier declaration: keep one of the two", decl, object,
			 seen->object);
		inform(seen->loc, "earlier declaration with klp_object(%qs)", seen->object);
		return NULL_TREE;
	}
	if (!seen)
		attribute_unit->attributes->put(DECL_NAME(decl), attribute_tag{ object, loc });
	/* Same length, so the string's array type still fits it. */
	if (strcmp(object, TREE_STRING_POINTER(arg)) != 0) {
		tree normalised = build_string(TREE_STRING_LENGTH(arg), object);

		TREE_TYPE(normalised) = TREE_TYPE(arg);
		TREE_VALUE(args) = normalised;
	}
	*no_add_attrs = false;
	return NULL_TREE;
}

static struct attribute_spec klp_object_attr = {
	"klp_object", 1, 1, false, false, false, false,
	handle_klp_object_attribute, NULL
};

static void register_attributes(void *, void *)
{
	register_attribute(&klp_object_attr);
}

void register_klp_object_attribute(const char *plugin_name, klp_unit *unit)
{
	attribute_unit = unit;
	register_callback(plugin_name, PLUGIN_ATTRIBUTES, register_attributes, NULL);
}

/*
 * Read from the declaration, where it also survives LTO streaming: only the
 * handler above puts the attribute there, checked and normalised.  The
 * string lives as long as the declaration.
 */
const char *attribute_object(tree decl)
{
	tree attr = lookup_attribute("klp_object", DECL_ATTRIBUTES(decl));

	if (!attr || !TREE_VALUE(attr) || TREE_CODE(TREE_VALUE(TREE_VALUE(attr))) != STRING_CST)
		return NULL;
	return TREE_STRING_POINTER(TREE_VALUE(TREE_VALUE(attr)));
}
