// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * rules.c - the kernel's rules for .klp.arch sections, one function each
 * (those of livepatch relocations are in klprules.c).
 *
 * Every finding names its rule (a stable identifier, listed in
 * klp-arch-check(1)) and says what the kernel does with the file, so the
 * reader knows which alternative or paravirt site would stay unapplied or
 * be clobbered.  The facts are those of arch_klp_init_object_loaded()
 * (4.9-5.7), the x86 module_finalize() and livepatch's relocation order.
 */
#include "klpcheck.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void finding_add(struct findings *out, const char *rule, const char *section, long entry,
		 const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	f = klp_grow(out->v, &out->cap, out->n + 1, sizeof(*f));
	if (!f) {
		out->out_of_memory = true;
		return;
	}
	out->v = f;
	f = &out->v[out->n++];
	f->rule = rule;
	f->section = section;
	f->entry = entry;
	va_start(ap, fmt);
	vsnprintf(f->message, sizeof(f->message), fmt, ap);
	va_end(ap);
}

/* A finding about an entry section (or the module, ES NULL). */
#define add(out, rule, es, entry, ...) \
	finding_add(out, rule, (es) ? (es)->sec->name : NULL, entry, __VA_ARGS__)

void findings_free(struct findings *f)
{
	free(f->v);
	memset(f, 0, sizeof(*f));
}

long entry_index(const struct module *m, const struct entry *e)
{
	return (long)((size_t)(e - m->entries) - e->es->first);
}

static void where(const struct module *m, const struct entry *e, char *buf, size_t len)
{
	if (e->has_target)
		describe_address(m, e->tshndx, e->taddr, buf, len);
	else
		snprintf(buf, len, "(no relocation)");
}

const char *section_object(const struct esec *es)
{
	return es->klp && es->applied ? es->obj : NULL;
}

/* arch_klp_init_object_loaded(): sscanf(name, ".klp.arch.%55[^.].%127s") == 2, exact secname. */
static void rule_name(const struct module *m, const struct esec *es, struct findings *out)
{
	char obj[56] = "", sec[128] = "", norm[KLP_OBJNAME_MAX + 1], why[KLP_OBJNAME_WHY];
	const char *name = es->sec->name, *objstart = name + 10;
	int n;

	if (!es->klp)
		return;
	n = klp_arch_sscanf(name, obj, sec);
	if (n == 2 && es->applied) {
		if (klp_objname_normalise(obj, strlen(obj), norm, why))
			add(out, "klp-arch-object-name", es, -1,
			    "object name '%s' %s; no object ever matches it, so these entries are never applied: tag the functions with vmlinux or the patched module's name as kbuild spells it (KBUILD_MODNAME)",
			    obj, why);
		else if (strcmp(norm, obj) != 0)
			add(out, "klp-arch-object-name", es, -1,
			    "object name '%s' holds '-': the kernel compares it with strcmp() to the module's KBUILD_MODNAME, where '-' is '_' ('%s'), so these entries are never applied: tag the functions with '%s'",
			    obj, norm, norm);
		return;
	}
	if (n == 2 && (strcmp(sec, "altinstructions") == 0 || strcmp(sec, "parainstructions") == 0))
		add(out, "klp-arch-name", es, -1,
		    "the kernel reads this name with sscanf(\".klp.arch.%%55[^.].%%127s\") as object '%s' and section '%s', and applies only '.altinstructions' or '.parainstructions' (note the double dot: '.klp.arch.%s..%s'); these entries are never applied: use that name, as the klp_tag plugin writes it",
		    obj, sec, obj, sec);
	else if (n == 2)
		add(out, "klp-arch-name", es, -1,
		    "the kernel reads this name with sscanf(\".klp.arch.%%55[^.].%%127s\") as object '%s' and section '%s', and applies only '.altinstructions' or '.parainstructions'; these entries are never applied: name the section .klp.arch.%s..altinstructions or .klp.arch.%s..parainstructions, as the klp_tag plugin does",
		    obj, sec, obj, obj);
	else if (strcspn(objstart, ".") > 55)
		add(out, "klp-arch-name", es, -1,
		    "the object name is longer than the 55 characters the kernel's sscanf(\".klp.arch.%%55[^.].%%127s\") reads, so the name never parses and these entries are never applied: no module name is that long, so tag the functions with the patched object's name");
	else
		add(out, "klp-arch-name", es, -1,
		    "the kernel's sscanf(\".klp.arch.%%55[^.].%%127s\") does not find an object and a section name in it, so these entries are never applied: name the section .klp.arch.OBJECT..altinstructions or ..parainstructions, as the klp_tag plugin does");
}

