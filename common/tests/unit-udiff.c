// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the unified-diff parser (udiff.h).
 *
 * Without arguments: the checks below, on patches written by hand.
 * With `--dump STRIP FILE`: parse FILE and print what it says, one line
 * per file and per hunk, for the testsuite's checks on patches that
 * diff(1) and git make at test time:
 *
 *     file KIND OLD NEW line=N hunks=H
 *     hunk -A,B +C,D line=N old=FIRST..LAST new=FIRST..LAST
 *
 * (OLD or NEW "/dev/null" where no file is); exit 1 with the error on a
 * refused patch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "udiff.h"
#include "unit.h"
#include "util.h"

static void dump(FILE *out, const struct klp_udiff *d)
{
	size_t i, k;

	for (i = 0; i < d->nfiles; i++) {
		const struct klp_udiff_file *f = &d->files[i];

		fprintf(out, "file %s %s %s line=%u hunks=%zu\n", klp_udiff_kind_name(f->kind),
			f->old_path ? f->old_path : "/dev/null",
			f->new_path ? f->new_path : "/dev/null", f->patch_line, f->nhunks);
		for (k = 0; k < f->nhunks; k++) {
			const struct klp_udiff_hunk *h = &f->hunks[k];

			fprintf(out, "hunk -%u,%u +%u,%u line=%u old=%u..%u new=%u..%u\n",
				h->old_start, h->old_count, h->new_start, h->new_count,
				h->patch_line, h->old_first_changed, h->old_last_changed,
				h->new_first_changed, h->new_last_changed);
		}
	}
}

/* The dump of TEXT parsed with STRIP, or "error: MESSAGE". */
static char *parsed(const char *text, unsigned strip)
{
	char err[KLP_UDIFF_ERRLEN], *buf = NULL;
	struct klp_udiff d;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	if (!out)
		return NULL;
	if (klp_udiff_parse(text, strlen(text), strip, &d, err) == 0) {
		dump(out, &d);
		klp_udiff_free(&d);
	} else {
		fprintf(out, "error: %s", err);
		if (d.nfiles || d.files)
			fprintf(out, " (and files left)");
	}
	fclose(out);
	return buf;
}

#define CHECK_PARSE(name, text, strip, want) do { \
	char *got_ = parsed(text, strip); \
	UNIT_CHECK_STR(name, got_, want); \
	free(got_); \
} while (0)

