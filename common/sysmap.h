/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sysmap.h - vmlinux's symbols as livepatch counts them, read from the
 * target kernel's System.map or from a /proc/kallsyms dump.
 *
 * Both are lines "ADDRESS TYPE NAME" (a dump adds "\t[MODULE]" to module
 * symbols, which are skipped: a module object's symbols come from its
 * .ko).  Kept are the symbols scripts/kallsyms keeps (kernel_abi.h), in
 * kallsyms order: a dump's own order, or System.map's address order with
 * weak symbols after the others at one address.  Where each fact comes
 * from: docs/kernel-abi.md, section 12.3.
 *
 * Plain C; errors are returned as one sentence naming the file and line.
 */
#ifndef KLP_SYSMAP_H
#define KLP_SYSMAP_H

#include <stddef.h>
#include <stdint.h>

#include "namehash.h"

#ifdef __cplusplus
extern "C" {
#endif

struct klp_ksym {
	uint64_t addr;
	const char *name;
	unsigned line;		/* in the file, from 1 */
	char type;		/* nm's letter */
};

struct klp_sysmap {
	const char *path;
	char *buf;			/* the file, with NULs written in */
	int kallsyms_dump;		/* module lines seen: a /proc/kallsyms dump */
	unsigned nlines;
	struct klp_ksym *syms;		/* kept symbols, in kallsyms order */
	size_t nsyms, cap;
	struct klp_name_groups byname;	/* syms by name */
	struct klp_names exports;	/* X of every __ksymtab_X line: vmlinux's exports */
};

/*
 * Read PATH for kernel version V (KLP_KV; which symbols kallsyms keeps).
 * RELEASE (may be NULL) names the kernel in the advice given for Debian's
 * placeholder System.map.  Returns 0, or -1 with ERR (LEN bytes) holding
 * one sentence that starts with "PATH:" or "PATH:LINE:".
 */
int klp_sysmap_load(struct klp_sysmap *m, const char *path, long v, const char *release,
		    char *err, size_t len);
/*
 * The same for the SIZE bytes of a map already in memory: TEXT (malloc'd,
 * with a NUL after SIZE bytes) becomes M's, freed by klp_sysmap_free()
 * whatever the outcome; PATH names it in messages.
 */
int klp_sysmap_load_text(struct klp_sysmap *m, const char *path, char *text, size_t size, long v,
			 const char *release, char *err, size_t len);
/* The symbols called NAME, in kallsyms order, as indexes into m->syms (*IDX); their count. */
size_t klp_sysmap_find(const struct klp_sysmap *m, const char *name, const size_t **idx);
void klp_sysmap_free(struct klp_sysmap *m);

/* The release in a file name "System.map-RELEASE" (any directory), or NULL. */
const char *klp_sysmap_release_of(const char *path);

#ifdef __cplusplus
}
#endif
#endif
