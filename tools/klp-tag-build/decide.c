// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * decide.c - klp-tag-build's decide stage (docs/klp-tag-build.md,
 * "Deciding"): which functions the module replaces and why, what it
 * carries and defines, where everything else lives in the running kernel,
 * and the refusals when no correct module can be built.
 *
 * The replaced set is not the diff's functions but every function whose
 * code differs between the original and the patched compile: a caller
 * into which GCC inlined a changed function differs too, and replacing
 * only the diff's own function would leave that path unfixed.  An IPA
 * clone (.isra, .constprop, .part) has a calling convention of its own
 * that only its file's callers know, so a differing clone is never
 * replaced by name: its callers are, transitively.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_abi.h"
#include "sysmap.h"
#include "tb.h"
#include "util.h"
#include "verify.h"
#include "x86insn.h"

const char *tb_reason_name(enum tb_reason r)
{
	switch (r) {
	case TB_CHANGED:
		return "changed";
	case TB_INLINED_INTO:
		return "inlined-into";
	case TB_CLONE_OF:
		return "clone-of";
	case TB_NEW:
		return "new";
	}
	return "?";
}

/* ---- names -------------------------------------------------------------- */

/* X of X.cold (common/describe.h), the name itself otherwise. */
static size_t parent_len(const char *name)
{
	size_t n = klp_cold_parent_len(name);

	return n ? n : strlen(name);
}

/* Variables every use site has its own of: the module defines fresh ones. */
static bool per_site_variable(const char *cname)
{
	static const char *const names[] = {
		"__func__", "__FUNCTION__", "__PRETTY_FUNCTION__", "__warned", "__already_done",
		"__key", "_rs", "__print_once", "descriptor", "__done", "__once_key",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(cname, names[i]))
			return true;
	return !strncmp(cname, "__UNIQUE_ID_", 12);
}

/* ---- a growing set of names ---------------------------------------------- */

struct names {
	char **v;
	size_t n, cap;
};

static bool names_has(const struct names *s, const char *name, size_t n)
{
	for (size_t i = 0; i < s->n; i++)
		if (strlen(s->v[i]) == n && !strncmp(s->v[i], name, n))
			return true;
	return false;
}

/* Add NAME (N bytes) unless there; 1 added, 0 there, -1 out of memory. */
static int names_add(struct names *s, const char *name, size_t n)
{
	char **v;

	if (names_has(s, name, n))
		return 0;
	v = klp_grow(s->v, &s->cap, s->n + 1, sizeof(*v));
	if (!v)
		return -1;
	s->v = v;
	v[s->n] = strndup(name, n);
	if (!v[s->n])
		return -1;
	s->n++;
	return 1;
}

