/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lp-old.h - what a 4.9-5.7 <linux/livepatch.h> declares: the kernel applies .klp.arch. */
#include "lp-common.h"
void arch_klp_init_object_loaded(struct klp_patch *patch, struct klp_object *obj);
