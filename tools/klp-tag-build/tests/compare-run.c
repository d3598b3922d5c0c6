// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * compare-run - one comparison (tb.h, tb_compare) from the command line,
 * for the testsuite (testsuite/klp_tag.build/compare.exp); not installed.
 *
 *   compare-run ORIG.o PATCHED.o [ORIG.klp-describe PATCHED.klp-describe]
 *
 * Prints one line per function and object symbol, sorted by name:
 * "same SYM", "differs SYM OFFSET WHY", "only-orig SYM", "only-patched
 * SYM", SYM being ORIG->PATCHED for a pair of different names (renumbered
 * clones and local statics).  Without describe files, clones pair by
 * their names only.  Exit status: 0 all same, 1 something differs or is
 * in one object only, 2 error.
 */
#include "tb.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int read_describe(const char *path, struct klp_describe *d)
{
	char err[KLP_DESCRIBE_ERRLEN];
	char *text;
	size_t len;

	if (klp_read_file(path, &text, &len)) {
		fprintf(stderr, "compare-run: %s: cannot read\n", path);
		return -1;
	}
	if (klp_describe_parse(text, len, d, err)) {
		fprintf(stderr, "compare-run: %s: %s\n", path, err);
		free(text);
		return -1;
	}
	free(text);
	return 0;
}

int main(int argc, char **argv)
{
	struct klp_describe od = { 0 }, pd = { 0 };
	bool described = argc == 5;
	struct tb_cmp c;
	char err[TB_ERRLEN];
	size_t i;
	int status = 0;

	if (argc != 3 && argc != 5) {
		fprintf(stderr, "usage: compare-run ORIG.o PATCHED.o [ORIG.klp-describe PATCHED.klp-describe]\n");
		return 2;
	}
	if (described && (read_describe(argv[3], &od) || read_describe(argv[4], &pd)))
		return 2;
	if (tb_compare(argv[1], argv[2], described ? &od : NULL, described ? &pd : NULL, &c, err,
		       sizeof(err))) {
		fprintf(stderr, "compare-run: %s\n", err);
		status = 2;
		goto out;
	}
	for (i = 0; i < c.nsyms; i++) {
		const struct tb_cmp_sym *e = &c.syms[i];

		printf("%s ", tb_cmp_status_name(e->status));
		if (e->orig_name && e->patched_name && strcmp(e->orig_name, e->patched_name))
			printf("%s->%s", e->orig_name, e->patched_name);
		else
			printf("%s", e->orig_name ? e->orig_name : e->patched_name);
		if (e->status == TB_DIFFERS)
			printf(" 0x%llx %s", (unsigned long long)e->offset, e->why);
		putchar('\n');
		if (e->status != TB_SAME)
			status = 1;
	}
	tb_cmp_free(&c);
out:
	klp_describe_free(&od);
	klp_describe_free(&pd);
	return status;
}
