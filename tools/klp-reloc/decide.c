// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * decide.c - where an undefined symbol of the patch module lives.
 *
 * For each undefined symbol and the object of the code that references it
 * (issue 15, item 2; docs/kernel-abi.md, section 12):
 *   1. a klp_symbol declaration (a SYMBOL map record) wins, checked at its
 *      position; so does an extract file's ref line (a SYMBOL record, or an
 *      ALIAS record when the unit references the kernel's symbol under
 *      another name: the target is then the kernel's name);
 *   2. an export of vmlinux stays an ordinary relocation;
 *   3. an export of a patched module object becomes a klp relocation
 *      against it, so the patch can load before that module;
 *   4. an export of another module stays ordinary (a module dependency);
 *   5. code of a module object: that module, when its .ko defines it;
 *   6. vmlinux, when System.map has it.
 * Data (and untagged code) tries the patched modules first, exactly one of
 * which may define it, then vmlinux.  Anything else is an error that says
 * what to declare.  A position is 0 when the name is unique (the kernel
 * then checks that it still is); a name with several definitions needs a
 * declared position.
 */
#include "reloc.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define FIX "klp_symbol(\"%s\", %lu) on the declaration of %s (or its tag-file form)"

long rl_target(struct rl_ctx *c, const char *obj, const char *name, unsigned long pos)
{
	struct rl_target *grown, *t;
	size_t len = klp_sym_name(NULL, 0, obj, name, pos) + 1;
	char *sym = malloc(len);
	long id;

	if (!sym)
		return -1;
	klp_sym_name(sym, len, obj, name, pos);
	id = klp_names_find(&c->target_names, sym);
	if (id >= 0) {
		free(sym);
		return id;
	}
	grown = klp_grow(c->targets, &c->tcap, c->ntargets + 1, sizeof(*grown));
	if (grown)
		c->targets = grown;
	if (!grown || klp_names_add(&c->target_names, sym) < 0) {
		free(sym);
		return -1;
	}
	t = &c->targets[c->ntargets];
	memset(t, 0, sizeof(*t));
	snprintf(t->obj, sizeof(t->obj), "%s", obj);
	/* NAME itself: between "OBJ." and ",POS" of the symbol's name. */
	t->sym = sym;
	t->name = strndup(sym + strlen(KLP_SYM_PREFIX) + strlen(obj) + 1, strlen(name));
	t->pos = pos;
	if (!t->name)
		return -1;
	return (long)c->ntargets++;
}

/* What a decision is about, for messages. */
struct ref {
	const char *name;		/* the undefined symbol, for messages */
	const char *kname;		/* its name in the kernel (an alias record's, else name) */
	const char *refobj;		/* object of the referencing code, "" for data */
	const char *where;		/* "bar (object ext4)", "data at .data+0x10" */
};

static long add_target(struct rl_ctx *c, const char *obj, const char *name, unsigned long pos)
{
	long t = rl_target(c, obj, name, pos);

	if (t >= 0)
		return t;
	rl_msg(&c->errors, "out of memory");
	return -2;
}

/* GCC's copies of a static NAME in vmlinux (NAME.isra.0, NAME.constprop.0), as advice. */
static void clones(const struct rl_ctx *c, const char *name, char *buf, size_t len)
{
	const struct klp_names *n = &c->map.byname.names;
	size_t i, used = 0, nl = strlen(name), found = 0;

	buf[0] = '\0';
	for (i = 0; i < n->n && used < len && found < 5; i++)
		if (strncmp(n->name[i], name, nl) == 0 && n->name[i][nl] == '.')
			used += (size_t)snprintf(buf + used, len - used, "%s%s",
						 found++ ? ", " : "; vmlinux has ", n->name[i]);
	if (found && used < len)
		snprintf(buf + used, len - used, ", copies GCC made of a static %s: reference the one meant by its full name (an asm label on the declaration: asm(\"%s.isra.0\"), for one)",
			 name, name);
}

