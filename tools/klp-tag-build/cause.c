// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cause.c - why an original compile may differ from the running kernel's:
 * each thing that decides the code, compared where the inputs allow it
 * (see verify.h).
 *   release   vmlinux's linux_banner or the module's vermagic, against the
 *             prepared tree's kernel release;
 *   compiler  the binary's .comment (GCC writes "GCC: (VERSION)" into
 *             every object, the link keeps each distinct string) against
 *             the object's;
 *   config    the prepared tree's .config against the target's;
 *   options   DW_AT_producer of the file's compile unit in a debug vmlinux
 *             (GCC records its code-generation options there) against the
 *             object's own, or against the compile command.
 */
#include "verify_int.h"
#include "dotconfig.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHOWN_OPTIONS 3
#define SHOWN_FLAGS 6

struct text {
	char *buf;
	size_t len, used;
	unsigned n;		/* causes written */
};

static void add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->used >= t->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->buf + t->used, t->len - t->used, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->used += (size_t)n;
}

/* Start the next cause. */
static void cause(struct text *t)
{
	if (t->n++)
		add(t, "; ");
}

/* The I-th string of F's .comment (NUL-separated), or NULL. */
static const char *comment(const struct ef_file *f, size_t i)
{
	const struct ef_sec *s = ef_section_named(f, ".comment");
	size_t off = 0;

	if (!s || !s->data || s->data[s->size - 1] != '\0')
		return NULL;
	while (off < s->size) {
		const char *str = (const char *)s->data + off;

		if (*str && i-- == 0)
			return str;
		off += strlen(str) + 1;
	}
	return NULL;
}

static bool has_comment(const struct ef_file *f, const char *want)
{
	const char *s;
	size_t i;

	for (i = 0; (s = comment(f, i)); i++)
		if (strcmp(s, want) == 0)
			return true;
	return false;
}

static bool compiler(const struct kv_target *t, const struct kv_compile *c,
		     const struct ef_file *obj, struct text *out)
{
	const char *ours = comment(obj, 0), *theirs = comment(kv_elf(t), 0);
	char lab[64];

	if (!ours || !theirs)
		return false;
	if (has_comment(kv_elf(t), ours))
		return true;
	cause(out);
	add(out, "the compiler differs: %s was built by '%s', this compile used '%s'",
	    kv_label(t, lab, sizeof(lab)), theirs, c->compiler ? c->compiler : ours);
	return false;
}

static const char *shown(const char *v)
{
	return v ? v : "not set";
}

static bool configuration(const struct kv_compile *c, struct text *out)
{
	struct klp_config a, b;
	struct klp_config_diff *d = NULL;
	char err[512];
	long n = -2, i;

	if (!c->config || !c->target_config)
		return false;
	memset(&b, 0, sizeof(b));
	if (klp_config_load(&a, c->config, err, sizeof(err)) == 0 &&
	    klp_config_load(&b, c->target_config, err, sizeof(err)) == 0)
		n = klp_config_compare(&a, &b, &d);
	if (n == -2) {
		cause(out);
		add(out, "the configurations could not be compared (%s)", err);
	} else if (n == -1) {
		cause(out);
		add(out, "the configurations could not be compared (out of memory)");
	} else if (n > 0) {
		cause(out);
		add(out, "the configuration differs from %s:", c->target_config);
		for (i = 0; i < n && i < SHOWN_OPTIONS; i++)
			add(out, "%s %s is %s in the prepared tree, %s there", i ? "," : "", d[i].name,
			    shown(d[i].a), shown(d[i].b));
		if (n > SHOWN_OPTIONS)
			add(out, ", and %ld more", n - SHOWN_OPTIONS);
	}
	free(d);
	klp_config_free(&a);
	klp_config_free(&b);
	return n == 0;
}

/* The options of a producer string: its words that start with '-'. */
static size_t words(const char *s, const char **w, size_t *wl, size_t max)
{
	size_t n = 0;

	while (*s && n < max) {
		size_t l;

		while (*s == ' ')
			s++;
		l = strcspn(s, " ");
		if (l && s[0] == '-') {
			w[n] = s;
			wl[n++] = l;
		}
		s += l;
	}
	return n;
}

/* Does GCC record option W (LEN bytes) of a command line in DW_AT_producer? */
static bool recorded(const char *w, size_t len)
{
	static const char *const not_recorded[] = {
		"-fdebug-prefix-map=", "-ffile-prefix-map=", "-fmacro-prefix-map=", "-fplugin",
		"-fdiagnostics", "-fno-diagnostics", "-fdump-", "-fmessage-length",
	};
	size_t i;

	if (len < 2 || !(w[1] == 'O' || w[1] == 'f' || w[1] == 'm' || w[1] == 'g' ||
			 strncmp(w, "-std=", 5) == 0 || strncmp(w, "--param", 7) == 0))
		return false;
	for (i = 0; i < sizeof(not_recorded) / sizeof(not_recorded[0]); i++)
		if (strncmp(w, not_recorded[i], strlen(not_recorded[i])) == 0)
			return false;
	return true;
}

#define MAX_WORDS 512

