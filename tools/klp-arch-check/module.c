/*
 * module.c - turn a validated ELF file into what the rules talk about:
 * modinfo, the entry layout, the consumer kernel's rules, the entry
 * sections and their decoded entries, and the .klp_tag.map records.
 */
#include "klpcheck.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define V(maj, min) ((long)(maj) * 65536 + (long)(min) * 256)

long kernel_version_code(const char *s)
{
	char *end;
	long maj, min;

	if (!isdigit((unsigned char)s[0]))
		return -1;
	maj = strtol(s, &end, 10);
	if (*end != '.' || !isdigit((unsigned char)end[1]) || maj > 99)
		return -1;
	min = strtol(end + 1, &end, 10);
	if (min > 255 || (*end && *end != '.' && *end != '-' && *end != '+' && *end != ' '))
		return -1;
	return V(maj, min);
}

void layout_named(enum layout_id id, struct layout *out, const char *from)
{
	memset(out, 0, sizeof(*out));
	out->id = id;
	out->from = from;
	if (id == LAYOUT_4_9) {
		out->name = "4.9-5.7";
		out->alt_size = 13;
		out->para_short_last = true;
		out->para_clobbers = true;
	} else {
		out->id = LAYOUT_6_1;
		out->name = "6.1";
		out->alt_size = 12;
		out->alt_inv_flag = true;
	}
}

int layout_for_version(const char *version, struct layout *out, const char *from)
{
	long v;

	if (strcmp(version, "4.9-5.7") == 0) {
		layout_named(LAYOUT_4_9, out, from);
		return 0;
	}
	v = kernel_version_code(version);
	if (v >= V(4, 9) && v < V(5, 8))
		layout_named(LAYOUT_4_9, out, from);
	else if (v >= V(6, 1) && v < V(6, 2))
		layout_named(LAYOUT_6_1, out, from);
	else
		return -1;
	return 0;
}

int rules_for_kernel(const char *arg, struct rules *out, const char *from)
{
	long v;

	memset(out, 0, sizeof(*out));
	out->from = from;
	snprintf(out->name, sizeof(out->name), "%s", arg);
	if (strcmp(arg, "klp-arch") == 0) {
		out->id = RULES_KLP_ARCH;
		return 0;
	}
	if (strcmp(arg, "none") == 0) {
		out->id = RULES_NONE;
		return 0;
	}
	v = kernel_version_code(arg);
	if (v < 0)
		return -1;
	/* The hook arrived in 4.9 and was removed in 5.8 (ABI.md). */
	out->id = (v >= V(4, 9) && v < V(5, 8)) ? RULES_KLP_ARCH : RULES_NONE;
	return 0;
}

