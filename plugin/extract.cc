// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * extract.cc - extract mode (-fplugin-arg-klp_tag-extract=FILE): compile
 * the unit as a part of a livepatch module.  The extract file
 * (common/extract.h, written by klp-tag-build) says what the module
 * defines; everything else the unit defines becomes a reference to the
 * running kernel's symbol:
 *
 *     klp-tag-extract 1
 *     keep meminfo_proc_show           defined, as in a normal compile
 *     ref show_val_kb show_val_kb vmlinux 0 show_val_kb
 *
 * Before, the object defines meminfo_proc_show, show_val_kb, their data;
 * after, only meminfo_proc_show, which calls (or inlines, as the normal
 * compile did) show_val_kb, and references everything else undefined.
 *
 * How: when IPA starts, each function with a body that no keep or carry
 * line names is marked DECL_EXTERNAL and TREE_PUBLIC: GCC's extern inline,
 * so it may still be inlined (the kept code is what a normal compile
 * makes of it), never emitted, and a call that stays is a reference to
 * the external symbol.  The same for variables that no data line names
 * (their initializer stays known: constants fold as before).  Aliases of
 * a kept function stay; others become aliases of an extern inline body, so
 * inlined through as before, and references by their own name.  A weak function is
 * interposable in the normal compile, never inlined or analysed: it gets
 * noipa, so that its callers' code does not change, and its reference is
 * a strong one (a weak undefined reference would stay 0).  The unit's
 * top-level asm (export tables, initcall records) is dropped.  A ref line
 * gives the reference its symbol (the assembler name); the map gets a
 * symbol record for it, or an alias record when the kernel calls it
 * otherwise.  Initcalls, __ksymtab, .modinfo and __param entries are
 * variables nobody references once externalized: they vanish.
 *
 * In:  klp_extract (options.cc), klp_parsed, the symbol table when IPA
 *      starts; at the end of the unit, the names the assembly references
 * Out: the externalized unit; klp_unit::refs for the map; errors for lines
 *      that name nothing here and for referenced local variables whose
 *      kernel name nobody gave.
 *
 * Under -flto the compile step does all of it (the declarations are
 * streamed as it left them) and lto1 only checks at the end.
 */
#include "gcc-plugin.h"
#include "tree.h"
#include "cgraph.h"
#include "stringpool.h"
#include "attribs.h"
#include "diagnostic-core.h"

#include "stages.h"
#include "util.h"

/* What no source can spell: marks an externalized local variable that no line names. */
static const char unnamed_local[] = "klp_tag unnamed local";

/* The file's line about DECL, and for a local variable its DECL text. */
static const klp_extract_line *line_of(const klp_unit *unit, tree decl, char *text, size_t size)
{
	const char *cname = IDENTIFIER_POINTER(DECL_NAME(decl));
	unsigned ordinal;

	if (!is_local_static(decl)) {
		snprintf(text, size, "%s", cname);
		return klp_extract_find(&unit->extract, cname, NULL, 0);
	}
	ordinal = local_ordinal(unit->parsed, decl);
	snprintf(text, size, "%s:%s:%u", c_name(DECL_CONTEXT(decl)), cname, ordinal);
	return ordinal ? klp_extract_find(&unit->extract, cname, c_name(DECL_CONTEXT(decl)),
					  ordinal) : NULL;
}

static bool keeps(const klp_extract_line *l)
{
	return l && (l->kind == KLP_EXTRACT_KEEP || l->kind == KLP_EXTRACT_CARRY ||
		     l->kind == KLP_EXTRACT_DATA);
}

/* A declaration the file can name: a file-scope C name, or a local variable the parser saw. */
static bool nameable(const klp_unit *unit, tree decl)
{
	if (!DECL_NAME(decl))
		return false;
	/* __func__ is artificial too, but declared as any other local. */
	if (is_local_static(decl))
		return local_ordinal(unit->parsed, decl) != 0;
	/* A compound literal at file scope: the module's own copy, as a string is. */
	if (DECL_ARTIFICIAL(decl))
		return false;
	return !decl_function_context(decl) &&
	       klp_is_identifier(IDENTIFIER_POINTER(DECL_NAME(decl)),
				 IDENTIFIER_LENGTH(DECL_NAME(decl)));
}

