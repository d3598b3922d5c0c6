// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * klprules.c - the kernel's rules for livepatch relocations, one function
 * each, for the consumer kernel's era (m->rules.kv).  Each finding names
 * its rule (listed in klp-arch-check(1)) and what the kernel does with the
 * file: refuses the patch, writes into freed memory, applies a relocation
 * against 0.  The facts: docs/kernel-abi.md, section 12.
 */
#include "klpcheck.h"
#include "symdb.h"

#include <stdlib.h>
#include <string.h>

static bool is_klp_sym(const struct ef_sym *s)
{
	return strncmp(s->name, KLP_SYM_PREFIX, strlen(KLP_SYM_PREFIX)) == 0;
}

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

/* Is OBJ one of the patch's objects, as far as the map tells? */
static bool patched(const struct module *m, const char *obj)
{
	size_t i;

	if (!map_has_objects(m))
		return true;
	for (i = 0; i < m->nmap; i++)
		if (m->map[i].kind == KLP_MAP_OBJECT && strcmp(m->map[i].str[0], obj) == 0)
			return true;
	return false;
}

/* klp_write_object_relocations() / klp_apply_section_relocs(): the section itself. */
static void rule_section(const struct module *m, const struct ef_sec *rs, struct findings *out)
{
	const struct ef_file *f = &m->elf;
	char obj[KLP_OBJECT_MAX + 1], norm[KLP_OBJNAME_MAX + 1], why[KLP_OBJNAME_WHY];
	size_t len = strncmp(rs->name, KLP_RELA_PREFIX, strlen(KLP_RELA_PREFIX)) ? 0 :
		     strcspn(rs->name + strlen(KLP_RELA_PREFIX), ".");

	if (rs->sh.sh_type != SHT_RELA || rs->sh.sh_link >= f->nsecs ||
	    f->secs[rs->sh.sh_link].sh.sh_type != SHT_SYMTAB) {
		finding_add(out, "klp-rela-section", rs->name, -1,
			    "SHF_RELA_LIVEPATCH on a section that is no relocation section of the symbol table (type 0x%x, sh_link %u): a link copied it as data (ld -r does that to a .klp.rela section next to an ordinary one), and livepatch would apply its bytes against the wrong symbols; write livepatch relocations after the last link (klp-reloc --restore)",
			    rs->sh.sh_type, rs->sh.sh_link);
		return;
	}
	if (klp_rela_sscanf(rs->name, obj) != 1)
		finding_add(out, "klp-rela-name", rs->name, -1,
			    "livepatch reads no object from this name with sscanf(\".klp.rela.%%55[^.]\") and refuses the whole patch (-EINVAL): name it .klp.rela.OBJECT.SECTION, as klp-reloc does");
	else if (len > KLP_OBJECT_MAX)
		finding_add(out, "klp-rela-name", rs->name, -1,
			    "the object name is %zu bytes: livepatch's sscanf(\".klp.rela.%%55[^.]\") keeps 55 of them, which name no object, so these relocations are never written: no module name is that long; name the patched object",
			    len);
	else if (klp_objname_normalise(obj, strlen(obj), norm, why) || strcmp(norm, obj))
		finding_add(out, "klp-rela-name", rs->name, -1,
			    "object name '%s' can never equal a module's name (KBUILD_MODNAME, compared with strcmp()), so these relocations are never written: use vmlinux or the module's name as kbuild spells it",
			    obj);
	else if (!patched(m, obj) &&
		 !(strcmp(obj, "vmlinux") == 0 && klp_kernel_writes_vmlinux_relas_at_load(m->rules.kv)))
		finding_add(out, "klp-rela-unknown-object", rs->name, -1,
			    "object '%s' is not one of the patch's klp_object entries: livepatch writes .klp.rela.%s.* relocations only for its own objects%s, so these are never written: add '%s' to the klp_object table",
			    obj, obj, strcmp(obj, "vmlinux") == 0 ? " before 5.8" : "", obj);
	if (!(rs->sh.sh_flags & SHF_ALLOC))
		finding_add(out, "klp-rela-alloc", rs->name, -1,
			    "section lacks SHF_ALLOC: it is not kept in the module's memory, and livepatch reads it when the object's relocations are written, long after the loader freed its copy of the file: mark it \"a\" (klp-reloc does)");
	if (!(f->secs[rs->sh.sh_info].sh.sh_flags & SHF_ALLOC))
		finding_add(out, "klp-rela-target", rs->name, -1,
			    "it relocates %s, which is not allocated: livepatch would write into the loader's freed copy of the file; only references from code and allocated data can be klp relocations",
			    f->secs[rs->sh.sh_info].name);
}

