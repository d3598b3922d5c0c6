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
 *
 * One record a line, fields separated by one space, no empty field.
 * Plain C: the writer is the plugin's, the reader klp-tag-build's.
 */
#ifndef KLP_DESCRIBE_H
#define KLP_DESCRIBE_H

#include <stddef.h>
#include <stdio.h>

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

struct klp_describe {
	char *source;
	struct klp_describe_fn *fns;
	size_t nfns;
	struct klp_describe_sym *syms;
	size_t nsyms;
	struct klp_describe_var *vars;
	size_t nvars;
};

/* "plain", "constprop", ...; NULL for a value out of range. */
const char *klp_sym_kind_name(enum klp_sym_kind kind);

/*
 * Parse LEN bytes.  Returns 0, or -1 with ERR holding "line N: why"
 * (*D is then empty).  An inl line for a symbol with no sym line before it,
 * a second sym line for one symbol, a zero ordinal, FIRST > LAST: errors.
 */
int klp_describe_parse(const char *text, size_t len, struct klp_describe *d,
		       char err[KLP_DESCRIBE_ERRLEN]);
void klp_describe_free(struct klp_describe *d);

/* Lookups (linear or hashed, the caller does not care); NULL when absent. */
const struct klp_describe_sym *klp_describe_find_sym(const struct klp_describe *d,
						     const char *symbol);
const struct klp_describe_fn *klp_describe_find_fn(const struct klp_describe *d,
						   const char *cname);
const struct klp_describe_var *klp_describe_find_var(const struct klp_describe *d,
						     const char *symbol);

/* The writer: the header, then one call per record, in any order. */
void klp_describe_write_header(FILE *out, const char *source);
void klp_describe_write_fn(FILE *out, const char *cname, const char *file, unsigned first,
			   unsigned last);
void klp_describe_write_sym(FILE *out, const char *symbol, const char *cname,
			    enum klp_sym_kind kind);
void klp_describe_write_inl(FILE *out, const char *symbol, const char *const *cnames, size_t n);
void klp_describe_write_var(FILE *out, const char *symbol, const char *cname,
			    const char *context, unsigned ordinal);

#ifdef __cplusplus
}
#endif
#endif
