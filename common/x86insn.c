// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * x86insn.c - x86-64 instruction lengths and address fields (see x86insn.h).
 *
 * An instruction is: legacy prefixes and REX, then either an opcode of
 * the one-byte, 0F, 0F 38 or 0F 3A map or a VEX/EVEX/XOP prefix naming a
 * map and the opcode byte, then ModRM, SIB and displacement when the
 * opcode has a ModRM byte, then a relative displacement or immediates.
 * The tables below hold, per opcode of each map, what follows the opcode
 * byte; the few opcodes whose form depends on the ModRM reg field or on
 * a mandatory prefix are settled in opcode_form().
 */
#include "x86insn.h"

#include <stdint.h>
#include <string.h>

/* What follows an opcode byte: one IMM_ kind in the low bits, flags above. */
enum {
	IMM_NONE,
	IMM_B,		/* imm8 */
	IMM_W,		/* imm16 (ret, retf) */
	IMM_Z,		/* imm16 with 66, else imm32 */
	IMM_V,		/* imm64 with REX.W, imm16 with 66, else imm32 (mov r, imm) */
	IMM_ENTER,	/* imm16, imm8 */
	IMM_BB,		/* imm8, imm8 (extrq, insertq) */
	IMM_D,		/* imm32 whatever the operand size (XOP map 0A) */
	IMM_MOFFS,	/* a memory offset of the address size: 8 bytes, 4 with 67 */
};
#define IMM_MASK	0x000f
#define M		0x0010	/* a ModRM byte follows the opcode */
#define REGONLY		0x0020	/* mod is ignored: a register operand always */
#define BAD		0x0040	/* undefined (or removed) in 64-bit mode */
#define GROUP		0x0080	/* the form depends on ModRM reg or a prefix */
#define REL8		0x0100	/* rel8 */
#define RELZ		0x0200	/* rel16 with 66, else rel32 */
#define BR_SHIFT	10	/* enum x86_branch of a relative branch */
#define CALL		(X86_BRANCH_CALL << BR_SHIFT)
#define JMP		(X86_BRANCH_JMP << BR_SHIFT)
#define JCC		(X86_BRANCH_JCC << BR_SHIFT)

#define IB		(M | IMM_B)
#define IZ		(M | IMM_Z)
#define J8		(REL8 | JCC)
#define JZ		(RELZ | JCC)

/*
 * The one-byte map.  Prefixes (26 2E 36 3E 40-4F 64-67 F0 F2 F3) and the
 * escapes (0F, C4, C5, 62, 8F with XOP) never reach the table; their
 * entries are 0.  In 64-bit mode 06 07 0E 16 17 1E 1F 27 2F 37 3F 60 61
 * 82 9A CE D4 D5 D6 EA are gone; 62, C4 and C5 are the EVEX and VEX
 * prefixes only.
 */
static const uint16_t map1[256] = {
	/* 00 */ M, M, M, M, IMM_B, IMM_Z, BAD, BAD,
	/* 08 */ M, M, M, M, IMM_B, IMM_Z, BAD, 0,
	/* 10 */ M, M, M, M, IMM_B, IMM_Z, BAD, BAD,
	/* 18 */ M, M, M, M, IMM_B, IMM_Z, BAD, BAD,
	/* 20 */ M, M, M, M, IMM_B, IMM_Z, 0, BAD,
	/* 28 */ M, M, M, M, IMM_B, IMM_Z, 0, BAD,
	/* 30 */ M, M, M, M, IMM_B, IMM_Z, 0, BAD,
	/* 38 */ M, M, M, M, IMM_B, IMM_Z, 0, BAD,
	/* 40 */ 0, 0, 0, 0, 0, 0, 0, 0,
	/* 48 */ 0, 0, 0, 0, 0, 0, 0, 0,
	/* 50 */ 0, 0, 0, 0, 0, 0, 0, 0,
	/* 58 */ 0, 0, 0, 0, 0, 0, 0, 0,
	/* 60 */ BAD, BAD, 0, M, 0, 0, 0, 0,
	/* 68 */ IMM_Z, IZ, IMM_B, IB, 0, 0, 0, 0,
	/* 70 */ J8, J8, J8, J8, J8, J8, J8, J8,
	/* 78 */ J8, J8, J8, J8, J8, J8, J8, J8,
	/* 80 */ IB, IZ, BAD, IB, M, M, M, M,
	/* 88 */ M, M, M, M, M, M, M, M | GROUP,
	/* 90 */ 0, 0, 0, 0, 0, 0, 0, 0,
	/* 98 */ 0, 0, BAD, 0, 0, 0, 0, 0,
	/* a0 */ IMM_MOFFS, IMM_MOFFS, IMM_MOFFS, IMM_MOFFS, 0, 0, 0, 0,
	/* a8 */ IMM_B, IMM_Z, 0, 0, 0, 0, 0, 0,
	/* b0 */ IMM_B, IMM_B, IMM_B, IMM_B, IMM_B, IMM_B, IMM_B, IMM_B,
	/* b8 */ IMM_V, IMM_V, IMM_V, IMM_V, IMM_V, IMM_V, IMM_V, IMM_V,
	/* c0 */ IB, IB, IMM_W, 0, 0, 0, M | GROUP, M | GROUP,
	/* c8 */ IMM_ENTER, 0, IMM_W, 0, 0, IMM_B, BAD, 0,
	/* d0 */ M, M, M, M, BAD, BAD, BAD, 0,
	/* d8 */ M, M, M, M, M, M, M, M,
	/* e0 */ J8, J8, J8, J8, IMM_B, IMM_B, IMM_B, IMM_B,
	/* e8 */ RELZ | CALL, RELZ | JMP, BAD, REL8 | JMP, 0, 0, 0, 0,
	/* f0 */ 0, 0, 0, 0, 0, 0, M | GROUP, M | GROUP,
	/* f8 */ 0, 0, 0, 0, 0, 0, M | GROUP, M | GROUP,
};

