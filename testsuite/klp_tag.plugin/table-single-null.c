// SPDX-License-Identifier: GPL-2.0-or-later
/* A single (not array) klp_object with an explicit NULL name, and an object
   whose replacement lives in another file: both recorded as the patch's objects. */
/* { dg-do assemble } */
#include "entries.h"
#include "lp-old.h"

static void replacement(void) { alt_lfence(); }
extern void elsewhere_replacement(void);

static struct klp_func funcs[] = { { .old_name = "orig", .new_func = replacement }, { } };
static struct klp_func other_funcs[] = { { .old_name = "o", .new_func = elsewhere_replacement }, { } };
static struct klp_object obj = { .name = (void *)0, .funcs = funcs };
static struct klp_object other = { .name = "other_mod", .funcs = other_funcs };
struct klp_object *objects[] = { &obj, &other };
/* { dg-final { section-present .klp.arch.vmlinux..altinstructions } } */
/* { dg-final { map-has replacement vmlinux table } } */
/* { dg-final { map-object vmlinux } } */
/* { dg-final { map-object other_mod } } */
