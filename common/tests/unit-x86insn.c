// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the x86-64 decoder (x86insn.h): hand-picked encodings with
 * every field's offset and size, the values x86_field() reads from them,
 * and the refusals with their exact reasons.  The oracle test against
 * objdump (testsuite/klp_tag.x86) covers lengths on real code.
 */
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"
#include "x86insn.h"

/* An encoding and what x86_decode() must report of it; -1 / 0 for none. */
struct enc {
	const char *name, *hex;
	int len, prefixes, modrm;
	int rel, rel_size, branch;
	int rip, disp, disp_size, imm, imm_size;
};

#define NB X86_BRANCH_NONE
#define CL X86_BRANCH_CALL
#define JM X86_BRANCH_JMP
#define JC X86_BRANCH_JCC

static const struct enc encs[] = {
	/* name, bytes, len, prefixes, modrm, rel, rel_size, branch, rip, disp, disp_size, imm,
	 * imm_size */
	{ "call rel32", "e8 78 56 34 12", 5, 0, -1, 1, 4, CL, -1, -1, 0, -1, 0 },
	{ "jmp rel8", "eb fe", 2, 0, -1, 1, 1, JM, -1, -1, 0, -1, 0 },
	{ "jmp rel32", "e9 00 01 00 00", 5, 0, -1, 1, 4, JM, -1, -1, 0, -1, 0 },
	{ "jne rel8", "75 10", 2, 0, -1, 1, 1, JC, -1, -1, 0, -1, 0 },
	{ "je rel32", "0f 84 00 01 00 00", 6, 0, -1, 2, 4, JC, -1, -1, 0, -1, 0 },
	{ "jrcxz", "e3 10", 2, 0, -1, 1, 1, JC, -1, -1, 0, -1, 0 },
	{ "jecxz (67)", "67 e3 10", 3, 1, -1, 2, 1, JC, -1, -1, 0, -1, 0 },
	{ "loop", "e2 f0", 2, 0, -1, 1, 1, JC, -1, -1, 0, -1, 0 },
	{ "loopne", "e0 f0", 2, 0, -1, 1, 1, JC, -1, -1, 0, -1, 0 },
	{ "cs-hinted jcc", "2e 74 00", 3, 1, -1, 2, 1, JC, -1, -1, 0, -1, 0 },
	{ "ds-hinted jcc rel32", "3e 0f 85 00 00 00 00", 7, 1, -1, 3, 4, JC, -1, -1, 0, -1, 0 },
	{ "bnd jmp", "f2 e9 00 00 00 00", 6, 1, -1, 2, 4, JM, -1, -1, 0, -1, 0 },
	{ "66 call: rel16", "66 e8 34 12", 4, 1, -1, 2, 2, CL, -1, -1, 0, -1, 0 },
	{ "66 jcc: rel16", "66 0f 85 34 12", 5, 1, -1, 3, 2, JC, -1, -1, 0, -1, 0 },
	{ "66 REX.W call: rel32", "66 48 e8 00 00 00 00", 7, 2, -1, 3, 4, CL, -1, -1, 0, -1, 0 },
	{ "xbegin", "c7 f8 00 01 00 00", 6, 0, 1, 2, 4, JC, -1, -1, 0, -1, 0 },
	{ "66 xbegin: rel16", "66 c7 f8 00 01", 5, 1, 2, 3, 2, JC, -1, -1, 0, -1, 0 },
	{ "xabort imm8", "c6 f8 05", 3, 0, 1, -1, 0, NB, -1, -1, 0, 2, 1 },
	{ "lea rip", "48 8d 05 f0 ff ff ff", 7, 1, 2, -1, 0, NB, 3, 3, 4, -1, 0 },
	{ "call *rip", "ff 15 00 00 00 00", 6, 0, 1, -1, 0, NB, 2, 2, 4, -1, 0 },
	{ "add imm8 to rip", "83 05 10 00 00 00 01", 7, 0, 1, -1, 0, NB, 2, 2, 4, 6, 1 },
	{ "test imm32 rip", "f7 05 00 00 00 00 78 56 34 12", 10, 0, 1, -1, 0, NB, 2, 2, 4, 6, 4 },
	{ "66 test imm16 rip", "66 f7 05 00 00 00 00 34 12", 9, 1, 2, -1, 0, NB, 3, 3, 4, 7, 2 },
	{ "REX.W test imm32", "48 f7 c0 ff ff ff ff", 7, 1, 2, -1, 0, NB, -1, -1, 0, 3, 4 },
	{ "test /1 imm8", "f6 4f 08 01", 4, 0, 1, -1, 0, NB, -1, 2, 1, 3, 1 },
	{ "not (F6 /2): no imm", "f6 17", 2, 0, 1, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "idiv (F7 /7): no imm", "48 f7 3f", 3, 1, 2, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "SIB, no base: disp32", "8b 04 25 78 56 34 12", 7, 0, 1, -1, 0, NB, -1, 3, 4, -1, 0 },
	{ "SIB disp8", "8b 44 24 08", 4, 0, 1, -1, 0, NB, -1, 3, 1, -1, 0 },
	{ "mod 10 disp32", "8b 87 00 01 00 00", 6, 0, 1, -1, 0, NB, -1, 2, 4, -1, 0 },
	{ "r13 base needs disp8", "41 8b 45 00", 4, 1, 2, -1, 0, NB, -1, 3, 1, -1, 0 },
	{ "REX.B rm 101 mod 00 is rip", "41 8b 05 00 00 00 00",
	  7, 1, 2, -1, 0, NB, 3, 3, 4, -1, 0 },
	{ "r12 base needs SIB", "41 8b 04 24", 4, 1, 2, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "register operands", "89 c8", 2, 0, 1, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "eip-relative (67)", "67 8d 05 00 00 00 00", 7, 1, 2, -1, 0, NB, 3, 3, 4, -1, 0 },
	{ "moffs64", "a0 88 77 66 55 44 33 22 11", 9, 0, -1, -1, 0, NB, -1, 1, 8, -1, 0 },
	{ "moffs32 (67)", "67 a1 44 33 22 11", 6, 1, -1, -1, 0, NB, -1, 2, 4, -1, 0 },
	{ "REX.W moffs64 store", "48 a3 88 77 66 55 44 33 22 11",
	  10, 1, -1, -1, 0, NB, -1, 2, 8, -1, 0 },
	{ "mov imm64", "49 bb 88 77 66 55 44 33 22 11", 10, 1, -1, -1, 0, NB, -1, -1, 0, 2, 8 },
	{ "mov imm32", "bb 01 00 00 00", 5, 0, -1, -1, 0, NB, -1, -1, 0, 1, 4 },
	{ "66 mov imm16", "66 b8 34 12", 4, 1, -1, -1, 0, NB, -1, -1, 0, 2, 2 },
	{ "REX before 66 is void: imm16", "48 66 b8 34 12", 5, 2, -1, -1, 0, NB, -1, -1, 0, 3, 2 },
	{ "66 then REX.W: imm64", "66 48 b8 01 02 03 04 05 06 07 08",
	  11, 2, -1, -1, 0, NB, -1, -1, 0, 3, 8 },
	{ "66 push imm16", "66 68 34 12", 4, 1, -1, -1, 0, NB, -1, -1, 0, 2, 2 },
	{ "push imm32", "68 78 56 34 12", 5, 0, -1, -1, 0, NB, -1, -1, 0, 1, 4 },
	{ "imul imm8", "6b c0 0a", 3, 0, 1, -1, 0, NB, -1, -1, 0, 2, 1 },
	{ "enter imm16 imm8", "c8 34 12 03", 4, 0, -1, -1, 0, NB, -1, -1, 0, 1, 3 },
	{ "ret imm16", "c2 08 00", 3, 0, -1, -1, 0, NB, -1, -1, 0, 1, 2 },
	{ "66 ret imm16", "66 c2 08 00", 4, 1, -1, -1, 0, NB, -1, -1, 0, 2, 2 },
	{ "int imm8", "cd 80", 2, 0, -1, -1, 0, NB, -1, -1, 0, 1, 1 },
	{ "3DNow! suffix", "0f 0f c1 b4", 4, 0, 2, -1, 0, NB, -1, -1, 0, 3, 1 },
	{ "3DNow! rip", "0f 0f 0d 00 00 00 00 b4", 8, 0, 2, -1, 0, NB, 3, 3, 4, 7, 1 },
	{ "endbr64", "f3 0f 1e fa", 4, 1, 3, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "11-byte nop", "66 66 2e 0f 1f 84 00 00 00 00 00", 11, 3, 5, -1, 0, NB, -1, 7, 4, -1, 0 },
	{ "xchg %ax,%ax", "66 90", 2, 1, -1, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "lock cmpxchg", "f0 48 0f b1 0f", 5, 2, 4, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "rep movsb", "f3 a4", 2, 1, -1, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "ud2", "0f 0b", 2, 0, -1, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "ud1", "0f b9 40 08", 4, 0, 2, -1, 0, NB, -1, 3, 1, -1, 0 },
	{ "syscall", "0f 05", 2, 0, -1, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "sysretq", "48 0f 07", 3, 1, -1, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "swapgs", "0f 01 f8", 3, 0, 2, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "mov %cr0 ignores mod", "0f 20 40", 3, 0, 2, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "mov %dr ignores mod", "0f 23 85", 3, 0, 2, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "bt imm8", "0f ba e0 05", 4, 0, 2, -1, 0, NB, -1, -1, 0, 3, 1 },
	{ "shld imm8", "0f a4 c2 03", 4, 0, 2, -1, 0, NB, -1, -1, 0, 3, 1 },
	{ "pshufd imm8", "66 0f 70 c1 1b", 5, 1, 3, -1, 0, NB, -1, -1, 0, 4, 1 },
	{ "extrq imm8 imm8", "66 0f 78 c0 01 02", 6, 1, 3, -1, 0, NB, -1, -1, 0, 4, 2 },
	{ "insertq imm8 imm8", "f2 0f 78 c1 01 02", 6, 1, 3, -1, 0, NB, -1, -1, 0, 4, 2 },
	{ "vmread: no imm", "0f 78 c0", 3, 0, 2, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "popcnt", "f3 48 0f b8 c0", 5, 2, 4, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "0F38 pshufb", "66 0f 38 00 c1", 5, 1, 4, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "0F3A palignr imm8", "66 0f 3a 0f c1 08", 6, 1, 4, -1, 0, NB, -1, -1, 0, 5, 1 },
	{ "0F3A rip and imm8", "66 0f 3a 0b 05 00 00 00 00 04",
	  10, 1, 4, -1, 0, NB, 5, 5, 4, 9, 1 },
	{ "pop r/m (8F /0)", "8f 00", 2, 0, 1, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "vzeroupper: no ModRM", "c5 f8 77", 3, 0, -1, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "VEX2 rip", "c5 f9 6f 05 00 00 00 00", 8, 0, 3, -1, 0, NB, 4, 4, 4, -1, 0 },
	{ "VEX2 imm8 (vpshufd)", "c5 fd 70 c1 1b", 5, 0, 3, -1, 0, NB, -1, -1, 0, 4, 1 },
	{ "VEX3 0F38 (vpgatherdd)", "c4 e2 75 90 04 97", 6, 0, 4, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "VEX3 0F3A imm8", "c4 e3 7d 38 c1 01", 6, 0, 4, -1, 0, NB, -1, -1, 0, 5, 1 },
	{ "segment before VEX", "64 c5 f8 77", 4, 1, -1, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "EVEX disp8*N", "62 f1 75 48 fe 47 01", 7, 0, 5, -1, 0, NB, -1, 6, 1, -1, 0 },
	{ "EVEX rip", "62 f1 7c 48 10 05 00 00 00 00", 10, 0, 5, -1, 0, NB, 6, 6, 4, -1, 0 },
	{ "EVEX 0F3A imm8", "62 f3 75 48 25 c0 96", 7, 0, 5, -1, 0, NB, -1, -1, 0, 6, 1 },
	{ "EVEX 0F imm8", "62 f1 7d 48 70 c1 1b", 7, 0, 5, -1, 0, NB, -1, -1, 0, 6, 1 },
	{ "EVEX map 5 (vaddph)", "62 f5 74 48 58 d0", 6, 0, 5, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "XOP map 8 imm8", "8f e8 78 c2 c0 01", 6, 0, 4, -1, 0, NB, -1, -1, 0, 5, 1 },
	{ "XOP map 9", "8f e9 78 80 c8", 5, 0, 4, -1, 0, NB, -1, -1, 0, -1, 0 },
	{ "XOP map A imm32", "8f ea 78 10 c0 04 03 02 01", 9, 0, 4, -1, 0, NB, -1, -1, 0, 5, 4 },
	{ "14 prefixes, 15 bytes", "66 66 66 66 66 66 66 66 66 66 66 66 66 66 90",
	  15, 14, -1, -1, 0,
	  NB, -1, -1, 0, -1, 0 },
	{ "all prefix kinds", "26 2e 36 3e 64 65 67 f0 f2 f3 66 41 01 00",
	  14, 12, 13, -1, 0, NB, -1,
	  -1, 0, -1, 0 },
};

