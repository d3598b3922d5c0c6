// SPDX-License-Identifier: GPL-2.0-or-later
/* The kernel compares a klp_object's .name verbatim with the loaded
   module's name, which never holds '-' or '.': a .name no module can have
   is an error naming the rule and the spelling that works. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-abi=klp-arch" } */
#include "lp-old.h"

static void fix_a(void) { }
static void fix_b(void) { }
static void fix_c(void) { }
static void fix_d(void) { }
static struct klp_func fa[] = { { .old_name = "a", .new_func = fix_a }, { } };
static struct klp_func fb[] = { { .old_name = "b", .new_func = fix_b }, { } };
static struct klp_func fc[] = { { .old_name = "c", .new_func = fix_c }, { } };
static struct klp_func fd[] = { { .old_name = "d", .new_func = fix_d }, { } };
static struct klp_object dash[] = { { .name = "nf-conntrack", .funcs = fa }, { } }; /* { dg-error "klp_object table: '.name' 'nf-conntrack' holds '-': the kernel compares it with strcmp\\(\\) to the loaded module's name, in which kbuild has made every '-' a '_', so write 'nf_conntrack'; no module can match it" } */
static struct klp_object file[] = { { .name = "livepatch-shadow-mod.ko", .funcs = fb }, { } }; /* { dg-error "'livepatch-shadow-mod.ko' ends in '.ko': .* so write 'livepatch_shadow_mod'" } */
static struct klp_object empty[] = { { .name = "", .funcs = fc }, { } }; /* { dg-error "'.name' '' is empty: an object is 'vmlinux' or the name of a module" } */
static struct klp_object longname[] = { { .name = "a234567890123456789012345678901234567890123456789012345678", .funcs = fd }, { } }; /* { dg-error "is 58 characters long: the kernel reads at most 55" } */
void *tables[] = { dash, file, empty, longname };
