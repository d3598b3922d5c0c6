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
 * `.klp_tag.map` section (format: klp_map.h) recording every function's
 * object, for klp-arch-check.
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
 *   verbose       print each function's object as a note
 *
 * Build with `make`; use with
 *   gcc -fplugin=plugin/klp_tag.so -fplugin-arg-klp_tag-abi=klp-arch ...
 * or, after `make install`, -fplugin=klp_tag.  The plugin predefines
 * __KLP_TAG__, which kbuild-integration/klp_tag.h tests.
 */
#include "gcc-plugin.h"
#include "plugin-version.h"
#include "tree.h"
#include "tree-pass.h"
#include "context.h"
#include "function.h"
#include "basic-block.h"
#include "gimple.h"
#include "gimple-iterator.h"
#include "cgraph.h"
#include "stringpool.h"
#include "attribs.h"
#include "diagnostic-core.h"
#include "output.h"
#include "hash-map.h"
#include "hash-set.h"

#include "asm_rewrite.h"
#include "klp_map.h"
#include "objname.h"
#include "tagfile.h"

int plugin_is_GPL_compatible;

#define KLP_TAG_VERSION "1.0"

static const char *const plugin_help =
	"klp_tag " KLP_TAG_VERSION ": move the alternative and paravirt entries of livepatch\n"
	"replacement functions into .klp.arch.<object>..altinstructions/..parainstructions.\n"
	"  -fplugin-arg-klp_tag-object=NAME           default object of the unit's functions\n"
	"  -fplugin-arg-klp_tag-tags=FILE             tag file: one 'FUNCTION OBJECT' a line\n"
	"  -fplugin-arg-klp_tag-abi=auto|klp-arch|none  target kernel (default auto)\n"
	"  -fplugin-arg-klp_tag-kernel=klp-arch|none  with abi=auto: what the kernel tree\n"
	"                                             declares, for units without livepatch.h\n"
	"  -fplugin-arg-klp_tag-verbose               print each function's object\n"
	"  __attribute__((klp_object(\"NAME\")))         tag one function\n";

static struct plugin_info klp_tag_info = { KLP_TAG_VERSION, plugin_help };

/* ---- options and unit-wide state ---------------------------------------- */

static const char *default_object;          /* normalised, or NULL */
static enum klp_map_abi abi_requested = KLP_ABI_AUTO;
/* kernel=: what the build's kernel tree declares, for units that include no
 * livepatch header (the kbuild fragment passes it with abi=auto). */
static enum klp_map_abi kernel_tree_abi = KLP_ABI_AUTO;
static bool verbose;
static struct klp_tagset *tagset;

/* What the unit declared, seen while it was parsed (abi=auto). */
static bool saw_consumer_hook;      /* arch_klp_init_object_loaded() */
static bool saw_livepatch_header;   /* struct klp_object, klp_enable_patch(), ... */

/* A tag file line that disagreed with an earlier one for the same function. */
struct tagfile_conflict {
	const char *function;
	const char *object;
	const char *file;
	unsigned line;
};
static vec<tagfile_conflict> tagfile_conflicts;

/* The first klp_object attribute of each function name, to point at it when a
 * redeclaration disagrees. */
struct attribute_tag {
	const char *object;
	location_t loc;
};
static hash_map<tree, attribute_tag> *attribute_tags;   /* by DECL_NAME */

/* Propagation lattice: unknown yet, one object, callers disagree. */
enum propagation_state { P_TOP, P_VALUE, P_CONFLICT };

/*
 * A function and all its IPA clones and split parts (they share their
 * origin's object).  Built once the call graph is final.
 */
struct group {
	tree origin;
	const char *object;             /* final object, NULL if none */
	enum klp_map_source source;
	/* Explicit sources, for agreement checks and messages. */
	const char *table_object;
	location_t table_loc;
	/* Propagation. */
	bool eligible;                  /* static, address not taken, not init/exit, no explicit tag */
	bool init_exit;
	bool address_taken;
	bool unplaced;                  /* static helper propagation could not place */
	bool defined;                   /* has a body in this unit (not only named by a table) */
	bool from_init;                 /* reachable from the module's init function */
	enum propagation_state state;
	const char *value;
	vec<group *> callers;
	vec<group *> callees;
};

static hash_map<tree, group *> *groups;   /* by C identifier (group_of) */
static bool resolved;
static enum klp_map_abi abi_resolved = KLP_ABI_NONE;
static vec<const char *> table_objects;   /* objects the unit's tables name */

