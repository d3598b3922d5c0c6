// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * plan.c - which relocation of the object becomes a klp relocation, and
 * against which .klp.sym symbol.
 *
 * Every relocation of an allocated section against an undefined global
 * symbol gets the target decide.c gives for the object of the code around
 * it; a relocation against a symbol already named .klp.sym.* in an
 * ordinary relocation section is one a link folded back (ld -r merges
 * .klp.rela sections into .rela ones and makes SHN_LIVEPATCH symbols
 * absolute) and is put back by its name.  Each converted relocation must
 * also be one the kernel can write (docs/kernel-abi.md, sections 12.2 and
 * 12.6): a type apply_relocate_add() knows, in a section the loader does
 * not read before livepatch writes it, with names of the era's widths.
 */
#include "reloc.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static bool is_klp_sym(const struct ef_sym *s)
{
	return strncmp(s->name, KLP_SYM_PREFIX, strlen(KLP_SYM_PREFIX)) == 0;
}

/* The function whose alternative has its replacement code at OFF of section SHNDX. */
static const struct ef_sym *replaced_function(const struct rl_ctx *c, size_t shndx, uint64_t off)
{
	size_t i, rs;
	uint64_t ra;

	for (i = 0; i < c->m.nentries; i++) {
		const struct entry *e = &c->m.entries[i];
		const struct ef_rel *r;

		if (e->es->kind != KLP_ENTRY_ALT || !e->has_target)
			continue;
		r = ef_rel_at(e->es->sec, e->off + 4);
		if (r && ef_rel_target(&c->m.elf, r, &rs, &ra) && rs == shndx && off >= ra &&
		    off < ra + e->repllen)
			return e->func;
	}
	return NULL;
}

/* The object of the code at OFF of section SHNDX by the map; "" for data and untagged code. */
static const char *object_at(const struct rl_ctx *c, size_t shndx, uint64_t off)
{
	const struct ef_sym *fn = ef_function_at(&c->m.elf, shndx, off);
	const struct map_rec *r;

	if (!fn && strncmp(c->m.elf.secs[shndx].name, ".altinstr_", 10) == 0)
		fn = replaced_function(c, shndx, off);
	r = map_function(&c->m, fn);
	return r ? r->str[0] : "";
}

/* The rules of one relocation that becomes a klp relocation against target T. */
static void check_site(struct rl_ctx *c, const struct ef_sec *ts, uint64_t off, uint32_t type,
		       const struct rl_target *t)
{
	char where[400], tn[32];
	const char *since = klp_reloc_type_since(type);
	bool module = strcmp(t->obj, "vmlinux") != 0;

	describe_address(&c->m, ts->index, off, where, sizeof(where));
	if (!klp_reloc_type_handled(c->kv, type))
		rl_msg(&c->errors, "%s: %s against %s: x86_64 apply_relocate_add() of the target kernel (%s) does not handle this type (%s%s), so the patch would fail with \"Unknown rela relocation\"",
		       where, ef_reloc_name(type, tn), t->name, c->release[0] ? c->release : "its version",
		       since ? "handled from Linux " : "never handled", since ? since : "");
	if (klp_special_section(ts->name) || klp_entry_kind_of(ts->name, strlen(ts->name)) >= 0 ||
	    strncmp(ts->name, KLP_ARCH_PREFIX, strlen(KLP_ARCH_PREFIX)) == 0)
		rl_msg(&c->errors, "%s: %s refers to %s, which the module loader cannot resolve, but the loader reads %s while the patch module loads, before livepatch writes any klp relocation: reach %s from code instead (a static key or static call of another object cannot be used from a patch)",
		       where, ts->name, t->name, ts->name, t->name);
	else if (module && strncmp(ts->name, ".init", 5) == 0)
		rl_msg(&c->errors, "%s: a klp relocation against %s's %s in %s: livepatch writes it when %s loads, possibly after the patch module's init code was freed; move the reference out of init code",
		       where, t->obj, t->name, ts->name, t->obj);
}

/* Once per target: names the kernel of this era reads back (docs/kernel-abi.md, 12.2). */
static void check_names(struct rl_ctx *c, const struct rl_target *t)
{
	size_t max = klp_ksym_name_max(c->kv);

	if (strlen(t->name) > max)
		rl_msg(&c->errors, "%s: the name is %zu bytes, but livepatch of the target kernel reads at most %zu (KSYM_NAME_LEN - 1) from a .klp.sym name and would refuse the symbol",
		       t->name, strlen(t->name), max);
	if (strchr(t->name, ','))
		rl_msg(&c->errors, "%s: a name with a comma cannot be written in a .klp.sym name (the kernel reads the name up to the first comma)",
		       t->name);
}

/* The target a folded-back relocation against .klp.sym symbol SYM names. */
static long restored(struct rl_ctx *c, size_t sym)
{
	char obj[KLP_OBJECT_MAX + 1], name[KLP_SYMNAME_MAX + 1];
	const struct ef_sym *s = &c->m.elf.syms[sym];
	unsigned long pos;
	long t;

	if (klp_sym_sscanf(c->kv, s->name, obj, name, &pos) != 3) {
		rl_msg(&c->errors, "%s: the target kernel's livepatch cannot read this name as .klp.sym.OBJECT.NAME,POSITION (%zu bytes at most for NAME)",
		       s->name, klp_ksym_name_max(c->kv));
		return -2;
	}
	t = rl_target(c, obj, name, pos);
	if (t < 0) {
		rl_msg(&c->errors, "out of memory");
		return -2;
	}
	/* Its own entry, under the name it has (the kernel may read a longer one alike). */
	if (!c->targets[t].insym && strcmp(c->targets[t].sym, s->name) == 0)
		c->targets[t].insym = sym;
	return t;
}

