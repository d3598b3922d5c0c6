// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The rest of the hand-made kernel of klp_tag.verify/verify.exp: the
 * functions fixture.c calls, the strong fix_weak, and the banner that
 * names the release (-DBANNER=0 leaves it out).
 */
#ifndef BANNER
#define BANNER 1
#endif

int ext_print(const char *fmt, ...)
{
	return fmt[0];
}

__attribute__((cold)) void ext_fail(void)
{
}

int fix_weak(int x)
{
	return x * 3;
}

#if BANNER
const char linux_banner[] = "Linux version 9.9.9-fixture (test@klp-tag) #1 SMP\n";
#endif
