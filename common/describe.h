/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * describe.h - the describe file the plugin writes in describe mode
 * (-fplugin-arg-klp_tag-describe): what a compile made of each function
 * and function-local variable, for klp-tag-build (docs/klp-tag-build.md,
 * "The describe file").
 *
 *     klp-tag-describe 1
 *     source PATH
 *     fn CNAME FILE FIRST LAST
 *     sym SYMBOL CNAME KIND
 *     inl SYMBOL CNAME...
 *     var SYMBOL CNAME CONTEXT ORDINAL
 *     type TAG SIZE LAYOUT
 *
 * One record a line, each line ending in a newline, fields separated by
 * one space, no empty field; a field is bytes from '!' to '~' (no blank,
 * no control byte).  The header comes first, the source line second, the
 * records after them in any order, except that an inl line follows the sym
 * line of its symbol.  CNAME and CONTEXT are C identifiers, FIRST, LAST and
 * ORDINAL decimal numbers without leading zeros.
 *
 * fn:  FIRST is the line of the function's name in its definition (or of
 *      the body's '{' when that comes first, as in a macro's expansion),
 *      LAST the line of its closing '}', both in FILE.
 * sym: KIND is plain, constprop, isra, part, clone (any other IPA clone;
 *      CNAME is its origin) or alias (an alias symbol; CNAME is the
 *      function whose code it names).
 * type: a struct or union type defined at file scope (in the file or in a
 *      header): TAG is "struct.NAME", "union.NAME", or "typedef.NAME" for
 *      an untagged one a typedef names; SIZE its size in bytes, LAYOUT 16
 *      lowercase hex digits, a hash of every member's name, bit offset and
 *      bit size in order (the members of unnamed struct and union members
 *      included).  Two compiles agree on a type's layout when SIZE and
 *      LAYOUT agree.  One type line for a TAG.
 *
 * Plain C: the writer is the plugin's, the reader klp-tag-build's.
 */
#ifndef KLP_DESCRIBE_H
#define KLP_DESCRIBE_H

#include <stddef.h>
#include <stdio.h>

#include "namehash.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KLP_DESCRIBE_VERSION 1
#define KLP_DESCRIBE_SUFFIX ".klp-describe"
#define KLP_DESCRIBE_ERRLEN 512

enum klp_sym_kind {
	KLP_SYM_PLAIN = 0,
	KLP_SYM_CONSTPROP,
	KLP_SYM_ISRA,
	KLP_SYM_PART,
	KLP_SYM_CLONE,		/* any other IPA clone */
	KLP_SYM_ALIAS,		/* another name for a function's code */
};

struct klp_describe_fn {
	char *cname, *file;
	unsigned first, last;
};

struct klp_describe_sym {
	char *symbol, *cname;
	enum klp_sym_kind kind;
	char **inlined;		/* from its inl line, sorted; ninlined 0 without one */
	size_t ninlined;
};

struct klp_describe_var {
	char *symbol, *cname, *context;
	unsigned ordinal;
};

struct klp_describe_type {
	char *tag;
	unsigned size;
	char layout[17];
};

struct klp_describe {
	char *source;
	struct klp_describe_fn *fns;
	size_t nfns;
	struct klp_describe_sym *syms;
	size_t nsyms;
	struct klp_describe_var *vars;
	size_t nvars;
	struct klp_describe_type *types;
	size_t ntypes;
	/* The lookups' indexes (record number by name); the reader's own. */
	struct klp_names fn_index, sym_index, var_index, type_index;
};

/* "plain", "constprop", ...; NULL for a value out of range. */
const char *klp_sym_kind_name(enum klp_sym_kind kind);

/*
 * The kind of the IPA clone SYMBOL by the last suffix GCC gave it
 * (".constprop.N", ".isra.N", ".part.N"; any other ".WORD.N": a clone),
 * for a symbol the compiler made from another function.  KLP_SYM_PLAIN
 * when SYMBOL ends in no ".WORD.N".
 */
enum klp_sym_kind klp_sym_kind_of_clone(const char *symbol);

/*
 * The length of X when SYMBOL is X.cold or X.cold.N, the cold part GCC
 * splits off function X (X may itself be a clone, "f.part.0.cold"); 0 for
 * any other name.  The last ".cold" counts.
 */
size_t klp_cold_parent_len(const char *symbol);

/*
 * Parse LEN bytes.  Returns 0, or -1 with ERR holding "line N: why"
 * (*D is then empty).  An inl line for a symbol with no sym line before it,
 * a second sym, fn, inl or var line for one name, a second var line for
 * one (CONTEXT, CNAME, ORDINAL), a zero ordinal, FIRST > LAST, inl names
 * out of order or twice, a second type line for one TAG, a TAG or LAYOUT
 * of another form: errors.
 */
int klp_describe_parse(const char *text, size_t len, struct klp_describe *d,
		       char err[KLP_DESCRIBE_ERRLEN]);
void klp_describe_free(struct klp_describe *d);

/* Lookups by hash; NULL when absent. */
const struct klp_describe_sym *klp_describe_find_sym(const struct klp_describe *d,
						     const char *symbol);
const struct klp_describe_fn *klp_describe_find_fn(const struct klp_describe *d,
						   const char *cname);
const struct klp_describe_var *klp_describe_find_var(const struct klp_describe *d,
						     const char *symbol);
const struct klp_describe_type *klp_describe_find_type(const struct klp_describe *d,
						       const char *tag);

/*
 * The writer: the header, then one call per record, in any order (an inl
 * line after its sym line).  Each returns 0, or -1 without writing
 * anything when a field cannot be written (empty, or holding a blank or a
 * control byte; a name that is no C identifier; an ordinal of 0; FIRST >
 * LAST; inl names not sorted or twice).
 */
int klp_describe_write_header(FILE *out, const char *source);
int klp_describe_write_fn(FILE *out, const char *cname, const char *file, unsigned first,
			  unsigned last);
int klp_describe_write_sym(FILE *out, const char *symbol, const char *cname,
			   enum klp_sym_kind kind);
int klp_describe_write_inl(FILE *out, const char *symbol, const char *const *cnames, size_t n);
int klp_describe_write_var(FILE *out, const char *symbol, const char *cname,
			   const char *context, unsigned ordinal);
/* KIND "struct", "union" or "typedef"; NAME a C identifier. */
int klp_describe_write_type(FILE *out, const char *kind, const char *name, unsigned size,
			    unsigned long long layout);
/* A type line as the reader read it (T of struct klp_describe's types). */
int klp_describe_write_type_record(FILE *out, const struct klp_describe_type *t);

#ifdef __cplusplus
}
#endif
#endif
