/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * verify.h - prove that an original compile reproduces the running
 * kernel's code (klp-tag-build's verify stage, docs/klp-tag-build.md).
 *
 * An object kbuild made of file F (after objtool) is compared function by
 * function with the running kernel's binary: vmlinux (its symbol table
 * and bytes) or, for a file of a module, that module's .ko.  Every
 * function symbol of the object (.cold parts and .isra/.constprop/.part
 * clones included) must be found there and be equal: the same size, the
 * same bytes outside relocation sites, and at each relocation site the
 * kernel's value must lead to the same target.
 *
 * Where a site leads in vmlinux is computed from its bytes, as the linker
 * wrote them (x86_64: PC32/PLT32/PC64 hold S + A - P, 32/32S/64 hold
 * S + A): S = V + P - A, or V - A.  S is then the kernel address of the
 * object's symbol: a function or variable of F found in F's STT_FILE
 * group, another file's symbol by its name, or, for a section symbol, the
 * place the linker put that section of the object (one address for all of
 * the object's references to it).  Strings and constants of SHF_MERGE
 * sections have no place of their own (the linker merges equal ones), so
 * there the bytes the site leads to are compared; the other read-only
 * sections the code references must hold the object's bytes where the
 * linker put them.  A .ko still has its relocations: there each site
 * must carry a relocation of the same type leading to the same symbol, or
 * to the same place.
 *
 * The STT_FILE group: the linker keeps each object's local symbols after
 * its STT_FILE symbol (kimage.h).  Several objects may share F's base name
 * (core.c); the group whose functions are all equal is F's.  A .ko keeps
 * no STT_FILE symbols (Debian strips them): a local name that several of
 * its files define is taken where the code is equal.
 *
 * When something differs, the result says where first (file, function,
 * offset, both sides' bytes or targets) and the likely cause it can tell:
 * another release, another compiler (.comment), other compile options
 * (DW_AT_producer of F's compile unit in a debug vmlinux, against the
 * compile's own or its command line), another configuration (the prepared
 * tree's .config against the target's).
 *
 * Positions: a local symbol of F that kallsyms holds several times is
 * counted as livepatch counts it (klp-reloc's rules, symdb.h), at the
 * address the verification found for F's symbol.
 *
 * Library code: nothing here exits; errors are returned as one sentence.
 */
#ifndef KLP_VERIFY_H
#define KLP_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dwarf.h"
#include "elfread.h"
#include "kimage.h"
#include "symdb.h"
#include "sysmap.h"

#define KV_ERRLEN 1024
#define KV_WHY 320

/* The running kernel's binary: vmlinux, or one module's .ko. */
struct kv_target {
	const char *path;
	char name[KLP_OBJNAME_MAX + 1];	/* "vmlinux", or the module's object name */
	bool is_module;
	struct kimage image;		/* vmlinux */
	struct kmod module;		/* a .ko */
	char release[128];		/* vmlinux's linux_banner, a module's vermagic; "" */
	long kv;			/* KLP_KV of the release, -1 when unknown */
	struct klp_sysmap map;		/* vmlinux: System.map, or its own symbols as the map lists them */
	struct kd_sections dwarf;	/* vmlinux: its DWARF, when it has one */
	double open_seconds;		/* what opening took (a debug vmlinux is 600 MB) */
};

/*
 * Open the kernel binary PATH (a vmlinux, ET_EXEC, or a module's .ko).
 * For vmlinux, SYSMAP is the System.map positions are counted in (the one
 * klp-reloc is given), or NULL: the image's own symbol table, listed as
 * System.map lists it.  Returns 0, or -1 with ERR (one sentence naming
 * the file).
 */
int kv_target_open(struct kv_target *t, const char *path, const char *sysmap, char *err,
		   size_t len);
void kv_target_close(struct kv_target *t);

/* What the driver knows of the compile; all but OBJECT and SOURCE may be NULL/0. */
struct kv_compile {
	const char *object;		/* the .o kbuild made, after objtool */
	const char *source;		/* "fs/proc/meminfo.c", as the tree names it */
	const char *compiler;		/* the first line of `CC --version` */
	const char *const *argv;	/* the compile command's words (.cmd), ARGC of them */
	size_t argc;
	const char *config;		/* the prepared tree's .config */
	const char *target_config;	/* the target's: KDIR/.config */
	const char *release;		/* the prepared tree's kernel release */
};

enum kv_status {
	KV_EQUAL,
	KV_DIFFERS,
	KV_MISSING,		/* the kernel has no such function of this file */
	KV_OVERRIDDEN,		/* a weak function another file's replaces; its code is equal */
};

struct kv_function {
	const char *name;		/* the object's symbol */
	size_t sym;			/* its index in the object */
	enum kv_status status;
	/* Where it is in the kernel: vmlinux address, or offset in the .ko's section KSEC. */
	uint64_t address;
	size_t ksec;
	size_t ksym;			/* the kernel's symbol of it, 0 when none */
	uint64_t offset;		/* KV_DIFFERS: of the first difference */
	char why[KV_WHY];		/* KV_DIFFERS, KV_MISSING: what differs there */
};

/* A symbol the object's functions reference, and where the kernel's code leads. */
struct kv_ref {
	const char *name;		/* as the object names it */
	size_t sym;			/* the object's symbol */
	bool local;			/* F's own (a static function or variable) */
	bool undefined;			/* .ko: still a reference by name there */
	uint64_t address;		/* vmlinux address, or offset in .ko section KSEC */
	size_t ksec;
	size_t ksym;			/* the kernel's symbol there, 0 when none */
};

struct kv_result {
	struct ef_file obj;
	const char *source;
	const char *file;		/* the object's STT_FILE name ("meminfo.c") */
	size_t group;			/* vmlinux: STT_FILE symbol of F's group, 0 when none */
	size_t *groups;			/* all groups that were equal (several: undecided) */
	size_t ngroups;
	size_t ntried;			/* vmlinux: groups named FILE that could be F's */
	struct kv_function *funcs;	/* in the object's order (section, address) */
	size_t nfuncs;
	struct kv_ref *refs;		/* sorted by name */
	size_t nrefs;
	size_t ndiffer;			/* functions neither equal nor overridden */
	char message[KV_ERRLEN];	/* ndiffer > 0: the one sentence for the user */
};

/*
 * Verify the compile C against T.  Returns 0 when every function is
 * equal, 1 when one is not (R->message says which first, and why), -1
 * when it could not be verified at all (ERR: an unreadable object, an
 * unsupported relocation).  R is filled in for 0 and 1; kv_result_free()
 * it in every case.
 */
int kv_verify(const struct kv_target *t, const struct kv_compile *c, struct kv_result *r,
	      char *err, size_t len);
void kv_result_free(struct kv_result *r);

/*
 * The position of NAME, a symbol of the verified file, among the
 * kernel's symbols of that name as livepatch counts them (1 = the first;
 * *COUNT of them; a unique name is position 1 of 1, which klp-reloc
 * writes as 0).  Returns 0, or -1 with ERR listing the candidates and
 * their source files when the file's own cannot be told apart.
 */
int kv_position(const struct kv_target *t, const struct kv_result *r, const char *name,
		unsigned long *pos, size_t *count, char *err, size_t len);

/* The kernel's symbol of the verified file's NAME: its index in T's table, 0 when none. */
size_t kv_kernel_symbol(const struct kv_target *t, const struct kv_result *r, const char *name);

#endif
