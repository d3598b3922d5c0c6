// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * report.c - NAME/report, the module's account for its reviewer
 * (docs/klp-tag-build.md, "The report"): one record a line, fields
 * separated by one space, each kind's lines sorted, so two builds of one
 * patch give the same report and a diff of two reports shows what
 * changed.
 *
 *     klp-tag-build-report 1
 *     module NAME
 *     kernel RELEASE
 *     tree DIR prepared SECONDS | tree DIR reused
 *     patch PATH
 *     file PATH OBJECT verified BINARY SHA256 | file PATH OBJECT unverified WHY...
 *     compile patched replayed | compile patched make WHY...
 *     replace SYMBOL OBJECT REASON [sympos=N] [because=C1,C2]
 *     carry CNAME PATH           (a function whose body the module holds)
 *     data DECL PATH
 *     extern DECL SYMBOL OBJECT POSITION function|variable
 *     command MAKE COMMAND...
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tb.h"
#include "util.h"

struct lines {
	char **v;
	size_t n, cap;
};

static int add(struct lines *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int add(struct lines *l, const char *fmt, ...)
{
	va_list ap;
	char **v = klp_grow(l->v, &l->cap, l->n + 1, sizeof(*v));
	int r;

	if (!v)
		return -1;
	l->v = v;
	va_start(ap, fmt);
	r = vasprintf(&v[l->n], fmt, ap);
	va_end(ap);
	if (r < 0)
		return -1;
	l->n++;
	return 0;
}

static int line_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Write L's lines sorted to F (NULL: only free them). */
static void put_sorted(FILE *f, struct lines *l)
{
	if (l->n)
		qsort(l->v, l->n, sizeof(*l->v), line_cmp);
	for (size_t i = 0; i < l->n; i++) {
		if (f)
			fprintf(f, "%s\n", l->v[i]);
		free(l->v[i]);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/*
 * Does the module's object of U define function CNAME?  A carried
 * function is usually inlined into the kept ones; the report names those
 * whose body the module really holds.  Before the build, none.
 */
static bool module_defines(const struct ef_file *obj, const char *cname)
{
	for (size_t i = 1; obj && i < obj->nsyms; i++) {
		const struct ef_sym *s = &obj->syms[i];
		size_t n = strlen(cname);

		if (GELF_ST_TYPE(s->s.st_info) == STT_FUNC && ef_sym_defined(obj, s) &&
		    !strncmp(s->name, cname, n) && (!s->name[n] || s->name[n] == '.'))
			return true;
	}
	return false;
}

static int unit_lines(const struct tb_unit *u, const struct tb_module *m, struct lines *rep,
		      struct lines *carry, struct lines *data, struct lines *ext)
{
	const char *path = u->file->path;
	struct ef_file obj;
	bool have_obj = false;
	char base[512], *objpath;
	char eerr[EF_ERRLEN];

	tb_path_name(path, "klp-", '-', base, sizeof(base));
	if (asprintf(&objpath, "%s/%s.o", m->dir, base) >= 0) {
		have_obj = !ef_open_as(&obj, objpath, EF_RELOCATABLE, eerr);
		free(objpath);
	}

	for (size_t i = 0; i < u->nfuncs; i++) {
		const struct tb_func *fn = &u->funcs[i];
		char pos[32] = "";

		if (fn->sympos)
			snprintf(pos, sizeof(pos), " sympos=%lu", fn->sympos);
		if (add(rep, "replace %s %s %s%s%s%s", fn->symbol, u->file->object,
			tb_reason_name(fn->reason), pos, fn->because ? " because=" : "",
			fn->because ? fn->because : ""))
			goto fail;
	}
	for (size_t i = 0; i < u->extract.n; i++) {
		const struct klp_extract_line *l = &u->extract.lines[i];
		char decl[512];

		klp_extract_decl_text(decl, sizeof(decl), &l->decl);
		if (l->kind == KLP_EXTRACT_CARRY && module_defines(have_obj ? &obj : NULL, decl) &&
		    add(carry, "carry %s %s", decl, path))
			goto fail;
		if (l->kind == KLP_EXTRACT_DATA && add(data, "data %s %s", decl, path))
			goto fail;
	}
	if (have_obj)
		ef_close(&obj);
	for (size_t i = 0; i < u->nexterns; i++) {
		const struct tb_extern *e = &u->externs[i];

		if (add(ext, "extern %s %s %s %lu %s", e->decl, e->symbol, e->object, e->position,
			e->is_func ? "function" : "variable"))
			return -1;
	}
	return 0;
fail:
	if (have_obj)
		ef_close(&obj);
	return -1;
}

int tb_report(const struct tb_options *o, const struct tb_target *t, const struct tb_tree *tree,
	      const struct tb_patchset *p, const struct tb_proofs *pr, const struct tb_plan *plan,
	      const struct tb_module *m, char *err, size_t len)
{
	struct lines rep = { 0 }, carry = { 0 }, data = { 0 }, ext = { 0 };
	char *path = tb_path(m->dir, "report");
	char *text = NULL;
	size_t n = 0;
	FILE *f;
	int r = -1;

	if (!path)
		return klp_fail(err, len, "out of memory");
	f = open_memstream(&text, &n);
	if (!f) {
		free(path);
		return klp_fail(err, len, "out of memory");
	}
	fprintf(f, "klp-tag-build-report 1\nmodule %s\nkernel %s\n", m->name, t->release);
	if (tree->reused)
		fprintf(f, "tree %s reused\n", tree->dir);
	else
		fprintf(f, "tree %s prepared %.1f\n", tree->dir, tree->prepare_seconds);
	for (size_t i = 0; i < o->npatches; i++)
		fprintf(f, "patch %s\n", o->patches[i]);
	for (size_t i = 0; i < pr->n; i++) {
		const struct tb_proof *v = &pr->v[i];

		if (v->verified)
			fprintf(f, "file %s %s verified %s %s\n", v->file->path, v->file->object,
				v->binary, v->sha256);
		else
			fprintf(f, "file %s %s unverified %s\n", v->file->path, v->file->object,
				v->why);
	}
	if (p->patched_compile[0])
		fprintf(f, "compile patched %s\n", p->patched_compile);
	for (size_t i = 0; i < plan->nunits; i++)
		if (unit_lines(&plan->units[i], m, &rep, &carry, &data, &ext))
			goto nomem;
	put_sorted(f, &rep);
	put_sorted(f, &carry);
	put_sorted(f, &data);
	put_sorted(f, &ext);
	if (m->command)
		fprintf(f, "command %s\n", m->command);
	if (fclose(f)) {
		f = NULL;
		goto nomem;
	}
	f = NULL;
	r = tb_write_file(path, text, n, err, len);
	goto done;
nomem:
	if (f)
		fclose(f);
	klp_fail(err, len, "out of memory writing %s", path);
	put_sorted(NULL, &rep);
	put_sorted(NULL, &carry);
	put_sorted(NULL, &data);
	put_sorted(NULL, &ext);
done:
	free(text);
	free(path);
	return r;
}
