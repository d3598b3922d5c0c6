// SPDX-License-Identifier: GPL-2.0-or-later
/* dotconfig.c - a kernel's .config and how two differ (see dotconfig.h). */
#include "dotconfig.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define PREFIX "CONFIG_"
#define NOT_SET " is not set"

static int is_name_char(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
	       ch == '_';
}

/* The length of the option name at P ("CONFIG_" and at least one more character), or 0. */
static size_t name_length(const char *p)
{
	size_t n = strlen(PREFIX);

	if (strncmp(p, PREFIX, n) != 0 || !is_name_char(p[n]))
		return 0;
	while (is_name_char(p[n]))
		n++;
	return n;
}

/* Is the value at P, up to its end, one Kconfig writes?  A string must close with its quote. */
static int good_value(const char *p)
{
	if (*p == '"') {
		for (p++; *p && *p != '"'; p++)
			if (*p == '\\' && !*++p)
				return 0;
		return *p == '"' && p[1] == '\0';
	}
	if (!*p)
		return 0;
	for (; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f || *p == '"' || *p == '#')
			return 0;
	return 1;
}

static int set(struct klp_config *c, const char *name, const char *value, unsigned line)
{
	long i = klp_names_find(&c->names, name);
	struct klp_config_opt *grown;

	if (value && strcmp(value, "n") == 0)
		value = NULL;
	if (i >= 0) {
		c->v[i].value = value;
		c->v[i].line = line;
		return 0;
	}
	grown = klp_grow(c->v, &c->cap, c->n + 1, sizeof(*grown));
	if (!grown)
		return -1;
	c->v = grown;
	if (klp_names_add(&c->names, name) != (long)c->n)
		return -1;
	c->v[c->n].name = name;
	c->v[c->n].value = value;
	c->v[c->n].line = line;
	c->n++;
	return 0;
}

/* One line, NUL-terminated in place. */
static int parse_line(struct klp_config *c, char *line, unsigned nr, char *err, size_t len)
{
	char shown[64];
	size_t n;

	if (line[0] == '#') {
		/* "# CONFIG_FOO is not set": off; any other comment: nothing. */
		n = line[1] == ' ' ? name_length(line + 2) : 0;
		if (n && strcmp(line + 2 + n, NOT_SET) == 0) {
			line[2 + n] = '\0';
			return set(c, line + 2, NULL, nr) ? klp_fail(err, len, "%s: out of memory", c->path) : 0;
		}
		return 0;
	}
	if (line[0] == '\0')
		return 0;
	klp_quote_field(shown, sizeof(shown), line, strlen(line));
	n = name_length(line);
	if (!n || line[n] != '=')
		return klp_fail(err, len, "%s:%u: expected \"CONFIG_NAME=VALUE\" or a \"#\" comment, found \"%s\": not a kernel .config",
				c->path, nr, shown);
	if (!good_value(line + n + 1))
		return klp_fail(err, len, "%s:%u: the value of %.*s is neither y, m, a number nor a closed \"...\" string: \"%s\"",
				c->path, nr, (int)n, line, shown);
	line[n] = '\0';
	if (set(c, line, line + n + 1, nr))
		return klp_fail(err, len, "%s: out of memory", c->path);
	return 0;
}

int klp_config_parse(struct klp_config *c, const char *path, char *text, size_t size, char *err,
		     size_t len)
{
	char *line, *nl;
	unsigned nr = 0;

	memset(c, 0, sizeof(*c));
	c->path = path;
	c->buf = text;
	if (memchr(text, '\0', size))
		return klp_fail(err, len, "%s: holds NUL bytes: not a kernel .config", path);
	for (line = text; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		nr++;
		if (!nl)
			nl = line + strlen(line) - 1;
		else
			*nl = '\0';
		if (parse_line(c, line, nr, err, len))
			return -1;
	}
	return 0;
}

int klp_config_load(struct klp_config *c, const char *path, char *err, size_t len)
{
	size_t size;
	char *text;
	int e = klp_read_file(path, &text, &size);

	if (e) {
		memset(c, 0, sizeof(*c));
		c->path = path;
		return klp_fail(err, len, "%s: cannot read: %s", path, strerror(e));
	}
	return klp_config_parse(c, path, text, size, err, len);
}

const char *klp_config_value(const struct klp_config *c, const char *name)
{
	long i = klp_names_find(&c->names, name);

	return i < 0 ? NULL : c->v[i].value;
}

void klp_config_free(struct klp_config *c)
{
	free(c->buf);
	free(c->v);
	klp_names_free(&c->names);
	memset(c, 0, sizeof(*c));
}

static int same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static int cmp_diff(const void *a, const void *b)
{
	return strcmp(((const struct klp_config_diff *)a)->name, ((const struct klp_config_diff *)b)->name);
}

static int add_diff(struct klp_config_diff **out, size_t *n, size_t *cap, const char *name,
		    const char *a, const char *b)
{
	struct klp_config_diff *grown = klp_grow(*out, cap, *n + 1, sizeof(*grown));

	if (!grown)
		return -1;
	*out = grown;
	grown[*n].name = name;
	grown[*n].a = a;
	grown[*n].b = b;
	(*n)++;
	return 0;
}

long klp_config_compare(const struct klp_config *a, const struct klp_config *b,
			struct klp_config_diff **out)
{
	size_t i, n = 0, cap = 0;

	*out = NULL;
	for (i = 0; i < a->n; i++)
		if (!same(a->v[i].value, klp_config_value(b, a->v[i].name)) &&
		    add_diff(out, &n, &cap, a->v[i].name, a->v[i].value,
			     klp_config_value(b, a->v[i].name)))
			goto oom;
	/* B's options that A never mentions: off in A. */
	for (i = 0; i < b->n; i++)
		if (klp_names_find(&a->names, b->v[i].name) < 0 && b->v[i].value &&
		    add_diff(out, &n, &cap, b->v[i].name, NULL, b->v[i].value))
			goto oom;
	if (n > 1)
		qsort(*out, n, sizeof(**out), cmp_diff);
	return (long)n;
oom:
	free(*out);
	*out = NULL;
	return -1;
}
