/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tables.h - what a unit's klp_object tables say about functions other
 * units define: the file the plugin writes when it scans a unit
 * (-fplugin-arg-klp_tag-write-tables=FILE, with -fsyntax-only) and reads
 * back while compiling the module's other units (tables=FILE), so that a
 * replacement gets its object from a table in another file of the module.
 *
 * Text, one record a line, fields separated by one space:
 *
 *   klp-tag-tables 1                      first line: format and version
 *   table FUNCTION OBJECT LINE FILE       a .new_func the unit declares but
 *                                         does not define, named by the
 *                                         table for OBJECT at FILE:LINE
 *                                         (FILE: the rest of the line)
 *   defines FUNCTION                      a function with external linkage
 *                                         the unit defines
 *   # ...                                 a comment (after the first line)
 *
 * FUNCTION is a C identifier; OBJECT is spelled as the kernel compares it
 * (objname.h, klp_objname_check_exact).  Files of several units may be
 * concatenated; the format line may then recur.  A reader that meets
 * anything else reports the line.
 */
#ifndef KLP_TABLES_H
#define KLP_TABLES_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KLP_TABLES_FORMAT "klp-tag-tables 1"
#define KLP_TABLES_WHY 512

struct klp_tables_callbacks {
	/*
	 * A table line (may be NULL: checked, then ignored); strings are
	 * NUL-terminated copies valid during the call.  Nonzero stops.
	 */
	int (*table)(void *ctx, const char *function, const char *object, unsigned table_line,
		     const char *table_file, unsigned line);
	/* A defines line (may be NULL: ignored).  Nonzero stops. */
	int (*defines)(void *ctx, const char *function, unsigned line);
	/* A malformed line; parsing goes on with the next one. */
	void (*error)(void *ctx, unsigned line, const char *why);
};

/*
 * Parse LEN bytes of table-file text.  Returns the number of malformed
 * lines, or -1 when a callback asked to stop (or memory ran out, after an
 * error callback saying so).
 */
int klp_tables_parse(const char *text, size_t len, const struct klp_tables_callbacks *cb,
		     void *ctx);

/* Write the records, as the parser reads them. */
void klp_tables_write_format(FILE *out);
void klp_tables_write_table(FILE *out, const char *function, const char *object,
			    unsigned table_line, const char *table_file);
void klp_tables_write_defines(FILE *out, const char *function);

#ifdef __cplusplus
}
#endif
#endif
