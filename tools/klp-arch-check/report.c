// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * report.c - what klp-arch-check prints: the text report, the JSON
 * document (schema version 1, documented in klp-arch-check(1): fields are
 * only ever added) and the --map listing.
 */
#include "klpcheck.h"
#include "util.h"

#include <string.h>

static const char *applied_how(const struct esec *es)
{
	if (!es->klp)
		return "load";
	return es->applied ? "object" : "never";
}

static void flags_text(const struct ef_sec *s, char buf[16])
{
	size_t n = 0;

	if (s->sh.sh_flags & SHF_WRITE)
		buf[n++] = 'W';
	if (s->sh.sh_flags & SHF_ALLOC)
		buf[n++] = 'A';
	if (s->sh.sh_flags & SHF_EXECINSTR)
		buf[n++] = 'X';
	buf[n] = '\0';
}

/* The object an entry's function belongs to by the map, or NULL. */
static const struct map_rec *entry_map(const struct module *m, const struct entry *e)
{
	return e->has_target ? map_function(m, e->func) : NULL;
}

static void entry_text(const struct module *m, const struct entry *e, FILE *out)
{
	char at[300] = "(no relocation)", ft[24];
	const struct map_rec *r = entry_map(m, e);

	if (e->has_target)
		describe_address(m, e->tshndx, e->taddr, at, sizeof(at));
	fprintf(out, "      [%zu] +0x%zx %s %s, %u byte%s", (size_t)(e - m->entries) - e->es->first,
		e->off, klp_entry_kind_name(e->es->kind), at, e->patchlen, e->patchlen == 1 ? "" : "s");
	if (e->es->kind == KLP_ENTRY_ALT)
		fprintf(out, ", feature %s, replacement %u byte%s", feature_text(e, ft),
			e->repllen, e->repllen == 1 ? "" : "s");
	else
		fprintf(out, ", type %u", e->ptype);
	if (r)
		fprintf(out, "; %s -> %s (%s)", r->str[1], r->str[0][0] ? r->str[0] : "untagged",
			klp_map_source_name(r->source));
	fputc('\n', out);
}

static void section_text(const struct module *m, const struct esec *es, FILE *out)
{
	char fl[16];
	size_t j;

	flags_text(es->sec, fl);
	fprintf(out, "    %s: %s, size %llu, flags %s, align %llu, %zu entr%s\n", es->sec->name,
		es->kind == KLP_ENTRY_ALT ? "alternatives" : "paravirt sites",
		(unsigned long long)es->sec->sh.sh_size, fl[0] ? fl : "-",
		(unsigned long long)es->sec->sh.sh_addralign, es->count,
		es->count == 1 ? "y" : "ies");
	for (j = es->first; j < es->first + es->count; j++)
		entry_text(m, &m->entries[j], out);
}

static void map_line(const struct map_rec *r, FILE *out)
{
	switch (r->kind) {
	case KLP_MAP_UNIT:
		fprintf(out, "unit %s abi=%s->%s\n", r->str[1][0] ? r->str[1] : "-",
			klp_map_abi_name(r->abi_req), klp_map_abi_name(r->abi_res));
		break;
	case KLP_MAP_OBJECT:
		fprintf(out, "object %s\n", r->str[0]);
		break;
	case KLP_MAP_SYMBOL:
		fprintf(out, "symbol %s %s %s %s\n", r->str[1], r->str[0], r->str[2],
			klp_map_source_name(r->source));
		break;
	case KLP_MAP_TABLE:
		fprintf(out, "table %s %s %s\n", r->str[1][0] ? r->str[1] : "-", r->str[2], r->str[0]);
		break;
	case KLP_MAP_ALIAS:
		fprintf(out, "alias %s %s %s %s %s\n", r->str[1], r->str[0], r->str[2], r->str[3],
			klp_map_source_name(r->source));
		break;
	default:
		fprintf(out, "%s %s %s %s\n", r->str[1][0] ? r->str[1] : "-", r->str[2],
			r->str[0][0] ? r->str[0] : "-", klp_map_source_name(r->source));
		break;
	}
}

