// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The .modinfo of the hand-made module fixmod.ko of
 * klp_tag.verify/verify.exp (modpost writes these strings for a real one).
 */
__attribute__((section(".modinfo"), used)) static const char name[] = "name=fixmod";
__attribute__((section(".modinfo"), used)) static const char vermagic[] =
	"vermagic=9.9.9-fixture SMP mod_unload ";
