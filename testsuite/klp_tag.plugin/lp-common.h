/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lp-common.h - the parts of <linux/livepatch.h> the plugin reads, with the
 * kernel's struct and field names (the plugin matches names, not positions).
 */
#ifndef TEST_LP_COMMON_H
#define TEST_LP_COMMON_H
struct module;
struct klp_func {
	const char *old_name;
	void *new_func;
	unsigned long old_sympos;
};
struct klp_object {
	const char *name;
	struct klp_func *funcs;
};
struct klp_patch {
	struct module *mod;
	struct klp_object *objs;
};
int klp_enable_patch(struct klp_patch *patch);
#endif
