/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tagfile.h - tag files and the set of tags they give.
 *
 * A tag file holds one `FUNCTION OBJECT` pair a line: FUNCTION is a C
 * identifier, OBJECT an object name (objname.h).  Fields are separated by
 * spaces or tabs; '#' starts a comment anywhere on a line; blank lines are
 * ignored; a CR before the newline is tolerated.
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
	const char *function;
	const char *object;
	const char *file;
	unsigned line;
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

/* The tag of FUNCTION, or NULL. */
const struct klp_tag *klp_tagset_find(const struct klp_tagset *set, const char *function);

size_t klp_tagset_count(const struct klp_tagset *set);

#ifdef __cplusplus
}
#endif
#endif
