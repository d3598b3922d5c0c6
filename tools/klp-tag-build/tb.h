/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tb.h - klp-tag-build's stages and the data that flows between them.
 *
 * docs/klp-tag-build.md is the design: target -> patches -> prepare ->
 * compile -> compare -> verify -> decide -> generate -> build -> report.
 * Every stage is library code: it returns 0 or -1 with one sentence in
 * ERR (LEN bytes) and never exits, so unit tests and fuzzers link it.
 * main.c parses the options and runs the stages in order.
 */
#ifndef KLP_TB_H
#define KLP_TB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "describe.h"
#include "elfread.h"
#include "extract.h"
#include "kcmd.h"
#include "linesync.h"
#include "objname.h"
#include "udiff.h"

#define TB_ERRLEN 2048

/* The command line. */
struct tb_options {
	const char *source;		/* --source DIR or .tar.xz; NULL: found (see target.c) */
	const char *kdir;		/* --kdir; NULL: /lib/modules/$(uname -r)/build */
	const char *symbols;		/* --symbols System.map; NULL: found */
	const char *vmlinux;		/* --vmlinux; NULL: none */
	const char *module_dir;		/* --module-dir; NULL: /lib/modules/RELEASE */
	const char *name;		/* --name; NULL: from the first patch's file name */
	const char *output;		/* -o FILE.ko; NULL: NAME.ko */
	const char *cache;		/* --cache; NULL: $KLP_TAG_BUILD_CACHE, XDG, ~/.cache */
	const char *plugin;		/* the klp_tag plugin (describe and extract modes) */
	const char *checker;		/* klp-arch-check */
	const char *reloc;		/* klp-reloc */
	const char *lds;		/* klp-lds */
	const char *fragment;		/* kbuild-integration/klp-tag.mk */
	const char *const *patches;
	size_t npatches;
	unsigned strip;			/* patch -pN; 1 */
	bool verbose;			/* -v: print every command */
	bool progress;			/* a line per step (stderr is a terminal) */
	bool no_verify;			/* --no-verify */
	bool keep_work;			/* --keep-work: leave the work directory */
	bool prepare_only;		/* --prepare: only make the cached tree */
	bool no_fetch;			/* --no-fetch: never download linux-image-RELEASE-dbg */
	const char *abi;		/* --abi auto|klp-arch|none for the fragment; NULL: auto */
};

/* The target kernel: what --kdir and the other options lead to. */
struct tb_target {
	char *kdir;			/* absolute */
	char *config;			/* KDIR/.config */
	char *symvers;			/* KDIR/Module.symvers */
	char release[256];		/* KDIR/include/config/kernel.release */
	char *source;			/* the source tree or tarball */
	bool source_is_tarball;
	char *symbols;			/* System.map, NULL when none is found */
	char *vmlinux;			/* NULL when not given or found */
	char vmlinux_why[600];		/* when NULL: why there is none */
	char *module_dir;		/* /lib/modules/RELEASE, may not exist */
	char cc[64];			/* the compiler the config names: "gcc-12", "gcc" */
	char cc_version[256];		/* CONFIG_CC_VERSION_TEXT, "" on kernels without it */
	long kv;			/* KLP_KV of the release, -1 when unknown */
};

int tb_target_find(const struct tb_options *o, struct tb_target *t, char *err, size_t len);
void tb_target_free(struct tb_target *t);

/* The prepared, cached tree (prepare.c). */
struct tb_tree {
	char *dir;			/* CACHE/RELEASE-HASH12 */
	char *src;			/* DIR/src: the kernel tree */
	int lock_fd;			/* flock held while the tree is in use */
	bool reused;			/* prepared by an earlier run */
	double prepare_seconds;		/* what preparing took this run, 0 when reused */
	/*
	 * The variables every make in the tree gets, so kbuild never remakes
	 * what modules_prepare made: KERNELRELEASE=, CC=, KCFLAGS= (the
	 * plugin in describe mode).  NULL-terminated, owned.
	 */
	char **make_vars;
	size_t nmake_vars;
};