/* Refused encodings and the exact reason. */
static const struct {
	const char *name, *hex, *why;
} refused[] = {
	{ "empty", "", "the bytes end inside the instruction" },
	{ "cut in the rel32", "e8 00 00", "the bytes end inside the instruction" },
	{ "cut after a prefix", "f0", "the bytes end inside the instruction" },
	{ "cut before the SIB", "8b 04", "the bytes end inside the instruction" },
	{ "cut in the imm64", "48 b8 01 02 03 04 05 06 07",
	  "the bytes end inside the instruction" },
	{ "cut in the VEX prefix", "c4 e2", "the bytes end inside the instruction" },
	{ "15 prefixes", "66 66 66 66 66 66 66 66 66 66 66 66 66 66 66 90",
	  "it would be longer than 15 bytes" },
	{ "16 bytes with the displacement",
	  "66 66 66 66 66 66 66 66 66 66 66 81 84 24 00 00 00 00 01 00",
	  "it would be longer than 15 bytes" },
	{ "push %es", "06", "its opcode is undefined in 64-bit mode" },
	{ "daa", "27", "its opcode is undefined in 64-bit mode" },
	{ "pusha", "60", "its opcode is undefined in 64-bit mode" },
	{ "82 alias of 80", "82 c0 01", "its opcode is undefined in 64-bit mode" },
	{ "callf ptr16:32", "9a 00 00 00 00 00 00", "its opcode is undefined in 64-bit mode" },
	{ "aam", "d4 0a", "its opcode is undefined in 64-bit mode" },
	{ "salc", "d6", "its opcode is undefined in 64-bit mode" },
	{ "jmpf ptr16:32", "ea 00 00 00 00 00 00", "its opcode is undefined in 64-bit mode" },
	{ "into", "ce", "its opcode is undefined in 64-bit mode" },
	{ "0F 04", "0f 04", "its opcode is undefined in 64-bit mode" },
	{ "mov to %tr (0F 26)", "0f 26 c0", "its opcode is undefined in 64-bit mode" },
	{ "jmpe (0F B8 without F3)", "0f b8 c0", "its opcode is undefined in 64-bit mode" },
	{ "FE /2", "fe d0", "its ModRM reg field selects no instruction of its opcode's group" },
	{ "FF /7", "ff f8", "its ModRM reg field selects no instruction of its opcode's group" },
	{ "callf with a register", "ff d8",
	  "its ModRM reg field selects no instruction of its opcode's group" },
	{ "C7 /1", "c7 c8 00 00 00 00",
	  "its ModRM reg field selects no instruction of its opcode's group" },
	{ "C6 /7 other than F8", "c6 f9 01",
	  "its ModRM reg field selects no instruction of its opcode's group" },
	{ "66 before VEX", "66 c5 f8 77",
	  "a 66, F2, F3, F0 or REX prefix before VEX, EVEX or XOP makes it undefined" },
	{ "REX before VEX", "48 c4 e2 79 00 c0",
	  "a 66, F2, F3, F0 or REX prefix before VEX, EVEX or XOP makes it undefined" },
	{ "lock before EVEX", "f0 62 f1 75 48 fe c0",
	  "a 66, F2, F3, F0 or REX prefix before VEX, EVEX or XOP makes it undefined" },
	{ "VEX map 0", "c4 e0 79 00 c0", "its VEX, EVEX or XOP prefix names no opcode map" },
	{ "VEX map 4", "c4 e4 79 00 c0", "its VEX, EVEX or XOP prefix names no opcode map" },
	{ "EVEX map 4", "62 f4 7c 48 10 c0", "its VEX, EVEX or XOP prefix names no opcode map" },
	{ "EVEX map 7", "62 f7 7c 48 10 c0", "its VEX, EVEX or XOP prefix names no opcode map" },
	{ "XOP map 1F", "8f ff 78 00 c0", "its VEX, EVEX or XOP prefix names no opcode map" },
	{ "EVEX P0 bit 3", "62 f9 7c 48 10 c0", "its EVEX prefix has a reserved bit wrong" },
	{ "EVEX P1 bit 2", "62 f1 78 48 10 c0", "its EVEX prefix has a reserved bit wrong" },
};