static long nowhere(struct rl_ctx *c, const struct ref *r)
{
	char mods[600] = "", cl[600];
	size_t i, used = 0;

	for (i = 0; i < c->nmods && used < sizeof(mods); i++)
		used += (size_t)snprintf(mods + used, sizeof(mods) - used, "%s%s",
					 i ? ", " : "", c->mods[i].elf.path);
	clones(c, r->name, cl, sizeof(cl));
	/*
	 * The usual reason, when GCC made no copy under another name either: the
	 * static function was inlined into every caller of the target kernel.
	 */
	if (!cl[0])
		snprintf(cl, sizeof(cl), "; the usual cause, for a static function: GCC inlined it into all its callers in the target kernel, which left no symbol to reach: carry its body in the module instead (define %s, static, in the module's source; klp-tag-build does that itself)",
			 r->name);
	rl_msg(&c->errors, "%s, referenced from %s, exists nowhere in the target kernel: no export in %s, no symbol in %s, %s%s%s",
	       r->name, r->where, c->symvers.path, c->map.path,
	       c->nmods ? "none in " : "and no --module .ko to look in", mods, cl);
	return -2;
}

/* NAME at position POS (0: the unique one) of vmlinux. */
static long in_vmlinux(struct rl_ctx *c, const struct ref *r, unsigned long pos)
{
	struct resolution res;
	char cand[RL_MSG / 2];
	const char *tell = "";
	unsigned long safe = 1;

	if (rl_map(c))
		return -2;
	resolve_vmlinux(&c->map, r->kname, pos, &res);
	if (res.status == RES_OK)
		return add_target(c, "vmlinux", r->kname, pos);
	describe_candidates(&c->map, NULL, &res, cand, sizeof(cand), &safe,
			    c->have_vmlinux ? &c->vmlinux : NULL);
	/* Which candidate is which source file's: only the symbol table of vmlinux says. */
	if (res.count > 1 && !c->have_vmlinux)
		tell = "; --vmlinux with the kernel's vmlinux (its symbol table; Debian: linux-image-RELEASE-dbg) settles which is which by naming each one's source file";
	if (res.status == RES_ABSENT)
		rl_msg(&c->errors, "%s, referenced from %s, is declared to be in vmlinux, but %s has no such symbol",
		       r->name, r->where, c->map.path);
	else if (res.status == RES_AMBIGUOUS)
		rl_msg(&c->errors, "%s, referenced from %s, has %zu definitions in vmlinux (%s): %s; say which one with " FIX "%s",
		       r->name, r->where, res.count, c->map.path, cand, "vmlinux", safe, r->name, tell);
	else if (res.status == RES_NO_POSITION)
		rl_msg(&c->errors, "%s, referenced from %s, is declared at position %lu of vmlinux, but %s has %zu definition%s of it: %s; declare one of them, e.g. " FIX "%s",
		       r->name, r->where, pos, c->map.path, res.count, res.count == 1 ? "" : "s",
		       cand, "vmlinux", res.count == 1 ? 0ul : safe, r->name, tell);
	else
		rl_msg(&c->errors, "%s, referenced from %s, is at address 0 in %s (%s): livepatch takes address 0 for \"not found\", so a per-cpu symbol at offset 0 cannot be reached through a klp relocation",
		       r->name, r->where, c->map.path, cand);
	return -2;
}