/* klp_resolve_symbols() and apply_relocate_add(): each relocation. */
static void rule_relocation(const struct module *m, const struct klp_rel *k, bool first_of_sym,
			    struct findings *out)
{
	const struct ef_sec *ts = &m->elf.secs[k->rsec->sh.sh_info];
	char at[300], sym[700], tn[32];
	const char *since = klp_reloc_type_since(k->rel->type);
	long idx = (long)k->index;

	describe_address(m, ts->index, k->rel->offset, at, sizeof(at));
	klp_rel_symbol(k, sym, sizeof(sym));
	if (first_of_sym && k->sym->s.st_shndx != KLP_SHN_LIVEPATCH)
		finding_add(out, "klp-sym-shndx", k->rsec->name, idx,
			    "relocation at %s against %s, whose section index is 0x%x, not SHN_LIVEPATCH: livepatch refuses the patch (\"not marked as a livepatch symbol\", -EINVAL); a livepatch symbol is SHN_LIVEPATCH, as klp-reloc writes it",
			    at, sym, k->sym->s.st_shndx);
	if (first_of_sym && k->fields != 3)
		finding_add(out, "klp-sym-name", k->rsec->name, idx,
			    "livepatch reads %d of the 3 fields of \".klp.sym.OBJECT.NAME,POSITION\" from %s (names of at most %zu bytes on this kernel) and refuses the patch (-EINVAL); name it .klp.sym.OBJECT.NAME,POSITION, as klp-reloc does",
			    k->fields, sym, klp_ksym_name_max(m->rules.kv));
	if (k->sec_read && k->fields >= 1 && strcmp(k->obj, k->symobj) != 0) {
		if (strcmp(k->symobj, "vmlinux") == 0 &&
		    klp_kernel_forbids_vmlinux_sym_in_module_rela(m->rules.kv))
			finding_add(out, "klp-rela-vmlinux-sym", k->rsec->name, idx,
				    "relocation at %s against vmlinux's %s in a section of object '%s': from 5.8 on livepatch refuses the patch (\"invalid access to vmlinux symbol ... from module-specific livepatch relocation section\"); it belongs in .klp.rela.vmlinux.%s",
				    at, sym, k->obj, ts->name);
		else
			finding_add(out, "klp-rela-object", k->rsec->name, idx,
				    "relocation at %s against %s of object '%s' in a section of object '%s': livepatch resolves it when the relocations of '%s' are written, when '%s' may not be loaded (\"symbol not found\"); it belongs in .klp.rela.%s.%s",
				    at, sym, k->symobj, k->obj, k->obj, k->symobj, k->symobj, ts->name);
	}
	if (klp_reloc_type_written(m->rules.kv, k->rel->type) != k->rel->type)
		finding_add(out, "klp-rela-type", k->rsec->name, idx,
			    "relocation at %s is %s, which x86_64 apply_relocate_add() handles from Linux %s on and before only in the stable kernels that took its backport (4.9.337 has it): a kernel without it refuses the object (\"Unknown rela relocation\"); klp-reloc writes R_X86_64_PC32 for kernels before %s, which every kernel computes alike",
			    at, ef_reloc_name(k->rel->type, tn), since, since);
	else if (!klp_reloc_type_handled(m->rules.kv, k->rel->type))
		finding_add(out, "klp-rela-type", k->rsec->name, idx,
			    "relocation at %s is %s, which x86_64 apply_relocate_add() of the consumer kernel does not handle (%s%s): \"Unknown rela relocation\", and the object is refused",
			    at, ef_reloc_name(k->rel->type, tn), since ? "handled from Linux " : "never handled",
			    since ? since : "");
	if (klp_special_section(ts->name) || klp_entry_kind_of(ts->name, strlen(ts->name)) >= 0 ||
	    strncmp(ts->name, KLP_ARCH_PREFIX, strlen(KLP_ARCH_PREFIX)) == 0)
		finding_add(out, "klp-rela-special", k->rsec->name, idx,
			    "relocation in %s, which the module loader reads while the patch module loads, before livepatch writes this relocation: the loader sees 0 for %s; reach it from code instead (a static key or static call of another object cannot be used from a patch)",
			    ts->name, sym);
	else if (strcmp(k->obj, "vmlinux") != 0 && strncmp(ts->name, ".init", 5) == 0)
		finding_add(out, "klp-rela-init", k->rsec->name, idx,
			    "relocation at %s in %s: livepatch writes the relocations of '%s' when it loads, possibly after the patch module's init code was freed: move the reference out of init code",
			    at, ts->name, k->obj);
}

