/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dwarf.h - the compile units of a DWARF .debug_info, as far as the name
 * of each unit's source file and the compiler command it records.
 *
 * GCC writes one compile unit per source file; its first DIE
 * (DW_TAG_compile_unit) carries DW_AT_name (the source file as given on
 * the command line), DW_AT_comp_dir and DW_AT_producer ("GNU C11 12.2.0
 * -mno-sse ... -O2 ...": the compiler and the code-generation options it
 * was run with).  A debug vmlinux holds all of them, so the options of
 * the running kernel's compile of any file can be compared with a new
 * compile's.
 *
 * Read: unit headers of DWARF 2 to 5 (32- and 64-bit DWARF, every DWARF 5
 * unit type), .debug_abbrev, and the first DIE's attributes, skipping
 * every form DWARF 5 and the GNU extensions define; strings in place
 * (DW_FORM_string), in .debug_str (strp) and .debug_line_str (line_strp).
 * Strings through .debug_str_offsets (strx*) are reported as absent: GCC
 * uses them only for split DWARF.  Nothing else of DWARF is read.
 *
 * The input is outside data: every length and offset is checked against
 * its section; a unit that does not parse ends the walk with one sentence
 * saying where and why.  Plain C, no allocation.
 */
#ifndef KLP_DWARF_H
#define KLP_DWARF_H

#include <stddef.h>
#include <stdint.h>

#define KD_ERRLEN 256

struct kd_sections {
	const unsigned char *info, *abbrev, *str, *line_str;	/* NULL when absent */
	size_t info_size, abbrev_size, str_size, line_str_size;
	/*
	 * In a relocatable object, the section offsets in .debug_info
	 * (DW_FORM_strp, the unit's abbrev offset) are relocations: RELOC,
	 * when set, gives the value the link would write at .debug_info
	 * offset OFF, which holds VALUE.
	 */
	uint64_t (*reloc)(const void *ctx, uint64_t off, uint64_t value);
	const void *ctx;
};

struct kd_unit {
	uint64_t offset;	/* of the unit header in .debug_info */
	unsigned version;
	unsigned tag;		/* of the first DIE; 0 for a unit without one */
	const char *name, *comp_dir, *producer;	/* NULL when absent */
};

/*
 * The unit at *OFFSET (start with 0): fills *U, moves *OFFSET to the next
 * unit and returns 1; returns 0 after the last one, -1 with ERR saying
 * what is wrong at which offset.
 */
int kd_next_unit(const struct kd_sections *s, uint64_t *offset, struct kd_unit *u,
		 char err[KD_ERRLEN]);

/*
 * The unit whose DW_AT_name is PATH ("fs/proc/meminfo.c"), or ends with
 * "/PATH" (an absolute name); 1 with *U filled in, 0 when none is, -1
 * with ERR.
 */
int kd_find_unit(const struct kd_sections *s, const char *path, struct kd_unit *u,
		 char err[KD_ERRLEN]);

#endif