static size_t parse_hex(const char *hex, unsigned char *out)
{
	size_t n = 0;
	char *end;

	while (*hex) {
		out[n++] = (unsigned char)strtoul(hex, &end, 16);
		hex = end;
	}
	return n;
}

static void check_enc(const struct enc *e)
{
	unsigned char b[32];
	size_t n = parse_hex(e->hex, b), k;
	struct x86_insn i, j;
	char name[160];
	int ok = x86_decode(b, n, &i) == 0, same = 1, shorter = 1;

	snprintf(name, sizeof(name), "%s (%s): decoded", e->name, e->hex);
	UNIT_CHECK(name, ok && i.why == NULL);
	if (!ok)
		return;
	snprintf(name, sizeof(name), "%s: length %d", e->name, e->len);
	UNIT_CHECK(name, i.len == (unsigned)e->len);
	snprintf(name, sizeof(name), "%s: %d prefix bytes, opcode at %d", e->name, e->prefixes,
		 e->prefixes);
	UNIT_CHECK(name, i.prefixes == (unsigned)e->prefixes && i.opcode == (unsigned)e->prefixes);
	snprintf(name, sizeof(name), "%s: ModRM at %d", e->name, e->modrm);
	UNIT_CHECK(name, i.modrm == e->modrm);
	snprintf(name, sizeof(name), "%s: rel at %d, %d bytes, branch kind %d", e->name, e->rel,
		 e->rel_size, e->branch);
	UNIT_CHECK(name, i.rel == e->rel && i.rel_size == (unsigned)e->rel_size &&
			 i.branch == (enum x86_branch)e->branch);
	snprintf(name, sizeof(name), "%s: rip at %d", e->name, e->rip);
	UNIT_CHECK(name, i.rip == e->rip);
	snprintf(name, sizeof(name), "%s: disp at %d, %d bytes", e->name, e->disp, e->disp_size);
	UNIT_CHECK(name, i.disp == e->disp && i.disp_size == (unsigned)e->disp_size);
	snprintf(name, sizeof(name), "%s: imm at %d, %d bytes", e->name, e->imm, e->imm_size);
	UNIT_CHECK(name, i.imm == e->imm && i.imm_size == (unsigned)e->imm_size);
	/* More bytes after it change nothing; one fewer is refused. */
	for (k = n; k < sizeof(b); k++)
		b[k] = 0x90;
	if (x86_decode(b, sizeof(b), &j) || memcmp(&i, &j, sizeof(i)))
		same = 0;
	if (x86_decode(b, n - 1, &j) == 0 || !j.why)
		shorter = 0;
	snprintf(name, sizeof(name), "%s: the same with more bytes, refused with one fewer",
		 e->name);
	UNIT_CHECK(name, same && shorter);
}