static void names_free(struct names *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- the original object ------------------------------------------------ */

static const struct ef_sym *sym_named(const struct ef_file *f, const char *name)
{
	for (size_t i = 1; i < f->nsyms; i++)
		if (!strcmp(f->syms[i].name, name) && ef_sym_defined(f, &f->syms[i]))
			return &f->syms[i];
	return NULL;
}

static const char *section_of(const struct ef_file *f, const struct ef_sym *s)
{
	return s->shndx < f->nsecs ? f->secs[s->shndx].name : "";
}

static bool init_or_exit(const char *sec)
{
	return !strncmp(sec, ".init.", 6) || !strncmp(sec, ".exit.", 6) ||
	       !strcmp(sec, ".init.text") || !strcmp(sec, ".exit.text");
}

/* Does any relocation or bare PC-relative field of function FN lead to function TO? */
static bool calls(const struct ef_file *f, const struct ef_sym *fn, const struct ef_sym *to)
{
	const struct ef_sec *sec = &f->secs[fn->shndx];
	uint64_t start = fn->s.st_value, end = start + fn->s.st_size, off;

	for (size_t i = ef_rel_lower_bound(sec, start); i < sec->nrels; i++) {
		const struct ef_rel *r = &sec->rels[i];
		size_t shndx;
		uint64_t addr;
		const struct ef_sym *t;

		if (r->offset >= end)
			break;
		if (&f->syms[r->sym] == to)
			return true;
		if (!ef_rel_target(f, r, &shndx, &addr))
			continue;
		/* A call's addend is -4: the field's end is where the CPU counts from. */
		t = ef_function_at(f, shndx, addr + 4);
		if (t == to && shndx == to->shndx)
			return true;
	}
	if (!sec->data || to->shndx != fn->shndx)
		return false;
	for (off = start; off < end && off < sec->size;) {
		struct x86_insn in;

		if (x86_decode(sec->data + off, sec->size - off, &in))
			break;
		if (in.rel >= 0 && !ef_rel_at(sec, off + (uint64_t)in.rel)) {
			uint64_t dest = off + in.len +
					(uint64_t)x86_field(sec->data + off, in.rel, in.rel_size);

			if (dest >= to->s.st_value && dest < to->s.st_value + to->s.st_size)
				return true;
		}
		off += in.len;
	}
	return false;
}

/* Has FN a __fentry__ call: an __mcount_loc entry inside it? */
static bool has_fentry(const struct ef_file *f, const struct ef_sym *fn)
{
	const struct ef_sec *mc = ef_section_named(f, "__mcount_loc");

	for (size_t i = 0; mc && i < mc->nrels; i++) {
		size_t shndx;
		uint64_t addr;

		if (ef_rel_target(f, &mc->rels[i], &shndx, &addr) && shndx == fn->shndx &&
		    addr >= fn->s.st_value && addr < fn->s.st_value + (fn->s.st_size ? fn->s.st_size : 1))
			return true;
	}
	return false;
}

/* ---- one file ----------------------------------------------------------- */

struct ctx {
	const struct tb_options *o;
	const struct tb_target *t;
	struct tb_file *file;
	const struct tb_cmp *cmp;
	const struct tb_proof *proof;
	const struct klp_sysmap *map;	/* NULL when there is none */
	struct tb_unit *unit;
	char ident[256];
	struct names changed_c;		/* C functions the patch's lines touch */
	struct names differ;		/* original function symbols whose code differs */
	struct names why_clone;		/* "CALLER CLONE" pairs: callers added for a clone */
	char *err;
	size_t len;
};

/* Do the patch's changed lines touch the C function FN of this file? */
static bool lines_touch(const struct tb_file *f, const struct klp_describe_fn *fn,
			const char *source)
{
	if (strcmp(fn->file, source) && strcmp(fn->file, f->path))
		return false;
	for (size_t i = 0; i < f->nregions; i++) {
		const struct klp_linesync_region *r = &f->regions[i];

		if (r->orig_first <= r->orig_last) {
			if (r->orig_first <= fn->last && r->orig_last >= fn->first)
				return true;
		} else if (r->orig_first > fn->first && r->orig_first <= fn->last) {
			return true;	/* lines added inside the function */
		}
	}
	return false;
}

static int nomem(struct ctx *c)
{
	return klp_fail(c->err, c->len, "out of memory deciding %s", c->file->path);
}

static enum klp_sym_kind kind_of(const struct klp_describe *d, const char *symbol)
{
	const struct klp_describe_sym *s = klp_describe_find_sym(d, symbol);

	return s ? s->kind : klp_sym_kind_of_clone(symbol);
}

/* The differing function symbols (X.cold as X) and the C functions the lines touch. */
static int collect(struct ctx *c)
{
	const struct klp_describe *od = &c->file->odesc;

	for (size_t i = 0; i < od->nfns; i++)
		if (lines_touch(c->file, &od->fns[i], od->source) &&
		    names_add(&c->changed_c, od->fns[i].cname, strlen(od->fns[i].cname)) < 0)
			return nomem(c);
	for (size_t i = 0; i < c->cmp->nsyms; i++) {
		const struct tb_cmp_sym *s = &c->cmp->syms[i];

		if (!s->is_func || !s->orig_name)
			continue;
		if (s->status != TB_DIFFERS && s->status != TB_ONLY_ORIG)
			continue;
		/*
		 * A plain function the patched file no longer emits (deleted, or
		 * now inlined everywhere) stays the kernel's: its callers differ
		 * by their own code.  A vanished clone still marks its callers.
		 */
		if (s->status == TB_ONLY_ORIG &&
		    kind_of(&c->file->odesc, s->orig_name) == KLP_SYM_PLAIN)
			continue;
		if (names_add(&c->differ, s->orig_name, parent_len(s->orig_name)) < 0)
			return nomem(c);
	}
	return 0;
}

/* A differing clone is replaced through its callers in this file, transitively. */
static int add_clone_callers(struct ctx *c)
{
	const struct ef_file *f = &c->cmp->orig;

	for (size_t k = 0; k < c->differ.n; k++) {
		const char *clone = c->differ.v[k];
		const struct ef_sym *to;
		enum klp_sym_kind kind = kind_of(&c->file->odesc, clone);

		if (kind == KLP_SYM_PLAIN || kind == KLP_SYM_ALIAS)
			continue;
		to = sym_named(f, clone);
		if (!to)
			continue;
		for (size_t i = 0; i < f->nfuncs; i++) {
			const struct ef_sym *fn = &f->syms[f->funcs[i]];
			size_t n = parent_len(fn->name);
			char pair[1024];
			int added;

			if (fn == to || !calls(f, fn, to))
				continue;
			added = names_add(&c->differ, fn->name, n);
			if (added < 0)
				return nomem(c);
			snprintf(pair, sizeof(pair), "%.*s %s", (int)n, fn->name, clone);
			if (names_add(&c->why_clone, pair, strlen(pair)) < 0)
				return nomem(c);
		}
	}
	return 0;
}

/* The position of NAME among the kernel's symbols of that name: 0 when unique. */
static int position_of(struct ctx *c, const char *name, const char *what, unsigned long *pos)
{
	const size_t *idx;
	size_t n, count;

	*pos = 0;
	if (c->proof && c->proof->result && c->proof->target) {
		char perr[KV_ERRLEN];

		if (kv_position(c->proof->target, c->proof->result, name, pos, &count, perr,
				sizeof(perr)))
			return klp_fail(c->err, c->len, "%s: %s %s: %s", c->file->path, what, name,
					perr);
		if (count <= 1)
			*pos = 0;
		return 0;
	}
	if (c->file->is_module || !c->map)
		return 0;
	n = klp_sysmap_find(c->map, name, &idx);
	if (n <= 1)
		return 0;
	{
		char list[1024];
		size_t used = 0;

		list[0] = 0;
		for (size_t i = 0; i < n && used < sizeof(list) - 64; i++)
			used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%zu: %llx",
						 i ? ", " : "", i + 1,
						 (unsigned long long)c->map->syms[idx[i]].addr);
		return klp_fail(c->err, c->len,
				"%s: %s %s is one of %zu symbols of that name in %s (positions %s), "
				"and without the kernel's symbol table its own cannot be told: give "
				"--vmlinux (Debian: linux-image-%s-dbg), which groups symbols by "
				"source file", c->file->path, what, name, n, c->map->path, list,
				c->t->release);
	}
}

