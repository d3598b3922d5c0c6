// SPDX-License-Identifier: GPL-2.0-or-later
/* Alternatives as the kernel's ALTERNATIVE() writes them: an
   .altinstructions entry and its replacement in .altinstr_replacement.
   The patched file changes the first function's replacement only (its own
   code is the same): it differs at its entry.  The second function's
   replacement moves in .altinstr_replacement and is the same. */
#ifdef PATCHED
#define REPL "lfence; lfence"
#else
#define REPL "lfence"
#endif

#define ALT(old, new, feature)						\
	"661:\n\t" old "\n662:\n"					\
	".pushsection .altinstructions,\"a\"\n"				\
	" .long 661b - .\n .long 6631f - .\n .word " #feature "\n"	\
	" .byte 662b-661b\n .byte 6641f-6631f\n"			\
	".popsection\n"							\
	".pushsection .altinstr_replacement, \"ax\"\n"			\
	"6631:\n\t" new "\n6641:\n"					\
	".popsection\n"

void barrier_first(void)
{
	asm volatile(ALT("nop; nop; nop; nop; nop; nop", REPL, 3 * 32 + 18) ::: "memory");
}

void barrier_second(void)
{
	asm volatile(ALT("nop; nop; nop", "mfence", 0 * 32 + 26) ::: "memory");
}
