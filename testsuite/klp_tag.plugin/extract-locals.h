/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A header's static inline function with a static variable of its own. */
static inline __attribute__((always_inline)) int counted(int x)
{
	static int calls;

	return calls++ + x;
}
