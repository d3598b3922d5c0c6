/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * elfread.h - the thin ELF layer of klp-arch-check.
 *
 * Reads a whole x86_64 relocatable file (a .o or a .ko) through libelf and
 * validates everything the rules later index: section bounds, the symbol
 * table, every RELA relocation's symbol and range.  Whatever is wrong is
 * reported as one sentence and the file is refused, so the code above this
 * layer never sees an index or an offset that points outside the file.
 * Nothing here knows about alternatives or livepatch.
 *
 * It also opens a linked kernel image (vmlinux, ET_EXEC), for the tools
 * that compare compiles with the running kernel's code: its sections have
 * addresses, and its bytes are read by address (ef_bytes_at()).  An image
 * is mapped, not read (a debug vmlinux is over 600 MB), and its
 * relocation sections (a debug vmlinux keeps them, --emit-relocs) are not
 * loaded: the bytes are the linked result.
 */
#ifndef KLP_ELFREAD_H
#define KLP_ELFREAD_H

#include <gelf.h>
#include <stddef.h>
#include <stdint.h>

#define EF_ERRLEN 512

struct ef_rel {
	uint64_t offset;	/* within the section it applies to */
	uint32_t type;
	uint32_t sym;		/* index into ef_file.syms, always valid */
	int64_t addend;
	size_t relsec;		/* index of the RELA section holding it */
	size_t index;		/* its place in that section */
};

struct ef_sec {
	size_t index;
	const char *name;
	GElf_Shdr sh;
	const unsigned char *data;	/* NULL for SHT_NOBITS and empty sections */
	size_t size;			/* bytes readable at data */
	struct ef_rel *rels;		/* relocations applying to this section, by offset */
	size_t nrels;
};

struct ef_sym {
	const char *name;		/* "" when unnamed, never NULL */
	GElf_Sym s;
	size_t shndx;			/* resolved section index (SHN_XINDEX handled) */
	size_t file;			/* index of the STT_FILE symbol before it, 0 if none */
};

struct ef_file {
	const char *path;
	unsigned char *buf;
	size_t size;
	int mapped;			/* buf is a private mapping of the file, not a copy */
	unsigned type;			/* e_type: ET_REL or ET_EXEC */
	Elf *elf;
	size_t nsecs;
	struct ef_sec *secs;
	size_t nsyms;
	struct ef_sym *syms;
	/*
	 * The defined STT_FUNC symbols by (section, start, symbol index), and
	 * for each position the furthest end of any of them up to it in the
	 * same section: ef_function_at() is a binary search, not a scan of
	 * the symbol table for every entry.
	 */
	size_t *funcs;
	uint64_t *func_reach;
	size_t nfuncs;
	/*
	 * ET_EXEC: the allocated, non-empty sections by (address, index), and
	 * the furthest end of any up to each position, for ef_section_at().
	 */
	size_t *by_addr;
	uint64_t *addr_reach;
	size_t naddr;
};

/* What ef_open_as() accepts, ORed. */
#define EF_RELOCATABLE 1u	/* ET_REL: .o, .ko */
#define EF_EXECUTABLE 2u	/* ET_EXEC: vmlinux */

/*
 * Open PATH.  Returns 0, or -1 with ERR holding a sentence (without the
 * file name) saying why the file cannot be checked.
 */
int ef_open(struct ef_file *f, const char *path, char err[EF_ERRLEN]);
/* The same for the ELF types KINDS names (EF_RELOCATABLE, EF_EXECUTABLE). */
int ef_open_as(struct ef_file *f, const char *path, unsigned kinds, char err[EF_ERRLEN]);
/* Format a reason into ERR; returns -1 so callers can `return ef_error(...)`. */
int ef_error(char err[EF_ERRLEN], const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ef_close(struct ef_file *f);

/* The section of that name, the LAST one when several share it (as the kernel's loops). */
const struct ef_sec *ef_section_named(const struct ef_file *f, const char *name);

/* Is the section's symbol a defined one we can place (shndx names a real section)? */
int ef_sym_defined(const struct ef_file *f, const struct ef_sym *sym);

/*
 * The function symbol that contains ADDR in section SHNDX, or NULL.  Where
 * several do (aliases), the one with the highest start, then the first in
 * the symbol table, so two builds of the same code answer alike.
 */
const struct ef_sym *ef_function_at(const struct ef_file *f, size_t shndx, uint64_t addr);

/*
 * Where relocation R points when its symbol is defined in a section: that
 * section (*SHNDX) and the symbol's address plus the addend (*ADDR).
 * Returns 0 for a symbol defined nowhere in the file (undefined, absolute).
 */
int ef_rel_target(const struct ef_file *f, const struct ef_rel *r, size_t *shndx, uint64_t *addr);

/* The index in S->rels of the first relocation at or after offset OFF. */
size_t ef_rel_lower_bound(const struct ef_sec *s, uint64_t off);
/* The relocation of section S at offset OFF, or NULL. */
const struct ef_rel *ef_rel_at(const struct ef_sec *s, uint64_t off);

/*
 * ET_EXEC: the index of the allocated section that holds address ADDR
 * (the one with the highest start where several do, then the lowest
 * index), or 0.
 */
size_t ef_section_at(const struct ef_file *f, uint64_t addr);
/*
 * ET_EXEC: the LEN bytes at address ADDR, when one section with contents
 * holds all of them; NULL otherwise (outside every section, in .bss, or
 * across a section's end).
 */
const unsigned char *ef_bytes_at(const struct ef_file *f, uint64_t addr, size_t len);

/* Bytes a relocation of TYPE writes (x86_64); 0 for R_X86_64_NONE. */
size_t ef_reloc_size(uint32_t type);
/* "R_X86_64_PC32" etc., or "R_X86_64_<n>" in BUF for a type without a name here. */
const char *ef_reloc_name(uint32_t type, char buf[32]);

/* Little-endian readers; callers have already checked the bounds. */
static inline uint64_t ef_le(const unsigned char *p, size_t n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 8) | p[n];
	return v;
}

#endif