static void plain_diffs(void)
{
	CHECK_PARSE("diff -u: paths end at the tab, -p1 strips a/ b/",
		    "--- a/fs/proc/meminfo.c\t2024-05-01 10:00:00.000000000 +0200\n"
		    "+++ b/fs/proc/meminfo.c\t2024-05-01 10:01:00.000000000 +0200\n"
		    "@@ -10,7 +10,8 @@ static int x;\n"
		    " a\n b\n c\n-old\n+new1\n+new2\n d\n e\n f\n", 1,
		    "file modify fs/proc/meminfo.c fs/proc/meminfo.c line=1 hunks=1\n"
		    "hunk -10,7 +10,8 line=3 old=13..13 new=13..14\n");
	CHECK_PARSE("-p0 keeps the paths whole, text around is skipped",
		    "Some text\ndiff -u x/f.c y/f.c\n--- x/f.c\n+++ y/f.c\n@@ -1,2 +1,3 @@\n a\n+b\n c\n"
		    "Only in y: g.c\n", 0,
		    "file modify x/f.c y/f.c line=3 hunks=1\n"
		    "hunk -1,2 +1,3 line=5 old=2..1 new=2..2\n");
	CHECK_PARSE("-p2, and runs of slashes are one separator",
		    "--- a//b/c.c\n+++ a/b//c.c\n@@ -1 +1 @@\n-x\n+y\n", 2,
		    "file modify c.c c.c line=1 hunks=1\n"
		    "hunk -1,1 +1,1 line=3 old=1..1 new=1..1\n");
	CHECK_PARSE("two hunks; a missing count is 1; pure deletion has an empty new range",
		    "--- a/f\n+++ b/f\n@@ -1,3 +1,2 @@\n a\n-b\n c\n@@ -20 +19,0 @@\n-z\n", 1,
		    "file modify f f line=1 hunks=2\n"
		    "hunk -1,3 +1,2 line=3 old=2..2 new=2..1\n"
		    "hunk -20,1 +19,0 line=7 old=20..20 new=20..19\n");
	CHECK_PARSE("adding at the top of a file: the old range is 1..0",
		    "--- a/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+x\n+y\n", 1,
		    "file modify f f line=1 hunks=1\n"
		    "hunk -0,0 +1,2 line=3 old=1..0 new=1..2\n");
	CHECK_PARSE("\\ No newline at end of file, on both sides",
		    "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n"
		    "\\ No newline at end of file\n", 1,
		    "file modify f f line=1 hunks=1\n"
		    "hunk -1,2 +1,2 line=3 old=2..2 new=2..2\n");
	CHECK_PARSE("CRLF: header lines lose their \\r, content lines count as they are",
		    "--- a/f.c\r\n+++ b/f.c\r\n@@ -1,3 +1,3 @@\r\n a\r\n-b\r\n+B\r\n c\r\n", 1,
		    "file modify f.c f.c line=1 hunks=1\n"
		    "hunk -1,3 +1,3 line=3 old=2..2 new=2..2\n");
	CHECK_PARSE("an empty line (a mailer's) is an empty context line",
		    "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n", 1,
		    "file modify f f line=1 hunks=1\n"
		    "hunk -1,3 +1,3 line=3 old=3..3 new=3..3\n");
	CHECK_PARSE("a context-only hunk has empty ranges at its start",
		    "--- a/f\n+++ b/f\n@@ -4,2 +4,2 @@\n a\n b\n", 1,
		    "file modify f f line=1 hunks=1\n"
		    "hunk -4,2 +4,2 line=3 old=4..3 new=4..3\n");
	CHECK_PARSE("/dev/null creates and deletes",
		    "--- /dev/null\n+++ b/new.c\n@@ -0,0 +1 @@\n+x\n"
		    "--- a/old.c\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-x\n-y\n", 1,
		    "file create /dev/null new.c line=1 hunks=1\n"
		    "hunk -0,0 +1,1 line=3 old=1..0 new=1..1\n"
		    "file delete old.c /dev/null line=5 hunks=1\n"
		    "hunk -1,2 +0,0 line=7 old=1..2 new=1..0\n");
	CHECK_PARSE("diff -N: an epoch time stamp in any zone creates or deletes",
		    "diff -Nu a/n.c b/n.c\n"
		    "--- a/n.c\t1969-12-31 19:00:00.000000000 -0500\n"
		    "+++ b/n.c\t2024-01-01 00:00:00.000000000 +0000\n@@ -0,0 +1 @@\n+x\n"
		    "--- a/d.c\t2024-01-01 00:00:00.000000000 +0000\n"
		    "+++ b/d.c\t1970-01-01 01:00:00.000000000 +0100\n@@ -1 +0,0 @@\n-x\n"
		    "--- a/e.c\t2024-01-01 00:00:00.000000000 +0000\n"
		    "+++ b/e.c\t1970-01-01 00:00:01.000000000 +0000\n@@ -1 +0,0 @@\n-x\n", 1,
		    "file create /dev/null n.c line=2 hunks=1\n"
		    "hunk -0,0 +1,1 line=4 old=1..0 new=1..1\n"
		    "file delete d.c /dev/null line=6 hunks=1\n"
		    "hunk -1,1 +0,0 line=8 old=1..1 new=1..0\n"
		    "file modify e.c e.c line=10 hunks=1\n"
		    "hunk -1,1 +0,0 line=12 old=1..1 new=1..0\n");
	CHECK_PARSE("no file at all is no error",
		    "just a mail\n---\n 1 file changed\n-- \n2.39.2\n", 1, "");
	CHECK_PARSE("a '--- ' line without '+++ ' after it is text", "--- a\nb\n", 1, "");
}

