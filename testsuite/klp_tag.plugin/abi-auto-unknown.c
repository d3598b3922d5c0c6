// SPDX-License-Identifier: GPL-2.0-or-later
/* abi=auto in a unit that includes no livepatch header: the kernel is unknown,
   nothing renamed, a warning asks for abi=. */
/* { dg-do assemble } */
#include "entries.h"

__attribute__((klp_object("vmlinux"))) void patched(void) /* { dg-warning "klp_tag: the target kernel is unknown .this unit does not include '<linux/livepatch.h>'., so nothing is renamed; pass '-fplugin-arg-klp_tag-abi=klp-arch'" } */
{
	alt_lfence();
}
/* { dg-final { section-present .altinstructions } } */
/* { dg-final { section-absent .klp.arch.* } } */
