// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * describe.cc - describe mode (-fplugin-arg-klp_tag-describe): write
 * DUMPBASE.klp-describe (format: common/describe.h), what this compile made
 * of each function and function-local variable, for klp-tag-build, and
 * change nothing in the compile: no attribute, no macro, no pass, no map
 * section, no name asked for before GCC gives it.  A test compares the
 * object with one built without the plugin, byte for byte.
 *
 * In:  klp_parsed (fn lines, ordinals); each file-scope struct and union
 *      type as it is completed (type lines); after each function's early
 *      inlining, the scopes of the bodies inlined into it; after IPA, the
 *      call graph's inline decisions; at the end of the unit, the symbols
 *      GCC emitted and their names
 * Out: the describe file
 *
 * Which bodies are inlined into a function: GCC inlines in two places.
 * The early inliner (einline, per function, before IPA) splices bodies in
 * and leaves no trace in the call graph, only a scope (BLOCK) whose origin
 * is the inlined function; later optimisations drop a scope whose code was
 * folded away, so the scopes are read right after einline (the next pass
 * that runs for the function).  The IPA inliner's decisions are the call
 * graph's edges that are not inline_failed, at the end of IPA.  A
 * function's set is its own early set, and for each IPA-inlined call the
 * callee's origin and the callee's own set, transitively.
 */
#include "gcc-plugin.h"
#include "tree.h"
#include "tree-pass.h"
#include "cgraph.h"
#include "function.h"
#include "options.h"
#include "diagnostic-core.h"

#include "describe.h"
#include "stages.h"

#include <errno.h>

typedef hash_map<int_hash<unsigned, 0xffffffffu, 0xfffffffeu>, name_set *> inline_sets;

struct describe_state {
	klp_unit *unit;
	/* By the DECL_UID of a function body: the origins of the bodies einline put in it. */
	inline_sets *early;
	unsigned einline_done;		/* the DECL_UID einline just ran for, or 0 */
	/* By emitted symbol: the origins of every body inlined into it (at IPA's end). */
	hash_map<const char *, name_set *, simple_hashmap_traits<nofree_string_hash, name_set *>>
		*inlined;
};

static describe_state state;

/*
 * The layouts of the unit's file-scope struct and union types, by TAG
 * ("struct.NAME", "union.NAME", "typedef.NAME"): computed when the type is
 * complete (no tree is kept, only its TYPE_UID), written at the end of the
 * unit.  The C parser sends PLUGIN_FINISH_TYPE for every struct or union
 * specifier, "struct seq_file *m" too: a TAG is recorded once for a type,
 * and a second type of the same TAG (a redefinition) is folded in.
 */
struct type_layout {
	const char *tag;
	unsigned size;
	unsigned long long hash;
	unsigned uid;
};
static vec<type_layout> type_layouts;
static hash_map<nofree_string_hash, unsigned> *type_index;

