// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * gen-refs - write the assembly of a livepatch module object with REFS
 * references that only livepatch relocations can resolve, the input of the
 * klp-reloc benchmark (bench/run.sh).
 *
 *   gen-refs SYSTEM.MAP REFS > refs.s && as -o refs.o refs.s
 *
 * The referenced symbols are the local functions ('t') of the given
 * System.map whose name occurs once in it (and has no '.'), read with the
 * project's own System.map reader; REFS calls cycle through them, so that
 * up to their number every reference names another symbol.  The calls sit
 * in functions of 100 calls each, tagged vmlinux in the .klp_tag.map the
 * plugin would write (one object record, one function record each), and
 * .modinfo says livepatch=Y, as in a real patch module before modpost.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_abi.h"
#include "klp_map.h"
#include "sysmap.h"

#define CALLS_PER_FUNCTION 100

int main(int argc, char **argv)
{
	struct klp_sysmap map;
	unsigned long refs, i, nfn;
	const char **names;
	size_t n = 0, j;
	char err[1024], *end;

	if (argc != 3 || (refs = strtoul(argv[2], &end, 10)) == 0 || *end) {
		fprintf(stderr, "usage: gen-refs SYSTEM.MAP REFS (REFS > 0)\n");
		return 2;
	}
	if (klp_sysmap_load(&map, argv[1], KLP_KV(6, 1), NULL, err, sizeof(err))) {
		fprintf(stderr, "gen-refs: %s\n", err);
		return 2;
	}
	names = calloc(map.nsyms ? map.nsyms : 1, sizeof(*names));
	if (!names) {
		fprintf(stderr, "gen-refs: out of memory\n");
		return 2;
	}
	for (j = 0; j < map.nsyms; j++) {
		const size_t *idx;
		const struct klp_ksym *s = &map.syms[j];

		if (s->type == 't' && !strchr(s->name, '.') &&
		    klp_sysmap_find(&map, s->name, &idx) == 1)
			names[n++] = s->name;
	}
	if (!n) {
		fprintf(stderr, "gen-refs: %s has no local function of a unique name\n", argv[1]);
		return 2;
	}
	printf("\t.section .modinfo,\"a\"\n\t.asciz \"livepatch=Y\"\n\t.text\n");
	nfn = (refs + CALLS_PER_FUNCTION - 1) / CALLS_PER_FUNCTION;
	for (i = 0; i < refs; i++) {
		if (i % CALLS_PER_FUNCTION == 0)
			printf("\t.globl klp_refs_fn_%lu\n\t.type klp_refs_fn_%lu, @function\n"
			       "klp_refs_fn_%lu:\n", i / CALLS_PER_FUNCTION, i / CALLS_PER_FUNCTION,
			       i / CALLS_PER_FUNCTION);
		printf("\tcall %s\n", names[i % n]);
		if (i % CALLS_PER_FUNCTION == CALLS_PER_FUNCTION - 1 || i == refs - 1)
			printf("\tret\n\t.size klp_refs_fn_%lu, .-klp_refs_fn_%lu\n",
			       i / CALLS_PER_FUNCTION, i / CALLS_PER_FUNCTION);
	}

	klp_map_write_begin(stdout);
	{
		const char *unit[2] = { "klp-tag bench", "gen-refs.c" };
		const char *object[1] = { "vmlinux" };

		klp_map_write_record(stdout, KLP_MAP_UNIT, KLP_ABI_NONE, KLP_ABI_NONE, NULL, unit, 2);
		klp_map_write_record(stdout, KLP_MAP_OBJECT, 0, 0, NULL, object, 1);
	}
	for (i = 0; i < nfn; i++) {
		char name[64];
		const char *strings[3];

		snprintf(name, sizeof(name), "klp_refs_fn_%lu", i);
		strings[0] = "vmlinux";
		strings[1] = name;
		strings[2] = name;
		klp_map_write_record(stdout, KLP_MAP_FUNCTION, KLP_SRC_TAGFILE, 0, name, strings, 3);
	}
	klp_map_write_end(stdout);
	fprintf(stderr, "gen-refs: %lu references to %zu distinct local functions\n", refs,
		refs < n ? (size_t)refs : n);
	free(names);
	klp_sysmap_free(&map);
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