static void git_diffs(void)
{
	CHECK_PARSE("git format-patch: message, diffstat, modify, signature",
		    "From 1234 Mon Sep 17 00:00:00 2001\nFrom: A <a@b>\nSubject: [PATCH] x\n\n"
		    "Text.\n\n---\n fs/x.c | 2 +-\n 1 file changed\n\n"
		    "diff --git a/fs/x.c b/fs/x.c\nindex 1111111..2222222 100644\n--- a/fs/x.c\n"
		    "+++ b/fs/x.c\n@@ -5,3 +5,3 @@ int f(void)\n a\n--- b\n+++ c\n d\n-- \n2.39.2\n\n",
		    1,
		    "file modify fs/x.c fs/x.c line=11 hunks=1\n"
		    "hunk -5,3 +5,3 line=15 old=6..6 new=6..6\n");
	CHECK_PARSE("git: new, deleted, renamed with a hunk, pure rename, mode, binary, copy",
		    "diff --git a/n.c b/n.c\nnew file mode 100644\nindex 0000000..e69de29\n"
		    "--- /dev/null\n+++ b/n.c\n@@ -0,0 +1 @@\n+x\n"
		    "diff --git a/d.c b/d.c\ndeleted file mode 100644\nindex e69de29..0000000\n"
		    "--- a/d.c\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
		    "diff --git a/r1.c b/dir/r2.c\nsimilarity index 90%\nrename from r1.c\n"
		    "rename to dir/r2.c\nindex 1..2 100644\n--- a/r1.c\n+++ b/dir/r2.c\n"
		    "@@ -1 +1 @@\n-a\n+b\n"
		    "diff --git a/p.c b/q.c\nsimilarity index 100%\nrename from p.c\nrename to q.c\n"
		    "diff --git a/s.sh b/s.sh\nold mode 100644\nnew mode 100755\n"
		    "diff --git a/img.png b/img.png\nindex 1..2 100644\n"
		    "Binary files a/img.png and b/img.png differ\n"
		    "diff --git a/bin b/bin\nindex 1..2\nGIT binary patch\nliteral 3\nKcmZ?w\n\n"
		    "literal 0\nHcmV?d00001\n\n"
		    "diff --git a/c1.c b/c2.c\nsimilarity index 100%\ncopy from c1.c\ncopy to c2.c\n"
		    "diff --git a/e.c b/e.c\nnew file mode 100644\nindex 0000000..e69de29\n",
		    1,
		    "file create /dev/null n.c line=1 hunks=1\n"
		    "hunk -0,0 +1,1 line=6 old=1..0 new=1..1\n"
		    "file delete d.c /dev/null line=8 hunks=1\n"
		    "hunk -1,1 +0,0 line=13 old=1..1 new=1..0\n"
		    "file rename r1.c dir/r2.c line=15 hunks=1\n"
		    "hunk -1,1 +1,1 line=22 old=1..1 new=1..1\n"
		    "file rename p.c q.c line=25 hunks=0\n"
		    "file mode s.sh s.sh line=29 hunks=0\n"
		    "file binary img.png img.png line=32 hunks=0\n"
		    "file binary bin bin line=35 hunks=0\n"
		    "file copy c1.c c2.c line=44 hunks=0\n"
		    "file create /dev/null e.c line=48 hunks=0\n");
	CHECK_PARSE("git -p0 keeps the prefixes, and rename paths have none to strip",
		    "diff --git a/p.c b/q.c\nrename from p.c\nrename to q.c\n"
		    "diff --git a/m b/m\nold mode 100644\nnew mode 100755\n", 0,
		    "file rename p.c q.c line=1 hunks=0\n"
		    "file mode a/m b/m line=4 hunks=0\n");
	CHECK_PARSE("git --no-prefix with -p0: the two names are one file",
		    "diff --git dir/with space.c dir/with space.c\nold mode 100644\nnew mode 100755\n",
		    0, "file mode dir/with space.c dir/with space.c line=1 hunks=0\n");
	CHECK_PARSE("quoted paths: C escapes and octal bytes, a tab after a name with a space",
		    "diff --git \"a/t\\tab\" \"b/t\\tab\"\n--- \"a/t\\tab\"\n+++ \"b/t\\tab\"\n"
		    "@@ -1 +1 @@\n-x\n+y\n"
		    "diff --git \"a/\\303\\244.c\" \"b/\\303\\244.c\"\nold mode 100644\nnew mode 100755\n"
		    "diff --git a/sp ace.c b/sp ace.c\n--- a/sp ace.c\t\n+++ b/sp ace.c\t\n"
		    "@@ -1 +1 @@\n-x\n+y\n",
		    1,
		    "file modify t\tab t\tab line=1 hunks=1\n"
		    "hunk -1,1 +1,1 line=4 old=1..1 new=1..1\n"
		    "file mode \303\244.c \303\244.c line=7 hunks=0\n"
		    "file modify sp ace.c sp ace.c line=10 hunks=1\n"
		    "hunk -1,1 +1,1 line=13 old=1..1 new=1..1\n");
	CHECK_PARSE("git mode change with hunks modifies",
		    "diff --git a/s b/s\nold mode 100644\nnew mode 100755\nindex 1..2\n--- a/s\n"
		    "+++ b/s\n@@ -1 +1 @@\n-a\n+b\n", 1,
		    "file modify s s line=1 hunks=1\n"
		    "hunk -1,1 +1,1 line=7 old=1..1 new=1..1\n");
}

