/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * symvers.h - the exports a kernel tree's Module.symvers lists.
 *
 * One line per exported symbol, fields separated by tabs, as modpost's
 * write_dump() writes them: CRC, symbol, module ("vmlinux" or the module's
 * path without .ko), export type, and from 5.4 on a namespace (possibly
 * empty).  Where the facts come from: docs/kernel-abi.md, section 12.9.
 *
 * Plain C; errors are returned as one sentence naming the file and line.
 */
#ifndef KLP_SYMVERS_H
#define KLP_SYMVERS_H

#include <stddef.h>
#include <stdint.h>

#include "namehash.h"
#include "objname.h"

#ifdef __cplusplus
extern "C" {
#endif

struct klp_export {
	const char *name, *module, *type, *ns;
	uint32_t crc;
	unsigned line;
	char object[KLP_OBJNAME_MAX + 1];	/* the module's object name, or "vmlinux" */
};

struct klp_symvers {
	const char *path;
	char *buf;
	struct klp_export *v;		/* by name number of names: first export of each name */
	size_t n, cap;
	struct klp_names names;
	size_t nvmlinux;		/* how many are vmlinux's */
};

/* Read PATH.  Returns 0, or -1 with ERR (LEN bytes) one sentence starting "PATH:" or "PATH:LINE:". */
int klp_symvers_load(struct klp_symvers *s, const char *path, char *err, size_t len);
/* The export of NAME, or NULL. */
const struct klp_export *klp_symvers_find(const struct klp_symvers *s, const char *name);
void klp_symvers_free(struct klp_symvers *s);

#ifdef __cplusplus
}
#endif
#endif
