/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * linesync.h - keep __LINE__ as it was: `#line` directives that give the
 * lines of a patched C file after each changed region the numbers they
 * had in the original.
 *
 * A fix that adds or removes lines in one function shifts the line of
 * everything below it: every WARN_ON, BUG_ON, might_sleep() and printk of
 * __LINE__ in later functions changes its immediate, and those functions
 * would look changed.  Compiling the patched file with a `#line N` after
 * each changed region keeps them equal to the original.
 *
 * The two versions are compared line by line (a longest common
 * subsequence, so several patches applied in a row are one change set).
 * After each changed region, a directive goes before the first unchanged
 * line where it cannot alter the program: the C lexer is at top level
 * there (not inside a comment, a string or character literal, a line
 * continued with a backslash, a preprocessor directive, or any
 * parentheses, so never in the arguments of a macro call), and the line
 * is one the original has (its number there is N).  Where no such line
 * follows before the next change, the region simply extends to the next
 * one.
 *
 * Plain C, no allocation outside the result.
 */
#ifndef KLP_LINESYNC_H
#define KLP_LINESYNC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A line of the patched file before which `#line ORIG_LINE` goes. */
struct klp_linesync_mark {
	unsigned new_line;	/* 1-based line of the patched file */
	unsigned orig_line;	/* its line number in the original */
};

struct klp_linesync {
	struct klp_linesync_mark *marks;
	size_t nmarks;
	/* The changed regions, as 1-based inclusive ranges of the patched file
	 * (new_first > new_last for a pure deletion, located before new_first). */
	struct klp_linesync_region {
		unsigned orig_first, orig_last;
		unsigned new_first, new_last;
	} *regions;
	size_t nregions;
};

/*
 * Compare ORIG (OLEN bytes) with PATCHED (PLEN bytes).  Returns 0, or -1
 * when memory ran out.  Identical texts give no region and no mark.
 */
int klp_linesync_plan(const char *orig, size_t olen, const char *patched, size_t plen,
		      struct klp_linesync *s);
void klp_linesync_free(struct klp_linesync *s);

/*
 * Write PATCHED with the marks of S inserted, each as the line
 * "#line N COMMENT" (COMMENT: a C comment saying why, or "" for none),
 * into a malloc'd buffer (*OUT, *OUTLEN, NUL-terminated).  Returns 0, or
 * -1 when memory ran out.
 */
int klp_linesync_apply(const char *patched, size_t plen, const struct klp_linesync *s,
		       const char *comment, char **out, size_t *outlen);

#ifdef __cplusplus
}
#endif
#endif
