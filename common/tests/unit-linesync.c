// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the line keeper (linesync.h).
 *
 * Without arguments: the checks below, on C text written by hand.  With
 * `--check ORIG PATCHED [OUT]`: plan and apply on two real files, check the
 * properties below on them and print them as PASS/FAIL lines, then write
 * the stabilized file to OUT (for the testsuite's compile with GCC).
 *
 * Every case is also checked for the properties of linesync-check.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "linesync-check.h"
#include "linesync.h"
#include "unit.h"
#include "util.h"

/* Plan and apply ORIG -> PATCHED; the marks as "NEW:ORIG ..." and the output in *OUT. */
static char *marks_of(const char *orig, const char *patched, char **out)
{
	struct klp_linesync s;
	char *buf = NULL, *text = NULL;
	size_t len = 0, tlen = 0, k;
	const char *why;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	if (klp_linesync_plan(orig, strlen(orig), patched, strlen(patched), &s)) {
		fclose(f);
		free(buf);
		return NULL;
	}
	for (k = 0; k < s.nmarks; k++)
		fprintf(f, "%s%u:%u", k ? " " : "", s.marks[k].new_line, s.marks[k].orig_line);
	if (klp_linesync_apply(patched, strlen(patched), &s, "", &text, &tlen)) {
		fprintf(f, " apply failed");
	} else {
		why = linesync_broken(orig, strlen(orig), patched, strlen(patched), &s, text, tlen, 1);
		if (why)
			fprintf(f, " BROKEN: %s", why);
	}
	fclose(f);
	klp_linesync_free(&s);
	if (out)
		*out = text;
	else
		free(text);
	return buf;
}

#define CHECK_MARKS(name, orig, patched, want) do { \
	char *got_ = marks_of(orig, patched, NULL); \
	UNIT_CHECK_STR(name, got_, want); \
	free(got_); \
} while (0)

static const char three_functions[] =
	"#include <stdio.h>\n"				/* 1 */
	"int f(void)\n"					/* 2 */
	"{\n"						/* 3 */
	"\treturn 1;\n"					/* 4 */
	"}\n"						/* 5 */
	"int g(void)\n"					/* 6 */
	"{\n"						/* 7 */
	"\treturn printf(\"%d\\n\", __LINE__);\n"	/* 8 */
	"}\n";						/* 9 */

