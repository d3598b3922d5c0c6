/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What both replacement functions of the example do, so that each of them
 * holds real entries of every kind once inlined, with the headers of any
 * kernel from 4.9 to 6.1 (PARAVIRT_XXL configs, as distributions have):
 *  - local_irq_save/restore: a paravirt site each (on 6.1 plus an
 *    alternative);
 *  - static_cpu_has(X86_FEATURE_ERMS): an asm goto alternative (ERMS is
 *    not required at build time, so it is not folded to a constant; newer
 *    feature bits such as FSRM do not exist in 4.x and 5.4 headers);
 *  - an explicit ALTERNATIVE keyed to X86_FEATURE_ALWAYS, which every CPU
 *    has: its replacement runs exactly when the entry was applied, which
 *    the /proc output reports.
 * The helper is always inlined, so the entries belong to the calling
 * replacement function and the plugin puts them in that function's object.
 */
#ifndef KLP_DEMO_H
#define KLP_DEMO_H

#include <linux/irqflags.h>
#include <asm/alternative.h>
#include <asm/cpufeature.h>

extern unsigned long klp_demo_erms_calls;

static __always_inline bool klp_demo_alternative_applied(void)
{
	unsigned long flags;
	unsigned int applied;

	local_irq_save(flags);
	/* Same length either way: mov $imm32 to the same register. */
	asm volatile(ALTERNATIVE("movl $0, %0", "movl $1, %0", X86_FEATURE_ALWAYS)
		     : "=r" (applied));
	if (static_cpu_has(X86_FEATURE_ERMS))
		klp_demo_erms_calls++;
	local_irq_restore(flags);
	return applied;
}

struct seq_file;
int klp_demo_target_show_fixed(struct seq_file *m, void *v);

#endif
