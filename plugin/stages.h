/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stages.h - the stages of the klp_tag plugin and the one state they share.
 *
 * A unit goes through them in this order (klp_tag.cc registers each):
 *
 *   options.cc    plugin arguments, tag files and the extract file
 *                                                     -> klp_options, klp_tags, klp_extract
 *   declarations.cc  what the parser saw: definitions, their lines, the
 *                 ordinals of function-local variables (parsing)
 *                                                     -> klp_parsed
 *   extract.cc    extract mode: what the unit does not keep becomes a
 *                 reference to the running kernel (IPA starts), checked
 *                 at the end of the unit                -> klp_unit::refs
 *   attribute.cc  the klp_object attribute (parsing)  -> klp_unit::attributes
 *   symbols.cc    the klp_symbol attribute (parsing), the symbols referenced
 *                 (IPA done)                          -> klp_unit::symbols
 *   abi.cc        what the unit declares (parsing)    -> klp_declared
 *   tables.cc     the unit's klp_object tables (IPA)  -> klp_tables
 *   resolve.cc    which object each function belongs to, and the target
 *                 kernel (IPA done)                    -> klp_resolution
 *   rewrite.cc    the pass: rename the asm's sections  -> map records
 *   map.cc        the .klp_tag.map section (end of unit)
 *
 * Describe mode (describe.cc) is another plugin altogether: it changes
 * nothing in the compile and runs none of these stages but options.cc and
 * declarations.cc.
 *
 * Every stage gets the state it reads and writes as an argument; the only
 * global is the attribute handler's pointer to it, because GCC gives
 * attribute handlers no user data.
 */
#ifndef KLP_TAG_STAGES_H
#define KLP_TAG_STAGES_H

#include "gcc-plugin.h"
#include "tree.h"
#include "hash-map.h"
#include "hash-set.h"

#include "extract.h"
#include "klp_map.h"
#include "tagfile.h"
#include "version.h"

/* ---- options.cc ------------------------------------------------------------ */

struct klp_options {
	const char *default_object;		/* object=, normalised, or NULL */
	const char *write_tables;		/* write-tables=: scan the unit's tables into it */
	enum klp_map_abi abi_requested;		/* abi= */
	/* kernel=: what the build's kernel tree declares, for units that
	 * include no livepatch header (the kbuild fragment passes it). */
	enum klp_map_abi kernel_tree_abi;
	bool verbose;
	bool describe;				/* describe: write the describe file, change nothing */
	const char *extract_file;		/* extract=FILE, or NULL */
};

struct klp_tags {
	struct klp_tagset *set;
	/* Lines that disagreed with an earlier one for the same function. */
	vec<klp_tag> conflicts;
};

struct klp_unit;
/*
 * Parse -fplugin-arg-klp_tag-*: options, tag files (unit->tags) and the
 * table files of the module's other units (unit->foreign_tables).  False
 * after an error.
 */
bool parse_arguments(const struct plugin_name_args *info, klp_unit *unit);
extern const char klp_tag_help[];

/* ---- declarations.cc ------------------------------------------------------- */

typedef hash_set<const char *, false, nofree_string_hash> name_set;
typedef hash_map<const char *, unsigned, simple_hashmap_traits<nofree_string_hash, unsigned>>
	name_counts;

/* A function definition as parsed: its lines (describe.h's fn record). */
struct parsed_function {
	const char *cname, *file;
	unsigned first, last;
};

/* What the parser saw (cc1 only: lto1 parses nothing). */
struct klp_parsed {
	vec<parsed_function> functions;		/* definitions, in parse order */
	name_set *defined_functions;		/* file scope, by C name */
	name_set *defined_variables;
	name_set *declared;			/* any file-scope function or variable */
	/* Variables local to a function, by DECL_UID: their ordinal among the
	 * variables of their name in their function, from 1, in declaration
	 * order; and per "FUNC:NAME" how many there are. */
	hash_map<int_hash<unsigned, 0xffffffffu, 0xfffffffeu>, unsigned> *ordinals;
	name_counts *locals;
};

