/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * second.S - a second unit of the fixture module: one vmlinux function
 * with one paravirt site, so that `ld -r fixture.o second.o` merges two
 * objects' .klp.arch sections the way a module link does.  SECOND_ALT
 * adds an alternative to it.
 */
#include "entries.inc"

#ifndef QUUX_PARA
#define QUUX_PARA .klp.arch.vmlinux..parainstructions
#endif

	map_record 1, 1, 1, 0, "klp-tag fixture", "second.c"
	map_record 2, 0, 0, 0, "vmlinux"
	map_record 3, 1, 3, quux, "vmlinux", "quux", "quux"

	.text
	.globl quux
	.type quux, @function
quux:
	pvsite QUUX_PARA, 9
#ifdef SECOND_ALT
	altsite .klp.arch.vmlinux..altinstructions
#endif
	ret
	.size quux, . - quux
