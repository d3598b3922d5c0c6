// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_x86insn.c - libFuzzer harness for the x86-64 decoder (x86insn.h).
 *
 * The input is walked as code: at each offset the bytes to the end are
 * decoded; an instruction moves the walk past it, a refusal by one byte.
 * Whatever the bytes:
 * - a decoded length is 1 to 15 and at most the bytes given; the reason
 *   is NULL;
 * - the fields lie inside the instruction, in order and without gaps: the
 *   opcode right after the prefixes, then ModRM (and SIB), then disp, then
 *   rel or imm (never both), and the last field present ends the
 *   instruction;
 * - sizes are the ones the contract names (rel 1, 2, 4; disp 1, 4, 8; a
 *   RIP-relative operand is the 4-byte disp of a ModRM), a branch kind
 *   exactly when there is a rel;
 * - the same bytes followed by any others, or with more of them given,
 *   decode the same (the decoder never looks past the instruction);
 *   with one byte fewer they are refused as cut short;
 * - a refusal has one of the decoder's reasons, and fewer bytes are
 *   refused too.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define FUZZ_NAME "fuzz_x86insn"
#include "fuzz.h"
#include "x86insn.h"

static const char *const reasons[] = {
	"the bytes end inside the instruction",
	"it would be longer than 15 bytes",
	"its opcode is undefined in 64-bit mode",
	"its ModRM reg field selects no instruction of its opcode's group",
	"a 66, F2, F3, F0 or REX prefix before VEX, EVEX or XOP makes it undefined",
	"its VEX, EVEX or XOP prefix names no opcode map",
	"its EVEX prefix has a reserved bit wrong",
};

static int known_reason(const char *why)
{
	size_t k;

	for (k = 0; why && k < sizeof(reasons) / sizeof(reasons[0]); k++)
		if (!strcmp(why, reasons[k]))
			return 1;
	return 0;
}

/*
 * The next field, at OFF of SIZE bytes, starts where the previous ended
 * (*CUR), or, for the first, 1 to 5 bytes after the opcode's first byte
 * (62 P0 P1 P2 opcode ModRM).
 */
static void next_field(const struct x86_insn *i, const char *what, int off, unsigned size,
		       unsigned *cur)
{
	CHECK(off >= 0 && (*cur ? (unsigned)off == *cur
				: (unsigned)off > i->opcode && (unsigned)off <= i->opcode + 5),
	      "%s at %d, expected at %u (opcode at %u)", what, off, *cur, i->opcode);
	*cur = (unsigned)off + size;
}

/* The fields of a decoded instruction of P (N bytes were given). */
static void check_fields(const unsigned char *p, size_t n, const struct x86_insn *i)
{
	unsigned len = i->len, cur = 0;

	CHECK(len >= 1 && len <= X86_INSN_MAX && len <= n, "length %u of %zu bytes", len, n);
	CHECK(i->why == NULL, "a reason on success: %s", i->why);
	CHECK(i->opcode == i->prefixes && i->opcode < len, "opcode at %u, %u prefix bytes, len %u",
	      i->opcode, i->prefixes, len);
	if (i->modrm >= 0) {
		unsigned char m = p[i->modrm];
		/* mov to and from control and debug registers ignore mod. */
		int regonly = p[i->opcode] == 0x0f && (p[i->opcode + 1] & 0xfc) == 0x20;

		next_field(i, "ModRM", i->modrm, 1, &cur);
		if (!regonly && (m >> 6) != 3 && (m & 7) == 4)
			cur++;	/* the SIB byte */
	}
	CHECK(i->disp < 0 ? i->disp_size == 0 :
	      i->disp_size == 1 || i->disp_size == 4 || i->disp_size == 8,
	      "disp at %d, size %u", i->disp, i->disp_size);
	if (i->disp >= 0)
		next_field(i, "disp", i->disp, i->disp_size, &cur);
	if (i->rip >= 0)
		CHECK(i->rip == i->disp && i->disp_size == 4 && i->modrm >= 0,
		      "rip at %d, disp at %d size %u, ModRM %d", i->rip, i->disp, i->disp_size,
		      i->modrm);
	CHECK(i->rel < 0 || i->imm < 0, "both rel (%d) and imm (%d)", i->rel, i->imm);
	CHECK((i->rel >= 0) == (i->branch != X86_BRANCH_NONE), "rel %d, branch kind %d", i->rel,
	      i->branch);
	CHECK(i->rel < 0 ? i->rel_size == 0 :
	      i->rel_size == 1 || i->rel_size == 2 || i->rel_size == 4,
	      "rel at %d, size %u", i->rel, i->rel_size);
	if (i->rel >= 0)
		next_field(i, "rel", i->rel, i->rel_size, &cur);
	CHECK(i->imm < 0 ? i->imm_size == 0 : i->imm_size >= 1 && i->imm_size <= 8,
	      "imm at %d, size %u", i->imm, i->imm_size);
	if (i->imm >= 0)
		next_field(i, "imm", i->imm, i->imm_size, &cur);
	/* The last field ends the instruction; without fields, its opcode bytes do. */
	CHECK(cur ? len == cur : len > i->opcode && len <= i->opcode + 4,
	      "the fields end at %u, the instruction at %u (opcode at %u)", cur, len, i->opcode);
}

static void check_at(const unsigned char *p, size_t n)
{
	unsigned char buf[2 * X86_INSN_MAX];
	struct x86_insn i, j;
	size_t k;

	if (x86_decode(p, n, &i) != 0) {
		CHECK(known_reason(i.why), "unknown reason '%s'", i.why ? i.why : "(null)");
		if (n)
			CHECK(x86_decode(p, n - 1, &j) != 0, "refused with %zu bytes, not with %zu",
			      n, n - 1);
		return;
	}
	check_fields(p, n, &i);
	/* What follows the instruction never matters: two fillers, more bytes given. */
	for (k = 0; k < 2; k++) {
		memset(buf, k ? 0x00 : 0xff, sizeof(buf));
		memcpy(buf, p, i.len);
		CHECK(x86_decode(buf, sizeof(buf), &j) == 0 && !memcmp(&i, &j, sizeof(i)),
		      "%u-byte instruction decodes otherwise followed by %02x", i.len, buf[i.len]);
		CHECK(x86_decode(buf, i.len, &j) == 0 && !memcmp(&i, &j, sizeof(i)),
		      "%u-byte instruction decodes otherwise with exactly its bytes", i.len);
	}
	CHECK(x86_decode(p, i.len - 1, &j) != 0 && j.why && !strcmp(j.why, reasons[0]),
	      "%u-byte instruction not refused as cut short with one byte fewer (%s)", i.len,
	      j.why ? j.why : "decoded");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t off = 0;
	struct x86_insn i;

	check_at(data, 0);
	while (off < size) {
		check_at(data + off, size - off);
		off += x86_decode(data + off, size - off, &i) == 0 ? i.len : 1;
	}
	return 0;
}