/* FNV-1a, eight bytes at a time: the same in every compile and on every host. */
static unsigned long long layout_mix(unsigned long long h, unsigned long long v)
{
	for (int i = 0; i < 8; i++) {
		h ^= (v >> (8 * i)) & 0xff;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static unsigned long long layout_mix_string(unsigned long long h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return layout_mix(h, 0);
}

static unsigned long long constant_or_max(tree t)
{
	return t && tree_fits_uhwi_p(t) ? tree_to_uhwi(t) : ~0ULL;
}

/* Every member's name, bit offset and bit size; unnamed struct/union members' too. */
static unsigned long long layout_hash(tree type, unsigned long long h, unsigned depth)
{
	for (tree f = TYPE_FIELDS(type); f; f = DECL_CHAIN(f)) {
		if (TREE_CODE(f) != FIELD_DECL)
			continue;
		h = layout_mix_string(h, DECL_NAME(f) ? IDENTIFIER_POINTER(DECL_NAME(f)) : "");
		h = layout_mix(h, constant_or_max(bit_position(f)));
		h = layout_mix(h, constant_or_max(DECL_SIZE(f)));
		if (!DECL_NAME(f) && RECORD_OR_UNION_TYPE_P(TREE_TYPE(f)) && depth < 16)
			h = layout_hash(TREE_TYPE(f), layout_mix(h, 0x7b), depth + 1);
	}
	return h;
}

static void add_type(const char *kind, tree type, const char *name)
{
	char tag[256];
	unsigned uid = TYPE_UID(TYPE_MAIN_VARIANT(type)), size;
	unsigned long long hash;
	unsigned *seen;

	snprintf(tag, sizeof(tag), "%s.%s", kind, name);
	seen = type_index->get(tag);
	if (seen && type_layouts[*seen].uid == uid)
		return;
	size = (unsigned)constant_or_max(TYPE_SIZE_UNIT(type));
	hash = layout_hash(type, layout_mix_string(0xcbf29ce484222325ULL, kind), 0);
	if (seen) {
		type_layouts[*seen].hash = layout_mix(type_layouts[*seen].hash, hash);
		type_layouts[*seen].size = size;
		type_layouts[*seen].uid = uid;
		return;
	}
	const char *key = xstrdup(tag);

	type_index->put(key, type_layouts.length());
	type_layouts.safe_push(type_layout{ key, size, hash, uid });
}

/* A struct or union type is complete: its layout, when it has a tag and file scope. */
static void record_type(void *event_data, void *)
{
	tree type = (tree)event_data;

	if (!type || !RECORD_OR_UNION_TYPE_P(type) || !COMPLETE_TYPE_P(type) ||
	    current_function_decl || !TYPE_NAME(type) ||
	    TREE_CODE(TYPE_NAME(type)) != IDENTIFIER_NODE)
		return;
	add_type(TREE_CODE(type) == UNION_TYPE ? "union" : "struct", type,
		 IDENTIFIER_POINTER(TYPE_NAME(type)));
}

/* A file-scope typedef of an untagged struct or union: the typedef's name is its tag. */
static void record_typedef(void *event_data, void *)
{
	tree decl = (tree)event_data;
	tree type;

	if (!decl || TREE_CODE(decl) != TYPE_DECL || !DECL_NAME(decl) || current_function_decl)
		return;
	/* The C front end gives a typedef a variant of its type; its original is the struct. */
	type = DECL_ORIGINAL_TYPE(decl) ? DECL_ORIGINAL_TYPE(decl) : TREE_TYPE(decl);
	if (!type || !RECORD_OR_UNION_TYPE_P(type) || !COMPLETE_TYPE_P(type) ||
	    (TYPE_NAME(type) && TREE_CODE(TYPE_NAME(type)) == IDENTIFIER_NODE))
		return;
	add_type("typedef", type, IDENTIFIER_POINTER(DECL_NAME(decl)));
}

static bool write_types(FILE *out)
{
	bool ok = true;

	for (const type_layout &t : type_layouts) {
		size_t dot = strcspn(t.tag, ".");
		char kind[16];

		snprintf(kind, sizeof(kind), "%.*s", (int)dot, t.tag);
		ok &= klp_describe_write_type(out, kind, t.tag + dot + 1, t.size, t.hash) == 0;
	}
	return ok;
}

static bool is_function_origin(tree t)
{
	return t && TREE_CODE(t) == FUNCTION_DECL && DECL_NAME(t);
}

/* The origins of every inlined function's outermost scope under BLOCK. */
static void add_inlined_scopes(tree block, name_set *set)
{
	for (; block; block = BLOCK_CHAIN(block)) {
		if (inlined_function_outer_scope_p(block)) {
			tree origin = block_ultimate_origin(block);

			if (is_function_origin(origin))
				set->add(IDENTIFIER_POINTER(DECL_NAME(origin_of(origin))));
		}
		add_inlined_scopes(BLOCK_SUBBLOCKS(block), set);
	}
}

static void scopes_of(tree fndecl, name_set *set)
{
	tree body = DECL_INITIAL(fndecl);

	if (body && TREE_CODE(body) == BLOCK)
		add_inlined_scopes(body, set);
}

/*
 * Every pass execution: the first pass after einline for a function
 * reads the scopes einline made, before any optimisation drops one.
 */
static void after_einline(void *event_data, void *)
{
	opt_pass *pass = (opt_pass *)event_data;
	tree fn = current_function_decl;

	if (!fn)
		return;
	if (state.einline_done && DECL_UID(fn) == state.einline_done) {
		name_set *set = new name_set;
		bool existed;
		name_set *&slot = state.early->get_or_insert(state.einline_done, &existed);

		scopes_of(fn, set);
		if (existed)
			delete slot;
		slot = set;
		state.einline_done = 0;
	}
	if (pass->name && strcmp(pass->name, "einline") == 0)
		state.einline_done = DECL_UID(fn);
}

/* The decl whose body NODE's is (a virtual clone shares its origin's). */
static tree body_of(cgraph_node *node)
{
	while (node->clone_of)
		node = node->clone_of;
	return node->decl;
}

static void add_early(tree body, name_set *set)
{
	name_set **early = state.early->get(DECL_UID(body));

	if (early)
		for (const char *name : **early)
			set->add(name);
	/* Bodies einline never saw (split parts), or scopes that survived. */
	scopes_of(body, set);
}

static void add_ipa_inlined(cgraph_node *node, name_set *set, unsigned depth)
{
	cgraph_edge *e;

	/* Inline clones nest as deep as GCC's inline limits allow: a bound for a broken graph. */
	if (depth > 1000)
		return;
	for (e = node->callees; e; e = e->next_callee) {
		if (e->inline_failed)
			continue;
		if (is_function_origin(origin_of_node(e->callee)))
			set->add(IDENTIFIER_POINTER(DECL_NAME(origin_of_node(e->callee))));
		add_early(body_of(e->callee), set);
		add_ipa_inlined(e->callee, set, depth + 1);
	}
}

static const char *set_name(tree decl)
{
	const char *s;

	if (!DECL_ASSEMBLER_NAME_SET_P(decl))
		return NULL;
	s = IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME(decl));
	return s[0] == '*' ? s + 1 : s;
}

static void inlining_at_ipa_end(void *, void *)
{
	cgraph_node *node;

	FOR_EACH_FUNCTION(node) {
		const char *symbol = set_name(node->decl);
		name_set *set;

		if (!node->definition || node->alias || node->thunk || node->inlined_to || !symbol)
			continue;
		set = new name_set;
		add_early(body_of(node), set);
		add_ipa_inlined(node, set, 0);
		/* A recursive function inlined into itself is still itself. */
		if (DECL_NAME(origin_of_node(node)))
			set->remove(IDENTIFIER_POINTER(DECL_NAME(origin_of_node(node))));
		state.inlined->put(keep_string(symbol), set);
	}
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

struct emitted_var {
	const char *symbol, *cname, *context;
	unsigned ordinal;
};

static int by_var_symbol(const void *a, const void *b)
{
	return strcmp(((const emitted_var *)a)->symbol, ((const emitted_var *)b)->symbol);
}

static bool write_syms(FILE *out)
{
	auto_vec<const char *> symbols;
	hash_map<const char *, cgraph_node *, simple_hashmap_traits<nofree_string_hash, cgraph_node *>>
		nodes;
	cgraph_node *node;
	bool ok = true;

	FOR_EACH_FUNCTION(node) {
		const char *symbol = set_name(node->decl);

		if (!symbol || !TREE_ASM_WRITTEN(node->decl) || DECL_EXTERNAL(node->decl) ||
		    node->weakref || node->inlined_to || nodes.get(symbol))
			continue;
		nodes.put(symbol, node);
		symbols.safe_push(symbol);
	}
	symbols.qsort(by_string);
	for (const char *symbol : symbols) {
		cgraph_node *n = *nodes.get(symbol);
		tree origin = origin_of_node(n->alias ? n->ultimate_alias_target() : n);
		enum klp_sym_kind kind = KLP_SYM_ALIAS;
		name_set **set = state.inlined->get(symbol);
		auto_vec<const char *> names;

		if (!n->alias && origin == n->decl)
			kind = KLP_SYM_PLAIN;
		else if (!n->alias)
			kind = klp_sym_kind_of_clone(symbol) == KLP_SYM_PLAIN ? KLP_SYM_CLONE
									     : klp_sym_kind_of_clone(symbol);
		if (!DECL_NAME(origin))
			continue;
		ok &= klp_describe_write_sym(out, symbol, c_name(origin), kind) == 0;
		if (n->alias || !set || (*set)->is_empty())
			continue;
		for (const char *name : **set)
			names.safe_push(name);
		names.qsort(by_string);
		ok &= klp_describe_write_inl(out, symbol, names.address(), names.length()) == 0;
	}
	return ok;
}

static bool write_vars(FILE *out)
{
	auto_vec<emitted_var> vars;
	varpool_node *vnode;
	bool ok = true;

	FOR_EACH_VARIABLE(vnode) {
		tree decl = vnode->decl;
		const char *symbol = set_name(decl);
		unsigned ordinal;

		if (!symbol || !is_local_static(decl) || !TREE_ASM_WRITTEN(decl) || vnode->alias)
			continue;
		ordinal = local_ordinal(state.unit->parsed, decl);
		if (ordinal)
			vars.safe_push(emitted_var{ symbol, c_name(decl),
						    c_name(origin_of(DECL_CONTEXT(decl))), ordinal });
	}
	vars.qsort(by_var_symbol);
	for (const emitted_var &v : vars)
		ok &= klp_describe_write_var(out, v.symbol, v.cname, v.context, v.ordinal) == 0;
	return ok;
}

static const char *describe_path(void)
{
	const char *base = dump_base_name ? dump_base_name : main_input_filename;
	size_t len = strlen(base) + strlen(KLP_DESCRIBE_SUFFIX) + 1;
	char *path = XNEWVEC(char, len);

	snprintf(path, len, "%s%s", base, KLP_DESCRIBE_SUFFIX);
	return path;
}

/* A compile that fails leaves no describe file: a stale one would describe other code. */
static void remove_old_file(void *, void *)
{
	unlink(describe_path());
}

/*
 * The end of the unit: every name is given.  Written to PATH.tmp and
 * renamed, so a reader never sees half a file.
 */
static void write_describe_file(void *, void *)
{
	const char *path = describe_path();
	size_t len = strlen(path) + 5;
	char *tmp = XNEWVEC(char, len);
	bool ok;
	FILE *out;

	snprintf(tmp, len, "%s.tmp", path);
	if (seen_error())
		return;
	out = fopen(tmp, "w");
	if (!out) {
		error("cannot write the describe file %qs: %s", tmp, xstrerror(errno));
		return;
	}
	ok = klp_describe_write_header(out, main_input_filename) == 0;
	for (const parsed_function &f : state.unit->parsed.functions)
		ok &= klp_describe_write_fn(out, f.cname, f.file, f.first, f.last) == 0;
	ok &= write_syms(out);
	ok &= write_vars(out);
	ok &= write_types(out);
	if (ferror(out) | fclose(out)) {
		error("cannot write the describe file %qs: %s", tmp, xstrerror(errno));
		unlink(tmp);
		return;
	}
	if (!ok) {
		error("describe file %qs: a file or symbol name holds a blank or a control "
		      "character, which the describe file cannot hold (source %qs)", path,
		      main_input_filename);
		unlink(tmp);
		return;
	}
	if (rename(tmp, path))
		error("cannot write the describe file %qs: %s", path, xstrerror(errno));
}

/* The code comes from the LTO link, where nothing was parsed: nothing to describe here. */
static void refuse_lto(void *, void *)
{
	if (flag_generate_lto || flag_generate_offload || in_lto_p)
		error("klp_tag: describe mode describes the code this compile emits, and with "
		      "-flto the code is made at link time: compile without -flto");
}

void register_describe_mode(const char *name, klp_unit *unit)
{
	state.unit = unit;
	state.early = new inline_sets;
	state.inlined = new hash_map<const char *, name_set *,
				     simple_hashmap_traits<nofree_string_hash, name_set *>>;
	register_callback(name, PLUGIN_START_UNIT, remove_old_file, NULL);
	register_callback(name, PLUGIN_FINISH_PARSE_FUNCTION, record_definition, &unit->parsed);
	register_callback(name, PLUGIN_FINISH_DECL, record_declaration, &unit->parsed);
	register_callback(name, PLUGIN_PASS_EXECUTION, after_einline, NULL);
	register_callback(name, PLUGIN_ALL_IPA_PASSES_START, refuse_lto, NULL);
	register_callback(name, PLUGIN_ALL_IPA_PASSES_END, inlining_at_ipa_end, NULL);
	register_callback(name, PLUGIN_FINISH_UNIT, write_describe_file, NULL);
	type_index = new hash_map<nofree_string_hash, unsigned>;
	register_callback(name, PLUGIN_FINISH_TYPE, record_type, NULL);
	register_callback(name, PLUGIN_FINISH_DECL, record_typedef, NULL);
}
