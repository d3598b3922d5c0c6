/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Real entries of both kinds with Debian 6.1's config: local_irq_save and
 * local_irq_restore each give a paravirt site plus an alternative, the
 * ALTERNATIVE one more alternative.
 */
#include <linux/irqflags.h>
#include <asm/alternative.h>
#include <asm/cpufeatures.h>

static __always_inline int fixture_entries(int x)
{
	unsigned long flags;
	int one;

	local_irq_save(flags);
	asm volatile(ALTERNATIVE("movl $0, %0", "movl $1, %0", X86_FEATURE_ALWAYS)
		     : "=r" (one));
	local_irq_restore(flags);
	return x + one;
}