static void set_ref_symbol(tree decl, const klp_extract_line *l)
{
	if (l && l->kind == KLP_EXTRACT_REF)
		symtab->change_decl_assembler_name(decl, get_identifier(l->ref_symbol));
}

/* GCC's extern inline: the body stays for inlining, the symbol is the kernel's. */
static void externalize_function(cgraph_node *node, const klp_extract_line *l)
{
	tree decl = node->decl;

	if (DECL_WEAK(decl) && !lookup_attribute("noipa", DECL_ATTRIBUTES(decl)))
		DECL_ATTRIBUTES(decl) = tree_cons(get_identifier("noipa"), NULL_TREE,
						  DECL_ATTRIBUTES(decl));
	DECL_WEAK(decl) = 0;
	DECL_EXTERNAL(decl) = 1;
	TREE_PUBLIC(decl) = 1;
	DECL_PRESERVE_P(decl) = 0;
	node->force_output = 0;
	node->forced_by_abi = 0;
	set_ref_symbol(decl, l);
}

static void externalize_variable(varpool_node *vnode, const klp_extract_line *l,
				 const char *text)
{
	tree decl = vnode->decl;
	bool local = is_local_static(decl);

	/* A weak variable's initializer could never be folded: no more now. */
	if (DECL_WEAK(decl)) {
		DECL_INITIAL(decl) = NULL_TREE;
		vnode->remove_all_references();
	} else if (TREE_READONLY(decl) && !DECL_INITIAL(decl)) {
		/* A const without initializer is zero, and folded as such. */
		DECL_INITIAL(decl) = build_zero_cst(TREE_TYPE(decl));
	}
	DECL_WEAK(decl) = 0;
	DECL_EXTERNAL(decl) = 1;
	TREE_PUBLIC(decl) = 1;
	TREE_STATIC(decl) = 0;
	DECL_COMMON(decl) = 0;
	DECL_PRESERVE_P(decl) = 0;
	vnode->force_output = 0;
	vnode->forced_by_abi = 0;
	/* What C makes of a block-scope extern: no function context (which
	 * LTO would stream as the function's own local). */
	if (local)
		DECL_CONTEXT(decl) = NULL_TREE;
	set_ref_symbol(decl, l);
	/* Referenced without a ref line, it is an error at the end of the unit. */
	if (local && !l)
		DECL_ATTRIBUTES(decl) = tree_cons(get_identifier(unnamed_local),
						  build_tree_list(NULL_TREE,
								  build_string(strlen(text) + 1, text)),
						  DECL_ATTRIBUTES(decl));
}

/*
 * An alias of a function the module does not keep: it stays an alias, of
 * an extern inline body, so that calls through it are inlined where the
 * normal compile inlined them; it is never emitted (its target is not), and
 * a call that stays references the kernel's alias by its name.
 */
static void externalize_alias(symtab_node *node, const klp_extract_line *l)
{
	tree decl = node->decl;

	DECL_WEAK(decl) = 0;
	DECL_EXTERNAL(decl) = 1;
	TREE_PUBLIC(decl) = 1;
	DECL_PRESERVE_P(decl) = 0;
	node->force_output = 0;
	node->forced_by_abi = 0;
	if (TREE_CODE(decl) == VAR_DECL)
		TREE_STATIC(decl) = 0;
	set_ref_symbol(decl, l);
}

/* Kept local variables get their names now; one a ref line took is changed. */
static void keep_name_apart(tree decl, name_set &refs)
{
	const char *name = IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME(decl));
	unsigned n = 0;

	while (refs.contains(name)) {
		char buf[600];

		snprintf(buf, sizeof(buf), "%s.klp%u", IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME(decl)),
			 ++n);
		name = IDENTIFIER_POINTER(get_identifier(buf));
	}
	if (n)
		symtab->change_decl_assembler_name(decl, get_identifier(name));
}

