// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * compare-run - klp-tag-build's compare stage from the command line, for
 * the testsuite (testsuite/klp_tag.build/compare.exp); not installed.
 *
 *   compare-run ORIG.o PATCHED.o ORIG.klp-describe PATCHED.klp-describe
 *
 * One line per symbol, sorted: "same SYM", "differs SYM OFFSET WHY",
 * "only-orig SYM", "only-patched SYM" (ORIG->PATCHED for a pair whose
 * names differ).  Exit status: 0 compared, 2 error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tb.h"
#include "util.h"

static int load(const char *path, struct klp_describe *d)
{
	char err[KLP_DESCRIBE_ERRLEN];
	char *text;
	size_t n;
	int e = klp_read_file(path, &text, &n);

	if (e) {
		fprintf(stderr, "compare-run: %s: %s\n", path, strerror(e));
		return -1;
	}
	e = klp_describe_parse(text, n, d, err);
	free(text);
	if (e)
		fprintf(stderr, "compare-run: %s: %s\n", path, err);
	return e;
}

int main(int argc, char **argv)
{
	struct klp_describe od, pd;
	struct tb_cmp c;
	char err[TB_ERRLEN];

	if (argc != 5) {
		fprintf(stderr, "usage: compare-run ORIG.o PATCHED.o ORIG.klp-describe "
				"PATCHED.klp-describe\n");
		return 2;
	}
	if (load(argv[3], &od))
		return 2;
	if (load(argv[4], &pd)) {
		klp_describe_free(&od);
		return 2;
	}
	if (tb_compare(argv[1], argv[2], &od, &pd, &c, err, sizeof(err))) {
		fprintf(stderr, "compare-run: %s\n", err);
		klp_describe_free(&od);
		klp_describe_free(&pd);
		return 2;
	}
	for (size_t i = 0; i < c.nsyms; i++) {
		const struct tb_cmp_sym *s = &c.syms[i];
		const char *name = s->orig_name ? s->orig_name : s->patched_name;

		printf("%s ", tb_cmp_status_name(s->status));
		if (s->orig_name && s->patched_name && strcmp(s->orig_name, s->patched_name))
			printf("%s->%s", s->orig_name, s->patched_name);
		else
			fputs(name, stdout);
		if (s->status == TB_DIFFERS)
			printf(" %#llx %s", (unsigned long long)s->offset, s->why);
		putchar('\n');
	}
	tb_cmp_free(&c);
	klp_describe_free(&od);
	klp_describe_free(&pd);
	return 0;
}
