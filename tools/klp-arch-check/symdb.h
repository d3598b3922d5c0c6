/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * symdb.h - where a livepatch symbol's name and position lead, exactly as
 * the kernel's klp_find_object_symbol() would follow them: in vmlinux
 * (System.map or a /proc/kallsyms dump, common/sysmap.h) or in a target
 * module's .ko.  A module object has two symbol tables, and which one
 * livepatch searches depends on the load order (docs/kernel-abi.md,
 * section 12.3): the full .symtab copy while the module loads after the
 * patch, its core kallsyms once it had finished loading before.  A
 * position is good only when both tables lead to the same symbol.
 *
 * Shared by klp-reloc (which writes the positions) and klp-arch-check
 * (which checks them).  Library code: errors are returned.
 */
#ifndef KLP_SYMDB_H
#define KLP_SYMDB_H

#include <stdbool.h>

#include "elfread.h"
#include "kernel_abi.h"
#include "namehash.h"
#include "objname.h"
#include "sysmap.h"

/* One defined symbol of a target module, in .symtab (full table) order. */
struct kmod_sym {
	const struct ef_sym *sym;
	uint64_t addr;			/* what the kernel compares with 0 */
	bool core;			/* in the core table too */
};

struct kmod {
	struct ef_file elf;
	char object[KLP_OBJNAME_MAX + 1];	/* modinfo name=, else the file name */
	const char *vermagic;		/* modinfo, or NULL */
	struct kmod_sym *syms;		/* every symbol but the undefined ones */
	size_t nsyms;
	struct klp_name_groups byname;	/* syms by name */
};

/* Load the target module PATH.  Returns 0, or -1 with ERR (no file name). */
int kmod_load(struct kmod *k, const char *path, const struct klp_kconfig *c, char err[EF_ERRLEN]);
/* NAME's symbols in the full table, as indexes into k->syms; their count. */
size_t kmod_find(const struct kmod *k, const char *name, const size_t **idx);
void kmod_free(struct kmod *k);
/* nm's letter for a symbol of F ('t', 'D', 'A', 'W', ...). */
char ef_sym_letter(const struct ef_file *f, const struct ef_sym *s);

/* ---- resolving a name and a position ------------------------------------ */

enum res_status {
	RES_OK,
	RES_ABSENT,		/* no symbol of that name */
	RES_AMBIGUOUS,		/* position 0, several symbols */
	RES_NO_POSITION,	/* fewer symbols than the position */
	RES_ADDRESS_ZERO,	/* the symbol found has address 0: "not found" */
	RES_LOAD_ORDER,		/* a module: the two tables disagree */
};

struct resolution {
	enum res_status status;
	/* The table(s) the kernel searched and what each answered. */
	enum klp_sympos_result full, core;	/* modules: patch first / module first */
	size_t count, core_count;	/* symbols of the name in each table */
	size_t which;			/* RES_OK: index into syms (kmod) or sysmap syms */
	const size_t *idx;		/* the candidates, count of them */
};

/* Where NAME at position POS leads in vmlinux. */
void resolve_vmlinux(const struct klp_sysmap *m, const char *name, unsigned long pos,
		     struct resolution *r);
/* Where NAME at position POS leads in module K, in both load orders. */
void resolve_module(const struct kmod *k, const char *name, unsigned long pos,
		    struct resolution *r);

struct kimage;

/*
 * The candidates of R as text for an error message, one "; "-separated
 * item each, with the positions that pick them ("klp_symbol(OBJ, N)"
 * suggestions where one position picks the same symbol in both tables).
 * For vmlinux, IMG (may be NULL) is its image (kimage.h): each candidate
 * then names its source file.  Returns the number of positions that are
 * safe (for a module: in both tables) and writes the first one to
 * *SAFE_POS when there is one.
 */
size_t describe_candidates(const struct klp_sysmap *m, const struct kmod *k,
			   const struct resolution *r, char *buf, size_t len,
			   unsigned long *safe_pos, const struct kimage *img);

#endif
