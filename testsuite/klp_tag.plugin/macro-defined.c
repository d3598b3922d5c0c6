// SPDX-License-Identifier: GPL-2.0-or-later
/* The plugin predefines __KLP_TAG__; klp_tag.h's __klp_object() then tags. */
/* { dg-do assemble } */
#include "klp_tag.h"
#include "entries.h"
#include "lp-old.h"
#ifndef __KLP_TAG__
#error "__KLP_TAG__ not predefined by the plugin"
#endif

void __klp_object(vmlinux) patched(void) { alt_lfence(); }
/* { dg-final { section-present .klp.arch.vmlinux..altinstructions } } */