void report_map(const struct module *m, FILE *out)
{
	size_t i;

	for (i = 0; i < m->nmap; i++)
		map_line(&m->map[i], out);
	if (m->map_stop)
		fprintf(stderr, "klp-arch-check: %s: %s: stopped at offset %zu: %s\n", m->elf.path,
			KLP_MAP_SECTION, m->map_stop_offset, m->map_stop);
}

void report_text(const struct module *m, const struct symdbs *db, const struct findings *f,
		 FILE *out)
{
	size_t i;
	int group;
	static const char *const titles[] = {
		NULL,
		"applied at module load",
		"never applied (name not accepted by the kernel)",
	};

	fprintf(out, "%s: %s", m->elf.path, m->is_ko ? "kernel module" : "object file");
	if (m->vermagic)
		fprintf(out, ", vermagic %.*s", (int)strcspn(m->vermagic, " "), m->vermagic);
	if (m->is_ko)
		fprintf(out, ", %s", m->livepatch ? "livepatch=Y" : "not a livepatch module");
	fputc('\n', out);
	fprintf(out, "  layout %s: %zu-byte alt_instr, 16-byte paravirt sites%s (%s)\n",
		m->layout->name, m->layout->alt_size,
		m->layout->para_short_last ? ", last may be 12" : "", m->layout_from);
	fprintf(out, "  rules %s (%s%s%s): %s\n", m->rules.id == RULES_KLP_ARCH ? "klp-arch" : "none",
		m->rules.from, strncmp(m->rules.from, "default", 7) ? " " : "",
		strncmp(m->rules.from, "default", 7) ? m->rules.name : "",
		m->rules.id == RULES_KLP_ARCH ?
		"livepatch applies .klp.arch.<object> sections after the object's relocations" :
		"the kernel never applies .klp.arch sections");
	if (m->nmap) {
		fprintf(out, "  map (%s, %zu records):\n", KLP_MAP_SECTION, m->nmap);
		for (i = 0; i < m->nmap; i++) {
			fputs("    ", out);
			map_line(&m->map[i], out);
		}
	}
	if (m->map_stop)
		fprintf(out, "  note: %s unreadable from offset %zu (%s); map rules use the records before it\n",
			KLP_MAP_SECTION, m->map_stop_offset, m->map_stop);
	/* Per object, in the order the objects first appear. */
	for (i = 0; i < m->nesecs; i++) {
		const struct esec *es = &m->esecs[i];
		size_t j;

		if (!es->klp || !es->applied)
			continue;
		for (j = 0; j < i; j++)
			if (m->esecs[j].klp && m->esecs[j].applied &&
			    strcmp(m->esecs[j].obj, es->obj) == 0)
				break;
		if (j < i)
			continue;
		if (m->rules.id == RULES_KLP_ARCH)
			fprintf(out, "  object %s: applied by livepatch after the relocations of %s\n",
				es->obj, es->obj);
		else
			fprintf(out, "  object %s: .klp.arch sections, never applied by this kernel\n",
				es->obj);
		for (j = i; j < m->nesecs; j++)
			if (m->esecs[j].klp && m->esecs[j].applied &&
			    strcmp(m->esecs[j].obj, es->obj) == 0)
				section_text(m, &m->esecs[j], out);
	}
	for (group = 1; group < 3; group++) {
		bool header = false;

		for (i = 0; i < m->nesecs; i++) {
			const struct esec *es = &m->esecs[i];
			int g = !es->klp ? 1 : es->applied ? 0 : 2;

			if (g != group)
				continue;
			if (!header)
				fprintf(out, "  %s:\n", titles[group]);
			header = true;
			section_text(m, es, out);
		}
	}
	if (!m->nesecs)
		fprintf(out, "  no alternative or paravirt sections\n");
	{
		bool header = false;

		for (i = 1; i < m->elf.nsecs; i++) {
			const struct ef_sec *s = &m->elf.secs[i];

			if (!klp_special_section(s->name))
				continue;
			if (!header)
				fprintf(out, "  other special sections (never renamed, handled at module load):");
			fprintf(out, "%s %s (%llu bytes)", header ? "," : "", s->name,
				(unsigned long long)s->sh.sh_size);
			header = true;
		}
		if (header)
			fputc('\n', out);
	}
	report_klp_text(m, db, out);
	for (i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];

		fprintf(out, "%s: %s", m->elf.path, x->section ? x->section : "");
		if (x->entry >= 0)
			fprintf(out, "[%ld]", x->entry);
		fprintf(out, "%s%s: %s\n", x->section ? ": " : "", x->rule, x->message);
	}
	fprintf(out, "%s: %zu finding%s\n", m->elf.path, f->n, f->n == 1 ? "" : "s");
}

