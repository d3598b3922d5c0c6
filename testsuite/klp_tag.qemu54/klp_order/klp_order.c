// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * klp_order - the ordering bug of Linux 4.9-5.7 livepatch, as a module.
 *
 * Two replacements, one per object:
 *   vmlinux          cmdline_proc_show (/proc/cmdline)
 *   klp_demo_target  klp_demo_target_show (/proc/klp_demo_target; the
 *                    project's examples/target module)
 * Each holds an alternative and a paravirt site whose patched bytes are an
 * instruction that references a symbol the module loader cannot resolve:
 * a static function or unexported variable of the object.  klp-reloc
 * makes those references livepatch relocations (.klp.rela.<obj>.*),
 * which livepatch writes when the object is patched: at enable for
 * vmlinux, when klp_demo_target loads for the module.  If the module
 * loader applied the entries first (plain .altinstructions and
 * .parainstructions, KLP_TAG_ABI=none), the relocation finds nonzero bytes
 * and the kernel refuses it; in .klp.arch.<obj>..* sections (the plugin's
 * klp-arch) livepatch applies them right after the relocations.
 *
 * The sites load a value into %rax: the original instruction the address
 * of the symbol, the applied alternative 1 (X86_FEATURE_ALWAYS: every
 * CPU), the applied paravirt site (type irq.save_fl, what
 * arch_local_save_flags() emits) the native "pushfq; popq %rax": the
 * flags, which are small and have bit 1 set.  So each replacement can say
 * whether its entries were applied; the rest of it reaches the object's
 * static symbols through ordinary C code (livepatch relocations as well)
 * and prints what only they give.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/livepatch.h>
#include <linux/seq_file.h>
#include <asm/alternative.h>
#include <asm/cpufeatures.h>
#include <asm/paravirt.h>
#include <linux/version.h>
#include <klp_tag.h>

/* vmlinux: static in fs/proc/version.c (saved_command_line: unexported). */
int version_proc_show(struct seq_file *m, void *v);
/* klp_demo_target: both static there (examples/target/klp_demo_target.c). */
unsigned int klp_demo_target_answer(unsigned int x);
extern unsigned int klp_demo_target_reads;

/* An alternative over "leaq SYM(%rip), %rax"; 7 bytes either way. */
#define KLP_ORDER_ALT(sym) ({						\
	unsigned long v_;						\
	asm volatile(ALTERNATIVE("leaq " #sym "(%%rip), %0",		\
				 "movq $1, %0", X86_FEATURE_ALWAYS)	\
		     : "=a" (v_));					\
	v_; })

/*
 * The operation arch_local_save_flags() patches: pv_ops.irq.save_fl from
 * 4.20 on, pv_irq_ops.save_fl in the separate structures before.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(4, 20, 0)
#define KLP_ORDER_SAVE_FL pv_irq_ops.save_fl
#else
#define KLP_ORDER_SAVE_FL irq.save_fl
#endif

/* A paravirt site (save_fl, clobbering %rax) over the same instruction. */
#define KLP_ORDER_PARA(sym) ({						\
	unsigned long v_;						\
	asm volatile(paravirt_alt("leaq " #sym "(%%rip), %%rax")	\
		     : "=a" (v_)					\
		     : paravirt_type(KLP_ORDER_SAVE_FL),		\
		       paravirt_clobber(CLBR_RAX));			\
	v_; })

static const char *klp_order_alt_state(unsigned long v)
{
	return v == 1 ? "alternative applied" : "alternative NOT applied";
}

static const char *klp_order_para_state(unsigned long v)
{
	return (v & 2) && v < 0x1000000 ? "paravirt applied" : "paravirt NOT applied";
}

static int klp_order_cmdline_show(struct seq_file *m, void *v)
{
#ifdef KLP_ORDER_CLEAN_VMLINUX
	/* The control: the same sites over a symbol of this module. */
	unsigned long alt = KLP_ORDER_ALT(klp_order_cmdline_show);
	unsigned long para = KLP_ORDER_PARA(klp_order_cmdline_show);
#else
	unsigned long alt = KLP_ORDER_ALT(version_proc_show);
	unsigned long para = KLP_ORDER_PARA(saved_command_line);
#endif

	seq_printf(m, "klp_order: vmlinux replacement, %s, %s, saved_command_line %s\n",
		   klp_order_alt_state(alt), klp_order_para_state(para), saved_command_line);
	/* The static function itself prints the kernel's version line. */
	return version_proc_show(m, v);
}

static int klp_order_target_show(struct seq_file *m, void *v)
{
	unsigned long alt = KLP_ORDER_ALT(klp_demo_target_answer);
	unsigned long para = KLP_ORDER_PARA(klp_demo_target_reads);
	unsigned int answer;

	klp_demo_target_reads++;
	answer = klp_demo_target_answer(7);
	seq_printf(m, "klp_order: klp_demo_target replacement, %s, %s, answer %u, reads %u\n",
		   klp_order_alt_state(alt), klp_order_para_state(para), answer,
		   klp_demo_target_reads);
	return 0;
}

static struct klp_func klp_order_vmlinux_funcs[] = {
	{
		.old_name = "cmdline_proc_show",
		.new_func = klp_order_cmdline_show,
	}, { }
};

static struct klp_func klp_order_target_funcs[] = {
	{
		.old_name = "klp_demo_target_show",
		.new_func = klp_order_target_show,
	}, { }
};

static struct klp_object klp_order_objs[] = {
	{
		/* .name NULL: vmlinux */
		.funcs = klp_order_vmlinux_funcs,
	}, {
		.name = "klp_demo_target",
		.funcs = klp_order_target_funcs,
	}, { }
};

static struct klp_patch klp_order_patch = {
	.mod = THIS_MODULE,
	.objs = klp_order_objs,
};

static int __init klp_order_init(void)
{
	return klp_tag_enable_patch(&klp_order_patch);
}

static void __exit klp_order_exit(void)
{
	klp_tag_remove_patch(&klp_order_patch);
}

module_init(klp_order_init);
module_exit(klp_order_exit);
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
MODULE_DESCRIPTION("klp-tag test: alternatives and paravirt sites over livepatch relocations");
