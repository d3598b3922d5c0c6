/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the files of the split patch share: the replacements' declarations
 * (lp_hdr_fix tagged here, in the header, and defined in patch_hdr.c) and
 * real entries of both kinds: local_irq_save/restore give a paravirt site
 * and an alternative each, the ALTERNATIVE one more alternative.
 */
#ifndef LP_H
#define LP_H

#include <linux/irqflags.h>
#include <asm/alternative.h>
#include <asm/cpufeatures.h>
#include <klp_tag.h>

struct seq_file;

static __always_inline int lp_entries(int x)
{
	unsigned long flags;
	int one;

	local_irq_save(flags);
	asm volatile(ALTERNATIVE("movl $0, %0", "movl $1, %0", X86_FEATURE_ALWAYS)
		     : "=r" (one));
	local_irq_restore(flags);
	return x + one;
}

int lp_vm_fix(struct seq_file *m, void *v);
int lp_tgt_fix(struct seq_file *m, void *v);
int __klp_object(klp_demo_target) lp_hdr_fix(struct seq_file *m, void *v);

#endif
