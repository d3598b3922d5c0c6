// SPDX-License-Identifier: GPL-2.0-or-later
/* Static branches in a function of a module object: a warning; vmlinux is fine. */
/* { dg-do assemble } */
#include "lp-old.h"

static inline __attribute__((always_inline)) int static_branch(void)
{
	asm goto("1: .byte 0x0f,0x1f,0x44,0x00,0x00\n" /* { dg-warning "klp_tag: static branch .'__jump_table' entry. in 'patched_mod', which belongs to module object 'ext4': these kernels' livepatch cannot resolve static keys of a module that is not loaded yet: test the key with static_key_enabled.. instead" } */
		 ".pushsection __jump_table, \"aw\"\n .balign 8\n"
		 " .long 1b - .\n .long %l[yes] - .\n .quad 0\n"
		 ".popsection\n" : : : : yes);
	return 0;
yes:
	return 1;
}

__attribute__((klp_object("ext4"))) int patched_mod(void) { return static_branch(); }
__attribute__((klp_object("vmlinux"))) int patched_vmlinux(void) { return static_branch(); }
