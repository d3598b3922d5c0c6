/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * klpcheck.h - what klp-arch-check knows about a patch module: its entry
 * sections, the entries in them, the .klp_tag.map records, the layout of
 * the headers it was built against and the rules of the kernel that will
 * consume it.  Built on the ELF layer (elfread.h); the kernel's rules are
 * in rules.c, the output in report.c.
 */
#ifndef KLPCHECK_H
#define KLPCHECK_H

#include <stdbool.h>
#include <stdio.h>

#include "elfread.h"
#include "kernel_abi.h"
#include "klp_map.h"
#include "objname.h"

/* ---- rules of the kernel that will consume the module --------------- */

enum rules_id {
	RULES_KLP_ARCH,		/* 4.9-5.7: .klp.arch applied after the object's klp relocations */
	RULES_NONE,		/* before 4.9 or 5.8+: .klp.arch never applied */
};

struct rules {
	enum rules_id id;
	char name[64];			/* "klp-arch", "none", or the version given */
	const char *from;		/* "--kernel", "vermagic", ... */
	/*
	 * The version the klp relocation rules are judged for (KLP_KV):
	 * the one given, else 5.7 for klp-arch and 5.8 for none, the first
	 * kernels without .klp.arch having 5.4's name widths.
	 */
	long kv;
};

/* The rules of consumer ARG (a version, klp-arch or none); -1 when it is none of these. */
int rules_for_kernel(const char *arg, struct rules *out, const char *from);

/* ---- entry sections and entries ------------------------------------- */

struct esec {
	const struct ef_sec *sec;
	enum klp_entry_kind kind;
	bool klp;			/* named .klp.arch...; else a plain load-time section */
	bool has_kind;			/* kind known: entries decoded */
	bool applied;			/* klp: parses under the kernel's sscanf with a valid secname */
	char obj[KLP_ARCH_OBJECT_MAX + 1];	/* klp && applied: the object name the kernel reads */
	size_t first, count;		/* entries[first .. first+count) */
	size_t tail;			/* bytes past the last whole entry (bad size) */
	size_t misplaced;		/* relocations not at an entry's field */
};

struct entry {
	struct esec *es;
	size_t off, len;		/* within the section; len = bytes that carry data */
	/* what it patches */
	bool has_target;
	size_t tshndx;
	uint64_t taddr;
	const struct ef_sym *func;	/* containing function, NULL if none */
	unsigned patchlen;		/* instrlen / len */
	/* alternatives */
	unsigned feature, repllen, padlen;
	bool inverted;			/* 6.1: cpuid bit 15, ALTINSTR_FLAG_INV (replace when NOT set) */
	/* paravirt */
	unsigned ptype, clobbers;
};

/* ---- livepatch relocations (docs/kernel-abi.md, section 12) ---------- */

/* One relocation of a SHF_RELA_LIVEPATCH section, as livepatch would read it. */
struct klp_rel {
	const struct ef_sec *rsec;	/* the .klp.rela section */
	const struct ef_rel *rel;	/* the relocation (in its target's rels) */
	size_t index;			/* within rsec */
	bool sec_read;			/* sscanf(".klp.rela.%55[^.]") read the object */
	char obj[KLP_OBJECT_MAX + 1];	/* the section's object */
	const struct ef_sym *sym;
	int fields;			/* what sscanf read from the symbol's name, 0-3 */
	char symobj[KLP_OBJECT_MAX + 1];
	const char *name;		/* within sym->name, namelen bytes */
	size_t namelen;
	unsigned long pos;
};

/* ---- .klp_tag.map --------------------------------------------------- */

struct map_rec {
	size_t offset;			/* within the map section */
	int kind, source, flags, abi_req, abi_res;
	const char *str[4];		/* see klp_map.h, missing ones "" */
	const struct ef_sym *func;	/* function records: the symbol the relocation names */
	uint64_t faddr;
	size_t fshndx;
};

struct module {
	struct ef_file elf;
	const struct klp_layout *layout;	/* of the headers it was built against */
	const char *layout_from;	/* "vermagic", "--layout", "inferred from relocations", ... */
	struct rules rules;
	bool is_ko;			/* a linked .ko: has .gnu.linkonce.this_module */
	bool has_modinfo;		/* a module's object: .modinfo (also before its final link) */
	bool as_module;			/* checked as a module (--kbuild): module rules apply to a .o */
	const char *vermagic;		/* from .modinfo, NULL if none */
	bool livepatch;			/* modinfo livepatch=Y */
	struct esec *esecs;
	size_t nesecs;
	struct entry *entries;
	size_t nentries, entries_cap;
	struct map_rec *map;
	size_t nmap;
	/* Positions in map of its function records, sorted for map_function():
	 * those tied to a function by (section, address), the others by name. */
	size_t *map_by_addr, n_by_addr;
	size_t *map_by_name, n_by_name;
	const char *map_stop;		/* why reading the map stopped early, or NULL */
	size_t map_stop_offset;
	struct klp_rel *klp;		/* livepatch relocations, section by section */
	size_t nklp;
};

