// SPDX-License-Identifier: GPL-2.0-or-later
/* Without KLP_TAG_REGISTER_PATCH (not built through the kbuild fragment),
   the API helpers are a compile error that says what to set. */
/* { dg-do compile } */
#include "klp_tag.h"
#include "lp-common.h"

static struct klp_patch patch;

int patch_init(void)
{
	return klp_tag_enable_patch(&patch); /* { dg-error "klp_tag_enable_patch.. needs KLP_TAG_REGISTER_PATCH: build through the kbuild fragment klp-tag.mk, or define it to 1 when the kernel's linux/livepatch.h declares klp_register_patch.. .4.9 to 5.0., else to 0" } */
}

void patch_exit(void)
{
	klp_tag_remove_patch(&patch); /* { dg-error "klp_tag_remove_patch.. needs KLP_TAG_REGISTER_PATCH" } */
}