/*
 * The 0F map.  0F 38 and 0F 3A are escapes to the three-byte maps; 0F 0F
 * is 3DNow!, whose opcode byte comes last, where an imm8 would.
 */
static const uint16_t map0f[256] = {
	/* 00 */ M, M, M, M, BAD, 0, 0, 0,
	/* 08 */ 0, 0, BAD, 0, BAD, M, 0, IB,
	/* 10 */ M, M, M, M, M, M, M, M,
	/* 18 */ M, M, M, M, M, M, M, M,
	/* 20 */ M | REGONLY, M | REGONLY, M | REGONLY, M | REGONLY, BAD, BAD, BAD, BAD,
	/* 28 */ M, M, M, M, M, M, M, M,
	/* 30 */ 0, 0, 0, 0, 0, 0, BAD, 0,
	/* 38 */ 0, BAD, 0, BAD, BAD, BAD, BAD, BAD,
	/* 40 */ M, M, M, M, M, M, M, M,
	/* 48 */ M, M, M, M, M, M, M, M,
	/* 50 */ M, M, M, M, M, M, M, M,
	/* 58 */ M, M, M, M, M, M, M, M,
	/* 60 */ M, M, M, M, M, M, M, M,
	/* 68 */ M, M, M, M, M, M, M, M,
	/* 70 */ IB, IB, IB, IB, M, M, M, 0,
	/* 78 */ M | GROUP, M, BAD, BAD, M, M, M, M,
	/* 80 */ JZ, JZ, JZ, JZ, JZ, JZ, JZ, JZ,
	/* 88 */ JZ, JZ, JZ, JZ, JZ, JZ, JZ, JZ,
	/* 90 */ M, M, M, M, M, M, M, M,
	/* 98 */ M, M, M, M, M, M, M, M,
	/* a0 */ 0, 0, 0, M, IB, M, BAD, BAD,
	/* a8 */ 0, 0, 0, M, IB, M, M, M,
	/* b0 */ M, M, M, M, M, M, M, M,
	/* b8 */ M | GROUP, M, IB, M, M, M, M, M,
	/* c0 */ M, M, IB, M, IB, IB, IB, M,
	/* c8 */ 0, 0, 0, 0, 0, 0, 0, 0,
	/* d0 */ M, M, M, M, M, M, M, M,
	/* d8 */ M, M, M, M, M, M, M, M,
	/* e0 */ M, M, M, M, M, M, M, M,
	/* e8 */ M, M, M, M, M, M, M, M,
	/* f0 */ M, M, M, M, M, M, M, M,
	/* f8 */ M, M, M, M, M, M, M, M,
};

/* Why x86_decode() refused, completing "... are not an x86-64 instruction: ". */
static const char why_short[] = "the bytes end inside the instruction";
static const char why_long[] = "it would be longer than 15 bytes";
static const char why_opcode[] = "its opcode is undefined in 64-bit mode";
static const char why_group[] = "its ModRM reg field selects no instruction of its opcode's group";
static const char why_vexpfx[] =
	"a 66, F2, F3, F0 or REX prefix before VEX, EVEX or XOP makes it undefined";
static const char why_map[] = "its VEX, EVEX or XOP prefix names no opcode map";
static const char why_evex[] = "its EVEX prefix has a reserved bit wrong";

/* The prefixes seen, as far as lengths depend on them. */
struct prefixes {
	unsigned opsize : 1;	/* 66 */
	unsigned adsize : 1;	/* 67 */
	unsigned rexw : 1;	/* REX.W of a REX right before the opcode */
	unsigned vex_bad : 1;	/* 66, F2, F3, F0 or REX: VEX, EVEX and XOP #UD after them */
	unsigned char mandatory; /* 66, F2 or F3 as an SSE opcode's mandatory prefix, or 0 */
};

