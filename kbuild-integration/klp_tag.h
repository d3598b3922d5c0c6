/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * klp_tag.h - tag a livepatch replacement function with the object it patches.
 *
 *	static int __klp_object(ext4) livepatch_ext4_foo(...) { ... }
 *
 * With the klp_tag GCC plugin loaded (it predefines __KLP_TAG__), the
 * function's alternative and paravirt entries go to the sections that
 * livepatch applies after ext4's relocations (kernels 4.9 to 5.7).
 *
 *	extern unsigned long __klp_symbol(vmlinux) saved_max_pfn;
 *	int __klp_symbol(ext4, 2) ext4_helper(int);
 *
 * says where a symbol the patch references but cannot link lives (a static
 * function or unexported variable of vmlinux, anything of a module object;
 * 2: the second symbol of that name in kallsyms order): the klp relocation
 * converter then reaches it through a klp relocation.
 *
 * Define KLP_TAG_OFF for a reference build without the plugin: the tags
 * then expand to nothing.  Without either, using a tag is an error, so a
 * patch module never silently loses its tags.
 */
#ifndef KLP_TAG_H
#define KLP_TAG_H

#if defined(KLP_TAG_OFF)
#define __klp_object(name)
#define __klp_symbol(name, ...)
#elif defined(__KLP_TAG__)
#define __klp_object(name) __attribute__((klp_object(#name)))
#define __klp_symbol(name, ...) __attribute__((klp_symbol(#name, ##__VA_ARGS__)))
#else
#define __klp_object(name) \
	_Pragma("GCC error \"__klp_object() needs the klp_tag GCC plugin: compile with -fplugin=klp_tag (or define KLP_TAG_OFF for a reference build)\"")
#define __klp_symbol(name, ...) \
	_Pragma("GCC error \"__klp_symbol() needs the klp_tag GCC plugin: compile with -fplugin=klp_tag (or define KLP_TAG_OFF for a reference build)\"")
#endif

#endif
