/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * patch.S - a livepatch object written by hand, with the .klp_tag.map
 * records the klp_tag plugin writes (macros of ../klp_tag.check/
 * entries.inc): fix_vmlinux patches vmlinux and calls VMLINUX_CALLEE,
 * fix_module patches MODOBJ and calls MODULE_CALLEE.  cpp options:
 *   MODOBJ          the patched module object ("livepatch_shadow_mod")
 *   VMLINUX_CALLEE  default cmdline_proc_show (static in vmlinux)
 *   MODULE_CALLEE   default dummy_check (static in livepatch-shadow-mod.ko)
 *   DECL_NAME/DECL_OBJ/DECL_POS  a klp_symbol declaration (symbol record)
 *   DECL2_POS       a second declaration of DECL_NAME that disagrees
 *   ALIAS_NAME/ALIAS_OBJ/ALIAS_POS/ALIAS_KSYM  an extract file's ref line
 *                   under another name (alias record: the object references
 *                   ALIAS_NAME, the kernel's symbol is ALIAS_KSYM)
 *   ALIAS2_NAME/ALIAS2_POS/ALIAS2_KSYM  a second one, in ALIAS_OBJ
 *   VMLINUX_EXTRA   one more call from fix_vmlinux
 *   DATA_SYM        a pointer to it in .data
 *   INIT            fix_init, in .init.text, patches MODOBJ and calls MODULE_CALLEE
 *   NO_VMLINUX_OBJ  the patch's tables name MODOBJ only
 *   EXTRA_OBJ       one more object the tables name
 *   ALT_VMLINUX=S / ALT_MODULE=S   an alternative over the call in section S
 *   REPL_VMLINUX=S  an alternative whose replacement code makes the call
 *   PARA_VMLINUX=S  a paravirt site over an indirect call through PARA_PTR
 *   OLD_LAYOUT      13-byte alt_instr (4.9-5.7 headers)
 */
#ifndef MODOBJ
#define MODOBJ "livepatch_shadow_mod"
#endif
#ifndef VMLINUX_CALLEE
#define VMLINUX_CALLEE cmdline_proc_show
#endif
#ifndef MODULE_CALLEE
#define MODULE_CALLEE dummy_check
#endif
#ifndef PARA_PTR
#define PARA_PTR saved_command_line
#endif

#include "entries.inc"

/* An alternative entry for the instruction at 661b..662b. */
	.macro altentry sec:req
	.pushsection \sec, "a"
	.long 661b - .
	.long 6641f - .
	.word 9*32+20
	.byte 662b - 661b
	.byte 6642f - 6641f
#ifdef OLD_LAYOUT
	.byte 0
#endif
	.popsection
	.endm

/* A call the alternative patches (replaced by a 5-byte nop). */
	.macro altcall sec:req, callee:req
661:	call \callee
662:
	altentry \sec
	.pushsection .altinstr_replacement, "ax"
6641:	.byte 0x0f, 0x1f, 0x44, 0x00, 0x00
6642:
	.popsection
	.endm

/* A 5-byte nop the alternative replaces by the call. */
	.macro altrepl sec:req, callee:req
661:	.byte 0x0f, 0x1f, 0x44, 0x00, 0x00
662:
	altentry \sec
	.pushsection .altinstr_replacement, "ax"
6641:	call \callee
6642:
	.popsection
	.endm

	map_record 1, 1, 1, 0, "klp-tag fixture", "patch.c"
#ifndef NO_VMLINUX_OBJ
	map_record 2, 0, 0, 0, "vmlinux"
#endif
	map_record 2, 0, 0, 0, MODOBJ
#ifdef EXTRA_OBJ
	map_record 2, 0, 0, 0, EXTRA_OBJ
#endif
	map_record 3, 1, 0, fix_vmlinux, "vmlinux", "fix_vmlinux", "fix_vmlinux"
	map_record 3, 1, 0, fix_module, MODOBJ, "fix_module", "fix_module"
#ifdef INIT
	map_record 3, 1, 0, fix_init, MODOBJ, "fix_init", "fix_init"
#endif
#ifdef DECL_NAME
	map_record 4, 1, 0, 0, DECL_OBJ, DECL_NAME, DECL_POS
#endif
#ifdef DECL2_POS
	map_record 4, 2, 0, 0, DECL_OBJ, DECL_NAME, DECL2_POS
#endif
#ifdef ALIAS_NAME
	map_record 6, 6, 0, 0, ALIAS_OBJ, ALIAS_NAME, ALIAS_POS, ALIAS_KSYM
#endif
#ifdef ALIAS2_NAME
	map_record 6, 6, 0, 0, ALIAS_OBJ, ALIAS2_NAME, ALIAS2_POS, ALIAS2_KSYM
#endif

	.text
	.globl fix_vmlinux
	.type fix_vmlinux, @function
fix_vmlinux:
	nop
#if defined(ALT_VMLINUX)
	altcall ALT_VMLINUX, VMLINUX_CALLEE
#elif defined(REPL_VMLINUX)
	altrepl REPL_VMLINUX, VMLINUX_CALLEE
#else
	call VMLINUX_CALLEE
#endif
#ifdef VMLINUX_EXTRA
	call VMLINUX_EXTRA
#endif
#ifdef PARA_VMLINUX
771:	call *PARA_PTR+8(%rip)
772:
	.pushsection PARA_VMLINUX, "a"
	.balign 8
	.quad 771b
	.byte 5
	.byte 772b - 771b
	.short 0
	.popsection
#endif
	call kfree
	ret
	.size fix_vmlinux, . - fix_vmlinux

	.globl fix_module
	.type fix_module, @function
fix_module:
	nop
#ifdef ALT_MODULE
	altcall ALT_MODULE, MODULE_CALLEE
#else
	call MODULE_CALLEE
#endif
	ret
	.size fix_module, . - fix_module

#ifdef INIT
	.section .init.text, "ax"
	.globl fix_init
	.type fix_init, @function
fix_init:
	call MODULE_CALLEE
	ret
	.size fix_init, . - fix_init
#endif

#ifdef DATA_SYM
	.data
	.globl data_pointer
data_pointer:
	.quad DATA_SYM
#endif
	.section .note.GNU-stack, "", @progbits