/* The words of A that B lacks (as a multiset, in A's order), written to OUT. */
static size_t missing(const char **a, const size_t *al, size_t na, const char **b,
		      const size_t *bl, size_t nb, struct text *out)
{
	bool used[MAX_WORDS] = { false };
	size_t i, j, n = 0;

	for (i = 0; i < na; i++) {
		for (j = 0; j < nb; j++)
			if (!used[j] && al[i] == bl[j] && memcmp(a[i], b[j], al[i]) == 0)
				break;
		if (j < nb) {
			used[j] = true;
			continue;
		}
		if (n < SHOWN_FLAGS)
			add(out, "%s%.*s", n ? " " : "", (int)al[i], a[i]);
		else if (n == SHOWN_FLAGS)
			add(out, " ...");
		n++;
	}
	return n;
}

static const char *producer_of(const struct ef_file *f, const char *source, char err[KD_ERRLEN])
{
	struct kd_sections d;
	struct kd_unit u;

	kv_dwarf_of(f, &d);
	if (!d.info)
		return NULL;
	if (f->type == ET_REL) {
		uint64_t off = 0;

		/* An object has its file's unit first. */
		return kd_next_unit(&d, &off, &u, err) == 1 ? u.producer : NULL;
	}
	return kd_find_unit(&d, source, &u, err) == 1 ? u.producer : NULL;
}

/* 1: the options agree, 0: they differ (said), -1: nothing to compare with. */
static int options(const struct kv_target *t, const struct kv_compile *c,
		   const struct ef_file *obj, struct text *out)
{
	const char *kw[MAX_WORDS], *ow[MAX_WORDS], *kernel, *ours;
	size_t kl[MAX_WORDS] = { 0 }, ol[MAX_WORDS] = { 0 }, nk, no = 0, i, adds, lacks = 0;
	char err[KD_ERRLEN], lab[64], scratch[400];
	struct text probe = { scratch, sizeof(scratch), 0, 0 };

	if (t->is_module)
		return -1;
	kernel = producer_of(kv_elf(t), c->source, err);
	if (!kernel)
		return -1;
	nk = words(kernel, kw, kl, MAX_WORDS);
	ours = producer_of(obj, c->source, err);
	if (ours) {
		no = words(ours, ow, ol, MAX_WORDS);
	} else if (c->argv) {
		for (i = 0; i < c->argc && no < MAX_WORDS; i++)
			if (recorded(c->argv[i], strlen(c->argv[i]))) {
				ow[no] = c->argv[i];
				ol[no++] = strlen(c->argv[i]);
			}
	} else {
		return -1;
	}
	/* A command line lacks what the driver adds (-march=...): only its extras count. */
	adds = missing(ow, ol, no, kw, kl, nk, &probe);
	if (ours)
		lacks = missing(kw, kl, nk, ow, ol, no, &probe);
	if (!adds && !lacks)
		return 1;
	cause(out);
	add(out, "the compiler options differ from those %s's DW_AT_producer records for %s: this compile",
	    kv_label(t, lab, sizeof(lab)), c->source);
	if (adds) {
		add(out, " adds ");
		missing(ow, ol, no, kw, kl, nk, out);
	}
	if (lacks) {
		add(out, "%s lacks ", adds ? " and" : "");
		missing(kw, kl, nk, ow, ol, no, out);
	}
	return 0;
}

static bool release(const struct kv_target *t, const struct kv_compile *c, struct text *out)
{
	char lab[64];

	if (!c->release || !t->release[0])
		return false;
	if (strcmp(c->release, t->release) == 0)
		return true;
	cause(out);
	add(out, "%s is of release %s (its %s), the prepared tree of %s: give the running kernel's own %s",
	    kv_label(t, lab, sizeof(lab)), t->release, t->is_module ? "vermagic" : "linux_banner",
	    c->release, t->is_module ? "module" : "vmlinux");
	return false;
}

void kv_likely_cause(const struct kv_target *t, const struct kv_compile *c,
		     const struct ef_file *obj, char *buf, size_t len)
{
	struct text out = { buf, len, 0, 0 };
	bool same_release, same_compiler, same_config;
	const char *agreed[4];
	int same_options;
	size_t i, n;
	char lab[64];

	buf[0] = '\0';
	same_release = release(t, c, &out);
	same_compiler = compiler(t, c, obj, &out);
	same_config = configuration(c, &out);
	same_options = options(t, c, obj, &out);
	if (out.n)
		return;
	kv_label(t, lab, sizeof(lab));
	add(&out, "no cause found: ");
	n = 0;
	if (same_release)
		agreed[n++] = "the release";
	if (same_compiler)
		agreed[n++] = "the compiler";
	if (same_config)
		agreed[n++] = "the configuration";
	if (same_options == 1)
		agreed[n++] = "the compiler options";
	for (i = 0; i < n; i++)
		add(&out, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ", agreed[i]);
	if (n)
		add(&out, " agree%s with %s's%s", n == 1 ? "s" : "", lab,
		    same_options == 1 ? ", so " : "; ");
	if (same_options == 1)
		add(&out, "the source of %s likely differs from the one the running kernel was built from",
		    c->source);
	else
		add(&out, "%s records no compiler options of %s (DW_AT_producer), so its source or its compile options likely differ from the running kernel's",
		    lab, c->source);
}
