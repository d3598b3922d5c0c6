// SPDX-License-Identifier: GPL-2.0-or-later
/* A tagged function called from the module's init function runs its
   unpatched instructions there: a warning. */
/* { dg-do assemble } */
#include "entries.h"
#include "lp-old.h"

__attribute__((noinline, klp_object("vmlinux"))) int patched(void) /* { dg-warning "klp_tag: 'patched' is called from the module's init function, but its entries in .klp.arch.vmlinux are applied only after klp_enable_patch..; on the init path it runs unpatched instructions: call it there only if they are correct too" } */
{
	return alt_applied();
}
__attribute__((noinline, klp_object("ext4"))) int patched_mod(void) /* { dg-warning "'patched_mod' is called from the module's init function, but its entries in .klp.arch.ext4 are applied only when that module object loads" } */
{
	pv_site();
	return 0;
}
__attribute__((klp_object("ext4"))) int not_on_init_path(void) { pv_site(); return 1; }

static __attribute__((noinline)) int setup_step(void) { return patched_mod(); }
static int my_init(void) { return patched() + setup_step(); }
int init_module(void) __attribute__((alias("my_init")));
/* { dg-final { section-present .klp.arch.vmlinux..altinstructions } } */
