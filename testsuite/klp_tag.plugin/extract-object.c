// SPDX-License-Identifier: GPL-2.0-or-later
/* Extract mode otherwise does what the plugin always does: the kept
   functions' entries go to their object's .klp.arch sections, the map
   records them; the functions it does not keep have no entries and no
   record here (the kernel's copies hold them), nor do __init, __exit and
   used functions, which vanish with their sections. */
/* { dg-do assemble } */
/* { dg-options "-fplugin-arg-klp_tag-extract=@SRCDIR@/extract-object.extract -fplugin-arg-klp_tag-object=vmlinux" } */
#include "entries.h"
#include "lp-old.h"

static void not_kept(void)
{
	pv_site();
}

static void __attribute__((used, section(".text.unlikely.special"))) used_fn(void)
{
	alt_lfence();
}

__attribute__((section(".init.text"), cold)) int init_fn(void)
{
	not_kept();
	return 0;
}
__attribute__((section(".exit.text"), cold)) void exit_fn(void)
{
	alt_lfence();
}

void fixed(void)
{
	alt_lfence();
	not_kept();
}
/* { dg-final { nm-defines-only fixed } } */
/* { dg-final { nm-absent used_fn init_fn exit_fn } } */
/* { dg-final { section-present .klp.arch.vmlinux..altinstructions } } */
/* { dg-final { section-absent .altinstructions } } */
/* { dg-final { section-absent .init.text } } */
/* { dg-final { section-absent .exit.text } } */
/* { dg-final { section-absent .text.unlikely.special } } */
/* { dg-final { entries-preserved } } */
/* { dg-final { map-has fixed vmlinux default } } */
/* { dg-final { map-lacks not_kept } } */