/* Where the symbol of K leads, as the kernel would follow it; true when it says so. */
static void rule_resolve(const struct module *m, const struct symdbs *db, const struct klp_rel *k,
			 struct findings *out)
{
	const struct kmod *mod = NULL;
	struct resolution r;
	char sym[700], cand[1500], fix[300];
	unsigned long safe = 0;
	const char *db_name;
	size_t i, nsafe;

	if (k->fields != 3 || k->namelen > KLP_SYMNAME_MAX)
		return;
	snprintf(sym, sizeof(sym), "%.*s", (int)k->namelen, k->name);
	if (strcmp(k->symobj, "vmlinux") == 0) {
		if (!db->map)
			return;
		resolve_vmlinux(db->map, sym, k->pos, &r);
		db_name = db->map->path;
	} else {
		for (i = 0; i < db->nmods && !mod; i++)
			if (strcmp(db->mods[i].object, k->symobj) == 0)
				mod = &db->mods[i];
		if (!mod)
			return;
		resolve_module(mod, sym, k->pos, &r);
		db_name = mod->elf.path;
	}
	if (r.status == RES_OK)
		return;
	nsafe = describe_candidates(mod ? NULL : db->map, mod, &r, cand, sizeof(cand), &safe, NULL);
	if (r.status == RES_ABSENT)
		snprintf(fix, sizeof(fix), "; if the --symbols and --module files are the target kernel's, the patch cannot reach it by this name");
	else if (r.status == RES_ADDRESS_ZERO)
		fix[0] = '\0';
	else if (nsafe)
		snprintf(fix, sizeof(fix), "; give the position of the one meant, e.g. klp_symbol(\"%s\", %lu) on its declaration",
			 k->symobj, safe);
	else
		snprintf(fix, sizeof(fix), "; no position names it in both load orders: call a function of %s whose name is unique instead",
			 k->symobj);
	finding_add(out, "klp-sym-resolve", k->rsec->name, (long)k->index,
		    "%s: %s (%s)%s%s%s",
		    k->sym->name,
		    r.status == RES_ABSENT ? "livepatch would not find it (\"symbol not found\")" :
		    r.status == RES_AMBIGUOUS ? "several symbols have this name and the position is 0 (\"unresolvable ambiguity\")" :
		    r.status == RES_NO_POSITION ? "fewer symbols have this name than the position (\"symbol position not found\")" :
		    r.status == RES_ADDRESS_ZERO ? "the symbol found is at address 0, which livepatch takes for \"not found\"" :
		    "the position names different symbols whether the module loads after the patch (its full symbol table) or before (its core symbols)",
		    db_name, cand[0] ? ": " : "", cand, fix);
}

/* Relocations against .klp.sym symbols outside livepatch sections: applied at load against 0. */
static void rule_ordinary(const struct module *m, struct findings *out)
{
	const struct ef_file *f = &m->elf;
	bool *seen;
	size_t i, j;

	/*
	 * A module's object before kbuild's .ko link (--kbuild) holds them so
	 * on purpose (klp-reloc --for-link); the post-link hook restores the
	 * .ko and checks it.
	 */
	if (m->as_module && !m->is_ko)
		return;
	seen = calloc(f->nsyms ? f->nsyms : 1, sizeof(*seen));
	if (!seen) {
		out->out_of_memory = true;
		return;
	}
	for (i = 1; i < f->nsecs; i++) {
		const struct ef_sec *ts = &f->secs[i];

		if (!(ts->sh.sh_flags & SHF_ALLOC))
			continue;
		for (j = 0; j < ts->nrels; j++) {
			const struct ef_rel *r = &ts->rels[j];
			char at[300];

			if ((f->secs[r->relsec].sh.sh_flags & KLP_SHF_RELA_LIVEPATCH) ||
			    !is_klp_sym(&f->syms[r->sym]) || seen[r->sym])
				continue;
			seen[r->sym] = true;
			describe_address(m, i, r->offset, at, sizeof(at));
			finding_add(out, "klp-sym-ordinary", f->secs[r->relsec].name, (long)r->index,
				    "relocation at %s against %s in an ordinary relocation section: the module loader applies it at load, against the value 0; a link folded the livepatch relocations back (kbuild's .ko link does, after klp-reloc --for-link): run klp-reloc --restore on the linked file",
				    at, f->syms[r->sym].name);
		}
	}
	free(seen);
}

