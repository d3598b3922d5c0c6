/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tagfile.h - tag files and the set of tags they give.
 *
 * A tag file holds one `FUNCTION OBJECT` pair a line: FUNCTION is a C
 * identifier, OBJECT an object name (objname.h).  A line `symbol NAME
 * OBJECT [POSITION]` says instead that the symbol NAME, which the patch
 * references, lives in OBJECT (at POSITION in kallsyms order when the name
 * occurs more than once there): the tag-file form of klp_symbol.  Fields are separated by
 * spaces or tabs; '#' starts a comment anywhere on a line; blank lines are
 * ignored; a CR before the newline is tolerated.  A UTF-8 byte order mark
 * at the start is an error of its own (and the rest of line 1 is read).
 */
#ifndef KLP_TAGFILE_H
#define KLP_TAGFILE_H

#include <stddef.h>

#include "objname.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KLP_TAGFILE_WHY 512

struct klp_tagfile_callbacks {
	/* A well-formed pair; OBJECT is already normalised.  Nonzero stops parsing. */
	int (*pair)(void *ctx, const char *function, size_t function_len,
		    const char *object, unsigned line);
	/*
	 * A symbol line, `symbol NAME OBJECT [POSITION]`: where a symbol the
	 * patch references but does not define lives (POSITION 0 when not
	 * given: the name must be unique there).  NULL: such lines are
	 * read and checked, then ignored.  Nonzero stops parsing.
	 */
	int (*symbol)(void *ctx, const char *name, size_t name_len, const char *object,
		      unsigned long position, unsigned line);
	/* A malformed line; parsing goes on with the next line. */
	void (*error)(void *ctx, unsigned line, const char *why);
};

/*
 * Parse LEN bytes of tag-file text.  Returns the number of malformed lines,
 * or -1 if a pair callback asked to stop.
 */
int klp_tagfile_parse(const char *text, size_t len,
		      const struct klp_tagfile_callbacks *cb, void *ctx);

/*
 * The tags of every tag file of a compile, by function name.  Each tag keeps
 * the file and line it came from, for diagnostics.
 */
struct klp_tagset;

struct klp_tag {
	const char *function;		/* or a symbol's name */
	const char *object;
	const char *file;
	unsigned line;
	unsigned long position;		/* symbol lines: kallsyms position, 0 = unique */
};

struct klp_tagset *klp_tagset_new(void);
void klp_tagset_free(struct klp_tagset *set);

/*
 * Record FUNCTION -> OBJECT from FILE:LINE (FILE must outlive the set).
 * Returns NULL when recorded (or already recorded with the same object);
 * the earlier, disagreeing tag when FUNCTION already has another object; and
 * KLP_TAGSET_NOMEM when memory ran out.
 */
#define KLP_TAGSET_NOMEM ((const struct klp_tag *)1)
const struct klp_tag *klp_tagset_add(struct klp_tagset *set, const char *function,
				     size_t function_len, const char *object,
				     const char *file, unsigned line);
/* The same for a symbol at POSITION; a different position disagrees too. */
const struct klp_tag *klp_tagset_add_at(struct klp_tagset *set, const char *name,
					size_t name_len, const char *object,
					unsigned long position, const char *file, unsigned line);

/* The tag of FUNCTION, or NULL. */
const struct klp_tag *klp_tagset_find(const struct klp_tagset *set, const char *function);

size_t klp_tagset_count(const struct klp_tagset *set);

#ifdef __cplusplus
}
#endif
#endif