static bool same_name_for_kernel(const struct esec *a, const struct esec *b)
{
	return a->applied && b->applied && a->kind == b->kind && a->klp == b->klp &&
	       (!a->klp || strcmp(a->obj, b->obj) == 0);
}

/* Both loops over the section headers keep the last match of each name. */
static void rule_one_per_name(const struct module *m, struct findings *out)
{
	size_t i, j, count, last;

	for (i = 0; i < m->nesecs; i++) {
		const struct esec *a = &m->esecs[i];

		for (j = 0; j < i && !same_name_for_kernel(&m->esecs[j], a); j++)
			;
		if (j < i || !a->applied)
			continue;	/* reported with the first of its group */
		count = 0;
		last = i;
		for (j = i; j < m->nesecs; j++)
			if (same_name_for_kernel(&m->esecs[j], a)) {
				count++;
				last = j;
			}
		for (j = i; j < last && count > 1; j++) {
			const struct esec *b = &m->esecs[j];

			if (!same_name_for_kernel(b, a))
				continue;
			if (a->klp)
				add(out, "one-section-per-name", b, -1,
				    "%zu sections hold the %s entries of object '%s' (this is section [%zu]); arch_klp_init_object_loaded() keeps only the last one, section [%zu], so the %zu entries of this one are never applied: link the module with the script klp-lds writes, which keeps one section per name (the kbuild fragment does)",
				    count, a->kind == KLP_ENTRY_ALT ? "alternative" : "paravirt", a->obj,
				    b->sec->index, m->esecs[last].sec->index, b->count);
			else
				add(out, "one-section-per-name", b, -1,
				    "%zu sections are named %s (this is section [%zu]); the module loader's module_finalize() keeps only the last one, section [%zu], so the %zu entries of this one are never applied: link the module with the script klp-lds writes, which keeps one section per name (the kbuild fragment does)",
				    count, b->sec->name, b->sec->index, m->esecs[last].sec->index, b->count);
		}
	}
}

static void rule_alloc(const struct module *m, const struct esec *es, struct findings *out)
{
	if (es->sec->sh.sh_flags & SHF_ALLOC)
		return;
	add(out, "shf-alloc", es, -1,
	    "section lacks SHF_ALLOC: it is not loaded into memory and its sh_addr is no address, so the kernel cannot apply its entries (mark it \"a\")");
}

static void rule_layout(const struct module *m, const struct esec *es, struct findings *out)
{
	const struct ef_sec *s = es->sec;

	if (es->kind == KLP_ENTRY_PARA) {
		if (s->sh.sh_addralign < 8 || s->sh.sh_addralign % 8)
			add(out, "para-align", es, -1,
			    "alignment %llu: struct paravirt_patch_site holds a pointer and apply_paravirt() walks the section in 16-byte steps; merged with less than 8-byte alignment the entries of the next object land between steps (this made apply_paravirt() panic in a kpatch bug): link with the script klp-lds writes, which aligns each section to 8",
			    (unsigned long long)s->sh.sh_addralign);
		if (es->misplaced || es->tail)
			add(out, "para-entry-stride", es, -1,
			    "%zu relocation(s) not on a 16-byte entry boundary and %zu stray trailing byte(s) in %llu bytes: the entries were merged out of step (an input section not padded to 8 bytes), and apply_paravirt() would read instruction pointers from the wrong bytes: link with the script klp-lds writes (ALIGN(8) sections), or give --layout if these are not the headers' layout",
			    es->misplaced, es->tail, (unsigned long long)s->sh.sh_size);
	} else if (es->tail || es->misplaced) {
		add(out, "alt-size", es, -1,
		    "size %llu is not made of whole %zu-byte struct alt_instr entries of the %s headers (%zu trailing byte(s), %zu relocation(s) off the instr/repl fields): apply_alternatives() would decode garbage: give --layout if the module was built against other headers, else link with the script klp-lds writes",
		    (unsigned long long)s->sh.sh_size, m->layout->alt_size, m->layout->name, es->tail,
		    es->misplaced);
	}
}

