// SPDX-License-Identifier: GPL-2.0-or-later
/* sysmap.c - vmlinux's symbols from System.map or /proc/kallsyms (see sysmap.h). */
#include "sysmap.h"
#include "kernel_abi.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KSYMTAB_PREFIX "__ksymtab_"
/* Debian ships this line in /boot/System.map-*, the real map in the -dbg package. */
#define PLACEHOLDER "The real System.map is in the linux-image-"


const char *klp_sysmap_release_of(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	if (strncmp(base, "System.map-", 11) != 0 || !base[11])
		return NULL;
	return base + 11;
}

static int placeholder(const struct klp_sysmap *m, const char *release, char *err, size_t len)
{
	const char *r = release ? release : klp_sysmap_release_of(m->path);

	if (!r)
		r = "RELEASE";
	return klp_fail(err, len,
			"%s: this is Debian's placeholder (\"%s<version>-dbg package\"), not a symbol map: the real map is ./usr/lib/debug/boot/System.map-%s in the package linux-image-%s-dbg; extract it without installing that package: apt-get download linux-image-%s-dbg && dpkg-deb --fsys-tarfile linux-image-%s-dbg_*.deb | tar -x --occurrence=1 ./usr/lib/debug/boot/System.map-%s",
			m->path, PLACEHOLDER, r, r, r, r, r);
}

/* The printable form of the start of a bad line, for a message. */
static const char *excerpt(const char *line, char buf[48])
{
	size_t i;

	for (i = 0; i < 40 && line[i] && line[i] != '\n'; i++)
		buf[i] = isprint((unsigned char)line[i]) ? line[i] : '?';
	strcpy(buf + i, line[i] && line[i] != '\n' ? "..." : "");
	return buf;
}

/* Without the C library's locale lookups: every line has an address. */
static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * One line, NUL-terminated in place: "ADDRESS TYPE NAME" or a dump's
 * "ADDRESS TYPE NAME\t[MODULE]".  Returns 1 for a vmlinux symbol (*S
 * set), 0 for a module's, -1 with ERR set.
 */
static int parse_line(struct klp_sysmap *m, char *line, struct klp_ksym *s, char *err,
		      size_t len)
{
	char *p = line, *end, ex[48];
	int d;

	s->addr = 0;
	for (end = p; (d = hex_digit(*end)) >= 0; end++)
		s->addr = s->addr << 4 | (uint64_t)d;
	if (end == p || end - p > 16 || end[0] != ' ' || !isgraph((unsigned char)end[1]) ||
	    end[2] != ' ' || !isgraph((unsigned char)end[3]))
		return strstr(line, PLACEHOLDER) ? -2 : klp_fail(err, len, "%s:%u: expected \"ADDRESS TYPE NAME\" (nm -n or /proc/kallsyms), found \"%s\"",
				m->path, m->nlines, excerpt(line, ex));
	s->type = end[1];
	s->name = p = end + 3;
	while ((unsigned char)*p > ' ' && (unsigned char)*p < 0x7f)
		p++;
	if (*p == '\0')
		return 1;
	if (*p == '\t' && p[1] == '[' && p[2] && p[strlen(p) - 1] == ']') {
		*p = '\0';
		m->kallsyms_dump = 1;
		return 0;
	}
	if (strstr(line, PLACEHOLDER))
		return -2;
	return klp_fail(err, len, "%s:%u: unexpected text after the symbol name in \"%s\"", m->path,
			m->nlines, excerpt(line, ex));
}

static int add_symbol(struct klp_sysmap *m, const struct klp_ksym *s)
{
	struct klp_ksym *grown;

	if (strncmp(s->name, KSYMTAB_PREFIX, strlen(KSYMTAB_PREFIX)) == 0 &&
	    s->name[strlen(KSYMTAB_PREFIX)] &&
	    klp_names_add(&m->exports, s->name + strlen(KSYMTAB_PREFIX)) < 0)
		return -1;
	grown = klp_grow(m->syms, &m->cap, m->nsyms + 1, sizeof(*grown));
	if (!grown)
		return -1;
	m->syms = grown;
	m->syms[m->nsyms++] = *s;
	return 0;
}