static long target_of(struct rl_ctx *c, const struct ef_sec *ts, size_t sym, uint64_t off,
		      size_t first_global)
{
	const struct ef_sym *s = &c->m.elf.syms[sym];

	if (!(ts->sh.sh_flags & SHF_ALLOC) || sym < first_global)
		return -1;
	if (is_klp_sym(s))
		return restored(c, sym);
	/* Weak references may stay unresolved; modpost reports neither them nor the ignored ones. */
	if (c->opt.restore || s->s.st_shndx != SHN_UNDEF || GELF_ST_BIND(s->s.st_info) != STB_GLOBAL ||
	    klp_modpost_ignores_undefined(s->name))
		return -1;
	return rl_decide(c, sym, object_at(c, ts->index, off), ts->index, off);
}

static int plan_section(struct rl_ctx *c, const struct ef_sec *rs, size_t first_global,
			size_t *taken)
{
	const struct ef_sec *ts = &c->m.elf.secs[rs->sh.sh_info];
	size_t j, n = rs->sh.sh_size / sizeof(Elf64_Rela);
	long *conv = malloc((n ? n : 1) * sizeof(*conv));

	if (!conv)
		return -1;
	c->conv[rs->index] = conv;
	for (j = 0; j < n; j++) {
		const unsigned char *raw = rs->data + j * sizeof(Elf64_Rela);
		uint64_t off = ef_le(raw, 8), info = ef_le(raw + 8, 8);
		size_t sym = (size_t)GELF_R_SYM(info);
		long t = target_of(c, ts, sym, off, first_global);
		struct rl_target *tg;

		conv[j] = t < 0 ? -1 : t;
		if (t < 0)
			continue;
		tg = &c->targets[t];
		if (!tg->nrels++)
			check_names(c, tg);
		check_site(c, ts, off, klp_reloc_type_written(c->kv, (uint32_t)GELF_R_TYPE(info)), tg);
		c->nconverted++;
		/* An undefined symbol's entry becomes its first target's: no index moves. */
		if (taken[sym] || c->m.elf.syms[sym].s.st_shndx != SHN_UNDEF)
			continue;
		taken[sym] = 1;
		if (!tg->insym) {
			tg->insym = sym;
		} else {
			size_t *grown = klp_grow(tg->also, &tg->also_cap, tg->nalso + 1,
						 sizeof(*grown));

			if (!grown)
				return -1;
			tg->also = grown;
			tg->also[tg->nalso++] = sym;
		}
	}
	return 0;
}

int rl_plan(struct rl_ctx *c)
{
	const struct ef_file *f = &c->m.elf;
	size_t i, first_global = f->nsyms, next, before = c->errors.n;
	size_t *taken = calloc(f->nsyms ? f->nsyms : 1, sizeof(*taken));

	if (!taken) {
		rl_msg(&c->errors, "out of memory");
		return -1;
	}
	/*
	 * A module object without livepatch=Y is no patch (a target module
	 * built beside one, say): what it cannot link is modpost's to report.
	 */
	if (c->m.has_modinfo && !c->m.livepatch && !c->opt.restore) {
		rl_msg(&c->notes, "%s: no livepatch=Y in .modinfo: not a livepatch module, nothing converted",
		       c->opt.path);
		free(taken);
		return 0;
	}
	for (i = 1; i < f->nsecs; i++)
		if (f->secs[i].sh.sh_type == SHT_SYMTAB)
			first_global = f->secs[i].sh.sh_info;
	for (i = 1; i < f->nsecs; i++) {
		const struct ef_sec *rs = &f->secs[i];

		/* ld -r copies a .klp.rela section that has a sibling .rela as data (12.10). */
		if ((rs->sh.sh_flags & KLP_SHF_RELA_LIVEPATCH) &&
		    (rs->sh.sh_type != SHT_RELA || rs->sh.sh_link >= f->nsecs ||
		     f->secs[rs->sh.sh_link].sh.sh_type != SHT_SYMTAB))
			rl_msg(&c->errors, "%s: a livepatch relocation section that is no relocation section of the symbol table (type 0x%x, sh_link %u): a link copied it as data, with stale symbol indices; convert with --for-link before linking and --restore after",
			       rs->name, rs->sh.sh_type, rs->sh.sh_link);
		if (rs->sh.sh_type != SHT_RELA || (rs->sh.sh_flags & KLP_SHF_RELA_LIVEPATCH))
			continue;
		if (plan_section(c, rs, first_global, taken)) {
			rl_msg(&c->errors, "out of memory");
			break;
		}
	}
	free(taken);
	/* The others follow the input symbols, in the order they were found. */
	for (i = 0, next = f->nsyms; i < c->ntargets; i++)
		c->targets[i].outsym = c->targets[i].insym ? c->targets[i].insym : next++;
	return c->errors.n > before || c->errors.out_of_memory ? -1 : 0;
}
