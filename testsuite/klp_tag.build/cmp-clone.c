// SPDX-License-Identifier: GPL-2.0-or-later
/* An IPA clone (cp.constprop.0) called from two functions through bare
   PC-relative calls.  The test renames the patched object's clone and its
   describe line to cp.constprop.1, the way another compile numbers it
   (GCC numbers clones per origin, so a renumbering needs a clone made and
   dropped, which no small file provokes alike on every GCC): it is paired
   with cp.constprop.0 and the same, and so are its callers. */
extern int ext(int);

static __attribute__((noinline)) int cp(int x, int mode)
{
	if (mode)
		return ext(x) * 3 + ext(x + 1);
	return ext(x) - 7;
}

int use_cp(int x)
{
	return cp(x, 1) + cp(x + 2, 1);
}

int use_cp2(int x)
{
	return cp(x * 2, 1);
}