static void clobber(const struct module *m, const struct entry *e, const struct klp_rel *k,
		    bool replacement, struct findings *out)
{
	const char *eobj = section_object(e->es);
	char at[300], fix[400];

	if (eobj && strcmp(eobj, k->obj) == 0)
		return;
	/*
	 * Kernels without the hook never apply .klp.arch entries (kernel-ignores-klp-arch
	 * says so), and 5.8+ writes vmlinux's klp relocations at load, before the alternatives.
	 */
	if (m->rules.id == RULES_NONE && (eobj || strcmp(k->obj, "vmlinux") == 0))
		return;
	describe_address(m, k->rsec->sh.sh_info, k->rel->offset, at, sizeof(at));
	/* What defers the entry past the relocation: its object's section, where there is one. */
	if (m->rules.id == RULES_NONE)
		snprintf(fix, sizeof(fix), "no section name defers an entry on this kernel: move the reference out of the alternative or paravirt site (load the address into a register before it)");
	else
		snprintf(fix, sizeof(fix), "put the entry in .klp.arch.%s..%s, applied right after those relocations (the klp_tag plugin does when the function is tagged for '%s' and abi resolves to klp-arch)",
			 k->obj, e->es->kind == KLP_ENTRY_ALT ? "altinstructions" : "parainstructions",
			 k->obj);
	if (replacement)
		finding_add(out, "klp-rela-clobber", e->es->sec->name, entry_index(m, e),
			    "%s writes a relocation of object '%s' at %s, in the replacement code this entry copies; the entry is applied %s%s%s, before the relocation of '%s' is written, so the copy holds 0 where the address belongs: %s",
			    k->rsec->name, k->obj, at, eobj ? "with object '" : "at load",
			    eobj ? eobj : "", eobj ? "'" : "", k->obj, fix);
	else if (eobj)
		finding_add(out, "klp-rela-clobber", e->es->sec->name, entry_index(m, e),
			    "%s writes a relocation of object '%s' at %s, inside the %u bytes this entry patches; the entry is applied with object '%s', so the relocation of '%s' is written after it and overwrites the patched instruction: %s",
			    k->rsec->name, k->obj, at, e->patchlen, eobj, k->obj, fix);
	else
		finding_add(out, "klp-rela-clobber", e->es->sec->name, entry_index(m, e),
			    "%s writes a relocation of object '%s' at %s, inside the %u bytes this entry patches; the module loader applies the entry at load, and livepatch writes the relocation of '%s' later, over the patched instruction: %s",
			    k->rsec->name, k->obj, at, e->patchlen, k->obj, fix);
}

/* Livepatch writes .klp.rela.X.* after the loader's alternatives and before X's .klp.arch ones. */
static void rule_clobber(const struct module *m, struct findings *out)
{
	size_t i, j, rs;
	uint64_t ra;

	for (i = 0; i < m->nentries; i++) {
		const struct entry *e = &m->entries[i];
		const struct ef_rel *repl = e->es->kind == KLP_ENTRY_ALT ?
					    ef_rel_at(e->es->sec, e->off + 4) : NULL;
		bool has_repl = repl && ef_rel_target(&m->elf, repl, &rs, &ra);

		if (!e->has_target || !e->es->applied)
			continue;
		for (j = 0; j < m->nklp; j++) {
			const struct klp_rel *k = &m->klp[j];
			size_t ts = k->rsec->sh.sh_info, len = ef_reloc_size(k->rel->type);

			if (!k->sec_read)
				continue;
			if (ts == e->tshndx && overlaps(k->rel->offset, len ? len : 1, e->taddr, e->patchlen))
				clobber(m, e, k, false, out);
			else if (has_repl && ts == rs && overlaps(k->rel->offset, len ? len : 1, ra, e->repllen))
				clobber(m, e, k, true, out);
		}
	}
}

void verify_klp(const struct module *m, const struct symdbs *db, struct findings *out)
{
	const struct ef_file *f = &m->elf;
	bool *seen = calloc(f->nsyms ? f->nsyms : 1, sizeof(*seen));
	size_t i;

	if (!seen) {
		out->out_of_memory = true;
		return;
	}
	for (i = 1; i < f->nsecs; i++)
		if (f->secs[i].sh.sh_flags & KLP_SHF_RELA_LIVEPATCH)
			rule_section(m, &f->secs[i], out);
	for (i = 0; i < m->nklp; i++) {
		bool first = !seen[m->klp[i].rel->sym];

		seen[m->klp[i].rel->sym] = true;
		rule_relocation(m, &m->klp[i], first, out);
		if (first && db)
			rule_resolve(m, db, &m->klp[i], out);
	}
	free(seen);
	rule_ordinary(m, out);
	rule_clobber(m, out);
}