static int add_func(struct ctx *c, const char *symbol, const char *cname, enum tb_reason why,
		    const char *because)
{
	struct tb_unit *u = c->unit;
	struct tb_func *fn;
	size_t cap = u->nfuncs;
	char alias[512];

	fn = realloc(u->funcs, (cap + 1) * sizeof(*fn));
	if (!fn)
		return nomem(c);
	u->funcs = fn;
	fn = &fn[u->nfuncs++];
	memset(fn, 0, sizeof(*fn));
	snprintf(alias, sizeof(alias), "klp_%s__%s", c->ident, symbol);
	fn->symbol = strdup(symbol);
	fn->cname = strdup(cname);
	fn->alias = strdup(alias);
	fn->because = because && *because ? strdup(because) : NULL;
	fn->reason = why;
	if (!fn->symbol || !fn->cname || !fn->alias || (because && *because && !fn->because))
		return nomem(c);
	if (why != TB_NEW)
		return position_of(c, symbol, "replaced function", &fn->sympos);
	return 0;
}

/* Why SYMBOL (C function CNAME) is replaced, and by what, into BECAUSE. */
static enum tb_reason reason_of(struct ctx *c, const char *symbol, const char *cname,
				char *because, size_t size)
{
	const struct klp_describe_sym *ds = klp_describe_find_sym(&c->file->odesc, symbol);
	size_t used = 0;

	because[0] = 0;
	if (names_has(&c->changed_c, cname, strlen(cname)))
		return TB_CHANGED;
	for (size_t i = 0; ds && i < ds->ninlined; i++) {
		const char *in = ds->inlined[i];

		if (names_has(&c->changed_c, in, strlen(in)) && used < size)
			used += (size_t)snprintf(because + used, size - used, "%s%s",
						 used ? "," : "", in);
	}
	if (used)
		return TB_INLINED_INTO;
	for (size_t i = 0; i < c->why_clone.n; i++) {
		const char *pair = c->why_clone.v[i];
		size_t n = strlen(symbol);

		if (!strncmp(pair, symbol, n) && pair[n] == ' ' && used < size)
			used += (size_t)snprintf(because + used, size - used, "%s%s",
						 used ? "," : "", pair + n + 1);
	}
	return used ? TB_CLONE_OF : TB_CHANGED;
}

