/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A header's static inline function: its fn line names the header. */
static inline int header_helper(int x)
{
	return x + 40;
}