static void externalize(klp_unit *unit)
{
	hash_set<tree> kept_targets;
	name_set refs;
	auto_vec<symtab_node *> aliases;
	auto_vec<tree> kept_locals;
	symtab_node *node;
	char text[600];

	for (size_t i = 0; i < unit->extract.n; i++)
		if (unit->extract.lines[i].kind == KLP_EXTRACT_REF)
			refs.add(unit->extract.lines[i].ref_symbol);
	/* A kept alias keeps the code it names. */
	FOR_EACH_SYMBOL(node)
		if (node->alias && node->definition && nameable(unit, node->decl) &&
		    keeps(line_of(unit, node->decl, text, sizeof(text))))
			kept_targets.add(node->ultimate_alias_target()->decl);
	FOR_EACH_SYMBOL(node) {
		tree decl = node->decl;
		const klp_extract_line *l;
		cgraph_node *fn = dyn_cast<cgraph_node *>(node);
		varpool_node *var = dyn_cast<varpool_node *>(node);

		/* A weakref names an external symbol already: nothing to do. */
		if (node->alias && node->definition) {
			if (!node->weakref)
				aliases.safe_push(node);
			continue;
		}
		if (!nameable(unit, decl))
			continue;
		l = line_of(unit, decl, text, sizeof(text));
		if (!node->definition || (fn && (fn->thunk || fn->clone_of || fn->inlined_to))) {
			if (!node->definition)
				set_ref_symbol(decl, l);
			continue;
		}
		if (keeps(l) || kept_targets.contains(decl)) {
			if (var && is_local_static(decl))
				kept_locals.safe_push(decl);
			continue;
		}
		if (fn)
			externalize_function(fn, l);
		else if (var && !DECL_HARD_REGISTER(decl))
			externalize_variable(var, l, text);
	}
	for (symtab_node *alias : aliases) {
		symtab_node *target = alias->ultimate_alias_target();
		const klp_extract_line *l = nameable(unit, alias->decl)
						    ? line_of(unit, alias->decl, text, sizeof(text))
						    : NULL;

		if (!target || !DECL_EXTERNAL(target->decl) || keeps(l))
			continue;
		externalize_alias(alias, l);
	}
	for (tree decl : kept_locals)
		keep_name_apart(decl, refs);
	symtab->clear_asm_symbols();
}

/* The lines that name nothing this unit declares: errors, each naming its line. */
static void check_lines(const klp_unit *unit)
{
	const klp_parsed &p = unit->parsed;
	const char *file = unit->options.extract_file;

	for (size_t i = 0; i < unit->extract.n; i++) {
		const klp_extract_line *l = &unit->extract.lines[i];
		const char *name = l->decl.cname, *kind = klp_extract_kind_name(l->kind);
		const char *func = l->decl.context;
		unsigned n = l->line, have;
		char decl[600];

		klp_extract_decl_text(decl, sizeof(decl), &l->decl);
		if (func && !p.defined_functions->contains(func)) {
			error_at(UNKNOWN_LOCATION, "extract file %qs, line %u: %<%s %s%>: this unit "
				 "defines no function %qs", file, n, kind, decl, func);
		} else if (func && (have = local_count(p, func, name)) < l->decl.ordinal) {
			error_at(UNKNOWN_LOCATION, "extract file %qs, line %u: %<%s %s%>: function %qs "
				 "has %u static variable%s called %qs", file, n, kind, decl, func, have,
				 have == 1 ? "" : "s", name);
		} else if (func) {
			continue;
		} else if ((l->kind == KLP_EXTRACT_KEEP || l->kind == KLP_EXTRACT_CARRY) &&
			   !p.defined_functions->contains(name)) {
			error_at(UNKNOWN_LOCATION, "extract file %qs, line %u: %<%s %s%>: this unit "
				 "defines no function %qs%s", file, n, kind, decl, name,
				 p.defined_variables->contains(name)
					 ? " (it is a variable, which a data line keeps)" : "");
		} else if (l->kind == KLP_EXTRACT_DATA && !p.defined_variables->contains(name)) {
			error_at(UNKNOWN_LOCATION, "extract file %qs, line %u: %<data %s%>: this unit "
				 "defines no variable %qs%s", file, n, decl, name,
				 p.defined_functions->contains(name)
					 ? " (it is a function, which a keep or carry line keeps)" : "");
		} else if (l->kind == KLP_EXTRACT_REF && !p.declared->contains(name) &&
			   !p.defined_functions->contains(name)) {
			error_at(UNKNOWN_LOCATION, "extract file %qs, line %u: %<ref %s%>: this unit "
				 "declares no function or variable %qs", file, n, decl, name);
		}
	}
}

