/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kimage.h - a linked kernel image (vmlinux, ET_EXEC) and its symbol
 * table: symbols by name and by address, the source file each local
 * symbol belongs to, and the symbol map livepatch positions are counted
 * in.
 *
 * The linker keeps each object's local symbols together, after that
 * object's STT_FILE symbol (the source file's base name, "meminfo.c"), and
 * puts the global ones after all of them.  So a local symbol's source file
 * is the STT_FILE symbol before it, and a base name that several objects
 * share (core.c, cmdline.c) has several such groups.  A vmlinux with its
 * symbol table is what Debian's linux-image-RELEASE-dbg ships (and the
 * test kernels' vmlinux-RELEASE); a stripped one is refused.
 *
 * Shared by klp-reloc (the source file of each candidate in its messages)
 * and klp-tag-build (verification, positions).  Library code: errors are
 * returned as one sentence.
 */
#ifndef KLP_KIMAGE_H
#define KLP_KIMAGE_H

#include "elfread.h"
#include "namehash.h"
#include "sysmap.h"

struct kimage {
	struct ef_file elf;
	struct klp_name_groups byname;	/* every symbol by name (STT_FILE ones under the file's name) */
	size_t *by_addr;		/* the named symbols of allocated sections, by (address, index) */
	size_t naddr;
};

/*
 * Open the kernel image PATH.  Returns 0, or -1 with ERR holding a
 * sentence (without the file name).
 */
int kimage_open(struct kimage *k, const char *path, char err[EF_ERRLEN]);
void kimage_close(struct kimage *k);

/* The symbols called NAME (*IDX: indexes into k->elf.syms), in table order; their count. */
size_t kimage_find(const struct kimage *k, const char *name, const size_t **idx);
/* Is symbol I an STT_FILE symbol? */
int kimage_is_file(const struct kimage *k, size_t i);
/*
 * The source file (its STT_FILE symbol's name) of local symbol I, or NULL
 * for a global symbol or a local one before any STT_FILE symbol.
 */
const char *kimage_file_of(const struct kimage *k, size_t i);
/*
 * The symbol that holds address ADDR: the one with the highest start at
 * or below it in the same section, preferring one whose size covers ADDR,
 * then a function or object, then the first in the table.  *OFF is ADDR's
 * offset from it.  Returns the symbol's index, or 0 when none does.
 */
size_t kimage_symbol_at(const struct kimage *k, uint64_t addr, uint64_t *off);
/*
 * The image's symbols as System.map lists them (nm -n without the
 * symbols scripts/mksysmap drops), read by klp_sysmap_load_text() for
 * kernel version V: positions counted in it are livepatch's, the same as
 * in the real System.map.  Returns 0, or -1 with ERR.
 */
int kimage_sysmap(const struct kimage *k, long v, struct klp_sysmap *m, char *err, size_t len);
/*
 * The release the image says it is (the word after "Linux version " in
 * linux_banner), into BUF; NULL when it has no such string.
 */
const char *kimage_release(const struct kimage *k, char *buf, size_t len);

#endif