/* Function records for .klp_tag.map, collected as functions are compiled. */
struct map_record {
	const char *symbol;
	const char *function;
	const char *object;
	enum klp_map_source source;
	unsigned flags;
};
static vec<map_record> map_records;

static const char *source_name(enum klp_map_source s)
{
	switch (s) {
	case KLP_SRC_ATTRIBUTE: return "attribute";
	case KLP_SRC_TAGFILE: return "tagfile";
	case KLP_SRC_TABLE: return "table";
	case KLP_SRC_PROPAGATED: return "propagated";
	case KLP_SRC_DEFAULT: return "default";
	default: return "none";
	}
}

/* Keep a string for the whole compile (out of GCC's garbage collector's reach). */
static const char *keep_string(const char *s)
{
	return xstrdup(s);
}

/*
 * Normalise an object name given by SOURCE_DESC (e.g. "the klp_object
 * attribute"); report a bad one at LOC and return NULL.
 */
static const char *checked_object_name(const char *name, size_t len, location_t loc,
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

/* ---- the klp_object attribute ------------------------------------------- */

static tree handle_klp_object_attribute(tree *node, tree name, tree args, int flags,
					bool *no_add_attrs)
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
	if (TREE_CODE(arg) != STRING_CST) {
		error_at(loc, "%<klp_object%> attribute of %qD takes the object name as a "
			 "string, as in klp_object(\"vmlinux\")", decl);
		return NULL_TREE;
	}
	object = checked_object_name(TREE_STRING_POINTER(arg), TREE_STRING_LENGTH(arg) - 1,
				     loc, "klp_object attribute");
	if (!object)
		return NULL_TREE;
	seen = attribute_tags->get(DECL_NAME(decl));
	if (seen && strcmp(seen->object, object) != 0) {
		error_at(loc, "%qD is tagged for object %qs here but for object %qs by the "
			 "klp_object attribute of an earlier declaration", decl, object,
			 seen->object);
		inform(seen->loc, "earlier declaration with klp_object(%qs)", seen->object);
		return NULL_TREE;
	}
	if (!seen)
		attribute_tags->put(DECL_NAME(decl), attribute_tag{ object, loc });
	*no_add_attrs = false;
	return NULL_TREE;
}

static struct attribute_spec klp_object_attr = {
	"klp_object", 1, 1, false, false, false, false,
	handle_klp_object_attribute, NULL
};

static void register_attributes(void *event_data, void *data)
{
	register_attribute(&klp_object_attr);
}

/* ---- what the unit declares (abi=auto) ---------------------------------- */

static bool name_is(tree id, const char *s)
{
	return id && TREE_CODE(id) == IDENTIFIER_NODE && strcmp(IDENTIFIER_POINTER(id), s) == 0;
}

static void watch_declaration(void *event_data, void *data)
{
	tree decl = (tree)event_data;

	if (TREE_CODE(decl) != FUNCTION_DECL)
		return;
	if (name_is(DECL_NAME(decl), "arch_klp_init_object_loaded"))
		saw_consumer_hook = true;
	else if (name_is(DECL_NAME(decl), "klp_enable_patch") ||
		 name_is(DECL_NAME(decl), "klp_register_patch"))
		saw_livepatch_header = true;
}

static void watch_type(void *event_data, void *data)
{
	tree type = (tree)event_data;
	tree id;

	if (!type || TREE_CODE(type) != RECORD_TYPE)
		return;
	id = TYPE_NAME(type);
	if (id && TREE_CODE(id) == TYPE_DECL)
		id = DECL_NAME(id);
	if (name_is(id, "klp_object") || name_is(id, "klp_patch") || name_is(id, "klp_func"))
		saw_livepatch_header = true;
}

/* __KLP_TAG__ tells klp_tag.h the plugin is there.  cc1 only: lto1 has no
 * preprocessor, hence the weak references. */
struct cpp_reader;
extern cpp_reader *parse_in __attribute__((weak));
extern void cpp_define(cpp_reader *, const char *) __attribute__((weak));

static void define_macro(void *event_data, void *data)
{
	if (&parse_in && &cpp_define && parse_in)
		cpp_define(parse_in, "__KLP_TAG__=1");
}

/* ---- tag files ----------------------------------------------------------- */

struct tagfile_ctx {
	const char *file;
};

static int tagfile_pair(void *ctx, const char *function, size_t len, const char *object,
			unsigned line)
{
	const char *file = ((struct tagfile_ctx *)ctx)->file;
	const struct klp_tag *earlier = klp_tagset_add(tagset, function, len, object, file, line);

	if (earlier == KLP_TAGSET_NOMEM) {
		error("out of memory reading tag file %qs", file);
		return 1;
	}
	if (earlier) {
		tagfile_conflict c = { keep_string(earlier->function), keep_string(object),
				       file, line };
		tagfile_conflicts.safe_push(c);
	}
	return 0;
}

