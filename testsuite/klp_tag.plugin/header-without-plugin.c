// SPDX-License-Identifier: GPL-2.0-or-later
/* Without the plugin, using __klp_object() or __klp_symbol() is a compile
   error that says what to do. */
/* { dg-do assemble } */
/* { dg-options "NO-PLUGIN" } */
#include "klp_tag.h"

void __klp_object(vmlinux) patched(void) { } /* { dg-error "__klp_object.. needs the klp_tag GCC plugin: compile with -fplugin=klp_tag .or define KLP_TAG_OFF for a reference build." } */
extern int __klp_symbol(vmlinux) unexported; /* { dg-error "__klp_symbol.. needs the klp_tag GCC plugin: compile with -fplugin=klp_tag .or define KLP_TAG_OFF for a reference build." } */