const char *kind_name(enum entry_kind k)
{
	return k == KIND_ALT ? "alt" : "para";
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
 * What the kernel's arch_klp_init_object_loaded() reads from a section
 * name: sscanf(name, ".klp.arch.%55[^.].%127s", objname, secname) == 2.
 * Returns the number of fields converted; OBJ and SEC get them.
 */
int klp_arch_sscanf(const char *name, char obj[56], char sec[128])
{
	const char *p = name, *start;
	size_t n;

	if (strncmp(p, ".klp.arch.", 10) != 0)
		return 0;
	p += 10;
	start = p;
	for (n = 0; n < 55 && *p && *p != '.'; n++)
		p++;
	if (n == 0)
		return 0;
	memcpy(obj, start, n);
	obj[n] = '\0';
	if (*p != '.')
		return 1;
	p++;
	while (isspace((unsigned char)*p))
		p++;
	if (!*p)
		return 1;
	for (n = 0; n < 127 && p[n] && !isspace((unsigned char)p[n]); n++)
		sec[n] = p[n];
	sec[n] = '\0';
	return 2;
}

/*
 * Which entry sections a file has, as the kernel sees them: the kernel's
 * sscanf decides the object and kind of a .klp.arch section (it stops the
 * section name at white space); a name it rejects is still decoded by its
 * ending, so the report can show what would be lost.
 */
static int classify_section(const struct ef_sec *s, struct esec *es)
{
	char obj[56], sec[128];

	memset(es, 0, sizeof(*es));
	es->sec = s;
	if (s->sh.sh_type == SHT_RELA || s->sh.sh_type == SHT_REL)
		return 0;
	if (strcmp(s->name, ".altinstructions") == 0 || strcmp(s->name, ".parainstructions") == 0) {
		es->kind = s->name[1] == 'a' ? KIND_ALT : KIND_PARA;
		es->has_kind = es->applied = true;
		return 1;
	}
	if (strncmp(s->name, ".klp.arch.", 10) != 0)
		return 0;
	es->klp = true;
	if (klp_arch_sscanf(s->name, obj, sec) == 2 &&
	    (strcmp(sec, ".altinstructions") == 0 || strcmp(sec, ".parainstructions") == 0)) {
		es->kind = sec[1] == 'a' ? KIND_ALT : KIND_PARA;
		es->has_kind = es->applied = true;
		snprintf(es->obj, sizeof(es->obj), "%s", obj);
	} else if (ends_with(s->name, "altinstructions") || ends_with(s->name, "parainstructions")) {
		es->kind = ends_with(s->name, "altinstructions") ? KIND_ALT : KIND_PARA;
		es->has_kind = true;
	}
	return 1;
}

static const struct ef_rel *rel_at(const struct ef_sec *s, uint64_t off)
{
	size_t lo = 0, hi = s->nrels;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s->rels[mid].offset < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->nrels && s->rels[lo].offset == off ? &s->rels[lo] : NULL;
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
		if (!rel_at(s, i))
			return false;
	return true;
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
		if (es->kind == KIND_ALT) {
			evidence = true;
			fits13 = fits13 && alt_fits(es->sec, 13);
			fits12 = fits12 && alt_fits(es->sec, 12);
		} else if (es->sec->size % PARA_STRIDE == PARA_MIN) {
			short_para = true;
		}
	}
	if (evidence && fits13 != fits12)
		layout_named(fits13 ? LAYOUT_4_9 : LAYOUT_6_1, &m->layout, why ? why :
			     "inferred from the alternative entries' relocations");
	else if (short_para)
		layout_named(LAYOUT_4_9, &m->layout, why ? why : "inferred from a 12-byte last paravirt entry");
	else
		layout_named(LAYOUT_6_1, &m->layout, why ? why : "default (no .modinfo vermagic, no --layout, nothing to infer from)");
	return evidence && !fits13 && !fits12 ? -1 : 0;
}

static void set_target(struct module *m, struct entry *e, const struct ef_rel *r)
{
	const struct ef_sym *sym;

	if (!r)
		return;
	sym = &m->elf.syms[r->sym];
	if (!ef_sym_defined(&m->elf, sym))
		return;
	e->has_target = true;
	e->tshndx = sym->shndx;
	e->taddr = sym->s.st_value + (uint64_t)r->addend;
	e->func = ef_function_at(&m->elf, e->tshndx, e->taddr);
}