/*
 * Where a klp relocation of OBJECT lands inside LEN bytes at ADDR of
 * section SHNDX: its offset, or -1 when none does.
 */
static long long klp_rela_inside(const struct module *m, size_t shndx, uint64_t addr, size_t len,
				 const char *object)
{
	const struct ef_sec *ts = &m->elf.secs[shndx];
	size_t n = strlen(object), i;

	for (i = 0; i < ts->nrels; i++) {
		const struct ef_rel *r = &ts->rels[i];
		const char *rs = m->elf.secs[r->relsec].name;
		size_t rlen = ef_reloc_size(r->type);

		if (strncmp(rs, ".klp.rela.", 10) == 0 && strncmp(rs + 10, object, n) == 0 &&
		    rs[10 + n] == '.' && r->offset < addr + len && addr < r->offset + (rlen ? rlen : 1))
			return (long long)r->offset;
	}
	return -1;
}

/*
 * (klp-arch rules) An entry of a tagged function in a plain section: the
 * module loader applies it when the patch module loads, not after the
 * object's klp relocations.  What that does depends on whether one of them
 * lands in its bytes.
 */
static void rule_tagged_in_plain(const struct module *m, const struct entry *e, const char *obj,
				 const char *source, const char *at, struct findings *out)
{
	const struct esec *es = e->es;
	long long over = klp_rela_inside(m, e->tshndx, e->taddr, e->patchlen, obj);
	char site[300];

	if (over >= 0) {
		describe_address(m, e->tshndx, (uint64_t)over, site, sizeof(site));
		add(out, "tagged-in-plain", es, entry_index(m, e),
		    "the entry patches %s, which the map assigns to object '%s' (source %s), but it sits in %s: the module loader applies it at load, and livepatch writes the klp relocation of '%s' at %s into the patched bytes afterwards: kernels from 4.15 on then refuse to patch '%s' (\"Skipping invalid relocation target, existing value is nonzero\"), older ones overwrite the patched instruction (put it in .klp.arch.%s..%s)",
		    at, obj, source, es->sec->name, obj, site, obj, obj, es->sec->name + 1);
	} else {
		add(out, "tagged-in-plain", es, entry_index(m, e),
		    "the entry patches %s, which the map assigns to object '%s' (source %s), but it sits in %s: the module loader applies it when the patch module loads, not after livepatch writes the klp relocations of '%s'; none of them lands in its bytes in this file, so nothing is clobbered as built, but the entry is not deferred with its object (put it in .klp.arch.%s..%s)",
		    at, obj, source, es->sec->name, obj, obj, es->sec->name + 1);
	}
}

