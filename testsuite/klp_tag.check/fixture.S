/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fixture.S - a livepatch object written by hand, for the checker tests.
 *
 * Three functions with alternative and paravirt entries, their
 * .klp_tag.map records (format: common/klp_map.h) and the objects of the
 * patch's klp_object tables.  Every section name, the entry layout and a
 * few deliberate mistakes are chosen with -D options, so each test builds
 * exactly the file it needs:
 *   (the options of entries.inc)
 *   FOO_FEATURE     the feature of foo's alternative
 *   FOO_ALT ...     section of each function's entries
 *   DUP             one more vmlinux function whose entries go to a second
 *                   section of the same name
 *   INIT            an ext4 function in .init.text
 *   EXT_CALL        bar's alternative patches a call to an ext4 symbol
 *   ABI_REQ/ABI_RES the unit record's requested/resolved abi (0 auto,
 *                   1 klp-arch, 2 none)
 */
#ifndef FOO_ALT
#define FOO_ALT .klp.arch.vmlinux..altinstructions
#endif
#ifndef FOO_PARA
#define FOO_PARA .klp.arch.vmlinux..parainstructions
#endif
#ifndef BAR_ALT
#define BAR_ALT .klp.arch.ext4..altinstructions
#endif
#ifndef BAR_PARA
#define BAR_PARA .klp.arch.ext4..parainstructions
#endif
#ifndef FOO_FEATURE
#define FOO_FEATURE 9*32+20
#endif
#ifndef ABI_REQ
#define ABI_REQ 1
#endif
#ifndef ABI_RES
#define ABI_RES 1
#endif

#include "entries.inc"

	map_record 1, ABI_REQ, ABI_RES, 0, "klp-tag fixture", "fixture.c"
	map_record 2, 0, 0, 0, "vmlinux"
	map_record 2, 0, 0, 0, "ext4"
	map_record 3, 1, 3, foo, "vmlinux", "foo", "foo"
	map_record 3, 2, 3, bar, "ext4", "bar", "bar"
	map_record 3, 0, 2, baz, "", "baz", "baz"

	.text
	.globl foo
	.type foo, @function
foo:
	nop
	altsite FOO_ALT, FOO_FEATURE
	pvsite FOO_PARA
	ret
	.size foo, . - foo

	.type bar, @function
bar:
	nop
#ifdef EXT_CALL
661:	call ext4_helper
662:
	.pushsection BAR_ALT, "a"
	.long 661b - .
	.long 6641f - .
	.word 9*32+20
	.byte 662b - 661b
	.byte 6642f - 6641f
#ifdef OLD_LAYOUT
	.byte 0
#endif
	.popsection
	.pushsection .altinstr_replacement, "ax"
6641:	.byte 0x90, 0x90, 0x90, 0x90, 0x90
6642:
	.popsection
#else
	altsite BAR_ALT, 3*32+7
#endif
	pvsite BAR_PARA, 7
	ret
	.size bar, . - bar

	.globl baz
	.type baz, @function
baz:
	altsite .altinstructions, 1*32+4
	ret
	.size baz, . - baz

	.section .text.unlikely, "ax", @progbits
	.type foo.cold, @function
foo.cold:
	altsite FOO_ALT, 7*32+1
	ud2
	.size foo.cold, . - foo.cold

#ifdef DUP
	map_record 3, 1, 3, qux, "vmlinux", "qux", "qux"
	.text
	.type qux, @function
qux:
	nop
661:	.byte 0x0f, 0x01, 0xcb
662:
	.pushsection .klp.arch.vmlinux..altinstructions, "a", @progbits, unique, 1
	.long 661b - .
	.long 6641f - .
	.word 9*32+20
	.byte 662b - 661b
	.byte 6642f - 6641f
#ifdef OLD_LAYOUT
	.byte 0
#endif
	.popsection
	.pushsection .altinstr_replacement, "ax"
6641:	.byte 0x90, 0x90, 0x90
6642:
	.popsection
	ret
	.size qux, . - qux
#endif

#ifdef INIT
	map_record 3, 1, 3, bar_init, "ext4", "bar_init", "bar_init"
	.section .init.text, "ax", @progbits
	.type bar_init, @function
bar_init:
	altsite BAR_ALT
	ret
	.size bar_init, . - bar_init
#endif