static void tagfile_error(void *ctx, unsigned line, const char *why)
{
	error("%s:%u: malformed tag line: %s", ((struct tagfile_ctx *)ctx)->file, line, why);
}

static void read_tag_file(const char *path)
{
	static const struct klp_tagfile_callbacks cb = { tagfile_pair, tagfile_error };
	struct tagfile_ctx ctx = { keep_string(path) };
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	size_t len = 0, cap = 0;

	if (!f) {
		error("cannot read tag file %qs: %s", path, xstrerror(errno));
		return;
	}
	for (;;) {
		size_t n;

		if (cap - len < 65536) {
			cap = cap ? 2 * cap : 1 << 20;
			text = XRESIZEVEC(char, text, cap);
		}
		n = fread(text + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f))
		error("cannot read tag file %qs: %s", path, xstrerror(errno));
	else
		klp_tagfile_parse(text, len, &cb, &ctx);
	fclose(f);
	free(text);
}

/* ---- which object a function belongs to ---------------------------------- */

/*
 * IPA clones and split parts point at their origin through
 * DECL_ABSTRACT_ORIGIN once materialized; before that, only their node's
 * clone_of says where they come from.
 */
static tree origin_of(tree decl)
{
	while (DECL_ABSTRACT_ORIGIN(decl) && DECL_ABSTRACT_ORIGIN(decl) != decl &&
	       TREE_CODE(DECL_ABSTRACT_ORIGIN(decl)) == FUNCTION_DECL)
		decl = DECL_ABSTRACT_ORIGIN(decl);
	return decl;
}

