/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kernel_abi.h - the kernel's rules that klp-tag's tools share, each
 * defined once, here: which kernels apply .klp.arch sections, the entry
 * layouts of each kernel era, and the names the consumer accepts.  The
 * plugin, klp-lds, klp-arch-check, the fuzzers and the benchmark all call
 * these; none of them spells a rule again.  Where each fact comes from in
 * the kernel: docs/kernel-abi.md.
 *
 * Plain C: no GCC, no libelf.
 */
#ifndef KLP_KERNEL_ABI_H
#define KLP_KERNEL_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- kernel versions --------------------------------------------------- */

/* A version as one comparable number: KLP_KV(5, 4) < KLP_KV(5, 8). */
#define KLP_KV(major, minor) ((long)(major) * 65536 + (long)(minor) * 256)

/*
 * The version at the start of S ("5.4", "4.19.72", "6.1.0-56-amd64",
 * "5.4.286-klptest"), as KLP_KV(MAJOR, MINOR); -1 when S does not start
 * with one.
 */
long klp_kernel_version(const char *s);

/*
 * Does a kernel of version V (KLP_KV) apply .klp.arch sections?  Livepatch
 * calls arch_klp_init_object_loaded() from 4.9 up to and including 5.7.
 */
int klp_kernel_applies_klp_arch(long v);

/*
 * What a user names a consumer kernel with: a version, "klp-arch" or
 * "none".  Returns 1 when that kernel applies .klp.arch sections, 0 when it
 * does not, -1 when ARG is none of these.
 */
int klp_consumer_applies_klp_arch(const char *arg);

/* ---- alternative and paravirt entries ------------------------------------ */

enum klp_entry_kind {
	KLP_ENTRY_ALT = 0,	/* .altinstructions: struct alt_instr */
	KLP_ENTRY_PARA = 1,	/* .parainstructions: struct paravirt_patch_site */
};

/* ".altinstructions" / ".parainstructions": the names the module loader applies. */
const char *klp_entry_section(enum klp_entry_kind kind);

/*
 * The kind of the section named NAME (LEN bytes) when it is exactly one
 * the x86 module_finalize() applies at load; -1 otherwise.
 */
int klp_entry_kind_of(const char *name, size_t len);

/* "alt" / "para", as reports print them. */
const char *klp_entry_kind_name(enum klp_entry_kind kind);

/* Paravirt sites: a pointer and two bytes (4.9-4.19: and a u16), 8-aligned. */
#define KLP_PARA_STRIDE 16
/* Up to 5.7 the last site of an object file has no tail padding. */
#define KLP_PARA_MIN 12

enum klp_layout_id {
	KLP_LAYOUT_4_9 = 1,	/* 4.9-5.7 */
	KLP_LAYOUT_6_1,		/* Debian 6.1 */
};

/* The layout of the entries, as the headers a module is built against write them. */
struct klp_layout {
	enum klp_layout_id id;
	const char *name;		/* "4.9-5.7", "6.1" */
	size_t alt_size;		/* sizeof(struct alt_instr): 13 with padlen, 12 without */
	int para_short_last;		/* a section may end with a 12-byte site */
	int para_clobbers;		/* bytes 10-11 of a site hold its clobbers */
	int alt_inv_flag;		/* cpuid bit 15: replace when the feature is NOT set */
};

const struct klp_layout *klp_layout_of(enum klp_layout_id id);

/*
 * The layout of headers of kernel VERSION (a release, or "4.9-5.7" for the
 * era); NULL when no layout is known here for it.
 */
const struct klp_layout *klp_layout_for_version(const char *version);

/*
 * Sizes a correctly merged entry section can have: SIZE % *MODULUS ==
 * *REMAINDER (or 0).  A misaligned merge leaves any other size.
 */
void klp_layout_size_rule(const struct klp_layout *layout, enum klp_entry_kind kind,
			  unsigned *modulus, unsigned *remainder);

/* ---- .klp.arch section names (4.9-5.7) ----------------------------------- */

#define KLP_ARCH_PREFIX ".klp.arch."
/* The widths of the consumer's sscanf: "%55[^.]" and "%127s". */
#define KLP_ARCH_OBJECT_MAX 55
#define KLP_ARCH_SECNAME_MAX 127

/*
 * What arch_klp_init_object_loaded() reads from a section name:
 * sscanf(name, ".klp.arch.%55[^.].%127s", obj, sec).  Returns the number of
 * fields converted, 0 to 2; the kernel needs 2.
 */
int klp_arch_sscanf(const char *name, char obj[KLP_ARCH_OBJECT_MAX + 1],
		    char sec[KLP_ARCH_SECNAME_MAX + 1]);

/*
 * Is NAME a .klp.arch section the kernel applies: both fields read and the
 * second exactly ".altinstructions" or ".parainstructions"?  Returns 1 with
 * OBJ and *KIND set, else 0.  (Whether any object has OBJ as its name is
 * objname.h's question.)
 */
int klp_arch_applied(const char *name, char obj[KLP_ARCH_OBJECT_MAX + 1],
		     enum klp_entry_kind *kind);

/*
 * Write the part that goes before a plain entry section's name to make it
 * object OBJECT's, ".klp.arch.OBJECT." (the plain name brings the second
 * dot), into OUT of SIZE bytes, NUL-terminated when it fits.  Returns its
 * length (without the NUL) whether or not it fit.
 */
size_t klp_arch_prefix(char *out, size_t size, const char *object);

#ifdef __cplusplus
}
#endif
#endif
