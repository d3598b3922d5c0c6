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
 * to function FUNC, from 1).  A line whose first non-blank byte is '#' is
 * a comment; blank lines are ignored; fields are separated by spaces or
 * tabs.  The header is the first line that is neither.  CNAME and FUNC
 * are C identifiers, OBJECT an object name as the kernel compares it
 * (objname.h: vmlinux or a KBUILD_MODNAME), N and POSITION decimal numbers
 * of at most nine digits without leading zeros (POSITION 0: the name is
 * unique in OBJECT), the symbols of
 * [A-Za-z0-9_.], not starting with a digit or '.', at most
 * KLP_SYMNAME_MAX bytes.
 *
 * Plain C; errors name the line.
 */
#ifndef KLP_EXTRACT_H
#define KLP_EXTRACT_H

#include <stddef.h>
#include <stdio.h>

#include "namehash.h"
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
	/* The reader's own: each line's DECL text, indexed (klp_extract_find). */
	char **decl_texts;
	struct klp_names index;
};

/* "keep", "carry", "data", "ref"; NULL for a value out of range. */
const char *klp_extract_kind_name(enum klp_extract_kind kind);

/*
 * Parse LEN bytes.  Returns 0, or -1 with ERR holding "line N: why"; the
 * same declaration twice (in any two lines), or one REFSYMBOL in two ref
 * lines, is an error.
 */
int klp_extract_parse(const char *text, size_t len, struct klp_extract *x,
		      char err[KLP_EXTRACT_ERRLEN]);
void klp_extract_free(struct klp_extract *x);

/* The line about DECL (CONTEXT NULL and ORDINAL 0 at file scope), or NULL. */
const struct klp_extract_line *klp_extract_find(const struct klp_extract *x, const char *cname,
						const char *context, unsigned ordinal);

/*
 * DECL as the file spells it ("foo", "show:count:2") into BUF; the length
 * it needs, as snprintf.
 */
size_t klp_extract_decl_text(char *buf, size_t size, const struct klp_extract_decl *decl);

/*
 * The writer (klp-tag-build): the header (and COMMENT, each of its lines
 * as a comment line, when not NULL), then one line per call.  Each returns
 * 0, or -1 without writing anything when the line breaks the grammar.
 */
int klp_extract_write_header(FILE *out, const char *comment);
int klp_extract_write_line(FILE *out, const struct klp_extract_line *l);

#ifdef __cplusplus
}
#endif
#endif
