// SPDX-License-Identifier: GPL-2.0-or-later
/* symvers.c - read Module.symvers (see symvers.h). */
#include "symvers.h"
#include "util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Cut LINE at its tabs into at most MAX fields; returns how many there are. */
static size_t split_fields(char *line, char **field, size_t max)
{
	size_t n = 0;

	field[n++] = line;
	for (; *line && n < max; line++)
		if (*line == '\t') {
			*line = '\0';
			field[n++] = line + 1;
		}
	return strchr(field[n - 1], '\t') ? max + 1 : n;
}

/* modpost's read_dump(): a hexadecimal CRC, with or without 0x. */
static int parse_crc(const char *s, uint32_t *crc)
{
	uint64_t v = 0;
	size_t n = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (; isxdigit((unsigned char)s[n]); n++)
		v = v << 4 | (uint64_t)(isdigit((unsigned char)s[n]) ? s[n] - '0' :
					tolower((unsigned char)s[n]) - 'a' + 10);
	if (n == 0 || n > 8 || s[n])
		return -1;
	*crc = (uint32_t)v;
	return 0;
}

/* The object of an exporting module: its file name, as KBUILD_MODNAME spells it. */
static int object_of(const char *module, char out[KLP_OBJNAME_MAX + 1])
{
	const char *base = strrchr(module, '/');
	char why[KLP_OBJNAME_WHY];

	base = base ? base + 1 : module;
	return klp_objname_normalise(base, strlen(base), out, why);
}

static int parse_line(struct klp_symvers *s, char *line, unsigned lineno, char *err, size_t len)
{
	char *f[5];
	size_t n = split_fields(line, f, 5);
	struct klp_export e = { .line = lineno };
	struct klp_export *grown;
	long id;

	if (n < 4 || n > 5)
		return klp_fail(err, len, "%s:%u: %zu tab-separated fields, expected 4 or 5 (CRC, symbol, module, export type, namespace)",
				s->path, lineno, n > 5 ? (size_t)6 : n);
	if (parse_crc(f[0], &e.crc))
		return klp_fail(err, len, "%s:%u: CRC '%.20s' is not a hexadecimal number of at most 8 digits",
				s->path, lineno, f[0]);
	if (!f[1][0] || !f[2][0])
		return klp_fail(err, len, "%s:%u: empty %s field", s->path, lineno,
				f[1][0] ? "module" : "symbol");
	if (strncmp(f[3], "EXPORT_", 7) != 0)
		return klp_fail(err, len, "%s:%u: export type '%.40s' is not EXPORT_SYMBOL, EXPORT_SYMBOL_GPL or another EXPORT_ kind",
				s->path, lineno, f[3]);
	e.name = f[1];
	e.module = f[2];
	e.type = f[3];
	e.ns = n == 5 ? f[4] : "";
	if (strcmp(e.module, "vmlinux") == 0)
		strcpy(e.object, "vmlinux");
	else if (object_of(e.module, e.object))
		return klp_fail(err, len, "%s:%u: module '%.80s' has a file name no module can have",
				s->path, lineno, e.module);
	id = klp_names_add(&s->names, e.name);
	if (id < 0)
		return klp_fail(err, len, "%s: out of memory", s->path);
	/* A name exported twice (modpost refuses that): the first line counts. */
	if ((size_t)id < s->n)
		return 0;
	grown = klp_grow(s->v, &s->cap, s->n + 1, sizeof(*grown));
	if (!grown)
		return klp_fail(err, len, "%s: out of memory", s->path);
	s->v = grown;
	s->v[s->n++] = e;
	if (strcmp(e.object, "vmlinux") == 0)
		s->nvmlinux++;
	return 0;
}

int klp_symvers_load(struct klp_symvers *s, const char *path, char *err, size_t len)
{
	char *line, *nl;
	unsigned lineno = 0;
	size_t size;
	int e;

	memset(s, 0, sizeof(*s));
	s->path = path;
	e = klp_read_file(path, &s->buf, &size);
	if (e)
		return klp_fail(err, len, "%s: cannot read: %s", path, strerror(e));
	if (memchr(s->buf, '\0', size))
		return klp_fail(err, len, "%s: holds NUL bytes: not a Module.symvers", path);
	for (line = s->buf; *line; line = nl + 1) {
		lineno++;
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		else
			nl = line + strlen(line) - 1;
		if (parse_line(s, line, lineno, err, len))
			return -1;
	}
	return 0;
}

const struct klp_export *klp_symvers_find(const struct klp_symvers *s, const char *name)
{
	long id = klp_names_find(&s->names, name);

	return id < 0 ? NULL : &s->v[id];
}

void klp_symvers_free(struct klp_symvers *s)
{
	free(s->buf);
	free(s->v);
	klp_names_free(&s->names);
	memset(s, 0, sizeof(*s));
}
