/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * util.h - the small helpers every part of klp-tag needs, written once:
 * reading a whole file and growing an array.  Both return errors; what to
 * do about one is the caller's business (library code never exits).
 */
#ifndef KLP_UTIL_H
#define KLP_UTIL_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Read the whole file PATH into a malloc'd buffer (*DATA, *LEN bytes, plus a
 * NUL after them that *LEN does not count).  Returns 0, or an errno value
 * (ENOMEM when memory ran out) with nothing allocated.
 */
int klp_read_file(const char *path, char **data, size_t *len);

/*
 * Room for at least NEED elements of SIZE bytes in ARRAY, whose capacity is
 * *CAP elements: the array itself when it has room, else a reallocated one
 * with about twice the room, *CAP updated.  NULL when memory ran out (or the
 * size would overflow); ARRAY and *CAP are then unchanged and still valid.
 */
void *klp_grow(void *array, size_t *cap, size_t need, size_t size);

/*
 * Format an error message into ERR (LEN bytes, always terminated) and
 * return -1, so that a reader can say `return klp_fail(err, len, ...)`.
 */
int klp_fail(char *err, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Is S (LEN bytes) a C identifier? */
int klp_is_identifier(const char *s, size_t len);

/*
 * S (LEN bytes, any bytes) for a one-line diagnostic in BUF: at most 40
 * bytes shown, others as \xNN, "..." when cut.
 */
void klp_quote_field(char *buf, size_t size, const char *s, size_t len);

/*
 * Write S between double quotes for a reader that takes backslash escapes
 * (the assembler's .string, JSON): '"' and '\\' get a backslash, every byte
 * outside printable ASCII is written with BYTE_FORMAT ("\\%03o", "\\u%04x").
 */
void klp_write_quoted(FILE *out, const char *s, const char *byte_format);

#ifdef __cplusplus
}
#endif
#endif
