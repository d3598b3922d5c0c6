/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dotconfig.h - a kernel's .config, as Kconfig writes it, and the options
 * in which two of them differ.
 *
 * Lines are "CONFIG_NAME=VALUE" (y, m, a number, or a "..." string with
 * \" and \\ escapes), "# CONFIG_NAME is not set", other "#" comments and
 * blank lines; anything else is refused with its file and line.  An
 * option given twice takes its last value, as Kconfig does.  For the
 * comparison an option that is not set, set to n, or absent is the same:
 * Kconfig writes any of them for an option that is off.
 *
 * Plain C; errors are returned as one sentence naming the file and line.
 */
#ifndef KLP_DOTCONFIG_H
#define KLP_DOTCONFIG_H

#include <stddef.h>

#include "namehash.h"

#ifdef __cplusplus
extern "C" {
#endif

struct klp_config_opt {
	const char *name;	/* "CONFIG_FOO" */
	const char *value;	/* "y", "m", "42", "\"text\"" (as written); NULL when off */
	unsigned line;		/* of its last setting, from 1 */
};

struct klp_config {
	const char *path;
	char *buf;			/* the file, NULs written in */
	struct klp_config_opt *v;	/* one per option, in order of first appearance */
	size_t n, cap;
	struct klp_names names;		/* name -> index into v */
};

/* Read PATH.  Returns 0, or -1 with ERR (LEN bytes) starting "PATH:" or "PATH:LINE:". */
int klp_config_load(struct klp_config *c, const char *path, char *err, size_t len);
/*
 * The same for SIZE bytes already in memory: TEXT (malloc'd, a NUL after
 * SIZE bytes) becomes C's, freed by klp_config_free() whatever the outcome.
 */
int klp_config_parse(struct klp_config *c, const char *path, char *text, size_t size, char *err,
		     size_t len);
/* The value of option NAME ("CONFIG_FOO"), NULL when it is off or absent. */
const char *klp_config_value(const struct klp_config *c, const char *name);
void klp_config_free(struct klp_config *c);

/* One option in which two configurations differ. */
struct klp_config_diff {
	const char *name;
	const char *a, *b;	/* the values, NULL when off */
};

/*
 * The options whose values differ between A and B, sorted by name, into a
 * malloc'd array (*OUT, free() it).  Returns their number, or -1 when
 * memory ran out (*OUT is then NULL).
 */
long klp_config_compare(const struct klp_config *a, const struct klp_config *b,
			struct klp_config_diff **out);

#ifdef __cplusplus
}
#endif
#endif
