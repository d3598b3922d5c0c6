/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * klp_map.h - the format of the `.klp_tag.map` section.
 *
 * Every object file the plugin compiles records which livepatched object
 * each of its functions belongs to, so that klp-arch-check can verify a
 * linked .ko without its sources.  The section is not allocated (it never
 * reaches kernel memory).  Its type is KLP_MAP_SECTION_TYPE, in the
 * SHT_LOUSER range, not SHT_PROGBITS: modpost warns about every non-allocated
 * PROGBITS section it does not know.  `ld -r` simply concatenates the sections of
 * its inputs, so the section is a sequence of self-delimiting records, each
 * starting on an 8-byte boundary of the record stream.  A reader skips zero
 * bytes between records (padding a linker may insert between input
 * sections) and stops at the first record it does not understand.
 *
 * Record layout, little-endian, all offsets in bytes:
 *
 *    0  u32  magic         KLP_MAP_MAGIC ("KTAG" in file order)
 *    4  u8   version       KLP_MAP_VERSION
 *    5  u8   kind          enum klp_map_kind
 *    6  u8   source        enum klp_map_source (function records),
 *                          enum klp_map_abi requested (unit records), else 0
 *    7  u8   flags         unit records: enum klp_map_abi resolved;
 *                          function records: KLP_MAP_F_* bits
 *    8  u32  length        whole record, header included, multiple of 8
 *   12  u32  reserved      0
 *   16  u64  address       function and table records: 0 plus an R_X86_64_64
 *                          relocation against the function's symbol (a
 *                          static function's symbol, or its section plus
 *                          offset), which ties the record to the function
 *                          even when several files have a static function
 *                          of that name; 0 in other records
 *   24  strings            NUL-terminated, then NUL padding to `length`:
 *                          unit:     producer, source file name
 *                          object:   object name
 *                          function: object name ("" for a function of
 *                                    no object that holds entries), C
 *                                    identifier of the function, symbol
 *                                    name (differs for IPA clones:
 *                                    foo.constprop.0)
 *                          symbol:   object name, symbol name, position
 *                          table:    object name, C identifier, symbol name
 *                          alias:    object name, symbol name, position,
 *                                    kernel symbol name
 *
 * An object record names an object that the unit's klp_object tables name,
 * whether or not a function of this unit belongs to it.
 *
 * A symbol record (kind 4) declares where a symbol the unit references but
 * does not define lives, from an explicit source (the klp_symbol attribute,
 * a tag file or an extract file's ref line; source byte: KLP_SRC_ATTRIBUTE,
 * KLP_SRC_TAGFILE or KLP_SRC_EXTRACT), for the klp relocation converter:
 *   strings:  object name, symbol name (as the object file references it),
 *             position in kallsyms order as a decimal number ("0": the
 *             name must be unique in that object)
 *   address:  0 (the symbol is undefined here; no relocation)
 *
 * A table record (kind 5) says that a klp_object table of the unit names a
 * function as the .new_func of an object, wherever that function is
 * defined (this unit or another one of the module):
 *   strings:  object name, C identifier of the function, its symbol name
 *   address:  0 plus an R_X86_64_64 relocation against the function's
 *             symbol, resolved by the module's ld -r when another unit
 *             defines it, so a linked module can tell which function it is
 *
 * An alias record (kind 6) is a symbol record for a symbol the unit
 * references under another name than the kernel's: an extract file's ref
 * line whose REFSYMBOL differs from its KERNELSYMBOL, so that two units of
 * one module can each reference a static of their own file although both
 * are called `show` (the link would join two undefined `show`):
 *   strings:  object name, symbol name (as the object file references it),
 *             position in kallsyms order as a decimal number, the symbol's
 *             name in the kernel (what .klp.sym.OBJECT.NAME,POSITION names)
 *   source:   KLP_SRC_EXTRACT
 *   address:  0
 */
#ifndef KLP_MAP_H
#define KLP_MAP_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KLP_MAP_SECTION ".klp_tag.map"
#define KLP_MAP_SECTION_TYPE 0x8b544147u /* SHT_LOUSER | "KTAG" */
#define KLP_MAP_MAGIC 0x4741544bu /* bytes 'K' 'T' 'A' 'G' */
#define KLP_MAP_VERSION 1
#define KLP_MAP_HEADER_SIZE 24
#define KLP_MAP_ALIGN 8

enum klp_map_kind {
	KLP_MAP_UNIT = 1,
	KLP_MAP_OBJECT = 2,
	KLP_MAP_FUNCTION = 3,
	KLP_MAP_SYMBOL = 4,
	KLP_MAP_TABLE = 5,
	KLP_MAP_ALIAS = 6,
};

/* Where a function's object came from, strongest first. */
enum klp_map_source {
	KLP_SRC_NONE = 0,
	KLP_SRC_ATTRIBUTE = 1,
	KLP_SRC_TAGFILE = 2,
	KLP_SRC_TABLE = 3,
	KLP_SRC_PROPAGATED = 4,
	KLP_SRC_DEFAULT = 5,
	KLP_SRC_EXTRACT = 6,	/* symbol and alias records: an extract file's ref line */
};

enum klp_map_abi {
	KLP_ABI_AUTO = 0,
	KLP_ABI_KLP_ARCH = 1,
	KLP_ABI_NONE = 2,
};

/* The function's asm had its sections renamed to .klp.arch.<object>. */
#define KLP_MAP_F_REWRITTEN 0x01
/* The function holds alternative or paravirt entries (renamed or not). */
#define KLP_MAP_F_HAS_ENTRIES 0x02

/* "attribute", "tagfile", ...; "unknown" for a value no version writes. */
const char *klp_map_source_name(int source);
/* "auto", "klp-arch", "none"; "unknown" for other values. */
const char *klp_map_abi_name(int abi);

/* ---- writing: GNU as source, as the plugin emits it ---------------------- */

/* Open the section (".pushsection") and close it again (".popsection"). */
void klp_map_write_begin(FILE *out);
void klp_map_write_end(FILE *out);
/*
 * One record: KIND, the SOURCE and FLAGS bytes, the function's SYMBOL for
 * the address field (NULL: 0) and NSTRINGS strings, escaped for the
 * assembler whatever bytes they hold.
 */
void klp_map_write_record(FILE *out, enum klp_map_kind kind, unsigned source, unsigned flags,
			  const char *symbol, const char *const *strings, unsigned nstrings);

/* ---- reading ---------------------------------------------------------------- */

struct klp_map_record {
	size_t offset;			/* of the record within the section */
	size_t length;
	int kind;			/* enum klp_map_kind */
	int source, flags;		/* function records */
	int abi_requested, abi_resolved;	/* unit records */
	const char *str[4];		/* the strings the kind has, "" for missing ones */
};

/*
 * Read the record at or after *POS in the SIZE bytes at DATA (zero bytes
 * between records are skipped).  Returns 1 with *R set and *POS moved past
 * it; 0 at the end of the section; -1 with *WHY saying why the bytes at
 * *POS are not a record this version understands (a reader stops there).
 */
int klp_map_read_record(const unsigned char *data, size_t size, size_t *pos,
			struct klp_map_record *r, const char **why);

#ifdef __cplusplus
}
#endif
#endif
