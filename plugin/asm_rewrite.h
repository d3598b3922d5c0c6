/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * asm_rewrite.h - find and rename the section directives of an asm template.
 *
 * The text is an inline asm template (or any GNU as source for x86): its
 * statements end at a newline or ';', '#' comments run to the end of the
 * line, C comments are skipped, quoted strings are opaque.  A statement may
 * start with labels ("771: .pushsection ...").  Only `.section` and
 * `.pushsection` directives (any case, as gas accepts) are looked at.
 */
#ifndef KLP_ASM_REWRITE_H
#define KLP_ASM_REWRITE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The special sections the project knows about, for rewriting and diagnostics. */
enum klp_section {
	KLP_SEC_OTHER = 0,
	KLP_SEC_ALTINSTRUCTIONS,   /* .altinstructions: renamed */
	KLP_SEC_PARAINSTRUCTIONS,  /* .parainstructions: renamed */
	KLP_SEC_JUMP_TABLE,        /* __jump_table: static keys */
	KLP_SEC_KLP_ARCH,          /* already a .klp.arch.* name */
};

/* One `.section` / `.pushsection` directive found in a template. */
struct klp_directive {
	size_t name_offset;       /* byte offset of the section name (inside quotes if quoted) */
	size_t name_length;
	int quoted;
	enum klp_section section;
};

typedef void (*klp_directive_fn)(void *ctx, const struct klp_directive *d);

/* Call FN for each section directive of TEMPLATE (LEN bytes), in order. */
void klp_asm_for_each_directive(const char *tmpl, size_t len,
				klp_directive_fn fn, void *ctx);

/* What a template holds, counted by directive. */
struct klp_asm_summary {
	unsigned altinstructions;
	unsigned parainstructions;
	unsigned jump_table;
	unsigned klp_arch;
};
void klp_asm_summarise(const char *tmpl, size_t len, struct klp_asm_summary *s);

/*
 * Rename every `.altinstructions` / `.parainstructions` section argument of
 * TEMPLATE to `.klp.arch.OBJECT..altinstructions` / `..parainstructions`,
 * leaving every other byte as it was.  Returns a malloc'd NUL-terminated copy
 * (its length in *OUT_LEN) when something was renamed, NULL when nothing
 * was (or memory ran out, with *OUT_LEN set to (size_t)-1).  *COUNT, if not
 * NULL, receives the number of names changed.
 */
char *klp_asm_rewrite_sections(const char *tmpl, size_t len, const char *object,
			       size_t *out_len, unsigned *count);

#ifdef __cplusplus
}
#endif
#endif