static int refuse_function(struct ctx *c, const struct ef_sym *s, const char *cname)
{
	const char *sec = section_of(&c->cmp->orig, s);

	if (init_or_exit(sec))
		return klp_fail(c->err, c->len,
				"%s: %s is an __%s function (section %s) and its code changes: "
				"it ran %s, a livepatch cannot change it; fix the state it "
				"left in the changed runtime functions instead", c->file->path, cname,
				!strncmp(sec, ".init", 5) ? "init" : "exit", sec,
				!strncmp(sec, ".init", 5) ? "at boot or module load and is gone" :
				"or runs at unload outside livepatch's reach");
	if (!has_fentry(&c->cmp->orig, s))
		return klp_fail(c->err, c->len,
				"%s: %s changes but has no __fentry__ call (notrace, noinstr, or a "
				"file built without ftrace): livepatch cannot redirect it; change "
				"its callers instead, so that they no longer call it",
				c->file->path, s->name);
	return 0;
}

/* The replaced functions: every plain differing symbol, and its refusals. */
static int replaced(struct ctx *c)
{
	const struct ef_file *f = &c->cmp->orig;

	if (c->differ.n)
		qsort(c->differ.v, c->differ.n, sizeof(char *), name_cmp);
	for (size_t i = 0; i < c->differ.n; i++) {
		const char *symbol = c->differ.v[i];
		const struct klp_describe_sym *ds = klp_describe_find_sym(&c->file->odesc, symbol);
		const struct ef_sym *s = sym_named(f, symbol);
		const char *cname = ds ? ds->cname : symbol;
		enum klp_sym_kind kind = ds ? ds->kind : klp_sym_kind_of_clone(symbol);
		enum tb_reason why;
		char because[512];

		if (kind != KLP_SYM_PLAIN || !s)
			continue;	/* clones: their callers are in the set; aliases: their code's */
		if (refuse_function(c, s, cname))
			return -1;
		why = reason_of(c, symbol, cname, because, sizeof(because));
		if (add_func(c, symbol, cname, why, because))
			return -1;
	}
	return 0;
}

/* New plain functions: only in the patched object. */
static int new_functions(struct ctx *c)
{
	for (size_t i = 0; i < c->cmp->nsyms; i++) {
		const struct tb_cmp_sym *s = &c->cmp->syms[i];
		const struct klp_describe_sym *ds;

		if (!s->is_func || s->status != TB_ONLY_PATCHED)
			continue;
		if (parent_len(s->patched_name) != strlen(s->patched_name))
			continue;
		ds = klp_describe_find_sym(&c->file->pdesc, s->patched_name);
		if (ds && ds->kind != KLP_SYM_PLAIN)
			continue;
		if (add_func(c, s->patched_name, ds ? ds->cname : s->patched_name, TB_NEW, NULL))
			return -1;
	}
	return 0;
}

