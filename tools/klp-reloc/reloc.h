/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * reloc.h - klp-reloc: turn the references of a livepatch module object
 * that the module loader cannot resolve into livepatch relocations
 * (.klp.rela.<obj>.<section> sections and .klp.sym.<obj>.<name>,<pos>
 * symbols), exactly as the target kernel reads them (docs/kernel-abi.md,
 * section 12), before modpost reads the object.
 *
 * The stages, each in its own file and each returning its errors:
 *   release.c  the databases are of the object's kernel release
 *   decide.c   where each undefined symbol lives: an ordinary relocation,
 *              or a klp relocation against (object, name, position)
 *   plan.c     which relocation becomes which .klp.sym symbol, and the
 *              per-relocation rules (types, special sections, widths)
 *   order.c    alternatives and paravirt sites over klp relocations
 *   write.c    the new file: everything else byte for byte
 * The object is read with klp-arch-check's library (module_load()), the
 * databases with common/sysmap.h, common/symvers.h and symdb.h.
 */
#ifndef KLP_RELOC_H
#define KLP_RELOC_H

#include <stdbool.h>
#include <stdio.h>

#include "kimage.h"
#include "klpcheck.h"
#include "symdb.h"
#include "symvers.h"
#include "sysmap.h"

#define RL_MSG 2048

/* What the command line gives. */
struct rl_options {
	const char *path;		/* the object */
	const char *out;		/* -o, or NULL: in place */
	const char *kernel;		/* --kernel, or NULL: vermagic */
	const char *symbols;		/* --symbols */
	const char *vmlinux;		/* --vmlinux: names each candidate's source file */
	const char *symvers;		/* --symvers */
	const char **modules;		/* --module, nmodules of them */
	size_t nmodules;
	const char *module_dir;		/* --module-dir: where other target .ko files are found */
	const char *deps;		/* --deps: the make dependencies of the object */
	bool restore;			/* --restore: only what a link folded back */
	bool for_link;			/* --for-link: symbols only, relocations stay */
	bool allow_clobber;		/* --allow-clobber: ordering errors become warnings */
	bool verbose;
};

/* Messages, each one sentence; main prints them. */
struct rl_msgs {
	char **v;
	size_t n, cap;
	bool out_of_memory;
};

/* One .klp.sym symbol of the output. */
struct rl_target {
	char obj[KLP_OBJECT_MAX + 1];
	char *name;			/* as the object references it */
	unsigned long pos;
	char *sym;			/* ".klp.sym.OBJ.NAME,POS" */
	size_t insym;			/* input symbol whose entry it takes over, or 0: a new one */
	/* Other undefined symbols whose relocations all moved to it (alias
	 * records: two names the units used for one kernel symbol): their
	 * entries become copies of its .klp.sym symbol, so none stays undefined. */
	size_t *also, nalso, also_cap;
	size_t outsym;			/* its index in the output .symtab */
	size_t nrels;			/* relocations against it */
};

/* Per undefined symbol and referencing object: what decide.c answered. */
struct rl_decision {
	const char *refobj;		/* "" for data and untagged code */
	long target;			/* index into targets; -1 ordinary; -2 an error was given */
	struct rl_decision *next;
};

struct rl_ctx {
	struct rl_options opt;
	struct module m;		/* the object, as klp-arch-check reads it */
	long kv;			/* KLP_KV of the target kernel */
	char release[128];		/* the full release, "" when only a version is known */
	const char *kernel_from;	/* "--kernel", "vermagic" */
	struct klp_sysmap map;
	bool have_map;			/* loaded (read only when a symbol needs it: rl_map()) */
	bool map_failed;		/* it could not be read: map_err says why */
	char map_err[RL_MSG];
	struct klp_symvers symvers;
	bool have_symvers;
	struct kimage vmlinux;		/* --vmlinux, read by rl_open() */
	bool have_vmlinux;
	struct kmod *mods;		/* room for every --module and every patched object */
	size_t nmods, mcap;
	char **kos;			/* the .ko files under --module-dir, once listed */
	size_t nkos, kocap;
	bool kos_listed;
	char **looked_up;		/* objects already looked for there */
	size_t nlooked, lookcap;
	char **ambiguous;		/* ... and found more than once (an error given) */
	size_t nambiguous, ambcap;
	struct rl_msgs errors, notes;
	struct rl_msgs warnings;	/* ordering errors under --allow-clobber */
	/* the plan */
	struct rl_target *targets;
	size_t ntargets, tcap;
	struct klp_names target_names;	/* by sym */
	struct rl_decision **decided;	/* by input symbol index */
	long **conv;			/* by RELA section index: per entry, target or -1 */
	size_t nconverted;
};

/* main.c's stages, in order; each returns 0, or -1 (errors in ctx->errors). */
int rl_open(struct rl_ctx *c, char *err, size_t len);		/* usage/input: exit 2 */
/* After the plan (which read the databases); FIRST: the index of its first message. */
int rl_check_releases(struct rl_ctx *c, size_t *first);
int rl_plan(struct rl_ctx *c);
/* Errors, or with --allow-clobber warnings (then it returns 0). */
int rl_check_order(struct rl_ctx *c);
int rl_write(struct rl_ctx *c, char *err, size_t len);		/* I/O: exit 2 */
void rl_close(struct rl_ctx *c);

/*
 * decide.c: the target of undefined symbol SYM referenced from code of
 * object REFOBJ ("" for data) at OFF of section SHNDX: a target index, -1
 * for an ordinary relocation, -2 after an error.  Decided once per symbol
 * and object.
 */
long rl_decide(struct rl_ctx *c, size_t sym, const char *refobj, size_t shndx, uint64_t off);
/* Find or add the target (OBJ, NAME, POS); -1 when memory ran out. */
long rl_target(struct rl_ctx *c, const char *obj, const char *name, unsigned long pos);
/* The target kernel's module object OBJ's .ko (from --module, else found
 * under --module-dir on first use), or NULL. */
const struct kmod *rl_module(struct rl_ctx *c, const char *obj);
/* Did --module-dir hold several candidates for OBJ (an error was given)? */
bool rl_module_ambiguous(const struct rl_ctx *c, const char *obj);
/* Every patched module object's .ko that can be found, loaded. */
void rl_load_patched(struct rl_ctx *c);
/* The System.map, read on first use: 0, or -1 (map_failed, map_err; exit 2). */
int rl_map(struct rl_ctx *c);
/* --deps: the files the decisions were read from, as make rules (exit 2 on failure). */
int rl_write_deps(const struct rl_ctx *c, char *err, size_t len);
/* Is OBJ one of the patch's objects (the map's object records)? */
bool rl_patched(const struct rl_ctx *c, const char *obj);

void rl_msg(struct rl_msgs *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rl_msgs_free(struct rl_msgs *m);

#endif
