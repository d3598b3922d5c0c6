# SPDX-License-Identifier: GPL-2.0-or-later
# A function with a relocation no kernel object has (SIZE32: the size of
# a symbol): the verification must say it cannot verify it.  No .file, so
# no STT_FILE symbol either, unless the test adds one.
	.text
	.globl	size_user
	.type	size_user, @function
size_user:
	movl	$ext_print@SIZE, %eax
	ret
	.size	size_user, .-size_user