/* NAME at position POS of module K, the same symbol in both load orders. */
static long in_module(struct rl_ctx *c, const struct kmod *k, const struct ref *r,
		      unsigned long pos)
{
	struct resolution res;
	char cand[RL_MSG / 2], fix[300] = "";
	unsigned long safe = 0;
	size_t nsafe;

	resolve_module(k, r->kname, pos, &res);
	if (res.status == RES_OK)
		return add_target(c, k->object, r->kname, pos);
	nsafe = describe_candidates(NULL, k, &res, cand, sizeof(cand), &safe, NULL);
	if (nsafe && res.count == 1 && res.core_count == 1)
		snprintf(fix, sizeof(fix), "; declare it with " FIX, k->object, 0ul, r->name);
	else if (nsafe)
		snprintf(fix, sizeof(fix), "; say which one with " FIX, k->object, safe, r->name);
	else
		snprintf(fix, sizeof(fix), "; no position names the same definition in both load orders, so the patch cannot reach it by name: call a function of %s whose name is unique instead",
			 k->object);
	if (res.status == RES_ABSENT)
		rl_msg(&c->errors, "%s, referenced from %s, is declared to be in %s, but %s has no such symbol",
		       r->name, r->where, k->object, k->elf.path);
	else if (res.status == RES_LOAD_ORDER)
		rl_msg(&c->errors, "%s, referenced from %s, at position %lu of %s would not name the same symbol in both load orders: livepatch searches the full symbol table of %s while it loads after the patch, and only its core symbols (no init, .modinfo or absolute ones) once it had loaded before: %s%s",
		       r->name, r->where, pos, k->object, k->object, cand, fix);
	else if (res.status == RES_AMBIGUOUS)
		rl_msg(&c->errors, "%s, referenced from %s, has %zu definitions in %s (%s): %s%s",
		       r->name, r->where, res.count, k->object, k->elf.path, cand, fix);
	else if (res.status == RES_NO_POSITION)
		rl_msg(&c->errors, "%s, referenced from %s, is declared at position %lu of %s, but %s has %zu definition%s of it: %s%s",
		       r->name, r->where, pos, k->object, k->elf.path, res.count,
		       res.count == 1 ? "" : "s", cand, fix);
	else
		rl_msg(&c->errors, "%s, referenced from %s, is an absolute symbol of value 0 in %s: livepatch takes address 0 for \"not found\"",
		       r->name, r->where, k->elf.path);
	return -2;
}

static long need_module(struct rl_ctx *c, const struct ref *r, const char *obj, const char *why)
{
	char dir[300] = "";

	if (rl_module_ambiguous(c, obj))
		return -2;
	if (c->opt.module_dir)
		snprintf(dir, sizeof(dir), " (no %s.ko under %s)", obj, c->opt.module_dir);
	rl_msg(&c->errors, "%s, referenced from %s, %s: give --module with %s's .ko%s so that it can be looked up there (in kbuild: KLP_TAG_MODULES)",
	       r->name, r->where, why, obj, dir);
	return -2;
}

/* The patch's objects, "'vmlinux', 'ext4'", for messages. */
static const char *objects_text(const struct rl_ctx *c, char *buf, size_t len)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < c->m.nmap && used < len; i++)
		if (c->m.map[i].kind == KLP_MAP_OBJECT)
			used += (size_t)snprintf(buf + used, len - used, "%s'%s'", used ? ", " : "",
						 c->m.map[i].str[0]);
	return buf;
}

/*
 * livepatch writes .klp.rela.OBJ.* only for the patch's own objects, and
 * before 5.8 vmlinux's too (docs/kernel-abi.md, sections 12.4 and 12.5).
 * Known only when the map lists the objects.
 */
static bool written_for(struct rl_ctx *c, const struct ref *r, const char *obj, const char *how)
{
	char objs[400];

	if (!map_has_objects(&c->m) || rl_patched(c, obj) ||
	    (strcmp(obj, "vmlinux") == 0 && klp_kernel_writes_vmlinux_relas_at_load(c->kv)))
		return true;
	rl_msg(&c->errors, "%s, referenced from %s, %s object '%s', which is not one of the patch's objects (%s): livepatch writes .klp.rela.%s.* relocations only for the objects of its klp_object table%s; add '%s' to it",
	       r->name, r->where, how, obj, objects_text(c, objs, sizeof(objs)), obj,
	       strcmp(obj, "vmlinux") == 0 ? " before 5.8 (5.8 writes vmlinux's at load)" : "", obj);
	return false;
}

/* The kernel's name a symbol or alias record gives. */
static const char *kernel_name(const struct map_rec *x)
{
	return x->kind == KLP_MAP_ALIAS ? x->str[3] : x->str[1];
}