void report_json_string(FILE *out, const char *s)
{
	klp_write_quoted(out, s, "\\u%04x");
}

void report_json_kv(FILE *out, const char *key, const char *val, bool comma)
{
	fprintf(out, "%s\"%s\": ", comma ? ", " : "", key);
	if (val)
		report_json_string(out, val);
	else
		fputs("null", out);
}

static void entry_json(const struct module *m, const struct entry *e, FILE *out)
{
	char at[300];
	const struct map_rec *r = entry_map(m, e);

	fprintf(out, "{\"index\": %zu, \"offset\": %zu", (size_t)(e - m->entries) - e->es->first,
		e->off);
	if (e->has_target) {
		describe_address(m, e->tshndx, e->taddr, at, sizeof(at));
		report_json_kv(out, "target", at, true);
		report_json_kv(out, "function", e->func ? e->func->name : NULL, true);
		if (e->func)
			fprintf(out, ", \"function_offset\": %llu",
				(unsigned long long)(e->taddr - e->func->s.st_value));
		else
			fputs(", \"function_offset\": null", out);
	} else {
		fputs(", \"target\": null, \"function\": null, \"function_offset\": null", out);
	}
	report_json_kv(out, "object", r && r->str[0][0] ? r->str[0] : NULL, true);
	report_json_kv(out, "object_source", r ? klp_map_source_name(r->source) : NULL, true);
	fprintf(out, ", \"length\": %u", e->patchlen);
	if (e->es->kind == KLP_ENTRY_ALT)
		fprintf(out, ", \"feature\": %u, \"feature_inverted\": %s, \"replacement_length\": %u}",
			e->feature, e->inverted ? "true" : "false", e->repllen);
	else
		fprintf(out, ", \"type\": %u}", e->ptype);
}

