/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * entries.h - asm statements that emit alternative and paravirt entries,
 * written for the tests in each directive spelling the kernel's x86 headers
 * use (docs/kernel-abi.md, section 7), with entries in Debian 6.1's layout: 12-byte alt_instr
 * (s32 instr, s32 repl, u16 cpuid, u8 instrlen, u8 replacementlen) and
 * 16-byte paravirt sites.
 */
#ifndef TEST_ENTRIES_H
#define TEST_ENTRIES_H

#define FEATURE_ALWAYS (3 * 32 + 21)

/* C alternative.h: .pushsection with "\"a\"", replacement with a space before "ax". */
static inline __attribute__((always_inline)) void alt_lfence(void)
{
	asm volatile("661:\n\t.byte 0x0f,0x1f,0x00\n662:\n"
		     ".pushsection .altinstructions,\"a\"\n"
		     " .long 661b - .\n .long 663f - .\n .word %c0\n"
		     " .byte 662b-661b\n .byte 664f-663f\n"
		     ".popsection\n"
		     ".pushsection .altinstr_replacement, \"ax\"\n"
		     "663:\n\tlfence\n664:\n"
		     ".popsection\n" : : "i"(FEATURE_ALWAYS) : "memory");
}

/* An output operand: the alternative turns 0 into 1 when applied. */
static inline __attribute__((always_inline)) int alt_applied(void)
{
	int v;

	asm volatile("661:\n\tmovl $0, %0\n662:\n"
		     ".pushsection .altinstructions,\"a\"\n"
		     " .long 661b - .\n .long 663f - .\n .word %c1\n"
		     " .byte 662b-661b\n .byte 664f-663f\n"
		     ".popsection\n"
		     ".pushsection .altinstr_replacement, \"ax\"\n"
		     "663:\n\tmovl $1, %0\n664:\n"
		     ".popsection\n" : "=r"(v) : "i"(FEATURE_ALWAYS));
	return v;
}

/* cpufeature.h style asm goto: .section/.previous and an .altinstr_aux slow path. */
extern unsigned char test_caps[32];
static inline __attribute__((always_inline)) int has_feature(void)
{
	asm goto("1: jmp 6f\n2:\n"
		 ".section .altinstructions,\"a\"\n"
		 " .long 1b - .\n .long 4f - .\n .word %P[feature]\n"
		 " .byte 2b - 1b\n .byte 5f - 4f\n"
		 ".previous\n"
		 ".section .altinstr_replacement,\"ax\"\n"
		 "4: jmp %l[t_no]\n5:\n"
		 ".previous\n"
		 ".section .altinstr_aux,\"ax\"\n"
		 "6:\n testb %[bit],%P[byte]\n jnz %l[t_yes]\n jmp %l[t_no]\n"
		 ".previous\n"
		 : : [feature] "i"(FEATURE_ALWAYS), [bit] "i"(1), [byte] "m"(test_caps[2])
		 : : t_yes, t_no);
t_yes:
	return 1;
t_no:
	return 0;
}

/* paravirt.h (assembler) style: one line, ';' separators, .balign 8 entry. */
static inline __attribute__((always_inline)) void pv_site(void)
{
	asm volatile("771: .byte 0x90,0x90,0x90,0x90,0x90; 772: "
		     ".pushsection .parainstructions,\"a\"; .balign 8; .quad 771b; "
		     ".byte 23; .byte 772b-771b; .balign 8; .popsection" : : : "memory");
}

/* 6.1 PVOP_ALT style: one asm with a paravirt site and an alternative. */
static inline __attribute__((always_inline)) void pv_alt(void)
{
	asm volatile("771:\n\t.byte 0x90,0x90,0x90,0x90,0x90\n772:\n"
		     ".pushsection .parainstructions,\"a\"\n"
		     " .balign 8\n .quad 771b\n .byte 24\n .byte 772b-771b\n .balign 8\n"
		     ".popsection\n"
		     ".pushsection .altinstructions,\"a\"\n"
		     " .long 771b - .\n .long 773f - .\n .word %c0\n"
		     " .byte 772b-771b\n .byte 774f-773f\n"
		     ".popsection\n"
		     ".pushsection .altinstr_replacement, \"ax\"\n"
		     "773:\n\tcli\n774:\n"
		     ".popsection\n" : : "i"(FEATURE_ALWAYS) : "memory");
}

#endif