int tb_prepare(const struct tb_options *o, const struct tb_target *t, struct tb_tree *tree,
	       char *err, size_t len);
/* CACHE: --cache, $KLP_TAG_BUILD_CACHE, $XDG_CACHE_HOME/klp-tag-build, ~/.cache/klp-tag-build. */
char *tb_cache_dir(const struct tb_options *o);
/*
 * The real System.map (MAP non-NULL) and debug vmlinux (VMLINUX non-NULL)
 * of RELEASE from linux-image-RELEASE-dbg, kept in CACHE/debug/RELEASE
 * and downloaded there when missing (debug.c).  0 with the paths set
 * (malloc'd), or -1 with WHY saying why they cannot be had.
 */
int tb_debug_files(const struct tb_options *o, const char *release, char **map, char **vmlinux,
		   char *why, size_t len);
/*
 * Run make in the tree: make -C TREE->src MAKE_VARS... ARGS (NULL
 * terminated).  Its output goes to *OUTPUT (malloc'd, NUL-terminated;
 * may be NULL to discard).  Returns make's exit status, -1 when it
 * could not run (ERR says why).
 */
int tb_make(const struct tb_options *o, const struct tb_tree *tree, const char *const *args,
	    char **output, char *err, size_t len);
/* Saving and restoring the originals of files being patched (journal/). */
int tb_journal_save(const struct tb_tree *tree, const char *const *paths, size_t n, char *err,
		    size_t len);
int tb_journal_restore(const struct tb_tree *tree, char *err, size_t len);
void tb_tree_release(struct tb_tree *tree);

/* One file a patch touches (patches.c). */
enum tb_file_kind {
	TB_FILE_C,			/* a .c file: compiled */
	TB_FILE_HEADER,			/* a .h file: refused unless no compiled file depends on it */
	TB_FILE_ASM,			/* .S: refused */
	TB_FILE_OTHER,			/* Kconfig, Makefile, docs...: refused */
};

struct tb_file {
	char *path;			/* as the tree names it: "fs/proc/meminfo.c" */
	enum tb_file_kind kind;
	const struct klp_udiff_file *diff;	/* the patch's entry (first one when several) */
	/* compile.c fills in: */
	char *orig_obj, *patched_obj;		/* copies in the work directory */
	char *orig_describe, *patched_describe;
	char *patched_source;			/* the patched file with its #line marks */
	/* The lines the patches change, original and patched numbering (linesync.h). */
	struct klp_linesync_region *regions;
	size_t nregions;
	struct klp_kcmd cmd;			/* the original compile's .cmd */
	struct klp_words argv;			/* its compile command's words */
	bool is_module;				/* -DMODULE */
	char object[KLP_OBJNAME_MAX + 1];	/* "vmlinux" or the module's object name */
	char modname[KLP_OBJNAME_MAX + 1];	/* KBUILD_MODNAME, unquoted */
	char basename[KLP_OBJNAME_MAX + 1];	/* KBUILD_BASENAME, unquoted */
	struct klp_describe odesc, pdesc;
};

struct tb_patchset {
	struct klp_udiff *diffs;	/* one per PATCH */
	size_t ndiffs;
	char **texts;			/* the patches as read */
	size_t *lens;
	struct tb_file *files;		/* every touched file once, sorted by path */
	size_t nfiles;
	/* How the patched files were compiled: "replayed", or "make" and why (compile.c). */
	char patched_compile[256];
};

/* 0; -1 when a file entry is refused; -2 when a PATCH cannot be read or is no diff. */
int tb_patches_read(const struct tb_options *o, struct tb_patchset *p, char *err, size_t len);
void tb_patches_free(struct tb_patchset *p);

/*
 * compile.c: each touched .c file in the prepared tree, original and
 * patched (with #line marks), kbuild's own command; the objects, .cmd
 * and describe files copied under WORK/orig and WORK/patched.  The tree's
 * files are put back whatever happens.
 */
