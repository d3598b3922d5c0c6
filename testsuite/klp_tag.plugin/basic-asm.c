// SPDX-License-Identifier: GPL-2.0-or-later
/* Basic asm (no operands, '%' literal) in a tagged function. */
/* { dg-do assemble } */
#include "lp-old.h"

__attribute__((klp_object("vmlinux"))) void patched(void)
{
	asm("661: nop\n662:\n"
	    ".pushsection .altinstructions,\"a\"\n"
	    " .long 661b - .\n .long 663f - .\n .word 117\n .byte 662b-661b\n .byte 664f-663f\n"
	    ".popsection\n"
	    ".pushsection .altinstr_replacement,\"ax\"\n663: nop\n664:\n.popsection");
}
/* { dg-final { section-present .klp.arch.vmlinux..altinstructions } } */
/* { dg-final { section-absent .altinstructions } } */
/* { dg-final { entries-preserved } } */