static void bad_patches(void)
{
	CHECK_PARSE("error: malformed hunk header",
		    "--- a/f\n+++ b/f\n@@ -1,x +1 @@\n a\n", 1,
		    "error: line 3: malformed hunk header '@@ -1,x +1 @@': a hunk starts with "
		    "'@@ -OLD[,COUNT] +NEW[,COUNT] @@'");
	CHECK_PARSE("error: a hunk shorter than its counts",
		    "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+c\ndiff --git a/g b/g\n", 1,
		    "error: line 7: the hunk at line 3 (@@ -1,3 +1,3 @@) ends after 2 old and 2 new "
		    "lines, but its header counts 3 and 3: the counts must match the lines "
		    "(regenerate the patch, or correct the counts of an edited one)");
	CHECK_PARSE("error: a hunk cut short by the end of the patch",
		    "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n", 1,
		    "error: line 4: the hunk at line 3 (@@ -1,2 +1,2 @@) ends after 1 old and 1 new "
		    "lines, but its header counts 2 and 2: the counts must match the lines "
		    "(regenerate the patch, or correct the counts of an edited one)");
	CHECK_PARSE("error: more removed lines than counted",
		    "--- a/f\n+++ b/f\n@@ -1,1 +1,2 @@\n-a\n-b\n+c\n+d\n", 1,
		    "error: line 5: the hunk at line 3 (@@ -1,1 +1,2 @@) has more old lines than the "
		    "1 its header counts: the counts must match the lines (regenerate the patch, or "
		    "correct the counts of an edited one)");
	CHECK_PARSE("error: a path-less ---/+++ pair",
		    "--- \t2024-01-01\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n", 1,
		    "error: line 1: the '---' line names no file; a file header is '--- OLD' then "
		    "'+++ NEW'");
	CHECK_PARSE("error: fewer components than -p strips",
		    "--- f.c\n+++ f.c\n@@ -1 +1 @@\n-a\n+b\n", 1,
		    "error: line 1: the old path 'f.c' has fewer leading components than -p1 strips; "
		    "give the strip level the patch was made for");
	CHECK_PARSE("error: nothing left after stripping",
		    "--- a/\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n", 1,
		    "error: line 1: the old path 'a/' names no file after the components -p1 strips; "
		    "give the strip level the patch was made for");
	CHECK_PARSE("error: a file header without a hunk",
		    "--- a/f\n+++ b/f\nnothing\n", 1,
		    "error: line 2: no hunk ('@@ -OLD,COUNT +NEW,COUNT @@') follows the file header");
	CHECK_PARSE("error: hunks out of order",
		    "--- a/f\n+++ b/f\n@@ -5,2 +5,2 @@\n-a\n+b\n c\n@@ -6 +6 @@\n-x\n+y\n", 1,
		    "error: line 7: hunk @@ -6,1 +6,1 @@ starts before the hunk at line 3 ends (old "
		    "line 6, new line 6): the hunks of a file must follow each other");
	CHECK_PARSE("error: a hunk with no line",
		    "--- a/f\n+++ b/f\n@@ -3,0 +3,0 @@\n", 1,
		    "error: line 3: hunk header @@ -3,0 +3,0 @@ has no line on either side");
	CHECK_PARSE("error: line 0 with lines",
		    "--- a/f\n+++ b/f\n@@ -0,1 +1 @@\n-a\n+b\n", 1,
		    "error: line 3: hunk header @@ -0,1 +1,1 @@ starts a side that has lines at line "
		    "0; lines count from 1");
	CHECK_PARSE("error: a combined diff",
		    "diff --cc f.c\nindex 1,2..3\n", 1,
		    "error: line 1: a combined diff (of a merge) cannot be applied as a patch; give "
		    "the diff against one parent");
	CHECK_PARSE("error: an unterminated quoted path",
		    "--- \"a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n", 1,
		    "error: line 1: the quoted path of the '---' line has no closing quote");
	CHECK_PARSE("error: an escape git never writes",
		    "--- \"a/\\q\"\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n", 1,
		    "error: line 1: the quoted path of the '---' line has an escape git never writes "
		    "(\\a \\b \\t \\n \\v \\f \\r \\\" \\\\ or three octal digits)");
	CHECK_PARSE("error: a git entry that says nothing",
		    "diff --git a/f b/f\nindex 1..2 100644\n\n", 1,
		    "error: line 1: the 'diff --git' entry says nothing about its file (no hunk, "
		    "rename, copy, mode or binary line)");
	CHECK_PARSE("error: git paths that cannot be told apart",
		    "diff --git a/x y b/z w\nold mode 100644\nnew mode 100755\n", 1,
		    "error: line 1: the two paths of 'diff --git' cannot be told apart (or do not "
		    "have the components -p1 strips), and no other line names them");
	CHECK_PARSE("error: rename from without rename to",
		    "diff --git a/p b/q\nrename from p\n", 1,
		    "error: line 1: the 'diff --git' entry has a 'rename from' without a 'rename to' "
		    "line or the other way round");
	CHECK_PARSE("error: /dev/null on both sides",
		    "--- /dev/null\n+++ /dev/null\n@@ -0,0 +1 @@\n+x\n", 1,
		    "error: line 1: both sides of the file header are /dev/null");
	CHECK_PARSE("error: a created file whose hunk has old lines",
		    "--- /dev/null\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n", 1,
		    "error: line 3: the hunk @@ -1,1 +1,1 @@ has old lines, but the file header at "
		    "line 2 says the file is created (--- /dev/null)");
	CHECK_PARSE("error: the second file's error, the first file freed",
		    "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n--- a/g\n+++ b/g\n@@ -1 +1,2 @@\n-a\n+b\n",
		    1,
		    "error: line 10: the hunk at line 8 (@@ -1,1 +1,2 @@) ends after 1 old and 1 new "
		    "lines, but its header counts 1 and 2: the counts must match the lines "
		    "(regenerate the patch, or correct the counts of an edited one)");
	UNIT_CHECK_STR("kind names", klp_udiff_kind_name(KLP_UDIFF_RENAME), "rename");
	UNIT_CHECK_STR("unknown kind", klp_udiff_kind_name((enum klp_udiff_kind)99), "unknown");
}

static int dump_file(const char *strip, const char *path)
{
	char err[KLP_UDIFF_ERRLEN], *text;
	struct klp_udiff d;
	size_t len;
	int e = klp_read_file(path, &text, &len);

	if (e) {
		fprintf(stderr, "unit-udiff: cannot read %s: %s\n", path, strerror(e));
		return 2;
	}
	if (klp_udiff_parse(text, len, (unsigned)atoi(strip), &d, err)) {
		fprintf(stderr, "unit-udiff: %s: %s\n", path, err);
		free(text);
		return 1;
	}
	dump(stdout, &d);
	klp_udiff_free(&d);
	free(text);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "--dump") == 0)
		return dump_file(argv[2], argv[3]);
	plain_diffs();
	git_diffs();
	bad_patches();
	return unit_failures ? 1 : 0;
}
