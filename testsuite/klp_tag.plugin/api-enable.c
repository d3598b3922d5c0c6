// SPDX-License-Identifier: GPL-2.0-or-later
/* KLP_TAG_REGISTER_PATCH=0 (5.1 on: no klp_register_patch() in
   livepatch.h): klp_tag_enable_patch() is klp_enable_patch() alone, and
   klp_tag_remove_patch() does nothing (the kernel frees a disabled patch). */
/* { dg-do compile } */
/* { dg-options "-O2 -DKLP_TAG_REGISTER_PATCH=0" } */
#include "klp_tag.h"
#include "lp-common.h"

static struct klp_patch patch;

int patch_init(void)
{
	return klp_tag_enable_patch(&patch);
}

void patch_exit(void)
{
	klp_tag_remove_patch(&patch);
}
/* { dg-final { asm-scan {(call|jmp)\s+klp_enable_patch} } } */
/* { dg-final { asm-scan-not {klp_register_patch|klp_unregister_patch|klp_disable_patch} } } */
/* { dg-final { asm-scan {patch_exit:\s*(?:\.[^\n]*\n\s*)*(?:endbr64\s*)?ret} } } */