static void rule_entries(const struct module *m, const struct esec *es, struct findings *out)
{
	const char *obj = section_object(es);
	bool have_map = m->nmap > 0;
	size_t j;

	for (j = es->first; j < es->first + es->count; j++) {
		const struct entry *e = &m->entries[j];
		const struct map_rec *r;
		char at[300];
		long idx = entry_index(m, e);

		where(m, e, at, sizeof(at));
		if (!e->has_target) {
			add(out, "entry-range", es, idx,
			    "the entry has no relocation for the instruction it patches, so it patches no function of this module");
			continue;
		}
		if (!e->func) {
			add(out, "entry-range", es, idx,
			    "the entry patches %s, which is inside no function symbol", at);
		} else if (e->func->s.st_size &&
			   e->taddr + e->patchlen > e->func->s.st_value + e->func->s.st_size) {
			add(out, "entry-range", es, idx,
			    "the entry patches %u bytes at %s, past the end of %s (%llu bytes): the kernel would overwrite the next function",
			    e->patchlen, at, e->func->name, (unsigned long long)e->func->s.st_size);
		}
		if (obj && strcmp(obj, "vmlinux") != 0 &&
		    strncmp(m->elf.secs[e->tshndx].name, ".init.text", 10) == 0)
			add(out, "init-text", es, idx,
			    "the entry patches %s in .init.text, but livepatch applies the entries of object '%s' when '%s' loads, possibly after the patch module's init code was freed: move the code out of __init, or give it no object",
			    at, obj, obj);
		if (!have_map || !e->func)
			continue;
		r = map_function(m, e->func);
		if (!r)
			continue;
		if (obj && strcmp(r->str[0], obj) != 0)
			add(out, "entry-object", es, idx,
			    "the entry patches %s, which the map assigns to %s%s%s (source %s), but it sits in the section of object '%s': livepatch applies it when the relocations of '%s' are written, not when those of the code it patches are; rebuild the file with the plugin and the module's table files (the kbuild fragment does) so that its sections follow the map",
			    at, r->str[0][0] ? "object '" : "no object", r->str[0],
			    r->str[0][0] ? "'" : "", klp_map_source_name(r->source), obj, obj);
		if (!es->klp && m->rules.id == RULES_KLP_ARCH && r->str[0][0])
			rule_tagged_in_plain(m, e, r->str[0], klp_map_source_name(r->source), at, out);
	}
}

/* Is SYM FUNC itself or its unlikely part (foo.cold) from the same file? */
static bool part_of(const struct ef_sym *sym, const struct ef_sym *func)
{
	size_t n = strlen(func->name);

	return sym == func || (sym->file == func->file && strncmp(sym->name, func->name, n) == 0 &&
			       strncmp(sym->name + n, ".cold", 5) == 0);
}

/*
 * A klp_object table names FUNC as the .new_func of object OBJ (a table
 * record, tied to FUNC by relocation, wherever FUNC is defined): where do
 * its entries sit that livepatch would not apply with OBJ?  Returns how
 * many; *FIRST the first.
 */
static size_t entries_outside(const struct module *m, const struct ef_sym *func, const char *obj,
			      const struct entry **first)
{
	size_t i, n = 0;

	for (i = 0; i < m->nentries; i++) {
		const struct entry *e = &m->entries[i];
		const char *eobj = section_object(e->es);

		if (!e->func || !part_of(e->func, func) || (eobj && strcmp(eobj, obj) == 0))
			continue;
		if (!n++)
			*first = e;
	}
	return n;
}

/*
 * Tables decide for the whole module: a function a table names for X
 * belongs to X wherever it is defined.  A file compiled without the
 * module's table files leaves its entries where the table does not say;
 * one whose explicit sources say otherwise gives it another object.
 */
