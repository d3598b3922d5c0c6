/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * udiff.h - unified diffs, as `diff -u`, `git diff` and `git format-patch`
 * write them: which files a patch touches and which lines of each.
 *
 * The rules (this comment is their reference):
 *
 * - A patch is any text.  Lines end with "\n"; a "\r" before it is part of
 *   a content line but not of a header line.  Everything that is not part
 *   of a file entry (a mail header, a commit message, a diffstat, "Index:"
 *   and "Only in" lines, a mail signature) is skipped.
 * - A file entry starts at a "diff --git A B" line, or at a "--- PATH" line
 *   directly followed by a "+++ PATH" line.  After "diff --git" come git's
 *   extended header lines: "old mode", "new mode", "new file mode",
 *   "deleted file mode", "rename from/to", "copy from/to", "similarity
 *   index", "dissimilarity index", "index", "Binary files ... differ" and
 *   "GIT binary patch" (whose data lines are skipped); any other line ends
 *   them, and a git entry without a "---"/"+++" pair ends there (a rename,
 *   copy, mode change, binary or empty file).  "diff --cc" and "diff
 *   --combined" (a merge's combined diff) are refused.
 * - Paths: a path that starts with '"' is unquoted as git quotes it (C
 *   escapes \a \b \t \n \v \f \r \" \\ and three octal digits); any
 *   other ends at the first tab (`diff -u` writes the time stamp after one;
 *   git adds a tab after a name with a space); a NUL byte in a path is
 *   refused.  "/dev/null" is no file.
 *   The first STRIP components are removed, each up to and including a run
 *   of '/', as `patch -pSTRIP` does (git's a/ b/ are one component): a path
 *   with fewer components is an error.  The paths of "rename from/to" and
 *   "copy from/to" have no a/ b/ prefix, so STRIP - 1 components go there.
 *   The two paths of "diff --git" count only where no other line names
 *   them; unquoted, they are told apart where both name the same file.
 * - Hunks follow the "+++" line, at least one: "@@ -A[,B] +C[,D] @@" (text
 *   after the second "@@" is ignored; a missing count is 1), then B old and
 *   D new lines: ' ' (both), '-' (old), '+' (new).  An empty line counts as
 *   an empty context line (mailers drop the trailing blank), and "\ No
 *   newline at end of file" belongs to the line before it.  A hunk whose
 *   lines do not match its counts is an error naming the patch's line; so
 *   is a hunk that starts before the previous hunk of its file ends.  A
 *   count of 0 puts the hunk after line A (or C): "@@ -0,0 +1,3 @@" creates.
 * - What the entry does: "--- /dev/null" or "new file mode" creates the
 *   file, "+++ /dev/null" or "deleted file mode" deletes it; `diff -N`'s
 *   spelling (an epoch time stamp, 1970-01-01 00:00:00 UTC in any zone,
 *   on the side of the only hunk "-0,0" or "+0,0") too; an entry that
 *   would do both is refused.  Then rename, copy, binary, a mode change
 *   alone; anything else modifies.
 *
 * Plain C; errors are returned as one sentence naming the line.
 */
#ifndef KLP_UDIFF_H
#define KLP_UDIFF_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KLP_UDIFF_ERRLEN 512

/* What a file entry does. */
enum klp_udiff_kind {
	KLP_UDIFF_MODIFY = 0,	/* hunks change an existing file */
	KLP_UDIFF_CREATE,	/* --- /dev/null, or git "new file mode" */
	KLP_UDIFF_DELETE,	/* +++ /dev/null, or git "deleted file mode" */
	KLP_UDIFF_RENAME,	/* git "rename from/to" (may have hunks too) */
	KLP_UDIFF_COPY,		/* git "copy from/to" */
	KLP_UDIFF_BINARY,	/* "Binary files differ" / "GIT binary patch" */
	KLP_UDIFF_MODE,		/* only git "old mode"/"new mode" */
};

struct klp_udiff_hunk {
	unsigned old_start, old_count;	/* as in "@@ -A,B"; B defaults to 1 */
	unsigned new_start, new_count;
	unsigned patch_line;		/* line of the "@@" in the patch, from 1 */
	/*
	 * The old lines the hunk removes and the new lines it adds, from the
	 * first changed line to the last, each range [first, last] in its
	 * file's numbering, for the callers that ask which functions a hunk
	 * touches.  A side without a changed line has the empty range
	 * first = last + 1, placed before line first: a hunk that only adds
	 * lines after old line 7 has old 8..7; one that only adds lines at
	 * the start of the file has 1..0.
	 */
	unsigned old_first_changed, old_last_changed;
	unsigned new_first_changed, new_last_changed;
};

struct klp_udiff_file {
	char *old_path, *new_path;	/* after stripping; NULL where no file is */
	enum klp_udiff_kind kind;
	unsigned patch_line;		/* of "diff --git", else of the "---" line */
	struct klp_udiff_hunk *hunks;
	size_t nhunks;
};

struct klp_udiff {
	struct klp_udiff_file *files;
	size_t nfiles;
};

/*
 * Parse LEN bytes of patch text, stripping STRIP leading path components.
 * Returns 0 (a patch without any file is not an error: nfiles is 0), or -1
 * with ERR holding "line N: why".  *D is then empty and needs no free.
 */
int klp_udiff_parse(const char *text, size_t len, unsigned strip, struct klp_udiff *d,
		    char err[KLP_UDIFF_ERRLEN]);
void klp_udiff_free(struct klp_udiff *d);

/* "modify", "create", ...: for messages and reports. */
const char *klp_udiff_kind_name(enum klp_udiff_kind kind);

#ifdef __cplusplus
}
#endif
#endif