static const char *c_name(tree decl)
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
static group *group_of(tree decl)
{
	tree origin = origin_of(decl);
	bool existed;
	group **slot;

	if (!DECL_NAME(origin))
		return NULL;
	slot = &groups->get_or_insert(DECL_NAME(origin), &existed);
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

static tree origin_of_node(cgraph_node *node)
{
	while (node->clone_of)
		node = node->clone_of;
	return origin_of(node->decl);
}

static group *find_group(tree decl)
{
	group **g = DECL_NAME(origin_of(decl)) ? groups->get(DECL_NAME(origin_of(decl))) : NULL;

	return g ? *g : NULL;
}

/* ---- klp_object tables ---------------------------------------------------- */

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

/* The object name a klp_object's .name gives: NULL or absent is vmlinux. */
static bool table_object_name(tree value, location_t loc, const char **object)
{
	if (!value || integer_zerop(value)) {
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

static void tag_from_table(tree fn, const char *object, tree var)
{
	group *g = group_of(fn);
	location_t loc = DECL_SOURCE_LOCATION(var);

	if (!g)
		return;
	if (g->table_object && strcmp(g->table_object, object) != 0) {
		error_at(DECL_SOURCE_LOCATION(g->origin),
			 "%qD is the %<.new_func%> of klp_object tables for two objects: "
			 "%qs and %qs", g->origin, g->table_object, object);
		inform(g->table_loc, "table naming %qs", g->table_object);
		inform(loc, "table naming %qs", object);
		return;
	}
	g->table_object = object;
	g->table_loc = loc;
}

static void note_table_object(const char *object)
{
	unsigned i;
	const char *o;

	FOR_EACH_VEC_ELT(table_objects, i, o)
		if (strcmp(o, object) == 0)
			return;
	table_objects.safe_push(object);
}

static bool absent_or_null(tree value)
{
	return !value || integer_zerop(value);
}

/*
 * One klp_object initializer.  Returns false at the array's terminator (no
 * name and no funcs), where the kernel stops iterating the objects.
 */
static bool read_klp_object(tree ctor, tree var)
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
	note_table_object(object);
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
			tag_from_table(fn, object, var);
	}
	return true;
}

static void read_klp_tables(void)
{
	static bool done;
	varpool_node *vnode;

	if (done)
		return;
	done = true;
	FOR_EACH_VARIABLE(vnode) {
		/* get_constructor(): lto1 streams initializers in on demand. */
		tree var = vnode->decl, type = TREE_TYPE(var), ctor = vnode->get_constructor();
		unsigned i;
		tree elt;

		if (!ctor || TREE_CODE(ctor) != CONSTRUCTOR)
			continue;
		if (type_is_struct(type, "klp_object")) {
			read_klp_object(ctor, var);
		} else if (TREE_CODE(type) == ARRAY_TYPE &&
			   type_is_struct(TREE_TYPE(type), "klp_object")) {
			FOR_EACH_CONSTRUCTOR_VALUE(CONSTRUCTOR_ELTS(ctor), i, elt)
				if (!read_klp_object(elt, var))
					break;
		}
	}
}

/* ---- resolution: explicit sources, propagation, default ------------------ */

/*
 * The object DECL's klp_object attribute names, normalised.  Read from the
 * declaration, where it also survives LTO streaming; the handler already
 * rejected bad names and a second, disagreeing attribute.
 */
static const char *attribute_object(tree decl)
{
	tree attr = lookup_attribute("klp_object", DECL_ATTRIBUTES(decl));
	tree arg;
	char out[KLP_OBJNAME_MAX + 1], why[KLP_OBJNAME_WHY];

	if (!attr || !TREE_VALUE(attr))
		return NULL;
	arg = TREE_VALUE(TREE_VALUE(attr));
	if (TREE_CODE(arg) != STRING_CST ||
	    klp_objname_normalise(TREE_STRING_POINTER(arg), TREE_STRING_LENGTH(arg) - 1, out, why))
		return NULL;
	return keep_string(out);
}

/* The explicit object of G, checking that its explicit sources agree. */
static void resolve_explicit(group *g)
{
	tree decl = g->origin;
	location_t loc = DECL_SOURCE_LOCATION(decl);
	const char *attr = attribute_object(decl);
	const struct klp_tag *tag = DECL_NAME(decl) ? klp_tagset_find(tagset, c_name(decl)) : NULL;
	unsigned i;
	tagfile_conflict *c;

	if (tag)
		FOR_EACH_VEC_ELT(tagfile_conflicts, i, c)
			if (strcmp(c->function, c_name(decl)) == 0)
				error_at(loc, "%qD is tagged for object %qs by %s:%u but for object "
					 "%qs by %s:%u", decl, tag->object, tag->file, tag->line,
					 c->object, c->file, c->line);
	if (attr && tag && strcmp(attr, tag->object) != 0)
		error_at(loc, "%qD is tagged for object %qs by its klp_object attribute but for "
			 "object %qs by tag file %s:%u", decl, attr, tag->object,
			 tag->file, tag->line);
	if (attr && g->table_object && strcmp(attr, g->table_object) != 0)
		error_at(loc, "%qD is tagged for object %qs by its klp_object attribute but is "
			 "the %<.new_func%> of the klp_object table for %qs", decl, attr,
			 g->table_object);
	if (tag && g->table_object && strcmp(tag->object, g->table_object) != 0)
		error_at(loc, "%qD is tagged for object %qs by tag file %s:%u but is the "
			 "%<.new_func%> of the klp_object table for %qs", decl, tag->object,
			 tag->file, tag->line, g->table_object);

	if (attr) {
		g->object = attr;
		g->source = KLP_SRC_ATTRIBUTE;
	} else if (tag) {
		g->object = keep_string(tag->object);
		g->source = KLP_SRC_TAGFILE;
	} else if (g->table_object) {
		g->object = g->table_object;
		g->source = KLP_SRC_TABLE;
	}
	if (g->object) {
		g->eligible = false;
		if (g->init_exit) {
			error_at(loc, "%qD is tagged for object %qs but is %s code (section %qs): "
				 "its entries would be applied when the object loads, after that "
				 "code is freed; remove the tag", decl, g->object,
				 strncmp(DECL_SECTION_NAME(decl), ".init", 5) == 0 ? "__init"
										    : "__exit",
				 DECL_SECTION_NAME(decl));
			g->object = NULL;
			g->source = KLP_SRC_NONE;
		}
	}
}

/*
 * What __init/__exit callers pass on: a helper only they call is part of
 * that code, so it takes neither an object nor the default.
 */
static const char init_exit_code[] = "(__init/__exit code)";

/*
 * The object a caller counts with while propagating: its final object,
 * whatever its source (*KNOWN false while that is still open).
 */
static const char *caller_object(const group *g, bool *known)
{
	*known = true;
	if (g->init_exit)
		return init_exit_code;
	if (g->object)
		return g->object;
	if (g->eligible && g->state == P_TOP) {
		*known = false;
		return NULL;
	}
	return g->eligible && g->state == P_VALUE ? g->value : default_object;
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
static void propagate(auto_vec<group *> &all)
{
	auto_vec<group *> work;
	hash_set<group *> queued;
	unsigned i;
	group *g;

	FOR_EACH_VEC_ELT(all, i, g)
		if (g->eligible) {
			work.safe_push(g);
			queued.add(g);
		}
	while (!work.is_empty()) {
		const char *meet = NULL;
		bool any = false, conflict = false;
		enum propagation_state before;
		group *caller, *callee;
		unsigned j;

		g = work.pop();
		queued.remove(g);
		if (g->state == P_CONFLICT)
			continue;
		FOR_EACH_VEC_ELT(g->callers, j, caller) {
			bool known;
			const char *o;

			if (caller == g)
				continue;
			o = caller_object(caller, &known);
			if (!known)
				continue;
			if (!o || (any && !same_object(o, meet)))
				conflict = true;
			meet = o;
			any = true;
		}
		before = g->state;
		if (conflict || (any && g->state == P_VALUE && !same_object(g->value, meet))) {
			g->state = P_CONFLICT;
		} else if (any && g->state == P_TOP) {
			g->state = P_VALUE;
			g->value = meet;
		}
		if (g->state == before)
			continue;
		FOR_EACH_VEC_ELT(g->callees, j, callee)
			if (callee->eligible && !queued.add(callee))
				work.safe_push(callee);
	}
}

static void mark_reachable_from_init(void)
{
	symtab_node *snode;
	auto_vec<group *> work;

	FOR_EACH_SYMBOL(snode) {
		cgraph_node *target;
		group *g;

		if (!snode->alias || !name_is(DECL_NAME(snode->decl), "init_module"))
			continue;
		target = dyn_cast<cgraph_node *>(snode->ultimate_alias_target());
		if (target && (g = find_group(origin_of_node(target))))
			work.safe_push(g);
	}
	while (!work.is_empty()) {
		group *g = work.pop(), *callee;
		unsigned i;

		if (g->from_init)
			continue;
		g->from_init = true;
		FOR_EACH_VEC_ELT(g->callees, i, callee)
			work.safe_push(callee);
	}
}

static void resolve_abi(bool unit_has_tags, location_t loc)
{
	if (abi_requested != KLP_ABI_AUTO) {
		abi_resolved = abi_requested;
		return;
	}
	if (saw_consumer_hook) {
		abi_resolved = KLP_ABI_KLP_ARCH;
		return;
	}
	if (!saw_livepatch_header && kernel_tree_abi == KLP_ABI_KLP_ARCH) {
		abi_resolved = KLP_ABI_KLP_ARCH;
		return;
	}
	abi_resolved = KLP_ABI_NONE;
	if (!unit_has_tags)
		return;
	if (saw_livepatch_header || kernel_tree_abi == KLP_ABI_NONE)
		inform(loc, "klp_tag: these kernel headers declare no "
		       "%<arch_klp_init_object_loaded%>, so the target kernel (5.8 or later, "
		       "or a backport of the removal) applies alternatives and paravirt "
		       "entries at module load: nothing is renamed to .klp.arch");
	else
		warning_at(loc, 0, "klp_tag: the target kernel is unknown (this unit does not "
			   "include %<<linux/livepatch.h>%>), so nothing is renamed; pass "
			   "%<-fplugin-arg-klp_tag-abi=klp-arch%> (kernels 4.9 to 5.7) or "
			   "%<-fplugin-arg-klp_tag-abi=none%>");
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

/* Does any function of the unit have an object before propagation? */
static bool unit_has_tags(void)
{
	cgraph_node *node;

	if (default_object)
		return true;
	FOR_EACH_FUNCTION(node) {
		tree decl = node->decl;
		group *g;

		if (!node->definition || !DECL_NAME(decl))
			continue;
		if (attribute_object(decl) || klp_tagset_find(tagset, c_name(decl)))
			return true;
		g = find_group(decl);
		if (g && g->table_object)
			return true;
	}
	return false;
}

/*
 * Before IPA: identical code folding would merge replacement functions of
 * different objects (or a replacement and a plain function) into one body,
 * and one body can hold its entries in one section only.  So in a unit with
 * tags no function is folded, whatever the ABI, so that the abi=none
 * reference build has the same functions and entries.
 */
static void keep_functions_apart(void *event_data, void *data)
{
	cgraph_node *node;
	tree no_icf = get_identifier("no_icf");

	read_klp_tables();
	if (!unit_has_tags())
		return;
	FOR_EACH_FUNCTION(node)
		if (node->definition && !lookup_attribute("no_icf", DECL_ATTRIBUTES(node->decl)))
			DECL_ATTRIBUTES(node->decl) =
				tree_cons(no_icf, NULL_TREE, DECL_ATTRIBUTES(node->decl));
}

/* Decide every function's object, once the call graph is final. */
static void resolve_objects(void *event_data, void *data)
{
	cgraph_node *node;
	auto_vec<group *> all;
	location_t first_tagged = UNKNOWN_LOCATION;
	unsigned i;
	group *g;

	if (resolved)
		return;
	resolved = true;

	read_klp_tables();
	FOR_EACH_FUNCTION(node) {
		group *g;

		if (node->alias || node->thunk || !node->definition)
			continue;
		g = group_of(origin_of_node(node));
		if (g)
			g->defined = true;
	}
	for (hash_map<tree, group *>::iterator it = groups->begin(); it != groups->end(); ++it)
		all.safe_push((*it).second);
	/* Real calls only: an inlined call is part of its caller's body. */
	FOR_EACH_FUNCTION(node) {
		cgraph_edge *e;
		group *caller;

		if (node->alias || node->thunk || !node->definition)
			continue;
		caller = find_group(origin_of_node(node->inlined_to ? node->inlined_to : node));
		if (!caller)
			continue;
		for (e = node->callees; e; e = e->next_callee) {
			group *cg;

			if (!e->inline_failed)
				continue;
			cg = find_group(origin_of_node(e->callee->ultimate_alias_target()));
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
			group *g = find_group(origin_of_node(node));

			if (g) {
				g->address_taken = true;
				g->eligible = false;
			}
		}

	FOR_EACH_VEC_ELT(all, i, g)
		resolve_explicit(g);
	propagate(all);
	FOR_EACH_VEC_ELT(all, i, g) {
		if (g->object || g->init_exit)
			continue;
		if (g->eligible && g->state == P_VALUE && g->value == init_exit_code)
			continue;
		if (g->eligible && g->state == P_VALUE && g->value) {
			g->object = g->value;
			g->source = KLP_SRC_PROPAGATED;
			continue;
		}
		g->unplaced = !TREE_PUBLIC(g->origin) &&
			      (g->address_taken || (g->eligible && g->state == P_CONFLICT));
		if (default_object) {
			g->object = default_object;
			g->source = KLP_SRC_DEFAULT;
		}
	}
	/* The unit-wide message goes to the first tagged function in the source. */
	FOR_EACH_VEC_ELT(all, i, g)
		if (g->object && g->defined && (first_tagged == UNKNOWN_LOCATION ||
				  DECL_SOURCE_LOCATION(g->origin) < first_tagged))
			first_tagged = DECL_SOURCE_LOCATION(g->origin);
	resolve_abi(first_tagged != UNKNOWN_LOCATION, first_tagged);
	if (abi_resolved == KLP_ABI_KLP_ARCH)
		mark_reachable_from_init();
	if (first_tagged != UNKNOWN_LOCATION)
		warn_file_scope_asm();
}

/* ---- the pass: rename the sections of each function's asm ---------------- */

/*
 * A static helper that propagation could not place: say where its entries
 * go, naming the objects of its callers.
 */
static void note_unplaced_helper(group *g, location_t loc)
{
	unsigned i, n = 0;
	group *caller;
	const char *names[2] = { NULL, NULL };
	const char *fate = g->object ? "go to the unit default object"
				     : "stay in .altinstructions/.parainstructions, applied when "
				       "this patch module loads";

	FOR_EACH_VEC_ELT(g->callers, i, caller) {
		bool known;
		const char *o = caller != g ? caller_object(caller, &known) : NULL;

		if (!o || (names[0] && strcmp(names[0], o) == 0) ||
		    (names[1] && strcmp(names[1], o) == 0))
			continue;
		if (n < 2)
			names[n] = o;
		n++;
	}
	if (g->address_taken)
		inform(loc, "klp_tag: the address of %qD is taken, so its callers are unknown "
		       "and it inherits no object: its entries %s", g->origin, fate);
	else if (n >= 2)
		inform(loc, "klp_tag: %qD is called from functions of objects %qs and %qs%s, so it "
		       "inherits neither: its entries %s", g->origin, names[0], names[1],
		       n > 2 ? " and others" : "", fate);
	else
		inform(loc, "klp_tag: %qD is also called from functions that belong to no object, "
		       "so it inherits none: its entries %s", g->origin, fate);
}

static const char *symbol_name(tree decl)
{
	const char *s = IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME(decl));

	return s[0] == '*' ? s + 1 : s;
}

static unsigned int execute_klp_tag(function *fun)
{
	group *g;
	const char *object;
	bool rewrite, module_object;
	basic_block bb;
	unsigned renamed = 0, entries = 0;

	resolve_objects(NULL, NULL);
	g = find_group(fun->decl);
	object = g ? g->object : NULL;
	rewrite = object && abi_resolved == KLP_ABI_KLP_ARCH;
	module_object = object && strcmp(object, "vmlinux") != 0;

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
			entries += s.altinstructions + s.parainstructions;
			if (rewrite && module_object && s.jump_table)
				warning_at(gimple_location(stmt), 0,
					   "klp_tag: static branch (%<__jump_table%> entry) in %qD, "
					   "which belongs to module object %qs: these kernels' "
					   "livepatch cannot resolve static keys of a module that "
					   "is not loaded yet", fun->decl, object);
			if (!rewrite || !(s.altinstructions + s.parainstructions))
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
			renamed += count;
		}
	}

	if (g && abi_resolved == KLP_ABI_KLP_ARCH && entries) {
		if (g->unplaced)
			note_unplaced_helper(g, DECL_SOURCE_LOCATION(fun->decl));
		if (object && g->from_init)
			warning_at(DECL_SOURCE_LOCATION(fun->decl), 0,
				   "klp_tag: %qD is called from the module's init function, but its "
				   "entries in .klp.arch.%s are applied only %s; on the init path it "
				   "runs unpatched instructions", fun->decl, object,
				   strcmp(object, "vmlinux") == 0
					   ? "after klp_enable_patch()"
					   : "when that module object loads");
	}
	if (object) {
		map_record r = { keep_string(symbol_name(fun->decl)), c_name(g->origin), object,
				 g->source, (renamed ? KLP_MAP_F_REWRITTEN : 0u) |
					    (entries ? KLP_MAP_F_HAS_ENTRIES : 0u) };
		map_records.safe_push(r);
		if (verbose)
			inform(DECL_SOURCE_LOCATION(fun->decl),
			       "klp_tag: %qs belongs to object %qs (%s)%s", r.symbol, object,
			       source_name(g->source), renamed ? ", entries renamed" : "");
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
	klp_tag_pass(gcc::context *ctxt) : gimple_opt_pass(klp_tag_pass_data, ctxt) {}
	bool gate(function *) final override { return !seen_error(); }
	unsigned int execute(function *fun) final override { return execute_klp_tag(fun); }
};

} /* namespace */

/* ---- the .klp_tag.map section ------------------------------------------- */

static void emit_string(const char *s)
{
	fputs("\t.string \"", asm_out_file);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(asm_out_file, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(asm_out_file, "\\%03o", c);
		else
			fputc(c, asm_out_file);
	}
	fputs("\"\n", asm_out_file);
}

static void emit_record(enum klp_map_kind kind, unsigned source, unsigned flags,
			const char *symbol, const char *const *strings, unsigned nstrings)
{
	size_t len = KLP_MAP_HEADER_SIZE;
	unsigned i;

	for (i = 0; i < nstrings; i++)
		len += strlen(strings[i]) + 1;
	len = (len + KLP_MAP_ALIGN - 1) & ~(size_t)(KLP_MAP_ALIGN - 1);
	fprintf(asm_out_file, "\t.balign %d, 0\n\t.long 0x%08x\n\t.byte %d, %d, %u, %u\n"
		"\t.long %zu, 0\n", KLP_MAP_ALIGN, KLP_MAP_MAGIC, KLP_MAP_VERSION, kind, source,
		flags, len);
	if (symbol)
		fprintf(asm_out_file, "\t.quad %s\n", symbol);
	else
		fputs("\t.quad 0\n", asm_out_file);
	for (i = 0; i < nstrings; i++)
		emit_string(strings[i]);
	fprintf(asm_out_file, "\t.balign %d, 0\n", KLP_MAP_ALIGN);
}

static void emit_map(void *event_data, void *data)
{
	unsigned i;
	map_record *r;
	const char *o;

	if (seen_error() || !asm_out_file || (flag_generate_lto && !flag_fat_lto_objects))
		return;
	fprintf(asm_out_file, "\t.pushsection %s,\"\",@0x%08x\n", KLP_MAP_SECTION,
		KLP_MAP_SECTION_TYPE);
	{
		const char *unit[2] = { "klp-tag " KLP_TAG_VERSION, main_input_filename
									? main_input_filename : "" };
		emit_record(KLP_MAP_UNIT, abi_requested, abi_resolved, NULL, unit, 2);
	}
	FOR_EACH_VEC_ELT(table_objects, i, o)
		emit_record(KLP_MAP_OBJECT, 0, 0, NULL, &o, 1);
	FOR_EACH_VEC_ELT(map_records, i, r) {
		const char *strings[3] = { r->object, r->function, r->symbol };

		emit_record(KLP_MAP_FUNCTION, r->source, r->flags, r->symbol, strings, 3);
	}
	fputs("\t.popsection\n", asm_out_file);
}

/* ---- plugin_init ---------------------------------------------------------- */

static bool parse_arguments(struct plugin_name_args *info)
{
	const char *const prefix = "-fplugin-arg-klp_tag-";
	bool ok = true;
	int i;

	for (i = 0; i < info->argc; i++) {
		const char *key = info->argv[i].key, *value = info->argv[i].value;
		bool needs_value = strcmp(key, "object") == 0 || strcmp(key, "tags") == 0 ||
				   strcmp(key, "abi") == 0 || strcmp(key, "kernel") == 0;
		enum klp_map_abi *abi = strcmp(key, "kernel") == 0 ? &kernel_tree_abi
								     : &abi_requested;

		if (!needs_value && strcmp(key, "verbose") != 0) {
			error("unknown option %<%s%s%>; klp_tag knows object=, tags=, abi=, "
			      "kernel= and verbose", prefix, key);
			ok = false;
			continue;
		}
		if (needs_value && (!value || !*value)) {
			error("option %<%s%s%> needs a value: %<%s%s=%s%>", prefix, key, prefix, key,
			      strcmp(key, "object") == 0 ? "NAME"
			      : strcmp(key, "tags") == 0 ? "FILE"
			      : strcmp(key, "abi") == 0 ? "auto|klp-arch|none" : "klp-arch|none");
			ok = false;
			continue;
		}
		if (!needs_value && value) {
			error("option %<%s%s%> takes no value", prefix, key);
			ok = false;
		} else if (strcmp(key, "verbose") == 0) {
			verbose = true;
		} else if (strcmp(key, "object") == 0) {
			default_object = checked_object_name(value, strlen(value), UNKNOWN_LOCATION,
							     "-fplugin-arg-klp_tag-object");
			ok &= default_object != NULL;
		} else if (strcmp(key, "tags") == 0) {
			read_tag_file(value);
		} else if (strcmp(value, "auto") == 0 && abi == &abi_requested) {
			*abi = KLP_ABI_AUTO;
		} else if (strcmp(value, "klp-arch") == 0) {
			*abi = KLP_ABI_KLP_ARCH;
		} else if (strcmp(value, "none") == 0) {
			*abi = KLP_ABI_NONE;
		} else {
			error("option %<%s%s=%s%>: the value must be %s", prefix, key, value,
			      abi == &abi_requested ? "'auto', 'klp-arch' or 'none'"
						    : "'klp-arch' or 'none'");
			ok = false;
		}
	}
	return ok;
}

int plugin_init(struct plugin_name_args *info, struct plugin_gcc_version *version)
{
	struct register_pass_info pass;

	/* Nothing may touch GCC before this: the plugin may be in the wrong compiler. */
	if (!plugin_default_version_check(version, &gcc_version)) {
		fprintf(stderr, "klp_tag: this plugin was built for GCC %s (%s) and cannot run in "
			"GCC %s (%s); rebuild it with this compiler (make CC=...)\n",
			gcc_version.basever, gcc_version.datestamp, version->basever,
			version->datestamp);
		return 1;
	}

	tagset = klp_tagset_new();
	attribute_tags = new hash_map<tree, attribute_tag>;
	groups = new hash_map<tree, group *>;
	if (!tagset) {
		error("klp_tag: out of memory");
		return 1;
	}
	parse_arguments(info);

	register_callback(info->base_name, PLUGIN_INFO, NULL, &klp_tag_info);
	register_callback(info->base_name, PLUGIN_ATTRIBUTES, register_attributes, NULL);
	register_callback(info->base_name, PLUGIN_START_UNIT, define_macro, NULL);
	register_callback(info->base_name, PLUGIN_FINISH_DECL, watch_declaration, NULL);
	register_callback(info->base_name, PLUGIN_FINISH_TYPE, watch_type, NULL);
	register_callback(info->base_name, PLUGIN_ALL_IPA_PASSES_START, keep_functions_apart, NULL);
	register_callback(info->base_name, PLUGIN_ALL_IPA_PASSES_END, resolve_objects, NULL);
	register_callback(info->base_name, PLUGIN_FINISH_UNIT, emit_map, NULL);

	pass.pass = new klp_tag_pass(g);
	pass.reference_pass_name = "optimized";
	pass.ref_pass_instance_number = 1;
	pass.pos_op = PASS_POS_INSERT_AFTER;
	register_callback(info->base_name, PLUGIN_PASS_MANAGER_SETUP, NULL, &pass);
	return 0;
}
