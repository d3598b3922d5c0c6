/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * verify_int.h - what verify.c, cause.c and position.c share inside the
 * verify stage (verify.h is the interface).
 */
#ifndef KLP_VERIFY_INT_H
#define KLP_VERIFY_INT_H

#include "verify.h"

/* The kernel binary's ELF file: vmlinux's, or the .ko's. */
const struct ef_file *kv_elf(const struct kv_target *t);
/* "vmlinux", "nfsd.ko": what messages call the kernel binary. */
const char *kv_label(const struct kv_target *t, char *buf, size_t len);
/* DWARF sections of F (ET_REL: with its .debug_info relocations applied on reading). */
void kv_dwarf_of(const struct ef_file *f, struct kd_sections *d);

/*
 * The likely cause of a difference, as the tail of the message: "the
 * compiler differs: ...", several joined by "; ".
 */
void kv_likely_cause(const struct kv_target *t, const struct kv_compile *c,
		     const struct ef_file *obj, char *buf, size_t len);

#endif
