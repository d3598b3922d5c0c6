// SPDX-License-Identifier: GPL-2.0-or-later
/* The unit default must be a valid object name too. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-object=ext4.ko" } */
/* { dg-error "-fplugin-arg-klp_tag-object: object name 'ext4.ko' contains '.'" "" { target *-*-* } 0 } */
void f(void) { }
