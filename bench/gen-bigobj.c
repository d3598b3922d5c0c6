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
 * .klp_tag.map record (format: plugin/klp_map.h) says so, as the plugin
 * writes it: a function record with a relocation against the function.
 * With a million entries the object file is about 50 MB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "klp_map.h"

#define ENTRIES_PER_FUNCTION 10

static const char *const objects[] = {
	"vmlinux", "ext4", "xfs", "nfsd", "kvm_amd", "i915", "btrfs", "livepatch_shadow_mod",
};
#define NOBJECTS (sizeof(objects) / sizeof(objects[0]))

static void emit_function(unsigned long i)
{
	const char *obj = objects[i % NOBJECTS];
	int k;

	printf("\t.text\n\t.globl klp_big_fn_%lu\n\t.type klp_big_fn_%lu, @function\n"
	       "klp_big_fn_%lu:\n", i, i, i);
	for (k = 0; k < ENTRIES_PER_FUNCTION / 2; k++) {
		printf("661:\n\tmfence\n662:\n"
		       "\t.pushsection .klp.arch.%s..altinstructions,\"a\"\n"
		       "\t.long 661b - .\n\t.long 663f - .\n\t.word %lu\n"
		       "\t.byte 662b-661b\n\t.byte 664f-663f\n\t.byte 0\n\t.popsection\n"
		       "\t.pushsection .altinstr_replacement, \"ax\"\n"
		       "663:\n\tlfence\n664:\n\t.popsection\n", obj, 100 + (i + (unsigned long)k) % 300);
		printf("771:\n\tcall *%%rax\n772:\n"
		       "\t.pushsection .klp.arch.%s..parainstructions,\"a\"\n"
		       "\t.balign 8\n\t.quad 771b\n\t.byte %lu\n\t.byte 772b-771b\n\t.short 0\n"
		       "\t.popsection\n", obj, (i + (unsigned long)k) % 60);
	}
	printf("\tret\n\t.size klp_big_fn_%lu, .-klp_big_fn_%lu\n", i, i);
}

/* One .klp_tag.map record, laid out as plugin/klp_map.h says. */
static void emit_record(int kind, int source, int flags, const char *symbol,
			const char *const *strings, int nstrings)
{
	size_t len = KLP_MAP_HEADER_SIZE;
	int s;

	for (s = 0; s < nstrings; s++)
		len += strlen(strings[s]) + 1;
	len = (len + KLP_MAP_ALIGN - 1) & ~(size_t)(KLP_MAP_ALIGN - 1);
	printf("\t.balign %d, 0\n\t.long 0x%08x\n\t.byte %d, %d, %d, %d\n\t.long %zu, 0\n"
	       "\t.quad %s\n", KLP_MAP_ALIGN, KLP_MAP_MAGIC, KLP_MAP_VERSION, kind, source, flags,
	       len, symbol ? symbol : "0");
	for (s = 0; s < nstrings; s++)
		printf("\t.string \"%s\"\n", strings[s]);
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

	printf("\t.pushsection %s,\"\",@progbits\n", KLP_MAP_SECTION);
	{
		const char *unit[2] = { "klp-tag bench", "gen-bigobj.c" };

		emit_record(KLP_MAP_UNIT, KLP_ABI_KLP_ARCH, KLP_ABI_KLP_ARCH, NULL, unit, 2);
	}
	for (i = 0; i < functions; i++) {
		char name[64];
		const char *strings[3];

		snprintf(name, sizeof(name), "klp_big_fn_%lu", i);
		strings[0] = objects[i % NOBJECTS];
		strings[1] = name;
		strings[2] = name;
		emit_record(KLP_MAP_FUNCTION, KLP_SRC_TAGFILE,
			    KLP_MAP_F_REWRITTEN | KLP_MAP_F_HAS_ENTRIES, name, strings, 3);
	}
	printf("\t.balign %d, 0\n\t.popsection\n", KLP_MAP_ALIGN);
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