/*
 * The form of the opcodes marked GROUP, from their ModRM byte and the
 * mandatory prefix: FORM with its immediate and branch settled, or BAD.
 */
static unsigned opcode_form(int map0f_op, unsigned op, unsigned form, unsigned char modrm,
			    const struct prefixes *px)
{
	unsigned reg = (modrm >> 3) & 7, mod = modrm >> 6;

	if (map0f_op) {
		switch (op) {
		case 0x78:	/* vmread; 66: extrq imm8, imm8; F2: insertq imm8, imm8 */
			if (px->mandatory == 0x66 || px->mandatory == 0xf2)
				return M | IMM_BB;
			return px->mandatory == 0xf3 ? BAD : M;
		case 0xb8:	/* F3: popcnt; otherwise jmpe, which x86-64 lacks */
			return px->mandatory == 0xf3 ? M : BAD;
		}
		return form;
	}
	switch (op) {
	case 0x8f:	/* pop /0 (ModRM reg nonzero is XOP, decoded before) */
		return M;
	case 0xc6:	/* mov /0 imm8; c6 f8 xabort imm8 */
		return reg == 0 || modrm == 0xf8 ? IB : BAD;
	case 0xc7:	/* mov /0 imm; c7 f8 xbegin rel, the abort path */
		if (reg == 0)
			return IZ;
		return modrm == 0xf8 ? M | JZ : BAD;
	case 0xf6:	/* test /0 /1 imm8; not, neg, mul, imul, div, idiv */
		return reg <= 1 ? IB : M;
	case 0xf7:
		return reg <= 1 ? IZ : M;
	case 0xfe:	/* inc, dec */
		return reg <= 1 ? M : BAD;
	case 0xff:	/* inc dec call callf jmp jmpf push; far forms take memory only */
		if (reg == 7 || ((reg == 3 || reg == 5) && mod == 3))
			return BAD;
		return M;
	}
	return form;
}

/* VEX and EVEX map 1 (0F) opcodes with an imm8; VEX vzeroupper/vzeroall (77) have no ModRM. */
static unsigned vex_0f_form(unsigned op)
{
	if (op == 0x77)
		return 0;
	if ((op >= 0x70 && op <= 0x73) || op == 0xc2 || (op >= 0xc4 && op <= 0xc6))
		return IB;
	return M;
}

/* The bytes of an immediate of KIND under the prefixes PX. */
static unsigned imm_bytes(unsigned kind, const struct prefixes *px)
{
	switch (kind) {
	case IMM_B:
		return 1;
	case IMM_W:
	case IMM_BB:
		return 2;
	case IMM_Z:
		return px->opsize && !px->rexw ? 2 : 4;
	case IMM_V:
		return px->rexw ? 8 : px->opsize ? 2 : 4;
	case IMM_ENTER:
		return 3;
	case IMM_D:
		return 4;
	}
	return 0;
}

static int refuse(struct x86_insn *i, const char *why)
{
	i->why = why;
	return -1;
}

/* The bytes end before NEED: cut short, or longer than any instruction. */
static int ended(struct x86_insn *i, size_t need)
{
	return refuse(i, need > X86_INSN_MAX ? why_long : why_short);
}