static void rule_table_objects(const struct module *m, struct findings *out)
{
	size_t i;

	for (i = 0; i < m->nmap; i++) {
		const struct map_rec *t = &m->map[i], *fr, *tunit;
		const struct entry *first = NULL;
		const char *obj = t->str[0], *fn = t->str[1], *tfile, *ffile;
		size_t n;

		if (t->kind != KLP_MAP_TABLE || !t->func)
			continue;
		fr = map_function(m, t->func);
		tunit = map_unit_of(m, t);
		tfile = tunit && tunit->str[1][0] ? tunit->str[1] : "this module";
		ffile = function_file(m, t->func);
		if (fr && fr->str[0][0] && strcmp(fr->str[0], obj) != 0) {
			finding_add(out, "table-object", NULL, -1,
				    "'%s' (%s) is the .new_func of the klp_object table for '%s' in %s, but its own file gave it object '%s' (source %s): livepatch applies its entries with '%s', not after the relocations of '%s', whose code it replaces; make the sources agree (compiled with the module's table files, the plugin names both at the function)",
				    fn, ffile ? ffile : "?", obj, tfile, fr->str[0],
				    klp_map_source_name(fr->source), fr->str[0], obj);
			continue;
		}
		if ((fr && fr->str[0][0]) || m->rules.id != RULES_KLP_ARCH)
			continue;
		n = entries_outside(m, t->func, obj, &first);
		if (n)
			add(out, "table-object", first->es, -1,
			    "'%s' (%s) is the .new_func of the klp_object table for '%s' in %s, but %s was compiled without that table: %zu of its entries sit in %s (%s), not in .klp.arch.%s..*, so they are not applied after the relocations of '%s'; compile %s with the module's table files (the kbuild fragment does; with gcc, -fplugin-arg-klp_tag-tables=) or tag the function (__klp_object(%s), KLP_TAG_<file>.o := %s, or the tag line '%s %s')",
			    fn, ffile ? ffile : "a file compiled without the plugin", obj, tfile,
			    ffile ? ffile : "it", n, first->es->sec->name,
			    first->es->klp ? "applied with another object" : "applied at module load",
			    obj, obj, ffile ? ffile : "it", obj, obj, fn, obj);
	}
}

/* livepatch calls arch_klp_init_object_loaded() only for the patch's own klp_objects. */
static void rule_known_object(const struct module *m, const struct esec *es, struct findings *out)
{
	char names[256] = "";
	size_t i, len = 0;

	if (!section_object(es) || !map_has_objects(m))
		return;
	for (i = 0; i < m->nmap; i++)
		if (m->map[i].kind == KLP_MAP_OBJECT && strcmp(m->map[i].str[0], es->obj) == 0)
			return;
	for (i = 0; i < m->nmap && len < sizeof(names) - 1; i++)
		if (m->map[i].kind == KLP_MAP_OBJECT && !strstr(names, m->map[i].str[0]))
			len += (size_t)snprintf(names + len, sizeof(names) - len, "%s'%s'",
						len ? ", " : "", m->map[i].str[0]);
	add(out, "unknown-object", es, -1,
	    "object '%s' is not one of the patch's klp_object entries (%s): livepatch applies .klp.arch sections only for its own objects, so these entries are never applied: add '%s' to the klp_object table, or tag the functions for one of its objects",
	    es->obj, names, es->obj);
}

static void rule_consumer(const struct module *m, struct findings *out)
{
	size_t i;

	for (i = 0; i < m->nesecs; i++) {
		const struct esec *es = &m->esecs[i];

		if (!es->klp)
			continue;
		if (m->rules.id == RULES_NONE)
			add(out, "kernel-ignores-klp-arch", es, -1,
			    "the consumer kernel (%s, from %s) has no arch_klp_init_object_loaded() (removed in 5.8, absent before 4.9): it loads the module but never applies .klp.arch sections, so these entries stay unapplied; build with abi=none or auto for it",
			    m->rules.name, m->rules.from);
		if ((m->is_ko || (m->as_module && m->has_modinfo)) && !m->livepatch)
			add(out, "not-livepatch", es, -1,
			    "the module has no livepatch=Y modinfo: only livepatch applies .klp.arch sections, and only for livepatch modules, so these entries are never applied: a livepatch module has MODULE_INFO(livepatch, \"Y\"); a target module belongs in a directory of its own, built without the plugin's tags");
	}
}

int verify_module(const struct module *m, const struct symdbs *db, struct findings *out)
{
	size_t i;

	for (i = 0; i < m->nesecs; i++) {
		const struct esec *es = &m->esecs[i];

		rule_name(m, es, out);
		if (!es->count && !es->tail && !es->misplaced && es->sec->size == 0)
			continue;
		rule_alloc(m, es, out);
		rule_layout(m, es, out);
		rule_known_object(m, es, out);
		rule_entries(m, es, out);
	}
	rule_one_per_name(m, out);
	rule_table_objects(m, out);
	rule_consumer(m, out);
	verify_klp(m, db, out);
	return out->out_of_memory ? -1 : 0;
}