int main(void)
{
	unsigned char b[32];
	struct x86_insn i;
	size_t k, n;

	for (k = 0; k < sizeof(encs) / sizeof(encs[0]); k++)
		check_enc(&encs[k]);
	for (k = 0; k < sizeof(refused) / sizeof(refused[0]); k++) {
		char name[160];

		n = parse_hex(refused[k].hex, b);
		snprintf(name, sizeof(name), "refused: %s (%s)", refused[k].name, refused[k].hex);
		UNIT_CHECK(name, x86_decode(b, n, &i) == -1);
		snprintf(name, sizeof(name), "refused: %s: reason", refused[k].name);
		UNIT_CHECK_STR(name, i.why, refused[k].why);
	}

	/* The values of the fields, sign-extended. */
	n = parse_hex("e8 fb ff ff ff", b);
	UNIT_CHECK("call -5: a call to itself", x86_decode(b, n, &i) == 0 &&
		   x86_field(b, i.rel, i.rel_size) == -5);
	n = parse_hex("eb 80", b);
	UNIT_CHECK("jmp rel8 -128", x86_decode(b, n, &i) == 0 && x86_field(b, i.rel, 1) == -128);
	n = parse_hex("48 8d 05 78 56 34 12", b);
	UNIT_CHECK("rip displacement 0x12345678", x86_decode(b, n, &i) == 0 &&
		   x86_field(b, i.rip, 4) == 0x12345678);
	n = parse_hex("48 b8 88 77 66 55 44 33 22 f1", b);
	UNIT_CHECK("imm64 negative", x86_decode(b, n, &i) == 0 &&
		   x86_field(b, i.imm, i.imm_size) == (int64_t)0xf122334455667788ULL);
	n = parse_hex("66 e8 fe ff", b);
	UNIT_CHECK("rel16 -2", x86_decode(b, n, &i) == 0 && x86_field(b, i.rel, i.rel_size) == -2);
	UNIT_CHECK("no field: 0", x86_field(b, -1, 4) == 0);
	UNIT_CHECK("size 3: 0", x86_field(b, 0, 3) == 0);
	return unit_failures ? 1 : 0;
}
