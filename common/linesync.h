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
 * The rules (this comment is their reference):
 *
 * - Lines end with "\n" and are compared byte for byte (a "\r" or a
 *   missing last newline is a difference).  The lines both versions keep
 *   are a longest common subsequence (Myers' algorithm, linear space), so
 *   several patches applied in a row are one change set.  The lines
 *   between two kept lines, on either side, are a changed region.
 * - The preprocessor's number of a line is counted as GCC does: one more
 *   than the line before, except after a "#line N" or "# N" directive
 *   (the original's own directives count too; a directive whose number is
 *   a macro is not followed).
 * - Walking the patched lines, a mark "#line N" goes before the first kept
 *   line whose number differs from N, its number in the original, and
 *   where a directive cannot alter the program: the C lexer is at top
 *   level at its start (not inside a comment, a string or character
 *   literal, a line continued with a backslash, a preprocessor directive,
 *   or any parentheses, so never in the arguments of a macro call), and
 *   it is not an #else, #elif or #endif.  Where no such line follows
 *   before the next change, no mark goes there: the next one covers both.
 *   From a mark on, every kept line up to the next changed region has its
 *   original number.
 * - Parentheses are counted outside directives; at #else and #elif the
 *   count goes back to that of the #if, and after #endif it is the
 *   largest any branch (or a skipped group) left, so a mark never lands
 *   in parentheses whichever branch is compiled.
 * - A mark inside a conditional group is ignored when the group is
 *   skipped, so after the #else, #elif or #endif that ends the group of
 *   the last mark the next possible line gets a mark again.
 *
 * Plain C; the result is the only allocation that outlives a call.
 */
#ifndef KLP_LINESYNC_H
#define KLP_LINESYNC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A line of the patched file before which `#line ORIG_LINE` goes (marks in increasing order). */
struct klp_linesync_mark {
	unsigned new_line;	/* 1-based line of the patched file */
	unsigned orig_line;	/* its line number in the original */
};

struct klp_linesync {
	struct klp_linesync_mark *marks;
	size_t nmarks;
	/* The changed regions, 1-based inclusive ranges of both files, in
	 * order; an empty side has first = last + 1, placed before line first
	 * (new_first > new_last for a pure deletion). */
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
 * "#line N COMMENT" (COMMENT: a one-line C comment saying why, or "" for
 * none) ending as the line before it ends ("\r\n" or "\n"), into a
 * malloc'd buffer (*OUT, *OUTLEN, NUL-terminated).  Removing the marks'
 * lines gives PATCHED back byte for byte.  Returns 0, or -1 with errno
 * ENOMEM when memory ran out, EINVAL when a mark is out of order or past
 * PATCHED's last line.
 */
int klp_linesync_apply(const char *patched, size_t plen, const struct klp_linesync *s,
		       const char *comment, char **out, size_t *outlen);

#ifdef __cplusplus
}
#endif
#endif