/* A differing variable the kernel holds is refused; read-only ones the module copies. */
static int changed_data(struct ctx *c, struct names *data)
{
	const struct ef_file *f = &c->cmp->orig;

	for (size_t i = 0; i < c->cmp->nsyms; i++) {
		const struct tb_cmp_sym *s = &c->cmp->syms[i];
		const struct ef_sym *es;
		const struct klp_describe_var *v;
		const char *sec;
		const char *cname;

		if (s->is_func || s->status != TB_DIFFERS)
			continue;
		es = &f->syms[s->orig_sym];
		sec = section_of(f, es);
		v = klp_describe_find_var(&c->file->odesc, s->orig_name);
		cname = v ? v->cname : s->orig_name;
		if (v && per_site_variable(v->cname))
			continue;
		if (init_or_exit(sec))
			return klp_fail(c->err, c->len,
					"%s: %s is __initdata (section %s) and changes: it was used "
					"at boot and is gone; a livepatch cannot change it",
					c->file->path, cname, sec);
		if (es->shndx < f->nsecs && (f->secs[es->shndx].sh.sh_flags & SHF_WRITE))
			return klp_fail(c->err, c->len,
					"%s: %s%s%s: changed data (its initial value or size "
					"differs at offset %#llx: %s): the running kernel keeps its "
					"own copy, which a livepatch does not change; set the new "
					"state from the patched code, or attach it with shadow "
					"variables (klp_shadow_get_or_alloc)", c->file->path,
					v ? v->context : "", v ? ":" : "", cname,
					(unsigned long long)s->offset, s->why);
		if (!v && !strchr(s->orig_name, '.') &&
		    names_add(data, s->orig_name, strlen(s->orig_name)) < 0)
			return nomem(c);
	}
	return 0;
}

/* Has F a symbol called NAME, defined or not (CRCs are absolute)? */
static bool has_symbol(const struct ef_file *f, const char *name)
{
	for (size_t i = 1; i < f->nsyms; i++)
		if (!strcmp(f->syms[i].name, name))
			return true;
	return false;
}

/*
 * A changed CRC of an export (__crc_X, CONFIG_MODVERSIONS) breaks its
 * users; a new export (__ksymtab_X) cannot be added to a running kernel.
 */
static int changed_crcs(struct ctx *c)
{
	const struct ef_file *a = &c->cmp->orig, *b = &c->cmp->patched;

	for (size_t i = 1; i < b->nsyms; i++) {
		const char *name = b->syms[i].name;

		if (strncmp(name, "__ksymtab_", 10) || strchr(name, '+') || has_symbol(a, name))
			continue;
		return klp_fail(c->err, c->len,
				"%s: the patch exports %s, which the running kernel does not: a "
				"livepatch cannot add an export (modules resolve them at load from "
				"the kernel's own tables); call it from the patched code without "
				"exporting it", c->file->path, name + 10);
	}

	for (size_t i = 1; i < a->nsyms; i++) {
		const struct ef_sym *s = &a->syms[i];
		const struct ef_sym *t;

		if (strncmp(s->name, "__crc_", 6))
			continue;
		/* CRCs are absolute symbols (SHN_ABS): looked up by name alone. */
		t = NULL;
		for (size_t j = 1; j < b->nsyms && !t; j++)
			if (!strcmp(b->syms[j].name, s->name))
				t = &b->syms[j];
		if (t && t->s.st_value == s->s.st_value)
			continue;
		return klp_fail(c->err, c->len,
				"%s: the patch changes the CRC of the exported symbol %s "
				"(CONFIG_MODVERSIONS: its prototype or a type it uses changed), so "
				"modules built against the running kernel would no longer match "
				"it; keep the exported interface as it is", c->file->path,
				s->name + 6);
	}
	return 0;
}

/*
 * A struct or union whose layout differs between the compiles: the
 * running kernel's objects keep the old one (the describe files' type
 * lines: every file-scope type of the unit, its own and its headers').
 */
