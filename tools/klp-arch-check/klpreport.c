// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * klpreport.c - the livepatch relocations in klp-arch-check's reports:
 * per object of the .klp.rela sections, each relocation's place, type,
 * symbol and position, and with --symbols/--module where the kernel would
 * resolve it.
 */
#include "klpcheck.h"
#include "symdb.h"

#include <string.h>

/* Where R's symbol leads with the databases given, into BUF; NULL when not known. */
static const char *resolved(const struct klp_rel *k, const struct symdbs *db, char *buf,
			    size_t len)
{
	char name[KLP_SYMNAME_MAX + 1];
	struct resolution r;
	size_t i;

	if (!db || k->fields != 3 || k->namelen > KLP_SYMNAME_MAX)
		return NULL;
	snprintf(name, sizeof(name), "%.*s", (int)k->namelen, k->name);
	if (strcmp(k->symobj, "vmlinux") == 0 && db->map) {
		resolve_vmlinux(db->map, name, k->pos, &r);
		if (r.status != RES_OK)
			return "unresolved";
		snprintf(buf, len, "%016llx %c (%s line %u)",
			 (unsigned long long)db->map->syms[r.which].addr, db->map->syms[r.which].type,
			 db->map->path, db->map->syms[r.which].line);
		return buf;
	}
	for (i = 0; i < (db ? db->nmods : 0); i++) {
		const struct kmod *mod = &db->mods[i];
		const struct ef_sym *s;

		if (strcmp(mod->object, k->symobj) != 0)
			continue;
		resolve_module(mod, name, k->pos, &r);
		if (r.status != RES_OK)
			return "unresolved";
		s = mod->syms[r.which].sym;
		snprintf(buf, len, "%c %s+0x%llx of %s (in both load orders)", ef_sym_letter(&mod->elf, s),
			 ef_sym_defined(&mod->elf, s) ? mod->elf.secs[s->shndx].name : "*ABS*",
			 (unsigned long long)s->s.st_value, mod->elf.path);
		return buf;
	}
	return NULL;
}

/* When livepatch writes the relocations of OBJ on the consumer kernel (12.4, 12.5). */
static const char *when(const struct module *m, const char *obj)
{
	if (strcmp(obj, "vmlinux") != 0)
		return "when it loads, or when the patch is enabled if it is loaded";
	return klp_kernel_writes_vmlinux_relas_at_load(m->rules.kv) ?
	       "while the patch module loads, before its alternatives" :
	       "when the patch is enabled";
}

static bool first_of_object(const struct module *m, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (strcmp(m->klp[j].obj, m->klp[i].obj) == 0)
			return false;
	return true;
}

void report_klp_text(const struct module *m, const struct symdbs *db, FILE *out)
{
	size_t i, j;

	for (i = 0; i < m->nklp; i++) {
		if (!first_of_object(m, i))
			continue;
		fprintf(out, "  livepatch relocations of object %s (written %s):\n",
			m->klp[i].sec_read ? m->klp[i].obj : "(none: unreadable section name)",
			m->klp[i].sec_read ? when(m, m->klp[i].obj) : "never");
		for (j = i; j < m->nklp; j++) {
			const struct klp_rel *k = &m->klp[j];
			char at[300], sym[700], tn[32], res[600];
			const char *r;

			if (strcmp(k->obj, m->klp[i].obj) != 0)
				continue;
			describe_address(m, k->rsec->sh.sh_info, k->rel->offset, at, sizeof(at));
			fprintf(out, "    %s [%zu] %s %s %s addend %lld", k->rsec->name, k->index, at,
				ef_reloc_name(k->rel->type, tn), klp_rel_symbol(k, sym, sizeof(sym)),
				(long long)k->rel->addend);
			r = resolved(k, db, res, sizeof(res));
			fprintf(out, "%s%s\n", r ? " -> " : "", r ? r : "");
		}
	}
}

void report_klp_json(const struct module *m, const struct symdbs *db, FILE *out)
{
	size_t i;

	fputs(",\n   \"klp_relocations\": [", out);
	for (i = 0; i < m->nklp; i++) {
		const struct klp_rel *k = &m->klp[i];
		char at[300], tn[32], name[KLP_SYMNAME_MAX + 1], res[600];

		describe_address(m, k->rsec->sh.sh_info, k->rel->offset, at, sizeof(at));
		snprintf(name, sizeof(name), "%.*s", (int)k->namelen, k->name ? k->name : "");
		fprintf(out, "%s\n    {", i ? "," : "");
		report_json_kv(out, "section", k->rsec->name, false);
		fprintf(out, ", \"index\": %zu", k->index);
		report_json_kv(out, "object", k->sec_read ? k->obj : NULL, true);
		report_json_kv(out, "target_section", m->elf.secs[k->rsec->sh.sh_info].name, true);
		fprintf(out, ", \"offset\": %llu", (unsigned long long)k->rel->offset);
		report_json_kv(out, "place", at, true);
		report_json_kv(out, "type", ef_reloc_name(k->rel->type, tn), true);
		fprintf(out, ", \"addend\": %lld", (long long)k->rel->addend);
		report_json_kv(out, "symbol", k->sym->name, true);
		report_json_kv(out, "symbol_object", k->fields >= 1 ? k->symobj : NULL, true);
		report_json_kv(out, "name", k->fields >= 2 ? name : NULL, true);
		if (k->fields == 3)
			fprintf(out, ", \"position\": %lu", k->pos);
		else
			fputs(", \"position\": null", out);
		report_json_kv(out, "resolved", resolved(k, db, res, sizeof(res)), true);
		fputc('}', out);
	}
	fputc(']', out);
}
