/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * objname.h - the kernel's rules for the name of a livepatched object.
 *
 * The object is `vmlinux` or a module's KBUILD_MODNAME.  The kernel finds an
 * object's entries with sscanf(name, ".klp.arch.%55[^.].%127s", ...), so the
 * name must fit 55 characters (MODULE_NAME_LEN - 1 on 64-bit) and hold no
 * '.'; kbuild turns '-' in a module's file name into '_'.  Where the kernel
 * compares a name verbatim with a loaded module's (a section name, a
 * klp_object's .name), a '-' can never match.
 */
#ifndef KLP_OBJNAME_H
#define KLP_OBJNAME_H

#include <stddef.h>

#include "kernel_abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KLP_OBJNAME_MAX KLP_ARCH_OBJECT_MAX
#define KLP_OBJNAME_WHY 200

/*
 * Check NAME (LEN bytes, not necessarily NUL-terminated) and write its
 * normalised form ('-' becomes '_') to OUT.  Returns 0 when the name is
 * valid; otherwise -1 with WHY set to a sentence naming the kernel rule the
 * name breaks (it completes "object name 'NAME' ...").
 */
int klp_objname_normalise(const char *name, size_t len,
			  char out[KLP_OBJNAME_MAX + 1],
			  char why[KLP_OBJNAME_WHY]);

/*
 * Check NAME (LEN bytes) as the kernel compares it, verbatim: a valid name
 * already in KBUILD_MODNAME's spelling.  Returns 0 when it is; otherwise -1
 * with WHY completing "object name 'NAME' ..." (for a '-', naming the
 * spelling that would match).
 */
int klp_objname_check_exact(const char *name, size_t len, char why[KLP_OBJNAME_WHY]);

#ifdef __cplusplus
}
#endif
#endif
