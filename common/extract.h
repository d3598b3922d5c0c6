/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * extract.h - the extract file klp-tag-build writes for each file it
 * compiles into a livepatch module, and the plugin reads in extract mode
 * (-fplugin-arg-klp_tag-extract=FILE): which of the unit's definitions the
 * module keeps, and where the others live in the running kernel
 * (docs/klp-tag-build.md, "The extract file").
 *
 *     klp-tag-extract 1
 *     keep CNAME
 *     carry CNAME
 *     data DECL
 *     ref DECL REFSYMBOL OBJECT POSITION KERNELSYMBOL
 *
 * DECL: CNAME (file scope) or FUNC:CNAME:N (the Nth variable CNAME local
 * to function FUNC, from 1).  '#' starts a comment line; blank lines are
 * ignored; fields are separated by spaces or tabs.  CNAME and FUNC are C
 * identifiers, OBJECT an object name (objname.h), POSITION a decimal
 * number, the symbols non-empty and free of spaces.
 *
 * Plain C; errors name the line.
 */
#ifndef KLP_EXTRACT_H
#define KLP_EXTRACT_H

#include <stddef.h>
#include <stdio.h>

#include "objname.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KLP_EXTRACT_VERSION 1
#define KLP_EXTRACT_ERRLEN 512

enum klp_extract_kind {
	KLP_EXTRACT_KEEP = 1,
	KLP_EXTRACT_CARRY,
	KLP_EXTRACT_DATA,
	KLP_EXTRACT_REF,
};

/* A declaration of the unit: file scope (context NULL) or local to a function. */
struct klp_extract_decl {
	char *cname;
	char *context;		/* FUNC, or NULL */
	unsigned ordinal;	/* N, 0 at file scope */
};

struct klp_extract_line {
	enum klp_extract_kind kind;
	struct klp_extract_decl decl;	/* keep/carry: cname only */
	/* ref only: */
	char *ref_symbol, *kernel_symbol;
	char object[KLP_OBJNAME_MAX + 1];
	unsigned long position;
	unsigned line;			/* in the file, from 1 */
};

struct klp_extract {
	struct klp_extract_line *lines;
	size_t n;
};

/*
 * Parse LEN bytes.  Returns 0, or -1 with ERR holding "line N: why"; the
 * same declaration twice (in any two lines) is an error.
 */
int klp_extract_parse(const char *text, size_t len, struct klp_extract *x,
		      char err[KLP_EXTRACT_ERRLEN]);
void klp_extract_free(struct klp_extract *x);

/* The line about DECL (CONTEXT NULL and ORDINAL 0 at file scope), or NULL. */
const struct klp_extract_line *klp_extract_find(const struct klp_extract *x, const char *cname,
						const char *context, unsigned ordinal);

/* The writer (klp-tag-build): the header, then one line per call. */
void klp_extract_write_header(FILE *out, const char *comment);
void klp_extract_write_line(FILE *out, const struct klp_extract_line *l);

#ifdef __cplusplus
}
#endif
#endif
