// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * gen-bigobj - write the assembly of one very large livepatch object file,
 * the input of the klp-arch-check throughput benchmark (bench/run.sh).
 *
 *   gen-bigobj ENTRIES > big.s && as -o big.o big.s
 *
 * Compiling a C unit with a million entries would take GCC many minutes, so
 * this writes what the plugin's output looks like to the assembler:
 * ENTRIES / 10 global functions, each holding 5 alternative and 5 paravirt
 * patch sites, in the 4.9-5.7 layout (13-byte alt_instr with padlen;
 * paravirt sites of 12 bytes, each aligned to 8).  Function i belongs to
 * one of eight objects (vmlinux and seven modules), so its entries go to
 * .klp.arch.<object>..altinstructions / ..parainstructions, and its
 * .klp_tag.map record says so, written by the plugin's own writer
 * (common/klp_map.h): a function record with a relocation against the
 * function.
 * With a million entries the object file is about 50 MB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_abi.h"
#include "klp_map.h"

#define ENTRIES_PER_FUNCTION 10

static const char *const objects[] = {
	"vmlinux", "ext4", "xfs", "nfsd", "kvm_amd", "i915", "btrfs", "livepatch_shadow_mod",
};
#define NOBJECTS (sizeof(objects) / sizeof(objects[0]))

static void emit_function(unsigned long i)
{
	const char *obj = objects[i % NOBJECTS];
	char prefix[KLP_ARCH_OBJECT_MAX + sizeof(KLP_ARCH_PREFIX) + 2];
	int k;

	klp_arch_prefix(prefix, sizeof(prefix), obj);
	printf("\t.text\n\t.globl klp_big_fn_%lu\n\t.type klp_big_fn_%lu, @function\n"
	       "klp_big_fn_%lu:\n", i, i, i);
	for (k = 0; k < ENTRIES_PER_FUNCTION / 2; k++) {
		printf("661:\n\tmfence\n662:\n"
		       "\t.pushsection %s.altinstructions,\"a\"\n"
		       "\t.long 661b - .\n\t.long 663f - .\n\t.word %lu\n"
		       "\t.byte 662b-661b\n\t.byte 664f-663f\n\t.byte 0\n\t.popsection\n"
		       "\t.pushsection .altinstr_replacement, \"ax\"\n"
		       "663:\n\tlfence\n664:\n\t.popsection\n", prefix, 100 + (i + (unsigned long)k) % 300);
		printf("771:\n\tcall *%%rax\n772:\n"
		       "\t.pushsection %s.parainstructions,\"a\"\n"
		       "\t.balign 8\n\t.quad 771b\n\t.byte %lu\n\t.byte 772b-771b\n\t.short 0\n"
		       "\t.popsection\n", prefix, (i + (unsigned long)k) % 60);
	}
	printf("\tret\n\t.size klp_big_fn_%lu, .-klp_big_fn_%lu\n", i, i);
}

int main(int argc, char **argv)
{
	unsigned long entries, functions, i;
	char *end;

	if (argc != 2 || (entries = strtoul(argv[1], &end, 10)) < ENTRIES_PER_FUNCTION || *end) {
		fprintf(stderr, "usage: gen-bigobj ENTRIES (at least %d)\n", ENTRIES_PER_FUNCTION);
		return 2;
	}
	functions = entries / ENTRIES_PER_FUNCTION;
	for (i = 0; i < functions; i++)
		emit_function(i);

	klp_map_write_begin(stdout);
	{
		const char *unit[2] = { "klp-tag bench", "gen-bigobj.c" };

		klp_map_write_record(stdout, KLP_MAP_UNIT, KLP_ABI_KLP_ARCH, KLP_ABI_KLP_ARCH, NULL,
				     unit, 2);
	}
	for (i = 0; i < functions; i++) {
		char name[64];
		const char *strings[3];

		snprintf(name, sizeof(name), "klp_big_fn_%lu", i);
		strings[0] = objects[i % NOBJECTS];
		strings[1] = name;
		strings[2] = name;
		klp_map_write_record(stdout, KLP_MAP_FUNCTION, KLP_SRC_TAGFILE,
				     KLP_MAP_F_REWRITTEN | KLP_MAP_F_HAS_ENTRIES, name, strings, 3);
	}
	klp_map_write_end(stdout);
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
