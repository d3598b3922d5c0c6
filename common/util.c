// SPDX-License-Identifier: GPL-2.0-or-later
/* util.c - whole files and growing arrays (see util.h). */
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int klp_read_file(const char *path, char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 0, used = 0;
	char *buf = NULL;
	int err = 0;

	struct stat st;

	if (!f)
		return errno;
	/* A regular file's size is known: one allocation, no copying as it grows. */
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uint64_t)st.st_size < SIZE_MAX / 2) {
		buf = klp_grow(NULL, &cap, (size_t)st.st_size + 2, 1);
		if (!buf) {
			fclose(f);
			return ENOMEM;
		}
	}
	for (;;) {
		size_t n;

		/* Always room for the final NUL. */
		if (cap - used < 2) {
			char *grown = klp_grow(buf, &cap, cap ? 2 * cap : 1 << 16, 1);

			if (!grown) {
				err = ENOMEM;
				break;
			}
			buf = grown;
		}
		n = fread(buf + used, 1, cap - used - 1, f);
		used += n;
		if (n == 0) {
			if (ferror(f))
				err = errno ? errno : EIO;
			break;
		}
	}
	fclose(f);
	if (err) {
		free(buf);
		return err;
	}
	buf[used] = '\0';
	*data = buf;
	*len = used;
	return 0;
}

void *klp_grow(void *array, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap;
	void *grown;

	if (need <= n)
		return array;
	if (n < 8)
		n = 8;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return NULL;
		n *= 2;
	}
	if (size && n > SIZE_MAX / size)
		return NULL;
	grown = realloc(array, n * size);
	if (!grown)
		return NULL;
	*cap = n;
	return grown;
}

void klp_write_quoted(FILE *out, const char *s, const char *byte_format)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(out, byte_format, c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

int klp_is_identifier(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (i = 0; i < len; i++) {
		char ch = s[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '_'))
			return 0;
	}
	return 1;
}

void klp_quote_field(char *buf, size_t size, const char *s, size_t len)
{
	size_t shown = len > 40 ? 40 : len, i, o = 0;

	for (i = 0; i < shown && o + 5 < size; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch >= 0x20 && ch < 0x7f)
			buf[o++] = (char)ch;
		else
			o += (size_t)snprintf(buf + o, size - o, "\\x%02x", ch);
	}
	if (shown < len && o + 4 < size)
		o += (size_t)snprintf(buf + o, size - o, "...");
	buf[o < size ? o : size - 1] = '\0';
}

int klp_fail(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -1;
}