void report_json(const struct module *m, const struct symdbs *db, const struct findings *f,
		 FILE *out, bool first)
{
	size_t i, j;
	char fl[16], version[64] = "";

	if (m->vermagic)
		snprintf(version, sizeof(version), "%.*s", (int)strcspn(m->vermagic, " "), m->vermagic);
	fprintf(out, "%s\n  {", first ? "" : ",");
	report_json_kv(out, "path", m->elf.path, false);
	report_json_kv(out, "kind", m->is_ko ? "ko" : "o", true);
	report_json_kv(out, "vermagic", m->vermagic ? version : NULL, true);
	fprintf(out, ", \"livepatch\": %s", m->livepatch ? "true" : "false");
	fputs(",\n   \"layout\": {", out);
	report_json_kv(out, "name", m->layout->name, false);
	fprintf(out, ", \"alt_entry_size\": %zu, \"para_entry_size\": 16", m->layout->alt_size);
	report_json_kv(out, "source", m->layout_from, true);
	fputs("},\n   \"rules\": {", out);
	report_json_kv(out, "name", m->rules.id == RULES_KLP_ARCH ? "klp-arch" : "none", false);
	report_json_kv(out, "kernel", m->rules.name, true);
	report_json_kv(out, "source", m->rules.from, true);
	fputs("},\n   \"sections\": [", out);
	for (i = 0; i < m->nesecs; i++) {
		const struct esec *es = &m->esecs[i];

		flags_text(es->sec, fl);
		fprintf(out, "%s\n    {", i ? "," : "");
		report_json_kv(out, "name", es->sec->name, false);
		fprintf(out, ", \"index\": %zu", es->sec->index);
		report_json_kv(out, "kind", klp_entry_kind_name(es->kind), true);
		report_json_kv(out, "applied", applied_how(es), true);
		report_json_kv(out, "object", es->klp && es->applied ? es->obj : NULL, true);
		fprintf(out, ", \"size\": %llu", (unsigned long long)es->sec->sh.sh_size);
		report_json_kv(out, "flags", fl, true);
		fprintf(out, ", \"align\": %llu, \"entries\": [",
			(unsigned long long)es->sec->sh.sh_addralign);
		for (j = es->first; j < es->first + es->count; j++) {
			fputs(j > es->first ? ",\n      " : "\n      ", out);
			entry_json(m, &m->entries[j], out);
		}
		fputs("]}", out);
	}
	fputs("],\n   \"special_sections\": [", out);
	for (i = 1, j = 0; i < m->elf.nsecs; i++) {
		const struct ef_sec *s = &m->elf.secs[i];

		if (!klp_special_section(s->name))
			continue;
		fputs(j++ ? ", {" : "{", out);
		report_json_kv(out, "name", s->name, false);
		fprintf(out, ", \"size\": %llu}", (unsigned long long)s->sh.sh_size);
	}
	fputs("],\n   \"map\": [", out);
	for (i = 0; i < m->nmap; i++) {
		const struct map_rec *r = &m->map[i];

		fprintf(out, "%s\n    {", i ? "," : "");
		if (r->kind == KLP_MAP_UNIT) {
			report_json_kv(out, "kind", "unit", false);
			report_json_kv(out, "producer", r->str[0], true);
			report_json_kv(out, "file", r->str[1], true);
			report_json_kv(out, "abi_requested", klp_map_abi_name(r->abi_req), true);
			report_json_kv(out, "abi_resolved", klp_map_abi_name(r->abi_res), true);
		} else if (r->kind == KLP_MAP_OBJECT) {
			report_json_kv(out, "kind", "object", false);
			report_json_kv(out, "name", r->str[0], true);
		} else if (r->kind == KLP_MAP_SYMBOL) {
			report_json_kv(out, "kind", "symbol", false);
			report_json_kv(out, "name", r->str[1], true);
			report_json_kv(out, "object", r->str[0], true);
			report_json_kv(out, "position", r->str[2], true);
			report_json_kv(out, "source", klp_map_source_name(r->source), true);
		} else if (r->kind == KLP_MAP_ALIAS) {
			report_json_kv(out, "kind", "alias", false);
			report_json_kv(out, "name", r->str[1], true);
			report_json_kv(out, "object", r->str[0], true);
			report_json_kv(out, "position", r->str[2], true);
			report_json_kv(out, "kernel_name", r->str[3], true);
			report_json_kv(out, "source", klp_map_source_name(r->source), true);
		} else if (r->kind == KLP_MAP_TABLE) {
			report_json_kv(out, "kind", "table", false);
			report_json_kv(out, "function", r->str[1], true);
			report_json_kv(out, "symbol", r->str[2], true);
			report_json_kv(out, "object", r->str[0], true);
		} else {
			report_json_kv(out, "kind", "function", false);
			report_json_kv(out, "function", r->str[1], true);
			report_json_kv(out, "symbol", r->str[2], true);
			report_json_kv(out, "object", r->str[0][0] ? r->str[0] : NULL, true);
			report_json_kv(out, "source", klp_map_source_name(r->source), true);
			fprintf(out, ", \"rewritten\": %s, \"has_entries\": %s",
				r->flags & KLP_MAP_F_REWRITTEN ? "true" : "false",
				r->flags & KLP_MAP_F_HAS_ENTRIES ? "true" : "false");
		}
		fputc('}', out);
	}
	fputc(']', out);
	report_klp_json(m, db, out);
	fputs(",\n   \"findings\": [", out);
	for (i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];

		fprintf(out, "%s\n    {", i ? "," : "");
		report_json_kv(out, "rule", x->rule, false);
		report_json_kv(out, "section", x->section, true);
		if (x->entry >= 0)
			fprintf(out, ", \"entry\": %ld", x->entry);
		else
			fputs(", \"entry\": null", out);
		report_json_kv(out, "message", x->message, true);
		fputc('}', out);
	}
	fprintf(out, "],\n   \"status\": \"%s\"}", f->n ? "findings" : "clean");
}