static void placement(void)
{
	struct klp_linesync s;
	char *out = NULL, *m;

	CHECK_MARKS("identical texts: no mark", three_functions, three_functions, "");
	UNIT_CHECK("identical texts: no region",
		   klp_linesync_plan(three_functions, strlen(three_functions), three_functions,
				     strlen(three_functions), &s) == 0 && s.nregions == 0 &&
		   s.nmarks == 0);
	klp_linesync_free(&s);
	CHECK_MARKS("two lines added: a mark on the next line",
		    three_functions,
		    "#include <stdio.h>\nint f(void)\n{\n\tint x = 1;\n\tx++;\n\treturn 1;\n}\n"
		    "int g(void)\n{\n\treturn printf(\"%d\\n\", __LINE__);\n}\n",
		    "6:4");
	m = marks_of(three_functions,
		     "#include <stdio.h>\nint f(void)\n{\n\tint x = 1;\n\tx++;\n\treturn 1;\n}\n"
		     "int g(void)\n{\n\treturn printf(\"%d\\n\", __LINE__);\n}\n", &out);
	UNIT_CHECK_STR("the mark is a line of its own before line 6",
		       out, "#include <stdio.h>\nint f(void)\n{\n\tint x = 1;\n\tx++;\n#line 4\n"
		       "\treturn 1;\n}\nint g(void)\n{\n\treturn printf(\"%d\\n\", __LINE__);\n}\n");
	free(m);
	free(out);
	CHECK_MARKS("a line removed", three_functions,
		    "#include <stdio.h>\nint f(void)\n{\n}\nint g(void)\n{\n"
		    "\treturn printf(\"%d\\n\", __LINE__);\n}\n",
		    "4:5");
	CHECK_MARKS("a line replaced by one: no mark needed", three_functions,
		    "#include <stdio.h>\nint f(void)\n{\n\treturn 2;\n}\nint g(void)\n{\n"
		    "\treturn printf(\"%d\\n\", __LINE__);\n}\n",
		    "");
	CHECK_MARKS("not inside a comment: after it",
		    "a;\n/*\n * x\n */\nb;\n",
		    "a;\nnew;\n/*\n * x\n */\nb;\n",
		    "3:2");
	CHECK_MARKS("not inside a comment that the change opens",
		    "a;\n b;\n c;\n */\nd;\n",
		    "a;\nx;\n/* b;\n c;\n */\nd;\n",
		    "6:5");
	CHECK_MARKS("not inside the parentheses of a macro call",
		    "a;\nFOO(x,\n  y,\n  z);\nb;\n",
		    "a;\nFOO(x, w,\n  y,\n  z);\nb;\n",
		    "");
	CHECK_MARKS("not inside the parentheses of a macro call (shifted)",
		    "a;\nFOO(x,\n  y,\n  z);\nb;\n",
		    "a;\nnew;\nFOO(x,\n  y,\n  z);\nb;\n",
		    "3:2");
	CHECK_MARKS("not inside parentheses the change opened",
		    "a;\nx;\n y);\nb;\n",
		    "a;\nnew;\nf(x;\n y);\nb;\n",
		    "5:4");
	CHECK_MARKS("not after a continued line",
		    "a;\n#define X \\\n  1 \\\n  2\nb;\n",
		    "new;\na;\n#define X \\\n  1 \\\n  2\nb;\n",
		    "2:1");
	CHECK_MARKS("a continued line's tail is no place",
		    "#define X \\\n  1 \\\n  2\nb;\n",
		    "#define X 0 \\\n  1 \\\n  2\nb;\n",
		    "");
	CHECK_MARKS("not in a continued line, even with blanks after the backslash",
		    "#define X \\ \n  1\nb;\n",
		    "#define Y\n#define X \\ \n  1\nb;\n",
		    "2:1");
	CHECK_MARKS("a string with an escaped quote and a parenthesis does not open anything",
		    "a;\nputs(\"\\\")(\");\nc = '(';\nb;\n",
		    "new;\na;\nputs(\"\\\")(\");\nc = '(';\nb;\n",
		    "2:1");
	CHECK_MARKS("// comment with a parenthesis and a continued // comment",
		    "a; // (\nb; // x \\\nc;\nd;\n",
		    "new;\na; // (\nb; // x \\\nc;\nd;\n",
		    "2:1");
	CHECK_MARKS("#if/#else branches each open a parenthesis once",
		    "#ifdef A\nif (a &&\n#else\nif (b &&\n#endif\n    c)\n\tx();\ny;\n",
		    "new;\n#ifdef A\nif (a &&\n#else\nif (b &&\n#endif\n    c)\n\tx();\ny;\n",
		    "2:1");
	CHECK_MARKS("after #endif a branch's open parenthesis still counts",
		    "#ifdef A\nif (a &&\n#else\nif (b) {\n#endif\n    c)\n\tx();\ny;\n",
		    "#ifdef A\nif (a && n &&\n#else\nif (b) {\n#endif\n    c)\n\tx();\ny;\n",
		    "");
	CHECK_MARKS("a mark in a group is repeated after the group",
		    "#ifdef A\na;\nb;\nc;\n#endif\nd;\n",
		    "#ifdef A\na;\nnew;\nb;\nc;\n#endif\nd;\n",
		    "4:3 7:6");
	CHECK_MARKS("... and after #else", "#ifdef A\na;\nb;\n#else\nc;\n#endif\nd;\n",
		    "#ifdef A\na;\nnew;\nb;\n#else\nc;\n#endif\nd;\n",
		    "4:3 6:5 8:7");
	CHECK_MARKS("a mark outside groups is not repeated", "a;\nb;\n#ifdef A\nc;\n#endif\nd;\n",
		    "a;\nnew;\nb;\n#ifdef A\nc;\n#endif\nd;\n", "3:2");
	CHECK_MARKS("several changes, several marks",
		    "1;\n2;\n3;\n4;\n5;\n6;\n7;\n8;\n",
		    "1;\nx;\n2;\n3;\n5;\n6;\ny;\nz;\n7;\n8;\n",
		    "3:2 5:5 9:7");
	CHECK_MARKS("lines moved: the kept subsequence is a longest one",
		    "a;\nb;\nc;\nd;\ne;\n", "d;\na;\nb;\nc;\ne;\n", "2:1 5:5");
	CHECK_MARKS("all lines deleted at the start", "a;\nb;\nc;\n", "c;\n", "1:3");
	CHECK_MARKS("a file with its own #line: numbers as GCC counts them",
		    "a;\n#line 100\nb;\nc;\n", "a;\n#line 100\nnew;\nb;\nc;\n", "4:100");
	CHECK_MARKS("a line marker counts too", "# 50 \"x.c\"\nb;\nc;\n", "# 50 \"x.c\"\nn;\nb;\nc;\n",
		    "3:50");
	CHECK_MARKS("a #line that the patch adds counts too", "a;\nb;\nc;\n", "a;\n#line 2\nb;\nc;\n",
		    "");
	CHECK_MARKS("empty original", "", "a;\nb;\n", "");
	CHECK_MARKS("empty patched", "a;\nb;\n", "", "");
	CHECK_MARKS("a missing last newline", "a;\nb;\nc;", "n;\na;\nb;\nc;", "2:1");
	m = marks_of("a;\r\nb;\r\n", "n;\r\na;\r\nb;\r\n", &out);
	UNIT_CHECK_STR("CRLF: the mark ends with CRLF too", out, "n;\r\n#line 1\r\na;\r\nb;\r\n");
	free(m);
	free(out);
}