/*
 * Load PATH: the ELF file, its modinfo, map, layout and rules.  LAYOUT_ARG
 * and KERNEL_ARG are the command line's --layout / --kernel, or NULL.
 * Returns 0, or -1 with ERR set (an input or usage error: exit 2).
 */
int module_load(struct module *m, const char *path, const char *layout_arg,
		const char *kernel_arg, char err[EF_ERRLEN]);
void module_free(struct module *m);
/* Read and index the map (modmap.c); -1 when memory ran out. */
int module_read_map(struct module *m);
/* Read the livepatch relocations (klprel.c) for the rules' era; -1 when memory ran out. */
int module_read_klp(struct module *m);
/* "vmlinux.foo,2" of R as text into BUF: the symbol as livepatch reads it. */
const char *klp_rel_symbol(const struct klp_rel *r, char *buf, size_t len);

/* The value of KEY in .modinfo ("KEY=VALUE"), the first as the loader finds it; NULL if none. */
const char *modinfo_value(const struct ef_file *f, const char *key);
/* An alternative's feature as the kernel's headers write it: "9*32+20", "!8*32+16". */
const char *feature_text(const struct entry *e, char buf[24]);
/* "foo+0x12", "foo.cold+0x3", ".text+0x40": where an address is. */
void describe_address(const struct module *m, size_t shndx, uint64_t addr, char *buf, size_t len);
/* The function record that covers FUNC (foo.cold: that of foo), or NULL. */
const struct map_rec *map_function(const struct module *m, const struct ef_sym *func);
bool map_has_objects(const struct module *m);
/* The unit record R belongs to (the last one before it), or NULL. */
const struct map_rec *map_unit_of(const struct module *m, const struct map_rec *r);
/* The source file of FUNC: its unit's, else a local symbol's STT_FILE, else NULL. */
const char *function_file(const struct module *m, const struct ef_sym *func);

/* ---- the three modes ------------------------------------------------ */

/* Compare two modules' entries as a multiset; prints differences; 0 same, 1 differ, -1 out of memory. */
int compare_modules(struct module *a, struct module *b, FILE *out);

struct finding {
	const char *rule;		/* stable identifier, see the man page */
	const char *section;		/* may be NULL */
	long entry;			/* index within the section, -1 if none */
	char message[1024];
};

struct findings {
	struct finding *v;
	size_t n, cap;
	bool out_of_memory;		/* a finding could not be recorded */
};

/* Record a finding of RULE about SECTION (or NULL), its entry or relocation ENTRY (or -1). */
void finding_add(struct findings *out, const char *rule, const char *section, long entry,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The target kernel's symbol databases the klp relocations are resolved in (symdb.h). */
struct klp_sysmap;
struct kmod;
struct symdbs {
	const struct klp_sysmap *map;	/* --symbols, or NULL */
	const struct kmod *mods;	/* --module, nmods of them */
	size_t nmods;
};

/* Check M against every rule; -1 when memory ran out (the findings are incomplete). */
int verify_module(const struct module *m, const struct symdbs *db, struct findings *out);
/* Index of entry E within its section. */
long entry_index(const struct module *m, const struct entry *e);
/* The object that livepatch applies a section's entries for, or NULL (applied at load / never). */
const char *section_object(const struct esec *es);
/* The rules of livepatch relocations (klprules.c). */
void verify_klp(const struct module *m, const struct symdbs *db, struct findings *out);
void findings_free(struct findings *f);

/*
 * --kbuild (kbuild.c): verify module objects, warn about tag lines that match
 * nothing.  ALLOW_CLOBBER (--allow-clobber): klp-rela-clobber findings are
 * warnings, for a control module that reproduces the kernel's refusal.
 */
int kbuild_check(char **files, int nfiles, char **tags, int ntags, const char *layout,
		 const char *kernel, bool allow_clobber);

void report_text(const struct module *m, const struct symdbs *db, const struct findings *f,
		 FILE *out);
void report_json(const struct module *m, const struct symdbs *db, const struct findings *f,
		 FILE *out, bool first);
/* The livepatch relocations in each (klpreport.c); DB may be NULL. */
void report_klp_text(const struct module *m, const struct symdbs *db, FILE *out);
void report_klp_json(const struct module *m, const struct symdbs *db, FILE *out);
void report_map(const struct module *m, FILE *out);
/* S as a JSON string literal. */
void report_json_string(FILE *out, const char *s);
/* "KEY": VAL as JSON (null when VAL is NULL), after ", " when COMMA. */
void report_json_kv(FILE *out, const char *key, const char *val, bool comma);

#endif
