// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * klp_demo_target - the module that examples/livepatch patches.
 *
 * It creates /proc/klp_demo_target, whose show function is replaced by
 * the livepatch module's klp_demo_target object.  It lives in a directory
 * of its own because KLP_TAG in the livepatch directory covers every
 * module there, and this one must stay an ordinary module.
 */
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

/*
 * Static, so that no module can link against them: a livepatch module
 * reaches them only through livepatch relocations (klp-reloc makes them
 * from source).  The replacement can prove it reached these very ones:
 * klp_demo_target_answer(x) is x * 1000 plus the number of reads of
 * /proc/klp_demo_target so far.  noipa keeps GCC from inlining or cloning
 * the function under another name.
 */
static unsigned int klp_demo_target_reads;

static noinline __attribute__((__noipa__)) unsigned int klp_demo_target_answer(unsigned int x)
{
	return x * 1000 + klp_demo_target_reads;
}

/* noinline: livepatch redirects calls at this function's entry. */
static noinline int klp_demo_target_show(struct seq_file *m, void *v)
{
	klp_demo_target_reads++;
	seq_puts(m, "klp_demo_target: original\n");
	/* A use, so that the function stays in the module. */
	if (klp_demo_target_answer(0) == 0)
		seq_puts(m, "klp_demo_target: no reads counted\n");
	return 0;
}

static struct proc_dir_entry *klp_demo_target_entry;

/* proc_create_single() is a macro from 4.18 on; before, the file's own operations. */
#ifndef proc_create_single
static int klp_demo_target_open(struct inode *inode, struct file *file)
{
	return single_open(file, klp_demo_target_show, NULL);
}

static const struct file_operations klp_demo_target_fops = {
	.open = klp_demo_target_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};
#define proc_create_single(name, mode, parent, show) \
	proc_create(name, mode, parent, &klp_demo_target_fops)
#endif

static int __init klp_demo_target_init(void)
{
	klp_demo_target_entry = proc_create_single("klp_demo_target", 0444, NULL,
						   klp_demo_target_show);
	return klp_demo_target_entry ? 0 : -ENOMEM;
}

static void __exit klp_demo_target_exit(void)
{
	proc_remove(klp_demo_target_entry);
}

module_init(klp_demo_target_init);
module_exit(klp_demo_target_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klp-tag example: the target module the livepatch example patches");