static int changed_types(struct ctx *c)
{
	const struct klp_describe *a = &c->file->odesc, *b = &c->file->pdesc;

	for (size_t i = 0; i < a->ntypes; i++) {
		const struct klp_describe_type *t = &a->types[i];
		const struct klp_describe_type *u = klp_describe_find_type(b, t->tag);
		size_t dot = strcspn(t->tag, ".");
		char what[300], how[100];

		if (!u || (u->size == t->size && !strcmp(u->layout, t->layout)))
			continue;
		if (!strncmp(t->tag, "typedef", dot))
			snprintf(what, sizeof(what), "the type %s", t->tag + dot + 1);
		else
			snprintf(what, sizeof(what), "%.*s %s", (int)dot, t->tag, t->tag + dot + 1);
		if (u->size != t->size)
			snprintf(how, sizeof(how), "%u bytes, %u in the patched compile", t->size,
				 u->size);
		else
			snprintf(how, sizeof(how), "%u bytes in both, its members' names, offsets "
				 "or sizes differ", t->size);
		return klp_fail(c->err, c->len,
				"%s: %s changes its layout (%s): the running kernel's objects of "
				"that type keep the old one, which the patched code would misread; "
				"a livepatch cannot change a type: keep it as it is and attach new "
				"members with shadow variables (klp_shadow_get_or_alloc)",
				c->file->path, what, how);
	}
	return 0;
}

/* The line about DECL among those written so far. */
static struct klp_extract_line *find_line(struct klp_extract *x, const char *cname,
					  const char *context, unsigned ordinal)
{
	for (size_t i = 0; i < x->n; i++) {
		struct klp_extract_decl *d = &x->lines[i].decl;

		if (!strcmp(d->cname, cname) && d->ordinal == ordinal &&
		    (d->context && context ? !strcmp(d->context, context) : d->context == context))
			return &x->lines[i];
	}
	return NULL;
}

/* Add a line about DECL unless one is there (the first kind decided wins). */
static int add_line(struct ctx *c, enum klp_extract_kind kind, const char *cname,
		    const char *context, unsigned ordinal)
{
	struct klp_extract *x = &c->unit->extract;
	struct klp_extract_line *l;
	char **texts;

	if (find_line(x, cname, context, ordinal))
		return 0;
	l = realloc(x->lines, (x->n + 1) * sizeof(*l));
	if (!l)
		return nomem(c);
	x->lines = l;
	/* klp_extract_free() frees a text per line: none for lines written here. */
	texts = realloc(x->decl_texts, (x->n + 1) * sizeof(*texts));
	if (!texts)
		return nomem(c);
	x->decl_texts = texts;
	texts[x->n] = NULL;
	l = &l[x->n++];
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	l->decl.cname = strdup(cname);
	l->decl.context = context ? strdup(context) : NULL;
	l->decl.ordinal = ordinal;
	if (!l->decl.cname || (context && !l->decl.context))
		return nomem(c);
	return 0;
}

static int add_ref(struct ctx *c, const char *cname, const char *context, unsigned ordinal,
		   const char *symbol, bool is_func)
{
	struct klp_extract_line *l;
	struct tb_extern *e;
	char ref[512];

	if (find_line(&c->unit->extract, cname, context, ordinal))
		return 0;
	if (add_line(c, KLP_EXTRACT_REF, cname, context, ordinal))
		return -1;
	l = &c->unit->extract.lines[c->unit->extract.n - 1];
	snprintf(ref, sizeof(ref), "klpref_%s__%s", c->ident, symbol);
	l->ref_symbol = strdup(ref);
	l->kernel_symbol = strdup(symbol);
	snprintf(l->object, sizeof(l->object), "%s", c->file->object);
	if (!l->ref_symbol || !l->kernel_symbol)
		return nomem(c);
	if (position_of(c, symbol, is_func ? "function" : "variable", &l->position))
		return -1;
	e = realloc(c->unit->externs, (c->unit->nexterns + 1) * sizeof(*e));
	if (!e)
		return nomem(c);
	c->unit->externs = e;
	e = &e[c->unit->nexterns++];
	memset(e, 0, sizeof(*e));
	{
		char decl[512];
		struct klp_extract_decl d = { (char *)cname, (char *)context, ordinal };

		klp_extract_decl_text(decl, sizeof(decl), &d);
		e->decl = strdup(decl);
	}
	e->symbol = strdup(symbol);
	snprintf(e->object, sizeof(e->object), "%s", c->file->object);
	e->position = l->position;
	e->is_func = is_func;
	if (!e->decl || !e->symbol)
		return nomem(c);
	return 0;
}

/*
 * Can the running kernel's copy of local symbol S be referenced: is it
 * kept in an allocated section that lives on after boot (not an initcall
 * record, export table or .discard), and for vmlinux listed in the map?
 */
