// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * klp-fs-proc-cmdline.c - the module's unit for fs/proc/cmdline.c, as
 * klp-tag-build generates it: the macros of the file's compile into vmlinux
 * (no MODULE: its initcall is vmlinux's, not a second module init), the
 * patched copy (the test extracts the file from linux-source-6.1 and
 * patches it) and a global alias of the replaced function, for the
 * klp_func table of demo_main.c.  Its extract file keeps
 * cmdline_proc_show; everything else of the file is the kernel's.
 */
#undef MODULE
#undef KBUILD_BASENAME
#undef KBUILD_MODNAME
#define KBUILD_BASENAME "cmdline"
#define KBUILD_MODNAME "cmdline"
#include "fs/proc/cmdline.c"

int klp_cmdline_proc_show(struct seq_file *m, void *v) __attribute__((alias("cmdline_proc_show")));
