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

/*
 * Is NAME a special section the module loader (or the kernel at module
 * load) reads by its exact name, other than the two entry sections:
 * .smp_locks, __jump_table, __ex_table and the like (docs/kernel-abi.md,
 * section 9)?  Never renamed; their contents are used before livepatch
 * writes any klp relocation.
 */
int klp_special_section(const char *name);

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

/* ---- livepatch relocations (docs/kernel-abi.md, section 12) ------------- */

/* st_shndx of a livepatch symbol, and the flag of a livepatch relocation section. */
#define KLP_SHN_LIVEPATCH 0xff20
#define KLP_SHF_RELA_LIVEPATCH 0x00100000
#define KLP_RELA_PREFIX ".klp.rela."
#define KLP_SYM_PREFIX ".klp.sym."
/* The object field of both names: "%55[^.]" (MODULE_NAME_LEN - 1 on 64-bit). */
#define KLP_OBJECT_MAX KLP_ARCH_OBJECT_MAX
/* The widest symbol field of any era ("%511[^,]", 6.1). */
#define KLP_SYMNAME_MAX 511

/*
 * The longest symbol name livepatch reads from a .klp.sym name on kernel
 * V: KSYM_NAME_LEN - 1, 127 before 6.1 and 511 from 6.1 on.  A longer
 * name leaves the comma unread and the symbol is refused.
 */
size_t klp_ksym_name_max(long v);

/* ".klp.rela.OBJ.SECTION" into OUT of SIZE bytes; returns its length whether or not it fit. */
size_t klp_rela_name(char *out, size_t size, const char *obj, const char *section);
/* ".klp.sym.OBJ.NAME,POS" into OUT of SIZE bytes; returns its length whether or not it fit. */
size_t klp_sym_name(char *out, size_t size, const char *obj, const char *name,
		    unsigned long pos);

/*
 * What livepatch reads from a relocation section's name:
 * sscanf(name, ".klp.rela.%55[^.]", obj).  Returns the fields read, 0 or
 * 1; a livepatch section that yields 0 fails the whole patch.
 */
int klp_rela_sscanf(const char *name, char obj[KLP_OBJECT_MAX + 1]);

/*
 * What livepatch of kernel V reads from a livepatch symbol's name:
 * sscanf(name, ".klp.sym.%55[^.].%127[^,],%lu", ...) (%511 from 6.1),
 * with the kernel's own vsscanf (an unsigned number takes no sign).
 * Returns the fields read, 0 to 3; the kernel needs 3.
 */
int klp_sym_sscanf(long v, const char *name, char obj[KLP_OBJECT_MAX + 1],
		   char sym[KLP_SYMNAME_MAX + 1], unsigned long *pos);

/*
 * 5.8 on: vmlinux's livepatch relocations are written while the patch
 * module loads, before its alternatives, and a module object's
 * .klp.rela section may not use a .klp.sym.vmlinux symbol.
 */
int klp_kernel_writes_vmlinux_relas_at_load(long v);
int klp_kernel_forbids_vmlinux_sym_in_module_rela(long v);

/*
 * Does x86_64 apply_relocate_add() of kernel V write relocation TYPE?
 * Anything else is "Unknown rela relocation" and fails the object.
 */
int klp_reloc_type_handled(long v, unsigned type);
/* Since which kernel it is handled, for messages ("5.4"); NULL when never. */
const char *klp_reloc_type_since(unsigned type);

/*
 * The type a livepatch relocation of TYPE is written as for kernel V:
 * R_X86_64_PLT32 becomes R_X86_64_PC32 before 4.16.  Every kernel that
 * knows PLT32 computes it exactly as PC32 (S + A - P, 4 bytes), and the
 * older stable series (4.9.337, 4.14) took it only in a backport, which a
 * version number does not show; PC32 is handled by all.  Any other TYPE
 * is written as it is.
 */
unsigned klp_reloc_type_written(long v, unsigned type);

/* What klp_find_object_symbol() answers for a name and a position. */
enum klp_sympos_result {
	KLP_SYMPOS_OK,
	KLP_SYMPOS_NOT_FOUND,		/* no match, or the match's address is 0 */
	KLP_SYMPOS_AMBIGUOUS,		/* position 0 and more than one match */
	KLP_SYMPOS_NO_SUCH_POSITION,	/* fewer than POS matches */
};

/*
 * The kernel's walk over the COUNT symbols of one name in table order
 * (ADDRS: their addresses) for position POS: *WHICH is the index of the
 * symbol it picks when the answer is KLP_SYMPOS_OK.
 */
enum klp_sympos_result klp_sympos_find(const uint64_t *addrs, size_t count, unsigned long pos,
				       size_t *which);

/*
 * Does scripts/kallsyms of kernel V (with CONFIG_KALLSYMS_ALL) keep a
 * vmlinux symbol of nm type TYPE named NAME?  System.map keeps a few it
 * drops (absolute symbols, its own tables), and those must not count.
 */
int klp_kallsyms_keeps(long v, char type, const char *name);
/* At one address, kallsyms orders weak symbols (nm 'W', 'w') after the others. */
int klp_kallsyms_weak(char type);

/*
 * Does modpost leave the undefined symbol NAME of an x86_64 module alone,
 * because the .ko link defines it (__this_module, in the .mod.c) or it is
 * no symbol (_GLOBAL_OFFSET_TABLE_)?
 */
int klp_modpost_ignores_undefined(const char *name);

/* The configuration a module's kallsyms depend on. */
struct klp_kconfig {
	int kallsyms_all;		/* CONFIG_KALLSYMS_ALL: data symbols kept too */
	int module_unload;		/* CONFIG_MODULE_UNLOAD: .exit sections loaded */
};
/* Both kernels the project tests (5.4.286-klptest and Debian 6.1) have both. */
extern const struct klp_kconfig klp_kconfig_default;

#define KLP_MODULE_PERCPU_SECTION ".data..percpu"

/*
 * Does a symbol of a module's section NAME (FLAGS as in the .ko) stay in
 * the module's core kallsyms, the table livepatch searches once the module
 * has finished loading?  PERCPU: the section is the module's per-cpu
 * section (the first allocated .data..percpu).  The loader first drops
 * SHF_ALLOC from .modinfo, __versions and the per-cpu section, and init
 * sections (.init*, and .exit* without module unloading) are freed.
 */
int klp_module_section_in_core(const struct klp_kconfig *c, const char *name, uint64_t flags,
			       int percpu);
/*
 * Does a module symbol of raw st_shndx SHNDX count in the core table?
 * SHNUM: the .ko's e_shnum; NAMED: st_name is not 0; IN_CORE: what
 * klp_module_section_in_core() said of its section (when SHNDX < SHNUM).
 * The full table, searched while the module loads after the patch, holds
 * every symbol but the undefined ones.
 */
int klp_module_core_symbol(unsigned shndx, size_t shnum, int named, int in_core);

#ifdef __cplusplus
}
#endif
#endif