static bool kernel_keeps(const struct ctx *c, const struct ef_sym *s)
{
	static const char *const dropped[] = {
		".discard", ".init", ".exit", ".initcall", "__ksymtab", "__kstrtab", "__kcrctab",
		".modinfo", "__param", ".init.setup", "__setup", ".con_initcall", ".security_initcall",
	};
	const struct ef_file *f = &c->cmp->orig;
	const char *sec = section_of(f, s);
	const size_t *idx;

	if (s->shndx >= f->nsecs || !(f->secs[s->shndx].sh.sh_flags & SHF_ALLOC))
		return false;
	for (size_t i = 0; i < sizeof(dropped) / sizeof(dropped[0]); i++)
		if (!strncmp(sec, dropped[i], strlen(dropped[i])))
			return false;
	return c->file->is_module || !c->map || klp_sysmap_find(c->map, s->name, &idx) > 0;
}

/* Has the original object a plain symbol of C function CNAME (the kernel's copy)? */
static bool kernel_has_function(const struct ctx *c, const char *cname)
{
	const struct klp_describe_sym *s = klp_describe_find_sym(&c->file->odesc, cname);

	return s && s->kind == KLP_SYM_PLAIN && sym_named(&c->cmp->orig, cname);
}

/* New file-scope variables (only in the patched object): the module's own. */
static int new_variables(struct ctx *c, struct names *data)
{
	for (size_t i = 0; i < c->cmp->nsyms; i++) {
		const struct tb_cmp_sym *s = &c->cmp->syms[i];

		if (s->is_func || s->status != TB_ONLY_PATCHED || strchr(s->patched_name, '.') ||
		    klp_describe_find_var(&c->file->pdesc, s->patched_name))
			continue;
		if (names_add(data, s->patched_name, strlen(s->patched_name)) < 0)
			return nomem(c);
	}
	return 0;
}

/* keep, carry, data and ref lines: what the plugin keeps of the unit. */
static int extract_lines(struct ctx *c, struct names *data)
{
	const struct klp_describe *od = &c->file->odesc, *pd = &c->file->pdesc;
	const struct ef_file *f = &c->cmp->orig;

	for (size_t i = 0; i < c->unit->nfuncs; i++)
		if (add_line(c, KLP_EXTRACT_KEEP, c->unit->funcs[i].cname, NULL, 0))
			return -1;
	for (size_t i = 0; i < pd->nfns; i++)
		if (!kernel_has_function(c, pd->fns[i].cname) &&
		    add_line(c, KLP_EXTRACT_CARRY, pd->fns[i].cname, NULL, 0))
			return -1;
	for (size_t i = 0; i < data->n; i++)
		if (add_line(c, KLP_EXTRACT_DATA, data->v[i], NULL, 0))
			return -1;
	/* Function-local statics: the per-site ones and new ones are the module's. */
	for (size_t i = 0; i < pd->nvars; i++) {
		const struct klp_describe_var *v = &pd->vars[i];
		bool in_orig = false;

		for (size_t j = 0; j < od->nvars && !in_orig; j++)
			in_orig = !strcmp(od->vars[j].cname, v->cname) &&
				  !strcmp(od->vars[j].context, v->context) &&
				  od->vars[j].ordinal == v->ordinal &&
				  sym_named(f, od->vars[j].symbol);
		if ((per_site_variable(v->cname) || !in_orig) &&
		    add_line(c, KLP_EXTRACT_DATA, v->cname, v->context, v->ordinal))
			return -1;
	}
	for (size_t i = 0; i < od->nvars; i++) {
		const struct klp_describe_var *v = &od->vars[i];

		const struct ef_sym *vs = sym_named(f, v->symbol);

		if (per_site_variable(v->cname) || !vs || !kernel_keeps(c, vs))
			continue;
		if (add_ref(c, v->cname, v->context, v->ordinal, v->symbol, false))
			return -1;
	}
	/* File-scope statics: functions and variables the kernel has. */
	for (size_t i = 1; i < f->nsyms; i++) {
		const struct ef_sym *s = &f->syms[i];
		unsigned type = GELF_ST_TYPE(s->s.st_info);

		if (GELF_ST_BIND(s->s.st_info) != STB_LOCAL || !ef_sym_defined(f, s) ||
		    (type != STT_FUNC && type != STT_OBJECT) || !s->name[0] ||
		    strchr(s->name, '.') || klp_describe_find_var(od, s->name) ||
		    per_site_variable(s->name) || !kernel_keeps(c, s))
			continue;
		if (type == STT_FUNC) {
			const struct klp_describe_sym *ds = klp_describe_find_sym(od, s->name);

			if (!ds || ds->kind != KLP_SYM_PLAIN)
				continue;
		}
		if (add_ref(c, s->name, NULL, 0, s->name, type == STT_FUNC))
			return -1;
	}
	return 0;
}