static int push_entry(struct module *m, struct entry *e)
{
	struct entry *grown = realloc(m->entries, (m->nentries + 1) * sizeof(*grown));

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
	if (es->kind == KIND_ALT) {
		size_t n = m->layout.alt_size;

		for (off = 0; off + n <= s->size; off += n) {
			struct entry e = { .es = es, .off = off, .len = n };

			set_target(m, &e, rel_at(s, off));
			e.feature = (unsigned)ef_le(d + off + 8, 2);
			if (m->layout.alt_inv_flag && (e.feature & 0x8000)) {
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
		for (off = 0; off + PARA_MIN <= s->size; off += PARA_STRIDE) {
			struct entry e = { .es = es, .off = off, .len = PARA_MIN };

			set_target(m, &e, rel_at(s, off));
			e.ptype = d[off + 8];
			e.patchlen = d[off + 9];
			e.clobbers = m->layout.para_clobbers ? (unsigned)ef_le(d + off + 10, 2) : 0;
			if (push_entry(m, &e))
				return -1;
		}
		if (s->size % PARA_STRIDE == 0)
			es->tail = 0;
		else if (s->size % PARA_STRIDE == PARA_MIN && m->layout.para_short_last)
			es->tail = 0;
		else
			es->tail = s->size % PARA_STRIDE;
		for (i = 0; i < s->nrels; i++)
			if (s->rels[i].offset % PARA_STRIDE != 0)
				es->misplaced++;
	}
	es->count = m->nentries - es->first;
	return 0;
}

static void read_modinfo(struct module *m)
{
	const struct ef_sec *s = ef_section_named(&m->elf, ".modinfo");
	const char *p, *end;

	if (!s)
		return;
	m->is_ko = true;
	if (!s->data)
		return;
	p = (const char *)s->data;
	end = p + s->size;
	while (p < end) {
		const char *nul = memchr(p, '\0', (size_t)(end - p));

		if (!nul)
			break;	/* an unterminated last string is not a modinfo string */
		if (strncmp(p, "vermagic=", 9) == 0)
			m->vermagic = p + 9;
		else if (strcmp(p, "livepatch=Y") == 0)
			m->livepatch = true;
		p = nul + 1;
	}
}

/* ---- .klp_tag.map --------------------------------------------------- */

static void map_tie(struct module *m, const struct ef_sec *s, struct map_rec *r)
{
	const struct ef_rel *rel = rel_at(s, r->offset + 16);
	const struct ef_sym *sym;

	if (!rel)
		return;
	sym = &m->elf.syms[rel->sym];
	if (!ef_sym_defined(&m->elf, sym))
		return;
	r->fshndx = sym->shndx;
	r->faddr = sym->s.st_value + (uint64_t)rel->addend;
	r->func = ef_function_at(&m->elf, r->fshndx, r->faddr);
}

static int read_map(struct module *m)
{
	const struct ef_sec *s = ef_section_named(&m->elf, KLP_MAP_SECTION);
	size_t pos = 0;

	if (!s || !s->data)
		return 0;
	while (pos < s->size) {
		const unsigned char *d = s->data + pos;
		struct map_rec r = { .offset = pos };
		size_t len, k, at;
		struct map_rec *grown;

		if (d[0] == 0) {
			pos++;
			continue;
		}
		if (pos % KLP_MAP_ALIGN) {
			m->map_stop = "a record does not start on an 8-byte boundary";
			break;
		}
		if (s->size - pos < KLP_MAP_HEADER_SIZE || ef_le(d, 4) != KLP_MAP_MAGIC) {
			m->map_stop = "bytes that are not a map record";
			break;
		}
		if (d[4] != KLP_MAP_VERSION) {
			m->map_stop = "a record of an unknown version";
			break;
		}
		len = (size_t)ef_le(d + 8, 4);
		if (len < KLP_MAP_HEADER_SIZE || len % KLP_MAP_ALIGN || len > s->size - pos) {
			m->map_stop = "a record whose length is out of range";
			break;
		}
		r.kind = d[5];
		if (r.kind == KLP_MAP_UNIT) {
			r.abi_req = d[6];
			r.abi_res = d[7];
		} else if (r.kind == KLP_MAP_FUNCTION) {
			r.source = d[6];
			r.flags = d[7];
		} else if (r.kind != KLP_MAP_OBJECT) {
			m->map_stop = "a record of an unknown kind";
			break;
		}
		at = KLP_MAP_HEADER_SIZE;
		for (k = 0; k < 3; k++) {
			const unsigned char *nul = at < len ? memchr(d + at, '\0', len - at) : NULL;

			if (!nul) {
				r.str[k] = "";
				continue;
			}
			r.str[k] = (const char *)d + at;
			at = (size_t)(nul - d) + 1;
		}
		/* An untagged function's record has an empty object name. */
		if ((r.kind == KLP_MAP_OBJECT && !r.str[0][0]) ||
		    (r.kind == KLP_MAP_FUNCTION && !r.str[2][0])) {
			m->map_stop = "a record with missing strings";
			break;
		}
		if (r.kind == KLP_MAP_FUNCTION)
			map_tie(m, s, &r);
		grown = realloc(m->map, (m->nmap + 1) * sizeof(*grown));
		if (!grown)
			return -1;
		m->map = grown;
		m->map[m->nmap++] = r;
		pos += len;
	}
	if (m->map_stop)
		m->map_stop_offset = pos;
	return 0;
}

static bool rec_by_addr(const struct map_rec *r)
{
	return r->func || r->fshndx;
}

static const struct module *sort_module;	/* qsort has no context argument */

/* Records by (section, address), then by position: the first wins. */
static int cmp_rec_addr(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct map_rec *x = &sort_module->map[i], *y = &sort_module->map[j];

	if (x->fshndx != y->fshndx)
		return x->fshndx < y->fshndx ? -1 : 1;
	if (x->faddr != y->faddr)
		return x->faddr < y->faddr ? -1 : 1;
	return i < j ? -1 : 1;
}

static int cmp_rec_name(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(sort_module->map[i].str[2], sort_module->map[j].str[2]);

	return c ? c : (i < j ? -1 : 1);
}

static int index_map(struct module *m)
{
	size_t i;

	m->map_by_addr = calloc(m->nmap ? m->nmap : 1, sizeof(size_t));
	m->map_by_name = calloc(m->nmap ? m->nmap : 1, sizeof(size_t));
	if (!m->map_by_addr || !m->map_by_name)
		return -1;
	for (i = 0; i < m->nmap; i++) {
		if (m->map[i].kind != KLP_MAP_FUNCTION)
			continue;
		if (rec_by_addr(&m->map[i]))
			m->map_by_addr[m->n_by_addr++] = i;
		else
			m->map_by_name[m->n_by_name++] = i;
	}
	sort_module = m;
	qsort(m->map_by_addr, m->n_by_addr, sizeof(size_t), cmp_rec_addr);
	qsort(m->map_by_name, m->n_by_name, sizeof(size_t), cmp_rec_name);
	return 0;
}

/* The first function record (in map order) tied to FUNC, or NULL. */
static const struct map_rec *record_of(const struct module *m, const struct ef_sym *func)
{
	size_t lo = 0, hi = m->n_by_addr, best = m->nmap;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct map_rec *r = &m->map[m->map_by_addr[mid]];

		if (r->fshndx < func->shndx || (r->fshndx == func->shndx && r->faddr < func->s.st_value))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < m->n_by_addr && m->map[m->map_by_addr[lo]].fshndx == func->shndx &&
	    m->map[m->map_by_addr[lo]].faddr == func->s.st_value)
		best = m->map_by_addr[lo];
	lo = 0;
	hi = m->n_by_name;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(m->map[m->map_by_name[mid]].str[2], func->name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < m->n_by_name && strcmp(m->map[m->map_by_name[lo]].str[2], func->name) == 0 &&
	    m->map_by_name[lo] < best)
		best = m->map_by_name[lo];
	return best < m->nmap ? &m->map[best] : NULL;
}

const struct map_rec *map_function(const struct module *m, const struct ef_sym *func)
{
	const struct map_rec *r;
	const char *cold;
	size_t i;

	if (!func)
		return NULL;
	r = record_of(m, func);
	if (r)
		return r;
	/* foo.cold (and foo.cold.N) is the unlikely part of foo: same object. */
	cold = strstr(func->name, ".cold");
	if (cold && cold != func->name) {
		size_t base = (size_t)(cold - func->name);
		const struct ef_sym *origin = NULL;

		for (i = 1; i < m->elf.nsyms; i++) {
			const struct ef_sym *s = &m->elf.syms[i];

			if (GELF_ST_TYPE(s->s.st_info) != STT_FUNC || strlen(s->name) != base ||
			    strncmp(s->name, func->name, base) != 0 || !ef_sym_defined(&m->elf, s))
				continue;
			/* Two files' static foo: the one from foo.cold's own file. */
			if (!origin || s->file == func->file)
				origin = s;
		}
		if (origin)
			return map_function(m, origin);
	}
	return NULL;
}

bool map_has_objects(const struct module *m)
{
	size_t i;

	for (i = 0; i < m->nmap; i++)
		if (m->map[i].kind == KLP_MAP_OBJECT)
			return true;
	return false;
}

const char *map_source_name(int source)
{
	switch (source) {
	case KLP_SRC_ATTRIBUTE: return "attribute";
	case KLP_SRC_TAGFILE: return "tagfile";
	case KLP_SRC_TABLE: return "table";
	case KLP_SRC_PROPAGATED: return "propagated";
	case KLP_SRC_DEFAULT: return "default";
	case KLP_SRC_NONE: return "none";
	default: return "unknown";
	}
}

const char *map_abi_name(int abi)
{
	switch (abi) {
	case KLP_ABI_AUTO: return "auto";
	case KLP_ABI_KLP_ARCH: return "klp-arch";
	case KLP_ABI_NONE: return "none";
	default: return "unknown";
	}
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
		if (layout_for_version(layout_arg, &m->layout, "--layout"))
			return ef_error(err, "--layout %s: no known entry layout; use 4.9-5.7 (13-byte alt_instr) or 6.1 (12-byte alt_instr)",
				    layout_arg);
	} else if (version[0]) {
		/* Headers of another version: the entries' relocations may still tell. */
		if (layout_for_version(version, &m->layout, "vermagic") &&
		    infer_layout(m, "inferred from the alternative entries' relocations; vermagic names headers of no layout known here"))
			return ef_error(err, "vermagic %s: no known entry layout for these headers, and the alternative entries fit neither 12 nor 13 bytes; give --layout 5.7 (13-byte alt_instr) or --layout 6.1 (12-byte alt_instr)",
				    version);
	} else {
		infer_layout(m, NULL);
	}
	for (i = 0; i < m->nesecs; i++)
		if (decode_section(m, &m->esecs[i]))
			return ef_error(err, "out of memory");
	if (read_map(m) || index_map(m))
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
	return 0;
}

void module_free(struct module *m)
{
	free(m->esecs);
	free(m->entries);
	free(m->map);
	free(m->map_by_addr);
	free(m->map_by_name);
	ef_close(&m->elf);
	memset(m, 0, sizeof(*m));
}
