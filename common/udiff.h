/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * udiff.h - unified diffs, as `diff -u`, `git diff` and `git format-patch`
 * write them: which files a patch touches and which lines of each.
 *
 * A patch is any text: everything before the first "--- " / "+++ " pair
 * (a mail header, a commit message, `diff --git` and `index` lines) and
 * between files is skipped, except the git extended header lines that
 * say what happens to a file (new file mode, deleted file mode, rename
 * from/to, copy from/to, old/new mode, "Binary files ... differ", "GIT
 * binary patch").  Paths are given as the patch spells them, with the
 * first STRIP components removed as `patch -pSTRIP` would (git's a/ b/
 * prefixes are the usual component); "/dev/null" marks a created or
 * deleted file.  A quoted path ("a/with\ttab") is unquoted as git writes
 * it.  Hunks: "@@ -A[,B] +C[,D] @@" and then B old and D new lines (' ',
 * '-', '+', and "\ No newline at end of file"); a hunk whose counts the
 * lines do not match is an error, with the patch's line number.
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
	 * The old lines the hunk removes or replaces, and the new lines it
	 * adds: ranges relative to the file, each [first, last], for the
	 * callers that ask which functions a hunk touches.  A hunk that only
	 * adds lines has no removed range; its insertion point is
	 * old_first_changed (the old line after which the lines go).
	 */
	unsigned old_first_changed, old_last_changed;	/* 0, 0 when none removed */
	unsigned new_first_changed, new_last_changed;	/* 0, 0 when none added */
};

struct klp_udiff_file {
	char *old_path, *new_path;	/* after stripping; NULL for /dev/null */
	enum klp_udiff_kind kind;
	unsigned patch_line;		/* of the "---" line (or of "diff --git") */
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
