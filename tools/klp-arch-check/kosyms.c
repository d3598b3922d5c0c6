// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kosyms.c - a target module's symbols in its two kallsyms tables (see
 * symdb.h): the full .symtab copy livepatch searches while the module
 * loads after the patch, and the core table it searches once the module
 * had loaded before (docs/kernel-abi.md, section 12.3).
 */
#include "symdb.h"
#include "klpcheck.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

char ef_sym_letter(const struct ef_file *f, const struct ef_sym *s)
{
	int bind = GELF_ST_BIND(s->s.st_info);
	const GElf_Shdr *sh;
	char c;

	if (s->s.st_shndx == SHN_UNDEF)
		return bind == STB_WEAK ? 'w' : 'U';
	if (bind == STB_WEAK)
		return 'W';
	if (s->s.st_shndx == SHN_ABS)
		c = 'a';
	else if (!ef_sym_defined(f, s))
		c = '?';
	else {
		sh = &f->secs[s->shndx].sh;
		if (sh->sh_flags & SHF_EXECINSTR)
			c = 't';
		else if (!(sh->sh_flags & SHF_ALLOC))
			c = 'n';
		else if (sh->sh_type == SHT_NOBITS)
			c = 'b';
		else if (sh->sh_flags & SHF_WRITE)
			c = 'd';
		else
			c = 'r';
	}
	return bind == STB_LOCAL || c == '?' ? c : (char)(c - 'a' + 'A');
}

/* The loader's find_sec(): the first allocated section of that name. */
static size_t percpu_section(const struct ef_file *f)
{
	size_t i;

	for (i = 1; i < f->nsecs; i++)
		if ((f->secs[i].sh.sh_flags & SHF_ALLOC) &&
		    strcmp(f->secs[i].name, KLP_MODULE_PERCPU_SECTION) == 0)
			return i;
	return 0;
}

/* The object name: modinfo name= (modpost writes KBUILD_MODNAME there), else the file's. */
static int object_name(struct kmod *k, const char *path, char err[EF_ERRLEN])
{
	const char *name = modinfo_value(&k->elf, "name"), *base;
	char why[KLP_OBJNAME_WHY];
	size_t len;

	if (name)
		return klp_objname_check_exact(name, strlen(name), why) ?
		       ef_error(err, "modinfo name=%s: object name '%s' %s", name, name, why) :
		       (snprintf(k->object, sizeof(k->object), "%s", name), 0);
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 3 && strcmp(base + len - 3, ".ko") == 0)
		len -= 3;
	if (klp_objname_normalise(base, len, k->object, why))
		return ef_error(err, "no modinfo name=, and the file name gives object name '%.*s', which %s",
				(int)len, base, why);
	return 0;
}

static const char *name_of(const void *ctx, size_t i)
{
	return ((const struct kmod *)ctx)->syms[i].sym->name;
}

int kmod_load(struct kmod *k, const char *path, const struct klp_kconfig *c, char err[EF_ERRLEN])
{
	size_t i, pcpu;

	memset(k, 0, sizeof(*k));
	if (ef_open(&k->elf, path, err))
		return -1;
	if (!ef_section_named(&k->elf, ".modinfo"))
		return ef_error(err, "no .modinfo section: not a kernel module (.ko)");
	k->vermagic = modinfo_value(&k->elf, "vermagic");
	if (object_name(k, path, err))
		return -1;
	k->syms = calloc(k->elf.nsyms ? k->elf.nsyms : 1, sizeof(*k->syms));
	if (!k->syms)
		return ef_error(err, "out of memory");
	pcpu = percpu_section(&k->elf);
	for (i = 1; i < k->elf.nsyms; i++) {
		const struct ef_sym *s = &k->elf.syms[i];
		unsigned shndx = s->s.st_shndx;
		int in_core = 0;

		/* module_kallsyms_on_each_symbol() skips only the undefined ones. */
		if (shndx == SHN_UNDEF)
			continue;
		if (shndx < k->elf.nsecs)
			in_core = klp_module_section_in_core(c, k->elf.secs[shndx].name,
							     k->elf.secs[shndx].sh.sh_flags,
							     pcpu && shndx == pcpu);
		k->syms[k->nsyms].sym = s;
		/* simplify_symbols() moves every section symbol off 0; absolute ones keep their value. */
		k->syms[k->nsyms].addr = shndx == SHN_ABS ? s->s.st_value : 1;
		k->syms[k->nsyms].core = klp_module_core_symbol(shndx, k->elf.nsecs, s->s.st_name != 0,
								in_core);
		k->nsyms++;
	}
	if (klp_name_groups_build(&k->byname, k->nsyms, name_of, k))
		return ef_error(err, "out of memory");
	return 0;
}

size_t kmod_find(const struct kmod *k, const char *name, const size_t **idx)
{
	return klp_name_groups_find(&k->byname, name, idx);
}

void kmod_free(struct kmod *k)
{
	free(k->syms);
	klp_name_groups_free(&k->byname);
	ef_close(&k->elf);
	memset(k, 0, sizeof(*k));
}
