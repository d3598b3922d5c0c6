// SPDX-License-Identifier: GPL-2.0-or-later
/* Directive spellings: quoted names, no flags, upper case, labels, tabs; and what
   must not change: longer names, comments, strings, other directives. */
/* { dg-do compile } */
#include "lp-old.h"

__attribute__((klp_object("vmlinux"))) void patched(void)
{
	asm volatile("661:\tnop\n"
		     "\t.pushsection\t\".altinstructions\",\"a\"\n .long 661b - .\n .popsection\n"
		     ".section .parainstructions\n .quad 661b\n .previous\n"
		     "662: .PUSHSECTION .altinstructions , \"a\" # trailing comment\n .popsection\n"
		     "# .pushsection .altinstructions,\"a\" (a comment)\n"
		     ".pushsection .altinstructions_more,\"a\"\n .popsection\n"
		     ".pushsection .altinstr_replacement, \"ax\"\n .popsection\n"
		     ".ascii \".section .parainstructions\"\n");
}
/* { dg-final { asm-scan {\t\.pushsection\t"\.klp\.arch\.vmlinux\.\.altinstructions","a"} } } */
/* { dg-final { asm-scan {\.section \.klp\.arch\.vmlinux\.\.parainstructions\n} } } */
/* { dg-final { asm-scan {662: \.PUSHSECTION \.klp\.arch\.vmlinux\.\.altinstructions , "a" # trailing comment} } } */
/* { dg-final { asm-scan {# \.pushsection \.altinstructions,"a" \(a comment\)} } } */
/* { dg-final { asm-scan {\.pushsection \.altinstructions_more,"a"} } } */
/* { dg-final { asm-scan {\.pushsection \.altinstr_replacement, "ax"} } } */
/* { dg-final { asm-scan {\.ascii "\.section \.parainstructions"} } } */
/* { dg-final { asm-scan-not {klp\.arch\.vmlinux\.\.altinstructions_more} } } */
