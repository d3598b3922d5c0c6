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
 *
 *	static int __init foo_init(void) { return klp_tag_enable_patch(&foo_patch); }
 *	static void __exit foo_exit(void) { klp_tag_remove_patch(&foo_patch); }
 *
 * is a patch module's init and exit with the livepatch API of the kernel
 * it is built for, which KLP_TAG_REGISTER_PATCH names: 1 when that
 * kernel's <linux/livepatch.h> declares klp_register_patch() (4.9 to 5.0),
 * 0 when it does not (5.1 on).  The kbuild fragment sets it from the
 * kernel tree.  With 1, the patch is registered and then enabled (and
 * unregistered again if enabling fails); on exit it is disabled, which
 * fails harmlessly for a patch disabled already (4.12 to 5.0 let its
 * module go only then), and unregistered.  With 0, klp_enable_patch()
 * alone, and exit has nothing to do: the kernel frees a disabled patch.
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

#if !defined(KLP_TAG_REGISTER_PATCH)
#define klp_tag_enable_patch(patch) \
	_Pragma("GCC error \"klp_tag_enable_patch() needs KLP_TAG_REGISTER_PATCH: build through the kbuild fragment klp-tag.mk, or define it to 1 when the kernel's linux/livepatch.h declares klp_register_patch() (4.9 to 5.0), else to 0\"") 0
#define klp_tag_remove_patch(patch) \
	_Pragma("GCC error \"klp_tag_remove_patch() needs KLP_TAG_REGISTER_PATCH: build through the kbuild fragment klp-tag.mk, or define it to 1 when the kernel's linux/livepatch.h declares klp_register_patch() (4.9 to 5.0), else to 0\"")
#elif KLP_TAG_REGISTER_PATCH
#define klp_tag_enable_patch(patch) ({					\
	struct klp_patch *klp_tag_p_ = (patch);				\
	int klp_tag_r_ = klp_register_patch(klp_tag_p_);		\
	if (!klp_tag_r_) {						\
		klp_tag_r_ = klp_enable_patch(klp_tag_p_);		\
		if (klp_tag_r_)						\
			WARN_ON(klp_unregister_patch(klp_tag_p_));	\
	}								\
	klp_tag_r_; })
#define klp_tag_remove_patch(patch) do {				\
	struct klp_patch *klp_tag_p_ = (patch);				\
	klp_disable_patch(klp_tag_p_);					\
	WARN_ON(klp_unregister_patch(klp_tag_p_));			\
} while (0)
#else
#define klp_tag_enable_patch(patch) klp_enable_patch(patch)
#define klp_tag_remove_patch(patch) ((void)(patch))
#endif

#endif
