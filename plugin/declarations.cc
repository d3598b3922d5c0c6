// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * declarations.cc - what the parser saw, for the describe and extract
 * modes: every function definition and the lines of its body, the names
 * of file-scope functions and variables, and the ordinal of each variable
 * local to a function among those of its name in that function.
 *
 * In:  the definitions and declarations as the C front end finishes them
 * Out: klp_parsed
 *
 * Why at parse time: GCC drops unused functions and variables before IPA,
 * yet klp-tag-build names them (a function inlined everywhere has lines
 * to compare; an extract line may name one GCC removed), and the ordinal
 * of a local variable must count every variable of its name, emitted or
 * not, so that the describe and the extract mode count alike.  The
 * compile itself is not touched: nothing here asks for an assembler name
 * (GCC numbers function-local statics, count.N, as names are assigned).
 */
#include "gcc-plugin.h"
#include "tree.h"
#include "function.h"
#include "stringpool.h"
#include "attribs.h"

#include "stages.h"

void init_parsed(klp_parsed *parsed)
{
	parsed->defined_functions = new name_set;
	parsed->defined_variables = new name_set;
	parsed->declared = new name_set;
	parsed->ordinals = new hash_map<int_hash<unsigned, 0xffffffffu, 0xfffffffeu>, unsigned>;
	parsed->locals = new name_counts;
}

bool is_local_static(tree var)
{
	return TREE_CODE(var) == VAR_DECL && TREE_STATIC(var) && !DECL_EXTERNAL(var) &&
	       DECL_NAME(var) && DECL_CONTEXT(var) &&
	       TREE_CODE(DECL_CONTEXT(var)) == FUNCTION_DECL;
}

static const char *local_key(const char *func, const char *name)
{
	size_t len = strlen(func) + strlen(name) + 2;
	char *key = XNEWVEC(char, len);

	snprintf(key, len, "%s:%s", func, name);
	return key;
}

void record_definition(void *event_data, void *data)
{
	tree fndecl = (tree)event_data;
	klp_parsed *parsed = (klp_parsed *)data;
	function *fn = DECL_STRUCT_FUNCTION(fndecl);
	expanded_location start, end, name;
	parsed_function pf;

	/* A nested function (GNU C) has no file-scope name to be found by. */
	if (!fn || !DECL_NAME(fndecl) || decl_function_context(fndecl))
		return;
	start = expand_location(fn->function_start_locus);
	end = expand_location(fn->function_end_locus);
	name = expand_location(DECL_SOURCE_LOCATION(fndecl));
	if (!start.file)
		return;
	pf.cname = IDENTIFIER_POINTER(DECL_NAME(fndecl));
	pf.file = start.file;
	/* From the line of its name (a kernel style return type stands before it). */
	pf.first = name.file && strcmp(name.file, start.file) == 0 && name.line < start.line
			   ? (unsigned)name.line : (unsigned)start.line;
	pf.last = end.file && strcmp(end.file, start.file) == 0 && (unsigned)end.line >= pf.first
			  ? (unsigned)end.line : pf.first;
	if (!parsed->defined_functions->add(pf.cname))
		parsed->functions.safe_push(pf);
}

void record_declaration(void *event_data, void *data)
{
	tree decl = (tree)event_data;
	klp_parsed *parsed = (klp_parsed *)data;
	const char *name;
	bool existed;

	if ((TREE_CODE(decl) != VAR_DECL && TREE_CODE(decl) != FUNCTION_DECL) || !DECL_NAME(decl))
		return;
	name = IDENTIFIER_POINTER(DECL_NAME(decl));
	if (is_local_static(decl)) {
		unsigned *count;

		if (parsed->ordinals->get(DECL_UID(decl)))
			return;
		count = &parsed->locals->get_or_insert(
			local_key(IDENTIFIER_POINTER(DECL_NAME(DECL_CONTEXT(decl))), name), &existed);
		if (!existed)
			*count = 0;
		parsed->ordinals->put(DECL_UID(decl), ++*count);
		return;
	}
	if (DECL_CONTEXT(decl) && TREE_CODE(DECL_CONTEXT(decl)) != TRANSLATION_UNIT_DECL)
		return;
	parsed->declared->add(name);
	if (TREE_CODE(decl) == VAR_DECL && !DECL_EXTERNAL(decl))
		parsed->defined_variables->add(name);
	/* An alias is a definition: another name for the code of its target. */
	if (TREE_CODE(decl) == FUNCTION_DECL && lookup_attribute("alias", DECL_ATTRIBUTES(decl)))
		parsed->defined_functions->add(name);
	else if (TREE_CODE(decl) == VAR_DECL && lookup_attribute("alias", DECL_ATTRIBUTES(decl)))
		parsed->defined_variables->add(name);
}

unsigned local_ordinal(const klp_parsed &parsed, tree var)
{
	unsigned *ordinal = parsed.ordinals->get(DECL_UID(var));

	return ordinal ? *ordinal : 0;
}

unsigned local_count(const klp_parsed &parsed, const char *func, const char *name)
{
	const char *key = local_key(func, name);
	unsigned *count = parsed.locals->get(key);

	XDELETEVEC(const_cast<char *>(key));
	return count ? *count : 0;
}