int tb_compile(const struct tb_options *o, const struct tb_tree *tree, struct tb_patchset *p,
	       const char *work, char *err, size_t len);

/*
 * prove.c: the verify stage.  Each original object against the running
 * kernel's binary (vmlinux for built-in files, the module's .ko for the
 * others); the binaries stay open for the positions decide.c asks.
 */
struct kv_target;
struct kv_result;

struct tb_proof {
	struct tb_file *file;
	bool verified;
	const char *binary;		/* what it was verified against (NULL: unverified) */
	char sha256[65];		/* of BINARY */
	char why[1280];			/* unverified: why not */
	struct kv_target *target;	/* open, owned by tb_proofs; NULL when none */
	struct kv_result *result;	/* verified: the verification, NULL otherwise */
};

struct tb_proofs {
	struct tb_proof *v;		/* one per file, in the patch set's order */
	size_t n;
	struct kv_target **targets;	/* each binary opened once */
	char **target_paths;
	size_t ntargets;
};

int tb_prove(const struct tb_options *o, const struct tb_target *t, const struct tb_tree *tree,
	     struct tb_patchset *p, struct tb_proofs *pr, char *err, size_t len);
void tb_proofs_free(struct tb_proofs *pr);
/* The .ko of module MODNAME under DIR ('-' and '_' alike), malloc'd; NULL when none. */
char *tb_module_ko(const char *dir, const char *modname);

/* compare.c: two objects of one file, symbol by symbol. */
enum tb_cmp_status {
	TB_SAME,
	TB_DIFFERS,
	TB_ONLY_ORIG,
	TB_ONLY_PATCHED,
};

struct tb_cmp_sym {
	const char *orig_name, *patched_name;	/* NULL on the side it is missing */
	size_t orig_sym, patched_sym;		/* symbol indexes, 0 when missing */
	bool is_func;
	enum tb_cmp_status status;
	uint64_t offset;			/* TB_DIFFERS: of the first difference */
	char why[256];				/* TB_DIFFERS: what differs there */
};

struct tb_cmp {
	struct ef_file orig, patched;
	struct tb_cmp_sym *syms;		/* functions and objects, by original name */
	size_t nsyms;
};

int tb_compare(const char *orig_obj, const char *patched_obj, const struct klp_describe *od,
	       const struct klp_describe *pd, struct tb_cmp *c, char *err, size_t len);
void tb_cmp_free(struct tb_cmp *c);
const char *tb_cmp_status_name(enum tb_cmp_status s);

/* decide.c: what the module replaces, carries and defines, and why. */
enum tb_reason {
	TB_CHANGED,			/* its code changed */
	TB_INLINED_INTO,		/* a changed function's body is inlined into it */
	TB_CLONE_OF,			/* it calls a changed function's IPA clone */
	TB_NEW,				/* only in the patched file */
};

struct tb_func {
	char *symbol;			/* the kernel's (original object's) symbol */
	char *cname;			/* its C function */
	enum tb_reason reason;
	char *because;			/* inlined-into/clone-of: the changed functions, ", " */
	unsigned long sympos;		/* 0 when the name is unique in its object */
	char *alias;			/* the module's global name of the new code: klp_FILE_SYM */
};

struct tb_extern {
	char *decl;			/* DECL text of the extract file */
	char *symbol;			/* the kernel's symbol */
	char object[KLP_OBJNAME_MAX + 1];
	unsigned long position;
	bool is_func;
};

struct tb_unit {
	struct tb_file *file;
	struct tb_func *funcs;		/* replaced and new, sorted by symbol */
	size_t nfuncs;
	struct klp_extract extract;	/* what generate.c writes as the extract file */
	struct tb_extern *externs;	/* every ref line, for the report */
	size_t nexterns;
};

