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
 * ModRM/SIB/displacement and immediates of every size (including
 * moffs64, imm64 of mov, enter's imm16+imm8, 3DNow!'s trailing opcode).
 * Opcodes invalid in 64-bit mode and truncated instructions are refused.
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
	X86_BRANCH_CALL,	/* e8 rel32 */
	X86_BRANCH_JMP,		/* e9 rel32, eb rel8 */
	X86_BRANCH_JCC,		/* 7x rel8, 0f 8x rel32, jrcxz/loop rel8 */
};

struct x86_insn {
	unsigned len;		/* 1 to 15 */
	unsigned prefixes;	/* bytes of legacy prefixes and REX (VEX/EVEX count as opcode) */
	unsigned opcode;	/* offset of the first opcode byte (after prefixes) */
	int modrm;		/* offset of the ModRM byte, -1 when none */
	/* Relative branch target: offset and size (1, 2 or 4) of the
	 * displacement, or -1 / 0.  The target is the next instruction's
	 * address plus the signed displacement. */
	int rel;
	unsigned rel_size;
	enum x86_branch branch;
	/* RIP-relative memory operand (ModRM mod 00, r/m 101): offset of its
	 * 4-byte displacement, -1 when none.  Its target is the next
	 * instruction's address plus the displacement. */
	int rip;
	/* Memory displacement (any addressing): offset and size, -1 / 0. */
	int disp;
	unsigned disp_size;
	/* Immediate(s): offset and total size, -1 / 0. */
	int imm;
	unsigned imm_size;
};

/*
 * Decode the instruction at the start of the N bytes at P.  Returns 0 with
 * *I filled in, or -1 when the bytes are no valid 64-bit instruction or
 * are cut short (N too small).
 */
int x86_decode(const unsigned char *p, size_t n, struct x86_insn *i);

/* The signed value of the field at OFF of SIZE bytes (1, 2, 4, 8) of P. */
int64_t x86_field(const unsigned char *p, int off, unsigned size);

#ifdef __cplusplus
}
#endif
#endif
