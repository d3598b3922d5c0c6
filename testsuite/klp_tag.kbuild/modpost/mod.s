# SPDX-License-Identifier: GPL-2.0-or-later
# The .mod.o stand-in: module metadata, no entries.
	.section .modinfo,"a"
	.string	"vermagic=4.19.72 SMP mod_unload "