struct tb_plan {
	struct tb_unit *units;		/* one per compiled file */
	size_t nunits;
};

/*
 * decide.c: from each file's comparison (CMPS[i] for P->files[i]) and
 * proof, what the module replaces and why, what it carries and defines,
 * and where every externalized symbol is in the running kernel; or the
 * refusal that says why no module can be built.
 */
int tb_decide(const struct tb_options *o, const struct tb_target *t, struct tb_patchset *p,
	      const struct tb_cmp *cmps, const struct tb_proofs *pr, struct tb_plan *plan,
	      char *err, size_t len);
void tb_plan_free(struct tb_plan *plan);
const char *tb_reason_name(enum tb_reason r);

/* generate.c and build.c */
struct tb_module {
	char *name;			/* NAME: the module's name, a C identifier */
	char *dir;			/* the source directory beside the .ko */
	char *ko;			/* where the .ko goes */
	char *command;			/* build.c: the make command that built it, for the report */
};

int tb_generate(const struct tb_options *o, const struct tb_target *t, const struct tb_tree *tree,
		const struct tb_plan *plan, struct tb_module *m, char *err, size_t len);
int tb_build(const struct tb_options *o, const struct tb_target *t, const struct tb_tree *tree,
	     const struct tb_plan *plan, struct tb_module *m, char *err, size_t len);

/*
 * report.c: NAME/report, what a reviewer reads: every replaced function
 * and why, every file and how it was verified, every external symbol
 * with its object and position, and the command that rebuilds the module.
 */
int tb_report(const struct tb_options *o, const struct tb_target *t, const struct tb_tree *tree,
	      const struct tb_patchset *p, const struct tb_proofs *pr, const struct tb_plan *plan,
	      const struct tb_module *m, char *err, size_t len);

/* util: run a program (argv NULL-terminated), output to *OUTPUT; exit status or -1. */
int tb_run(const struct tb_options *o, const char *const *argv, const char *dir, char **output,
	   char *err, size_t len);
void tb_progress(const struct tb_options *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* tb_run with exactly the environment ENVP. */
int tb_run_in(const struct tb_options *o, const char *const *argv, const char *dir,
	      char *const *envp, char **output, char *err, size_t len);

/*
 * replay.c: kbuild's Makefile.build descents recorded during the original
 * compile and run again for the patched one (common/makerec.h).
 * tb_record_arg: the MAKE=... word for the original's make (malloc'd),
 * NULL when recording is not possible here.  tb_record_make: the
 * recorder itself (`klp-tag-build --record-make DIR ARGS...`); runs make.
 * tb_replay: 0 when every recorded descent that covers one of PATHS ran
 * and succeeded; else WHY says what stood in the way.
 */
char *tb_record_arg(const char *work);
int tb_record_make(const char *dir, int argc, char **argv);
int tb_replay(const struct tb_options *o, const char *work, const char *const *paths, size_t n,
	      char *why, size_t len);

/* files.c: the directories of PATH (not PATH itself), and a file's copy. */
int tb_mkdirs(const char *path, char *err, size_t len);
int tb_copy_file(const char *from, const char *to, char *err, size_t len);
int tb_write_file(const char *path, const char *data, size_t n, char *err, size_t len);
/* DIR/REL (malloc'd), NULL when memory ran out. */
char *tb_path(const char *dir, const char *rel);
bool tb_is_file(const char *path);
bool tb_is_dir(const char *path);
/*
 * A name for the tree file PATH: PREFIX, then PATH without its ".c" with
 * every byte outside [A-Za-z0-9] as SEP ("fs/proc/cmdline.c", "klp-", '-'
 * -> "klp-fs-proc-cmdline", the unit's name in NAME/; "", '_' -> a C
 * identifier).
 */
void tb_path_name(const char *path, const char *prefix, char sep, char *buf, size_t size);
/* The last lines of a program's OUTPUT, for a message ("(no output)" when empty). */
const char *tb_output_tail(const char *output);

#endif