/*
 * A klp_symbol declaration or extract file's ref line of NAME (a symbol or
 * alias record), or NULL; an error when two disagree.
 */
static const struct map_rec *declaration(struct rl_ctx *c, const struct ref *r, bool *bad)
{
	const struct map_rec *found = NULL;
	size_t i;

	*bad = false;
	for (i = 0; i < c->m.nmap; i++) {
		const struct map_rec *x = &c->m.map[i];

		if ((x->kind != KLP_MAP_SYMBOL && x->kind != KLP_MAP_ALIAS) ||
		    strcmp(x->str[1], r->name) != 0)
			continue;
		if (found && (strcmp(found->str[0], x->str[0]) || strcmp(found->str[2], x->str[2]) ||
			      strcmp(kernel_name(found), kernel_name(x)))) {
			if (found->kind == KLP_MAP_SYMBOL && x->kind == KLP_MAP_SYMBOL)
				rl_msg(&c->errors, "%s has two klp_symbol declarations that disagree, object '%s' position %s and object '%s' position %s, but the linked object has one symbol %s: keep one (a second static %s needs another name in the patch)",
				       r->name, found->str[0], found->str[2], x->str[0], x->str[2],
				       r->name, r->name);
			else
				rl_msg(&c->errors, "%s has two declarations that disagree, the kernel's %s in object '%s' at position %s and the kernel's %s in object '%s' at position %s, but the linked object has one symbol %s: each REFSYMBOL of the module's extract files must stand for one kernel symbol",
				       r->name, kernel_name(found), found->str[0], found->str[2],
				       kernel_name(x), x->str[0], x->str[2], r->name);
			*bad = true;
			return NULL;
		}
		if (!found)
			found = x;
	}
	return found;
}

static long declared(struct rl_ctx *c, const struct ref *decl_ref, const struct map_rec *d)
{
	char why[KLP_OBJNAME_WHY], *end, name[600];
	struct ref alias = *decl_ref;
	const struct ref *r = &alias;
	const struct kmod *k;
	unsigned long pos = strtoul(d->str[2], &end, 10);

	/* The messages name both: what the object references and what the kernel has. */
	if (d->kind == KLP_MAP_ALIAS) {
		snprintf(name, sizeof(name), "%s (the kernel's %s)", decl_ref->name, d->str[3]);
		alias.name = name;
		alias.kname = d->str[3];
	}
	if (*end || !isdigit((unsigned char)d->str[2][0]) || strlen(d->str[2]) > 9) {
		rl_msg(&c->errors, "klp_symbol of %s: position '%s' is not a decimal number: write it as one, as in klp_symbol(\"%s\", 2)",
		       r->name, d->str[2], d->str[0]);
		return -2;
	}
	if (klp_objname_check_exact(d->str[0], strlen(d->str[0]), why)) {
		rl_msg(&c->errors, "klp_symbol of %s: object name '%s' %s", r->name, d->str[0], why);
		return -2;
	}
	if (!written_for(c, r, d->str[0], "is declared (klp_symbol) in"))
		return -2;
	if (strcmp(d->str[0], "vmlinux") == 0)
		return in_vmlinux(c, r, pos);
	k = rl_module(c, d->str[0]);
	if (!k)
		return need_module(c, r, d->str[0], "is declared (klp_symbol) in a module");
	return in_module(c, k, r, pos);
}

/* Data, or code of no object: the one patched module that defines it, else vmlinux. */
static long for_data(struct rl_ctx *c, const struct ref *r)
{
	const struct kmod *one = NULL;
	const size_t *idx;
	size_t i, n = 0;
	char names[400] = "";

	rl_load_patched(c);
	for (i = 0; i < c->nmods; i++) {
		if (!rl_patched(c, c->mods[i].object) || !kmod_find(&c->mods[i], r->name, &idx))
			continue;
		one = &c->mods[i];
		snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s'%s'", n++ ? ", " : "",
			 one->object);
	}
	if (n > 1) {
		rl_msg(&c->errors, "%s, referenced from %s, is defined by several patched objects (%s): say which with klp_symbol(\"OBJECT\") on its declaration",
		       r->name, r->where, names);
		return -2;
	}
	if (one)
		return in_module(c, one, r, 0);
	if (rl_map(c))
		return -2;
	if (klp_sysmap_find(&c->map, r->name, &idx))
		return written_for(c, r, "vmlinux", "is found in") ? in_vmlinux(c, r, 0) : -2;
	return nowhere(c, r);
}