static void start_extract(void *, void *data)
{
	klp_unit *unit = (klp_unit *)data;

	/* lto1: the compile step externalized what it streamed. */
	if (in_lto_p || seen_error())
		return;
	check_lines(unit);
	if (!seen_error())
		externalize(unit);
}

static bool referenced(tree decl)
{
	return DECL_ASSEMBLER_NAME_SET_P(decl) && TREE_SYMBOL_REFERENCED(DECL_ASSEMBLER_NAME(decl));
}

void finish_extract(void *, void *data)
{
	klp_unit *unit = (klp_unit *)data;
	const char *file = unit->options.extract_file;
	hash_map<const char *, const klp_extract_line *,
		 simple_hashmap_traits<nofree_string_hash, const klp_extract_line *>> by_ref;
	varpool_node *vnode;
	symtab_node *node;

	if (!file)
		return;
	FOR_EACH_VARIABLE(vnode) {
		tree attr = lookup_attribute(unnamed_local, DECL_ATTRIBUTES(vnode->decl));
		const char *decl;
		char func[600];

		if (!attr || !referenced(vnode->decl))
			continue;
		/* FUNC:CNAME:N, as the extract file would name it. */
		decl = TREE_STRING_POINTER(TREE_VALUE(TREE_VALUE(attr)));
		snprintf(func, sizeof(func), "%.*s", (int)strcspn(decl, ":"), decl);
		error_at(DECL_SOURCE_LOCATION(vnode->decl), "%qD, a static variable of function "
			 "%qs (%qs), is referenced, but extract file %qs has neither %<data %s%> "
			 "nor %<ref %s ...%>: the running kernel's name for it (%s.N) cannot be "
			 "guessed; klp-tag-build must give one of the two", vnode->decl,
			 func, decl, file, decl, decl,
			 IDENTIFIER_POINTER(DECL_NAME(vnode->decl)));
	}
	for (size_t i = 0; i < unit->extract.n; i++)
		if (unit->extract.lines[i].kind == KLP_EXTRACT_REF)
			by_ref.put(unit->extract.lines[i].ref_symbol, &unit->extract.lines[i]);
	/* A definition of that name would take the reference: the assembler binds it locally. */
	FOR_EACH_SYMBOL(node) {
		const klp_extract_line **l;

		if (!node->definition || DECL_EXTERNAL(node->decl) ||
		    !TREE_ASM_WRITTEN(node->decl) || !DECL_ASSEMBLER_NAME_SET_P(node->decl))
			continue;
		l = by_ref.get(IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME(node->decl)));
		if (l)
			error_at(DECL_SOURCE_LOCATION(node->decl), "extract file %qs, line %u: "
				 "REFSYMBOL %qs is also the name of %qD, which this unit defines, "
				 "so the reference would bind to it: give the ref another REFSYMBOL",
				 file, (*l)->line, (*l)->ref_symbol, node->decl);
	}
	for (size_t i = 0; i < unit->extract.n; i++) {
		const klp_extract_line *l = &unit->extract.lines[i];
		tree id = l->kind == KLP_EXTRACT_REF ? maybe_get_identifier(l->ref_symbol) : NULL_TREE;

		if (id && TREE_SYMBOL_REFERENCED(id))
			unit->refs.safe_push(extract_ref{ l->ref_symbol, l->kernel_symbol, l->object,
							  l->position });
	}
}

void register_extract_mode(const char *name, klp_unit *unit)
{
	register_callback(name, PLUGIN_FINISH_PARSE_FUNCTION, record_definition, &unit->parsed);
	register_callback(name, PLUGIN_FINISH_DECL, record_declaration, &unit->parsed);
	register_callback(name, PLUGIN_ALL_IPA_PASSES_START, start_extract, unit);
	register_callback(name, PLUGIN_FINISH_UNIT, finish_extract, unit);
}