static int func_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tb_func *)a)->symbol, ((const struct tb_func *)b)->symbol);
}

static int decide_file(struct ctx *c)
{
	struct names data = { 0 };
	int r = -1;

	if (collect(c) || add_clone_callers(c) || changed_types(c) || changed_crcs(c) ||
	    changed_data(c, &data) ||
	    new_variables(c, &data))
		goto done;
	if (replaced(c) || new_functions(c))
		goto done;
	if (c->unit->nfuncs)
		qsort(c->unit->funcs, c->unit->nfuncs, sizeof(*c->unit->funcs), func_cmp);
	r = extract_lines(c, &data);
done:
	names_free(&data);
	return r;
}

int tb_decide(const struct tb_options *o, const struct tb_target *t, struct tb_patchset *p,
	      const struct tb_cmp *cmps, const struct tb_proofs *pr, struct tb_plan *plan,
	      char *err, size_t len)
{
	struct klp_sysmap map;
	bool have_map = false;
	size_t replaced_total = 0;
	int r = 0;

	memset(plan, 0, sizeof(*plan));
	plan->units = calloc(p->nfiles ? p->nfiles : 1, sizeof(*plan->units));
	if (!plan->units)
		return klp_fail(err, len, "out of memory");
	if (t->symbols && !klp_sysmap_load(&map, t->symbols, t->kv, t->release, err, len))
		have_map = true;
	else if (t->symbols)
		return -1;
	for (size_t i = 0; i < p->nfiles && !r; i++) {
		struct ctx c = {
			.o = o, .t = t, .file = &p->files[i], .cmp = &cmps[i],
			.proof = pr && i < pr->n ? &pr->v[i] : NULL,
			.map = have_map ? &map : NULL,
			.unit = &plan->units[i], .err = err, .len = len,
		};

		plan->units[i].file = &p->files[i];
		plan->nunits = i + 1;
		tb_path_name(p->files[i].path, "", '_', c.ident, sizeof(c.ident));
		r = decide_file(&c);
		replaced_total += plan->units[i].nfuncs;
		names_free(&c.changed_c);
		names_free(&c.differ);
		names_free(&c.why_clone);
	}
	if (have_map)
		klp_sysmap_free(&map);
	if (!r && !replaced_total) {
		char files[1024];
		size_t used = 0;

		files[0] = 0;
		for (size_t i = 0; i < p->nfiles && used < sizeof(files) - 1; i++)
			used += (size_t)snprintf(files + used, sizeof(files) - used, "%s%s",
						 i ? ", " : "", p->files[i].path);
		r = klp_fail(err, len,
			     "no functional change: every function of %s compiles to the same code "
			     "with the patch (a comment, a blank line or a moved __LINE__ only); "
			     "there is nothing for a livepatch to replace", files);
	}
	return r;
}

void tb_plan_free(struct tb_plan *plan)
{
	for (size_t i = 0; i < plan->nunits; i++) {
		struct tb_unit *u = &plan->units[i];

		for (size_t j = 0; j < u->nfuncs; j++) {
			free(u->funcs[j].symbol);
			free(u->funcs[j].cname);
			free(u->funcs[j].because);
			free(u->funcs[j].alias);
		}
		free(u->funcs);
		for (size_t j = 0; j < u->nexterns; j++) {
			free(u->externs[j].decl);
			free(u->externs[j].symbol);
		}
		free(u->externs);
		klp_extract_free(&u->extract);
	}
	free(plan->units);
	memset(plan, 0, sizeof(*plan));
}
