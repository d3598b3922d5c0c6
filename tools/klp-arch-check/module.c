// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * module.c - turn a validated ELF file into what the rules talk about:
 * modinfo, the entry layout, the consumer kernel's rules, the entry
 * sections and their decoded entries, and the .klp_tag.map records.
 */
#include "klpcheck.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

int rules_for_kernel(const char *arg, struct rules *out, const char *from)
{
	int applies = klp_consumer_applies_klp_arch(arg);

	memset(out, 0, sizeof(*out));
	out->from = from;
	snprintf(out->name, sizeof(out->name), "%s", arg);
	if (applies < 0)
		return -1;
	out->id = applies ? RULES_KLP_ARCH : RULES_NONE;
	out->kv = klp_kernel_version(arg);
	if (out->kv < 0)
		out->kv = applies ? KLP_KV(5, 7) : KLP_KV(5, 8);
	return 0;
}

const char *feature_text(const struct entry *e, char buf[24])
{
	snprintf(buf, 24, "%s%u*32+%u", e->inverted ? "!" : "", e->feature / 32, e->feature % 32);
	return buf;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/*
 * Which entry sections a file has, as the kernel sees them: the kernel's
 * sscanf decides the object and kind of a .klp.arch section (it stops the
 * section name at white space); a name it rejects is still decoded by its
 * ending, so the report can show what would be lost.
 */
static int classify_section(const struct ef_sec *s, struct esec *es)
{
	enum klp_entry_kind kind;
	int plain;

	memset(es, 0, sizeof(*es));
	es->sec = s;
	if (s->sh.sh_type == SHT_RELA || s->sh.sh_type == SHT_REL)
		return 0;
	plain = klp_entry_kind_of(s->name, strlen(s->name));
	if (plain >= 0) {
		es->kind = (enum klp_entry_kind)plain;
		es->has_kind = es->applied = true;
		return 1;
	}
	if (strncmp(s->name, KLP_ARCH_PREFIX, strlen(KLP_ARCH_PREFIX)) != 0)
		return 0;
	es->klp = true;
	if (klp_arch_applied(s->name, es->obj, &kind)) {
		es->kind = kind;
		es->has_kind = es->applied = true;
	} else if (ends_with(s->name, "altinstructions") || ends_with(s->name, "parainstructions")) {
		es->kind = ends_with(s->name, "altinstructions") ? KLP_ENTRY_ALT : KLP_ENTRY_PARA;
		es->has_kind = true;
	}
	return 1;
}


/* Does the alt section decode with entries of SIZE bytes (relocations only at fields 0 and 4)? */
static bool alt_fits(const struct ef_sec *s, size_t size)
{
	size_t i;

	if (s->size % size)
		return false;
	for (i = 0; i < s->nrels; i++) {
		uint64_t at = s->rels[i].offset % size;

		if (at != 0 && at != 4)
			return false;
	}
	for (i = 0; i < s->size; i += size)
		if (!ef_rel_at(s, i))
			return false;
	return true;
}

static void set_layout(struct module *m, enum klp_layout_id id, const char *from)
{
	m->layout = klp_layout_of(id);
	m->layout_from = from;
}

/* The layout of headers of VERSION, or NULL (m->layout unchanged). */
static const struct klp_layout *layout_for(struct module *m, const char *version, const char *from)
{
	const struct klp_layout *l = klp_layout_for_version(version);

	if (l) {
		m->layout = l;
		m->layout_from = from;
	}
	return l;
}

/*
 * Without vermagic or --layout, the relocations tell the entry size: an
 * alt_instr has them at fields 0 and 4 of every entry.  Returns -1 when
 * the alternative sections fit neither known size.
 */
static int infer_layout(struct module *m, const char *why)
{
	bool fits13 = true, fits12 = true, evidence = false, short_para = false;
	size_t i;

	for (i = 0; i < m->nesecs; i++) {
		const struct esec *es = &m->esecs[i];

		if (!es->has_kind || es->sec->size == 0)
			continue;
		if (es->kind == KLP_ENTRY_ALT) {
			evidence = true;
			fits13 = fits13 && alt_fits(es->sec, 13);
			fits12 = fits12 && alt_fits(es->sec, 12);
		} else if (es->sec->size % KLP_PARA_STRIDE == KLP_PARA_MIN) {
			short_para = true;
		}
	}
	if (evidence && fits13 != fits12)
		set_layout(m, fits13 ? KLP_LAYOUT_4_9 : KLP_LAYOUT_6_1,
			   why ? why : "inferred from the alternative entries' relocations");
	else if (short_para)
		set_layout(m, KLP_LAYOUT_4_9, why ? why : "inferred from a 12-byte last paravirt entry");
	else
		set_layout(m, KLP_LAYOUT_6_1,
			   why ? why : "default (no .modinfo vermagic, no --layout, nothing to infer from)");
	return evidence && !fits13 && !fits12 ? -1 : 0;
}

static void set_target(struct module *m, struct entry *e, const struct ef_rel *r)
{
	if (!r || !ef_rel_target(&m->elf, r, &e->tshndx, &e->taddr))
		return;
	e->has_target = true;
	e->func = ef_function_at(&m->elf, e->tshndx, e->taddr);
}

static int push_entry(struct module *m, struct entry *e)
{
	struct entry *grown = klp_grow(m->entries, &m->entries_cap, m->nentries + 1, sizeof(*grown));

	if (!grown)
		return -1;
	m->entries = grown;
	m->entries[m->nentries++] = *e;
	return 0;
}

static int decode_section(struct module *m, struct esec *es)
{
	const struct ef_sec *s = es->sec;
	const unsigned char *d = s->data;
	size_t i, off;

	es->first = m->nentries;
	if (!es->has_kind || !d)
		return 0;
	if (es->kind == KLP_ENTRY_ALT) {
		size_t n = m->layout->alt_size;

		for (off = 0; off + n <= s->size; off += n) {
			struct entry e = { .es = es, .off = off, .len = n };

			set_target(m, &e, ef_rel_at(s, off));
			e.feature = (unsigned)ef_le(d + off + 8, 2);
			if (m->layout->alt_inv_flag && (e.feature & 0x8000)) {
				e.inverted = true;
				e.feature &= 0x7fff;
			}
			e.patchlen = d[off + 10];
			e.repllen = d[off + 11];
			e.padlen = n > 12 ? d[off + 12] : 0;
			if (push_entry(m, &e))
				return -1;
		}
		es->tail = s->size - off;
		for (i = 0; i < s->nrels; i++) {
			uint64_t at = s->rels[i].offset % n;

			if ((at != 0 && at != 4) || s->rels[i].offset >= off)
				es->misplaced++;
		}
	} else {
		for (off = 0; off + KLP_PARA_MIN <= s->size; off += KLP_PARA_STRIDE) {
			struct entry e = { .es = es, .off = off, .len = KLP_PARA_MIN };

			set_target(m, &e, ef_rel_at(s, off));
			e.ptype = d[off + 8];
			e.patchlen = d[off + 9];
			e.clobbers = m->layout->para_clobbers ? (unsigned)ef_le(d + off + 10, 2) : 0;
			if (push_entry(m, &e))
				return -1;
		}
		if (s->size % KLP_PARA_STRIDE == 0)
			es->tail = 0;
		else if (s->size % KLP_PARA_STRIDE == KLP_PARA_MIN && m->layout->para_short_last)
			es->tail = 0;
		else
			es->tail = s->size % KLP_PARA_STRIDE;
		for (i = 0; i < s->nrels; i++)
			if (s->rels[i].offset % KLP_PARA_STRIDE != 0)
				es->misplaced++;
	}
	es->count = m->nentries - es->first;
	return 0;
}

const char *modinfo_value(const struct ef_file *f, const char *key)
{
	const struct ef_sec *s = ef_section_named(f, ".modinfo");
	const char *p, *end;
	size_t klen = strlen(key);

	if (!s || !s->data)
		return NULL;
	p = (const char *)s->data;
	end = p + s->size;
	while (p < end) {
		const char *nul = memchr(p, '\0', (size_t)(end - p));

		if (!nul)
			break;	/* an unterminated last string is not a modinfo string */
		/* The first one, as the loader's get_modinfo() finds it. */
		if (strncmp(p, key, klen) == 0 && p[klen] == '=')
			return p + klen + 1;
		p = nul + 1;
	}
	return NULL;
}

static void read_modinfo(struct module *m)
{
	/* Only the final link adds the .mod.o with the struct module. */
	m->is_ko = ef_section_named(&m->elf, ".gnu.linkonce.this_module") != NULL;
	if (!ef_section_named(&m->elf, ".modinfo"))
		return;
	m->has_modinfo = true;
	m->vermagic = modinfo_value(&m->elf, "vermagic");
	/* check_modinfo_livepatch(): the key's presence makes a livepatch module. */
	m->livepatch = modinfo_value(&m->elf, "livepatch") != NULL;
}

void describe_address(const struct module *m, size_t shndx, uint64_t addr, char *buf, size_t len)
{
	const struct ef_sym *fn = ef_function_at(&m->elf, shndx, addr);

	if (fn)
		snprintf(buf, len, "%s+0x%llx", fn->name,
			 (unsigned long long)(addr - fn->s.st_value));
	else
		snprintf(buf, len, "%s+0x%llx", m->elf.secs[shndx].name, (unsigned long long)addr);
}

/* ---- loading -------------------------------------------------------- */

static void default_rules(struct module *m)
{
	size_t i;
	const char *why = NULL;

	for (i = 0; i < m->nesecs && !why; i++)
		if (m->esecs[i].klp)
			why = "default for a file without vermagic that holds .klp.arch sections";
	for (i = 0; i < m->nmap && !why; i++)
		if (m->map[i].kind == KLP_MAP_UNIT && m->map[i].abi_res == KLP_ABI_KLP_ARCH)
			why = "default for a file without vermagic whose map records abi=klp-arch";
	rules_for_kernel(why ? "klp-arch" : "none", &m->rules,
			 why ? why : "default for a file without vermagic and without .klp.arch sections");
}

int module_load(struct module *m, const char *path, const char *layout_arg,
		const char *kernel_arg, char err[EF_ERRLEN])
{
	size_t i;
	char version[64] = "";

	memset(m, 0, sizeof(*m));
	if (ef_open(&m->elf, path, err))
		return -1;
	read_modinfo(m);
	if (m->vermagic)
		sscanf(m->vermagic, "%63s", version);

	m->esecs = calloc(m->elf.nsecs, sizeof(*m->esecs));
	if (!m->esecs)
		return ef_error(err, "out of memory");
	for (i = 1; i < m->elf.nsecs; i++)
		if (classify_section(&m->elf.secs[i], &m->esecs[m->nesecs]))
			m->nesecs++;

	if (layout_arg) {
		if (!layout_for(m, layout_arg, "--layout"))
			return ef_error(err, "--layout %s: no known entry layout; use 4.9-5.7 (13-byte alt_instr) or 6.1 (12-byte alt_instr)",
				    layout_arg);
	} else if (version[0]) {
		/* Headers of another version: the entries' relocations may still tell. */
		if (!layout_for(m, version, "vermagic") &&
		    infer_layout(m, "inferred from the alternative entries' relocations; vermagic names headers of no layout known here"))
			return ef_error(err, "vermagic %s: no known entry layout for these headers, and the alternative entries fit neither 12 nor 13 bytes; give --layout 5.7 (13-byte alt_instr) or --layout 6.1 (12-byte alt_instr)",
				    version);
	} else {
		infer_layout(m, NULL);
	}
	for (i = 0; i < m->nesecs; i++)
		if (decode_section(m, &m->esecs[i]))
			return ef_error(err, "out of memory");
	if (module_read_map(m))
		return ef_error(err, "out of memory");

	if (kernel_arg) {
		if (rules_for_kernel(kernel_arg, &m->rules, "--kernel"))
			return ef_error(err, "--kernel %s: expected a kernel version (5.4, 6.1.0-56-amd64), klp-arch or none",
				    kernel_arg);
	} else if (version[0]) {
		if (rules_for_kernel(version, &m->rules, "vermagic"))
			return ef_error(err, "vermagic '%s' does not start with a kernel version; give --kernel",
				    m->vermagic);
	} else {
		default_rules(m);
	}
	if (module_read_klp(m))
		return ef_error(err, "out of memory");
	return 0;
}

void module_free(struct module *m)
{
	free(m->esecs);
	free(m->entries);
	free(m->map);
	free(m->map_by_addr);
	free(m->map_by_name);
	free(m->klp);
	ef_close(&m->elf);
	memset(m, 0, sizeof(*m));
}
