/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86insn.h - the length and the address fields of x86-64 instructions,
 * enough to compare two compiles of a function instruction by instruction.
 *
 * GNU as resolves a PC-relative reference to a local symbol of the same
 * section itself, leaving no relocation: a call from one static function
 * to another in .text is bare bytes, whose value changes when any
 * function between them changes size.  To compare such references by
 * their targets, a comparison must know where each instruction starts,
 * and which of its bytes hold a relative branch displacement or a
 * RIP-relative memory displacement.
 *
 * 64-bit mode only: legacy prefixes (66, 67, F0, F2, F3, segment), REX,
 * the one-byte, 0F, 0F38 and 0F3A opcode maps, VEX (C4, C5), EVEX (62),
 * AMD's XOP (8F with ModRM reg nonzero), ModRM/SIB/displacement and
 * immediates of every size (including moffs64, imm64 of mov, enter's
 * imm16+imm8, extrq/insertq's two imm8, 3DNow!'s trailing opcode byte,
 * which sits where an imm8 would and is reported as a 1-byte imm).
 *
 * Refused: opcodes the 64-bit mode removed (06, 07, 0E, 16, 17, 1E, 1F,
 * 27, 2F, 37, 3F, 60, 61, 82, 9A, CE, D4, D5, D6, EA) and the undefined
 * opcodes of the one-byte and 0F maps, undefined group members (FE /2-7,
 * FF /7, C6/C7 other than /0 and xabort/xbegin), VEX/EVEX/XOP after a 66,
 * F2, F3, F0 or REX prefix or naming no map, instructions over 15 bytes,
 * and instructions cut short.  Elsewhere (x87 register forms, mandatory
 * prefix combinations, holes of the 0F38/0F3A/VEX/EVEX/XOP maps) the
 * bytes are decoded by their map's form, which gives every defined
 * instruction its length but does not prove the opcode exists.
 *
 * A 66 prefix makes a rel32 branch rel16 (REX.W undoes it), as AMD CPUs
 * and objdump have it; Intel CPUs ignore it there.  No compiler emits it.
 *
 * Plain C, no allocation, no tables outside this file's own.
 */
#ifndef KLP_X86INSN_H
#define KLP_X86INSN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define X86_INSN_MAX 15

enum x86_branch {
	X86_BRANCH_NONE = 0,
	X86_BRANCH_CALL,	/* e8 rel32 (rel16 after 66) */
	X86_BRANCH_JMP,		/* e9 rel32, eb rel8 */
	X86_BRANCH_JCC,		/* 7x, 0f 8x, jrcxz, loop*, xbegin (its abort path) */
};

struct x86_insn {
	unsigned len;		/* 1 to 15 */
	unsigned prefixes;	/* legacy prefix and REX bytes (VEX/EVEX/XOP: opcode) */
	unsigned opcode;	/* offset of the first opcode byte (after prefixes) */
	int modrm;		/* offset of the ModRM byte, -1 when none */
	/* Relative branch target: offset and size (1, 2 or 4) of the
	 * displacement, or -1 / 0.  The target is the next instruction's
	 * address plus the signed displacement (its low 16 bits for size 2). */
	int rel;
	unsigned rel_size;
	enum x86_branch branch;
	/* RIP-relative memory operand (ModRM mod 00, r/m 101): offset of its
	 * 4-byte displacement, -1 when none.  Its target is the next
	 * instruction's address plus the displacement (truncated to 32 bits
	 * by the CPU under a 67 prefix).  It is also the disp field. */
	int rip;
	/* Memory displacement (any addressing, and the moffs of a0-a3):
	 * offset and size (1, 4 or 8), -1 / 0. */
	int disp;
	unsigned disp_size;
	/* Immediate(s): offset and total size, -1 / 0. */
	int imm;
	unsigned imm_size;
	/* When x86_decode() fails, why: a phrase completing "the bytes at
	 * ADDRESS are not an x86-64 instruction: "; NULL when it succeeds. */
	const char *why;
};

/*
 * Decode the instruction at the start of the N bytes at P.  Returns 0 with
 * *I filled in, or -1 when the bytes are no valid 64-bit instruction or
 * are cut short (N too small), with I->why saying which (the other fields
 * then mean nothing).  It never reads past P[N - 1].  Fields lie in
 * the order prefixes, opcode (at I->prefixes), ModRM, SIB, disp, rel or
 * imm; only xbegin has both a ModRM byte and a rel.
 */
int x86_decode(const unsigned char *p, size_t n, struct x86_insn *i);

/* The signed value of the field at OFF of SIZE bytes (1, 2, 4, 8) of P; 0 for
 * OFF -1 (no such field) or another SIZE. */
int64_t x86_field(const unsigned char *p, int off, unsigned size);

#ifdef __cplusplus
}
#endif
#endif
