// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * klp_peek - a test-only module for the QEMU tests of a kernel that applies
 * .klp.arch sections (4.9-5.7): it shows the code bytes the kernel holds
 * at a symbol, so the host can tell whether an alternative or paravirt
 * site was patched, and when.
 *
 *   echo 'klp_demo_version_proc_show 96' > /sys/module/klp_peek/parameters/peek
 *   cat /sys/module/klp_peek/parameters/peek
 *   ffffffffc0002000 e8000000004889f9ff1425...
 *
 * The answer is the symbol's address and then LENGTH bytes from there, in
 * hex, read when the file is read (not when the request is written).  A
 * length of 0 gives the address alone (e.g. of pv_ops, which relocations
 * of a paravirt site point at).  An unknown symbol reads as "unknown
 * SYMBOL".  Symbols are looked up with kallsyms_lookup_name(), exported up
 * to Linux 5.6: this module is for the kernels that apply .klp.arch.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kallsyms.h>
#include <linux/uaccess.h>
#include <linux/mutex.h>

#define KLP_PEEK_MAX 256

static DEFINE_MUTEX(klp_peek_lock);
static char klp_peek_symbol[KSYM_NAME_LEN];
static unsigned int klp_peek_length;

static int klp_peek_set(const char *val, const struct kernel_param *kp)
{
	char symbol[KSYM_NAME_LEN];
	unsigned int length;

	if (sscanf(val, "%127s %u", symbol, &length) != 2 || length > KLP_PEEK_MAX)
		return -EINVAL;
	mutex_lock(&klp_peek_lock);
	strscpy(klp_peek_symbol, symbol, sizeof(klp_peek_symbol));
	klp_peek_length = length;
	mutex_unlock(&klp_peek_lock);
	return 0;
}

static int klp_peek_get(char *buffer, const struct kernel_param *kp)
{
	u8 bytes[KLP_PEEK_MAX];
	unsigned long address;
	unsigned int i;
	int n;

	mutex_lock(&klp_peek_lock);
	address = kallsyms_lookup_name(klp_peek_symbol);
	if (!address) {
		n = scnprintf(buffer, PAGE_SIZE, "unknown %s\n", klp_peek_symbol);
		goto out;
	}
	if (probe_kernel_read(bytes, (void *)address, klp_peek_length)) {
		n = scnprintf(buffer, PAGE_SIZE, "unreadable %s\n", klp_peek_symbol);
		goto out;
	}
	n = scnprintf(buffer, PAGE_SIZE, "%lx ", address);
	for (i = 0; i < klp_peek_length; i++)
		n += scnprintf(buffer + n, PAGE_SIZE - n, "%02x", bytes[i]);
	n += scnprintf(buffer + n, PAGE_SIZE - n, "\n");
out:
	mutex_unlock(&klp_peek_lock);
	return n;
}

static const struct kernel_param_ops klp_peek_ops = {
	.set = klp_peek_set,
	.get = klp_peek_get,
};
module_param_cb(peek, &klp_peek_ops, NULL, 0600);
MODULE_PARM_DESC(peek, "write 'SYMBOL LENGTH', read 'ADDRESS BYTES' (hex)");

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("klp-tag tests: the code bytes the kernel holds at a symbol");