void init_parsed(klp_parsed *parsed);
void record_definition(void *event_data, void *data);	/* FINISH_PARSE_FUNCTION; data: klp_parsed */
void record_declaration(void *event_data, void *data);	/* FINISH_DECL; data: klp_parsed */
/* VAR's ordinal among the variables of its name in its function, 0 when the parser did not see it. */
unsigned local_ordinal(const klp_parsed &parsed, tree var);
/* How many variables called NAME function FUNC declares. */
unsigned local_count(const klp_parsed &parsed, const char *func, const char *name);
/* Is VAR a variable local to a function that the parser saw (static storage)? */
bool is_local_static(tree var);

/* ---- attribute.cc ---------------------------------------------------------- */

/* The first klp_object attribute of a function name, for a disagreeing redeclaration. */
struct attribute_tag {
	const char *object;
	location_t loc;
};

void register_klp_object_attribute(const char *plugin_name, klp_unit *unit);
/* The object DECL's klp_object attribute names, normalised, or NULL (valid while DECL is). */
const char *attribute_object(tree decl);

/* ---- symbols.cc ------------------------------------------------------------ */

/* Where a symbol the unit references but does not define lives. */
struct symbol_tag {
	tree decl;
	const char *object;
	unsigned long position;		/* in kallsyms order; 0: the name is unique there */
	location_t loc;			/* the attribute's declaration, or none */
	enum klp_map_source source;	/* KLP_SRC_ATTRIBUTE or KLP_SRC_TAGFILE */
};

void register_klp_symbol_attribute(const char *plugin_name, klp_unit *unit);
/* After IPA: the explicit symbols the unit references (klp_unit::referenced_symbols). */
void resolve_symbols(klp_unit *unit);

/* ---- abi.cc ---------------------------------------------------------------- */

/* What the unit declared while it was parsed, for abi=auto. */
struct klp_declared {
	bool consumer_hook;	/* arch_klp_init_object_loaded() */
	bool livepatch_header;	/* struct klp_object, klp_enable_patch(), ... */
};

void watch_declaration(void *event_data, void *data);	/* data: klp_declared */
void watch_type(void *event_data, void *data);		/* data: klp_declared */
void define_klp_tag_macro(void *event_data, void *data);
/*
 * The ABI the unit is built for.  With abi=auto and tags in the unit, a note
 * or a warning at LOC says why nothing is renamed.
 */
enum klp_map_abi resolve_abi(const klp_options &options, const klp_declared &declared,
			     bool unit_has_tags, location_t loc);

/* ---- tables.cc ------------------------------------------------------------- */

/* A function that one of the unit's klp_object tables names as a .new_func. */
struct table_tag {
	tree decl;
	const char *object;
	tree var;		/* the table */
};

struct klp_tables {
	bool read;
	hash_map<tree, table_tag> *functions;	/* by DECL_NAME */
	vec<const char *> objects;		/* every object the tables name */
};

/* Read the unit's klp_object tables once (diagnostics for bad ones). */
void read_klp_tables(klp_tables *tables);
/* The tables' functions by name: the same order on every compile. */
auto_vec<const table_tag *> sorted_tables(const klp_tables &tables);

/*
 * Scan mode (write-tables=, usually with -fsyntax-only, where no IPA
 * runs): the file-scope variables and the definitions the parser sees,
 * then the table file other units read (common/tables.h) at the end.
 */
void scan_declaration(void *event_data, void *data);	/* data: klp_unit */
void scan_definition(void *event_data, void *data);	/* data: klp_unit */
void write_table_file(void *event_data, void *data);	/* data: klp_unit */

