// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * read-describe.c - the describe-file reader (common/describe.h) as a
 * program, for the tests: reads FILE, prints the reader's error and exits
 * 1, or writes the records back with the writer (canonical order: fn,
 * sym and inl, var, type) and exits 0.
 */
#include <stdio.h>
#include <stdlib.h>

#include "describe.h"
#include "util.h"

int main(int argc, char **argv)
{
	char err[KLP_DESCRIBE_ERRLEN], *text;
	struct klp_describe d;
	size_t len, i;
	int e;

	if (argc != 2) {
		fprintf(stderr, "usage: read-describe FILE\n");
		return 2;
	}
	e = klp_read_file(argv[1], &text, &len);
	if (e) {
		fprintf(stderr, "%s: cannot read (errno %d)\n", argv[1], e);
		return 2;
	}
	if (klp_describe_parse(text, len, &d, err)) {
		printf("%s: %s\n", argv[1], err);
		return 1;
	}
	klp_describe_write_header(stdout, d.source);
	for (i = 0; i < d.nfns; i++)
		klp_describe_write_fn(stdout, d.fns[i].cname, d.fns[i].file, d.fns[i].first,
				      d.fns[i].last);
	for (i = 0; i < d.nsyms; i++) {
		klp_describe_write_sym(stdout, d.syms[i].symbol, d.syms[i].cname, d.syms[i].kind);
		if (d.syms[i].ninlined)
			klp_describe_write_inl(stdout, d.syms[i].symbol,
					       (const char *const *)d.syms[i].inlined,
					       d.syms[i].ninlined);
	}
	for (i = 0; i < d.nvars; i++)
		klp_describe_write_var(stdout, d.vars[i].symbol, d.vars[i].cname,
				       d.vars[i].context, d.vars[i].ordinal);
	for (i = 0; i < d.ntypes; i++)
		klp_describe_write_type_record(stdout, &d.types[i]);
	klp_describe_free(&d);
	free(text);
	return 0;
}