int x86_decode(const unsigned char *p, size_t n, struct x86_insn *i)
{
	struct prefixes px = { 0 };
	size_t pos = 0, end;
	unsigned form, op, disp = 0, imm, rel = 0;
	unsigned char modrm = 0;
	int map0f_op = 0;

	memset(i, 0, sizeof(*i));
	i->modrm = i->rel = i->rip = i->disp = i->imm = -1;
	for (;; pos++) {
		if (pos >= X86_INSN_MAX)
			return refuse(i, why_long);
		if (pos >= n)
			return refuse(i, why_short);
		op = p[pos];
		if (op >= 0x40 && op <= 0x4f) {
			/* REX: only the one right before the opcode counts. */
			px.rexw = (op & 8) != 0;
			px.vex_bad = 1;
			continue;
		}
		switch (op) {
		case 0x66:
			px.opsize = 1;
			px.vex_bad = 1;
			if (!px.mandatory)
				px.mandatory = 0x66;
			break;
		case 0xf2:
		case 0xf3:
			/* The last of F2 and F3 is the mandatory prefix; both outrank 66. */
			px.mandatory = op;
			px.vex_bad = 1;
			break;
		case 0xf0:
			px.vex_bad = 1;
			break;
		case 0x67:
			px.adsize = 1;
			break;
		case 0x26: case 0x2e: case 0x36: case 0x3e: case 0x64: case 0x65:
			break;
		default:
			goto opcode;
		}
		/* A legacy prefix after a REX voids the REX. */
		px.rexw = 0;
	}
opcode:
	i->prefixes = i->opcode = pos;
	pos++;
	if (op == 0x0f) {
		if (pos >= n)
			return refuse(i, why_short);
		op = p[pos++];
		if (op == 0x38 || op == 0x3a) {
			form = op == 0x38 ? M : IB;
			if (pos >= n)
				return refuse(i, why_short);
			op = p[pos++];
		} else {
			form = map0f[op];
			map0f_op = 1;
		}
	} else if (op == 0xc4 || op == 0xc5 || op == 0x62 ||
		   (op == 0x8f && pos < n && (p[pos] & 0x38))) {
		/* VEX (c5: one payload byte, map 0F; c4: two), EVEX (three), XOP (two). */
		unsigned payload = op == 0xc5 ? 1 : op == 0x62 ? 3 : 2, map;

		if (pos + payload >= n)
			return ended(i, pos + payload + 1);
		if (px.vex_bad)
			return refuse(i, why_vexpfx);
		map = op == 0xc5 ? 1 : op == 0x62 ? p[pos] & 7 : p[pos] & 0x1f;
		if (op == 0x62) {
			/* P0 bit 3 zero, P1 bit 2 one. */
			if ((p[pos] & 0x08) || !(p[pos + 1] & 0x04))
				return refuse(i, why_evex);
			if (map != 1 && map != 2 && map != 3 && map != 5 && map != 6)
				return refuse(i, why_map);
		} else if (op == 0x8f) {
			if (map < 8 || map > 10)
				return refuse(i, why_map);
		} else if (map < 1 || map > 3) {
			return refuse(i, why_map);
		}
		pos += payload;
		op = p[pos++];
		if (map == 1)
			/* Every EVEX instruction has a ModRM byte, 77 included. */
			form = vex_0f_form(op) | (payload == 3 ? M : 0);
		else if (map == 3 || map == 8)
			form = IB;
		else if (map == 10)
			form = M | IMM_D;
		else
			form = M;
	} else {
		form = map1[op];
	}
	if (form & BAD)
		return refuse(i, why_opcode);

	if (form & M) {
		unsigned mod, rm;

		if (pos >= n)
			return ended(i, pos + 1);
		i->modrm = (int)pos;
		modrm = p[pos++];
		if (form & GROUP) {
			form = opcode_form(map0f_op, op, form, modrm, &px);
			if (form & BAD)
				return refuse(i, map0f_op ? why_opcode : why_group);
		}
		mod = modrm >> 6;
		rm = modrm & 7;
		if (!(form & REGONLY) && mod != 3) {
			if (rm == 4) {
				/* SIB; base 101 under mod 00 is no base and a disp32. */
				if (pos >= n)
					return ended(i, pos + 1);
				if (mod == 0 && (p[pos] & 7) == 5)
					disp = 4;
				pos++;
			} else if (mod == 0 && rm == 5) {
				/* RIP-relative in 64-bit mode (EIP-relative with 67). */
				disp = 4;
				i->rip = (int)pos;
			}
			if (mod == 1)
				disp = 1;
			else if (mod == 2)
				disp = 4;
		}
	}
	if ((form & IMM_MASK) == IMM_MOFFS) {
		disp = px.adsize ? 4 : 8;
		imm = 0;
	} else {
		imm = imm_bytes(form & IMM_MASK, &px);
	}
	if (disp) {
		i->disp = (int)pos;
		i->disp_size = disp;
	}
	pos += disp;
	if (form & (REL8 | RELZ)) {
		/* 66 makes rel32 rel16 as AMD CPUs do and objdump decodes; REX.W undoes it. */
		rel = form & REL8 ? 1 : px.opsize && !px.rexw ? 2 : 4;
		i->rel = (int)pos;
		i->rel_size = rel;
		i->branch = (enum x86_branch)((form >> BR_SHIFT) & 3);
		pos += rel;
	}
	if (imm) {
		i->imm = (int)pos;
		i->imm_size = imm;
		pos += imm;
	}
	end = pos;
	if (end > X86_INSN_MAX)
		return refuse(i, why_long);
	if (end > n)
		return refuse(i, why_short);
	i->len = (unsigned)end;
	return 0;
}

int64_t x86_field(const unsigned char *p, int off, unsigned size)
{
	uint64_t v = 0;
	unsigned k;

	if (off < 0 || (size != 1 && size != 2 && size != 4 && size != 8))
		return 0;
	for (k = 0; k < size; k++)
		v |= (uint64_t)p[off + k] << (8 * k);
	/* Sign-extend from the field's top bit. */
	if (size < 8 && (v >> (8 * size - 1)) & 1)
		v |= ~(uint64_t)0 << (8 * size);
	return (int64_t)v;
}