/* ---- resolve.cc ------------------------------------------------------------ */

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
	/* Propagation. */
	bool eligible;                  /* static, address not taken, not init/exit, no explicit tag */
	bool init_exit;
	bool address_taken;
	bool unplaced;                  /* static helper propagation could not place */
	bool defined;                   /* has a body in this unit */
	bool from_init;                 /* reachable from the module's init function */
	enum propagation_state state;
	const char *value;
	vec<group *> callers;
	vec<group *> callees;
};

struct klp_resolution {
	hash_map<tree, group *> *groups;	/* by the origin's DECL_NAME */
	enum klp_map_abi abi;			/* what abi= resolved to */
};

/* Before IPA: no identical code folding in a unit with tags (see resolve.cc). */
void keep_functions_apart(void *event_data, void *data);	/* data: klp_unit */
/* Decide every function's object and the unit's ABI (data: klp_unit). */
void resolve_unit_event(void *event_data, void *data);
/* The group of a function or of any of its clones, or NULL. */
group *find_group(const klp_resolution &resolution, tree decl);
/*
 * The object a caller counts with while propagating: its final object,
 * whatever its source (*KNOWN false while that is still open).
 */
const char *caller_object(const klp_options &options, const group *grp, bool *known);
const char *c_name(tree decl);
/* The function an IPA clone or split part was made from (DECL itself otherwise). */
tree origin_of(tree decl);
struct cgraph_node;
tree origin_of_node(cgraph_node *node);

/* ---- rewrite.cc ------------------------------------------------------------ */

/* One function's line of the map, collected as functions are compiled. */
struct map_record {
	const char *symbol;
	const char *function;
	const char *object;
	enum klp_map_source source;
	unsigned flags;
};

opt_pass *make_klp_tag_pass(gcc::context *ctxt, klp_unit *unit);

/* ---- extract.cc ------------------------------------------------------------ */

/* A ref line whose symbol the unit's code references: a map record. */
struct extract_ref {
	const char *ref_symbol, *kernel_symbol, *object;
	unsigned long position;
};

/*
 * Register extract mode's callbacks after the other stages' (GCC runs the
 * callbacks of an event last registered first): the unit is externalized
 * before the other stages see it when IPA starts, and at its end the
 * referenced local variables no line names are errors and the refs the
 * code references are known (klp_unit::refs) before the map is written.
 */
void register_extract_mode(const char *plugin_name, klp_unit *unit);

/* ---- describe.cc ----------------------------------------------------------- */

/* Describe mode: register its callbacks, and nothing else. */
void register_describe_mode(const char *plugin_name, klp_unit *unit);

/* ---- map.cc ---------------------------------------------------------------- */

void emit_map(void *event_data, void *data);	/* data: klp_unit */

/* ---- the state of one compile ---------------------------------------------- */

struct klp_unit {
	klp_options options;
	klp_tags tags;
	/* tables=: what the tables of the module's other units name (file =
	 * the table's source file, line = the table's line). */
	klp_tags foreign_tables;
	/* klp_symbol attributes (by DECL_NAME) and tag-file symbol lines, and
	 * which of them the unit references (after IPA). */
	hash_map<tree, symbol_tag> *symbols;
	klp_tags symbol_tags;
	vec<symbol_tag> referenced_symbols;
	/* Scan mode: file-scope variables and public definitions parsed. */
	vec<tree> scanned_vars;
	vec<tree> scanned_definitions;
	hash_map<tree, attribute_tag> *attributes;	/* by DECL_NAME */
	klp_declared declared;
	klp_tables tables;
	klp_resolution resolution;
	vec<map_record> map;
	klp_parsed parsed;
	struct klp_extract extract;		/* extract=, parsed */
	vec<extract_ref> refs;			/* the extract file's ref lines the code uses */
};

/* A string kept for the whole compile (out of the garbage collector's reach). */
const char *keep_string(const char *s);
/*
 * Normalise an object name given by SOURCE_DESC (e.g. "klp_object
 * attribute"); report a bad one at LOC and return NULL.
 */
const char *checked_object_name(const char *name, size_t len, location_t loc,
				const char *source_desc);
bool name_is(tree id, const char *s);

#endif