static void applying(void)
{
	struct klp_linesync_mark marks[2] = { { 2, 1 }, { 2, 5 } };
	struct klp_linesync s = { .marks = marks, .nmarks = 2 };
	char *out = NULL;
	size_t len;

	errno = 0;
	UNIT_CHECK("apply: marks out of order are refused",
		   klp_linesync_apply("a\nb\nc\n", 6, &s, "", &out, &len) == -1 && errno == EINVAL);
	marks[1].new_line = 4;
	errno = 0;
	UNIT_CHECK("apply: a mark past the last line is refused",
		   klp_linesync_apply("a\nb\nc\n", 6, &s, "", &out, &len) == -1 && errno == EINVAL);
	marks[1].new_line = 3;
	UNIT_CHECK("apply: with a comment",
		   klp_linesync_apply("a\nb\nc\n", 6, &s, "/* klp */", &out, &len) == 0 && out &&
		   strcmp(out, "a\n#line 1 /* klp */\nb\n#line 5 /* klp */\nc\n") == 0 &&
		   len == strlen(out));
	free(out);
	s.nmarks = 0;
	UNIT_CHECK("apply: no marks copies", klp_linesync_apply("a\nb", 3, &s, "", &out, &len) == 0 &&
		   len == 3 && strcmp(out, "a\nb") == 0);
	free(out);
}

/* A long file: 10,000 lines of functions using __LINE__, changed in several places. */
static void long_file(void)
{
	char *orig = NULL, *patched = NULL, *out = NULL, *m;
	size_t olen = 0, plen = 0, i;
	FILE *o = open_memstream(&orig, &olen), *p = open_memstream(&patched, &plen);
	clock_t t0;
	double ms;

	if (!o || !p)
		return;
	for (i = 0; i < 2000; i++) {
		fprintf(o, "int f%zu(int x)\n{\n\tprintk(\"%%d\", __LINE__);\n\treturn x;\n}\n", i);
		if (i % 400 == 7)
			fprintf(p, "int f%zu(int x)\n{\n\tx += 1;\n\tx += 2;\n\tprintk(\"%%d\", "
				"__LINE__);\n\treturn x;\n}\n", i);
		else if (i % 400 == 9)
			fprintf(p, "int f%zu(int x)\n{\n\treturn x;\n}\n", i);
		else
			fprintf(p, "int f%zu(int x)\n{\n\tprintk(\"%%d\", __LINE__);\n\treturn x;\n}\n",
				i);
	}
	fclose(o);
	fclose(p);
	t0 = clock();
	m = marks_of(orig, patched, &out);
	ms = (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC;
	UNIT_CHECK("10,000 lines: the properties hold, one mark per change",
		   m && !strstr(m, "BROKEN") && !strstr(m, "apply failed"));
	{
		size_t marks = 0;
		const char *c;

		for (c = m; c && *c; c++)
			marks += *c == ':';
		UNIT_CHECK("10,000 lines: 10 changes, 10 marks", marks == 10);
	}
	printf("10,000 lines planned and applied in %.1f ms\n", ms);
	UNIT_CHECK("10,000 lines in well under a second", ms < 1000);
	free(m);
	free(out);
	free(orig);
	free(patched);
}

static int check_files(const char *opath, const char *ppath, const char *outpath)
{
	char *orig, *patched, *out;
	size_t olen, plen, outlen;
	struct klp_linesync s;
	const char *why;
	clock_t t0;
	int e;

	if ((e = klp_read_file(opath, &orig, &olen)) || (e = klp_read_file(ppath, &patched, &plen))) {
		fprintf(stderr, "unit-linesync: cannot read the files: %s\n", strerror(e));
		return 2;
	}
	t0 = clock();
	UNIT_CHECK("plan", klp_linesync_plan(orig, olen, patched, plen, &s) == 0);
	UNIT_CHECK("apply", klp_linesync_apply(patched, plen, &s, "/* klp-tag-build */", &out,
					       &outlen) == 0);
	printf("marks %zu regions %zu in %.1f ms\n", s.nmarks, s.nregions,
	       (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC);
	why = linesync_broken(orig, olen, patched, plen, &s, out, outlen, 1);
	UNIT_CHECK_STR("properties", why ? why : "hold", "hold");
	if (outpath) {
		FILE *f = fopen(outpath, "w");

		UNIT_CHECK("output written", f && fwrite(out, 1, outlen, f) == outlen &&
					     fclose(f) == 0);
	}
	klp_linesync_free(&s);
	free(orig);
	free(patched);
	free(out);
	return unit_failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	if ((argc == 4 || argc == 5) && strcmp(argv[1], "--check") == 0)
		return check_files(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
	placement();
	applying();
	long_file();
	return unit_failures ? 1 : 0;
}