static int cmp_kallsyms(const void *a, const void *b)
{
	const struct klp_ksym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	if (klp_kallsyms_weak(x->type) != klp_kallsyms_weak(y->type))
		return klp_kallsyms_weak(x->type) ? 1 : -1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/*
 * Weak symbols after the others in a run of one address: a stable
 * partition, so nm's order stays within each part.
 */
static int weak_last(struct klp_ksym *run, size_t n)
{
	struct klp_ksym *tmp;
	size_t i, k = 0;

	for (i = 0; i < n && !klp_kallsyms_weak(run[i].type); i++)
		;
	if (i == n)
		return 0;
	tmp = malloc(n * sizeof(*tmp));
	if (!tmp)
		return -1;
	for (i = 0; i < n; i++)
		if (!klp_kallsyms_weak(run[i].type))
			tmp[k++] = run[i];
	for (i = 0; i < n; i++)
		if (klp_kallsyms_weak(run[i].type))
			tmp[k++] = run[i];
	memcpy(run, tmp, n * sizeof(*tmp));
	free(tmp);
	return 0;
}

/*
 * scripts/kallsyms sorts nm -n output by address, weak last, else keeping
 * nm's order.  System.map is nm -n already: only runs of one address need
 * their weak symbols moved.
 */
static int kallsyms_order(struct klp_sysmap *m)
{
	size_t i, start = 0;

	if (m->kallsyms_dump)
		return 0;
	for (i = 1; i < m->nsyms; i++)
		if (m->syms[i - 1].addr > m->syms[i].addr)
			break;
	if (i < m->nsyms) {
		qsort(m->syms, m->nsyms, sizeof(*m->syms), cmp_kallsyms);
		return 0;
	}
	for (i = 1; i <= m->nsyms; i++) {
		if (i < m->nsyms && m->syms[i].addr == m->syms[start].addr)
			continue;
		if (i - start > 1 && weak_last(m->syms + start, i - start))
			return -1;
		start = i;
	}
	return 0;
}

static const char *name_of(const void *ctx, size_t i)
{
	return ((const struct klp_sysmap *)ctx)->syms[i].name;
}

static int read_lines(struct klp_sysmap *m, long v, const char *release, char *err, size_t len)
{
	char *line = m->buf, *nl;
	int zero = 1, r;

	for (; *line; line = nl + 1) {
		struct klp_ksym s;

		m->nlines++;
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line) - 1;
		else
			*nl = '\0';
		r = parse_line(m, line, &s, err, len);
		if (r == -2)
			return placeholder(m, release, err, len);
		if (r < 0)
			return -1;
		s.line = m->nlines;
		if (r == 1 && s.addr)
			zero = 0;
		if (r == 1 && klp_kallsyms_keeps(v, s.type, s.name) && add_symbol(m, &s))
			return klp_fail(err, len, "%s: out of memory", m->path);
	}
	if (!m->nsyms)
		return klp_fail(err, len, "%s: no vmlinux symbol in it", m->path);
	if (zero)
		return klp_fail(err, len, "%s: every address is 0: /proc/kallsyms hides addresses from readers without CAP_SYSLOG (kptr_restrict); dump it as root",
				m->path);
	return 0;
}

int klp_sysmap_load(struct klp_sysmap *m, const char *path, long v, const char *release,
		    char *err, size_t len)
{
	size_t size;
	char *text;
	int e;

	e = klp_read_file(path, &text, &size);
	if (e) {
		memset(m, 0, sizeof(*m));
		m->path = path;
		return klp_fail(err, len, "%s: cannot read: %s", path, strerror(e));
	}
	return klp_sysmap_load_text(m, path, text, size, v, release, err, len);
}

int klp_sysmap_load_text(struct klp_sysmap *m, const char *path, char *text, size_t size, long v,
			 const char *release, char *err, size_t len)
{
	memset(m, 0, sizeof(*m));
	m->path = path;
	m->buf = text;
	if (memchr(m->buf, '\0', size))
		return klp_fail(err, len, "%s: holds NUL bytes: not a System.map or /proc/kallsyms dump",
				path);
	if (read_lines(m, v, release, err, len))
		return -1;
	if (kallsyms_order(m) || klp_name_groups_build(&m->byname, m->nsyms, name_of, m))
		return klp_fail(err, len, "%s: out of memory", path);
	return 0;
}

size_t klp_sysmap_find(const struct klp_sysmap *m, const char *name, const size_t **idx)
{
	return klp_name_groups_find(&m->byname, name, idx);
}

void klp_sysmap_free(struct klp_sysmap *m)
{
	free(m->buf);
	free(m->syms);
	klp_name_groups_free(&m->byname);
	klp_names_free(&m->exports);
	memset(m, 0, sizeof(*m));
}