/* Code of object r->refobj: that module when it defines NAME, else vmlinux. */
static long for_code(struct rl_ctx *c, const struct ref *r)
{
	bool module = strcmp(r->refobj, "vmlinux") != 0;
	const struct kmod *k = module ? rl_module(c, r->refobj) : NULL;
	const size_t *idx;
	size_t i;

	if (module && !k)
		return need_module(c, r, r->refobj, "is not exported by vmlinux");
	if (k && kmod_find(k, r->name, &idx))
		return in_module(c, k, r, 0);
	if (rl_map(c))
		return -2;
	if (klp_sysmap_find(&c->map, r->name, &idx))
		return written_for(c, r, "vmlinux", "is found in") ? in_vmlinux(c, r, 0) : -2;
	rl_load_patched(c);
	for (i = 0; i < c->nmods; i++)
		if (kmod_find(&c->mods[i], r->name, &idx)) {
			rl_msg(&c->errors, "%s, referenced from %s, is defined only by %s (%s): livepatch writes that object's klp relocations when it loads, and this code may run before; if it cannot, declare klp_symbol(\"%s\") on %s",
			       r->name, r->where, c->mods[i].object, c->mods[i].elf.path,
			       c->mods[i].object, r->name);
			return -2;
		}
	return nowhere(c, r);
}

static long decide(struct rl_ctx *c, const struct ref *r)
{
	const struct klp_export *e;
	const struct map_rec *d;
	bool bad;

	d = declaration(c, r, &bad);
	if (bad)
		return -2;
	if (d)
		return declared(c, r, d);
	e = klp_symvers_find(&c->symvers, r->name);
	if (e && (strcmp(e->object, "vmlinux") == 0 || !rl_patched(c, e->object)))
		return -1;
	if (e) {
		const struct kmod *k = rl_module(c, e->object);

		if (!k)
			return need_module(c, r, e->object, "is exported by a patched object (and must be a klp relocation for the patch to load before it)");
		return in_module(c, k, r, 0);
	}
	return r->refobj[0] ? for_code(c, r) : for_data(c, r);
}

/* "bar+0x12 (object ext4)", "data at .data+0x10": where a reference is. */
static void where_text(const struct rl_ctx *c, const char *refobj, size_t shndx, uint64_t off,
		       char *buf, size_t len)
{
	char at[300];
	const struct ef_sym *fn = ef_function_at(&c->m.elf, shndx, off);

	describe_address(&c->m, shndx, off, at, sizeof(at));
	if (!fn)
		snprintf(buf, len, "%s %s", refobj[0] ? "code at" : "data at", at);
	else
		snprintf(buf, len, "%s (%s%s)", at, refobj[0] ? "object " : "no object", refobj);
}

long rl_decide(struct rl_ctx *c, size_t sym, const char *refobj, size_t shndx, uint64_t off)
{
	struct rl_decision *d;
	char where[400];
	struct ref r = { c->m.elf.syms[sym].name, c->m.elf.syms[sym].name, refobj, where };

	for (d = c->decided[sym]; d; d = d->next)
		if (strcmp(d->refobj, refobj) == 0)
			return d->target;
	d = calloc(1, sizeof(*d));
	if (!d) {
		rl_msg(&c->errors, "out of memory");
		return -2;
	}
	where_text(c, refobj, shndx, off, where, sizeof(where));
	d->refobj = refobj;
	d->target = decide(c, &r);
	d->next = c->decided[sym];
	c->decided[sym] = d;
	return d->target;
}
