// SPDX-License-Identifier: GPL-2.0-or-later
/* klp_tag_enable_patch()/klp_tag_remove_patch() with KLP_TAG_REGISTER_PATCH=1,
   what the kbuild fragment passes for a tree whose livepatch.h declares
   klp_register_patch() (4.9 to 5.0): register, enable, unregister again
   when enabling fails; on exit disable (a disabled patch just says
   -EINVAL) and unregister. */
/* { dg-do compile } */
/* { dg-options "-O2 -DKLP_TAG_REGISTER_PATCH=1" } */
#include "klp_tag.h"
#include "lp-common.h"

int klp_register_patch(struct klp_patch *patch);
int klp_unregister_patch(struct klp_patch *patch);
int klp_disable_patch(struct klp_patch *patch);
void warned(void);
#define WARN_ON(cond) ({ int w_ = !!(cond); if (w_) warned(); w_; })

static struct klp_patch patch;

int patch_init(void)
{
	return klp_tag_enable_patch(&patch);
}

void patch_exit(void)
{
	klp_tag_remove_patch(&patch);
}
/* { dg-final { asm-scan {patch_init:(?:(?!patch_exit:).)*call\s+klp_register_patch(?:(?!patch_exit:).)*call\s+klp_enable_patch} } } */
/* { dg-final { asm-scan {patch_init:(?:(?!patch_exit:).)*klp_unregister_patch} } } */
/* { dg-final { asm-scan {patch_exit:(?:(?!\.size\s+patch_exit).)*call\s+klp_disable_patch(?:(?!\.size\s+patch_exit).)*klp_unregister_patch} } } */
