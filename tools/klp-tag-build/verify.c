// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * verify.c - an original compile against the running kernel's binary,
 * function by function (see verify.h).
 */
#include "verify_int.h"
#include "kernel_abi.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A place in the kernel binary: a vmlinux address (SEC 0), a .ko section and offset, or a name. */
struct loc {
	size_t sec;
	uint64_t addr;
	const char *undef;	/* .ko: a relocation still against this undefined symbol */
};

/* One candidate STT_FILE group's verification. */
struct ctx {
	const struct kv_target *t;
	const struct ef_file *k, *o;
	size_t group;
	struct loc *base;		/* by object section: where the linker put it */
	bool *has_base;
	struct kv_function *funcs;
	size_t nfuncs;
	struct kv_ref *refs;
	size_t nrefs, rcap;
	long *ref_of;			/* by object symbol: index into refs, -1 */
	/* By object section: the first function and offset that reference it. */
	struct kv_function **ref_fn;
	uint64_t *ref_site;
	struct kv_function *cur_fn;	/* the function compare_code() is at, and where */
	uint64_t cur_site;
	size_t ndiffer;
	bool failed;			/* could not verify: ERR */
	char err[KV_ERRLEN];
};

const struct ef_file *kv_elf(const struct kv_target *t)
{
	return t->is_module ? &t->module.elf : &t->image.elf;
}

const char *kv_label(const struct kv_target *t, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", t->name, t->is_module ? ".ko" : "");
	return buf;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The ELF type in the header of PATH, or -1 when it cannot be read. */
static int elf_type(const char *path)
{
	unsigned char h[18];
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(h, 1, sizeof(h), f) : 0;

	if (f)
		fclose(f);
	if (n < sizeof(h) || memcmp(h, ELFMAG, SELFMAG) != 0)
		return -1;
	return (int)ef_le(h + 16, 2);
}

static const struct ef_sec *named_section(const struct ef_file *f, const char *name)
{
	const struct ef_sec *s = ef_section_named(f, name);

	return s && s->data ? s : NULL;
}

/* .debug_info of a relocatable object: its RELA entries give the offsets. */
static uint64_t debug_info_reloc(const void *ctx, uint64_t off, uint64_t value)
{
	const struct ef_file *f = ctx;
	const struct ef_sec *s = named_section(f, ".debug_info");
	const struct ef_rel *r = s ? ef_rel_at(s, off) : NULL;
	size_t shndx;
	uint64_t addr;

	if (!r)
		return value;
	return ef_rel_target(f, r, &shndx, &addr) ? addr : (uint64_t)r->addend;
}

void kv_dwarf_of(const struct ef_file *f, struct kd_sections *d)
{
	static const char *const names[] = { ".debug_info", ".debug_abbrev", ".debug_str",
					     ".debug_line_str" };
	const unsigned char **data[] = { &d->info, &d->abbrev, &d->str, &d->line_str };
	size_t *size[] = { &d->info_size, &d->abbrev_size, &d->str_size, &d->line_str_size };
	size_t i;

	memset(d, 0, sizeof(*d));
	for (i = 0; i < 4; i++) {
		const struct ef_sec *s = named_section(f, names[i]);

		/* A compressed debug section is read as absent. */
		if (s && !(s->sh.sh_flags & SHF_COMPRESSED)) {
			*data[i] = s->data;
			*size[i] = s->size;
		}
	}
	if (f->type == ET_REL) {
		d->reloc = debug_info_reloc;
		d->ctx = f;
	}
}

int kv_target_open(struct kv_target *t, const char *path, const char *sysmap, char *err,
		   size_t len)
{
	char e[EF_ERRLEN];
	double start = now();
	int type = elf_type(path);

	memset(t, 0, sizeof(*t));
	t->path = path;
	t->kv = -1;
	if (type == ET_REL) {
		t->is_module = true;
		if (kmod_load(&t->module, path, &klp_kconfig_default, e)) {
			kmod_free(&t->module);
			return klp_fail(err, len, "%s: %s", path, e);
		}
		snprintf(t->name, sizeof(t->name), "%s", t->module.object);
		if (t->module.vermagic)
			sscanf(t->module.vermagic, "%127s", t->release);
	} else {
		if (kimage_open(&t->image, path, e))
			return klp_fail(err, len, "%s: %s", path, e);
		snprintf(t->name, sizeof(t->name), "vmlinux");
		if (!kimage_release(&t->image, t->release, sizeof(t->release)))
			t->release[0] = '\0';
		kv_dwarf_of(&t->image.elf, &t->dwarf);
	}
	if (t->release[0])
		t->kv = klp_kernel_version(t->release);
	if (!t->is_module) {
		int r;

		if (sysmap)
			r = klp_sysmap_load(&t->map, sysmap, t->kv >= 0 ? t->kv : KLP_KV(6, 1), NULL,
					    err, len);
		else if (t->kv < 0)
			r = klp_fail(err, len, "%s: its linux_banner names no kernel release, so the kallsyms rules to count positions by are unknown: give its System.map",
				     path);
		else
			r = kimage_sysmap(&t->image, t->kv, &t->map, err, len);
		if (r) {
			kv_target_close(t);
			return -1;
		}
	}
	t->open_seconds = now() - start;
	return 0;
}

void kv_target_close(struct kv_target *t)
{
	if (t->is_module)
		kmod_free(&t->module);
	else
		kimage_close(&t->image);
	klp_sysmap_free(&t->map);
	memset(t, 0, sizeof(*t));
}

/* Format into BUF (LEN bytes); a long name may cut a message, never overflow it. */
static void say(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

/* ---- the kernel side ------------------------------------------------------ */

static bool loc_eq(struct loc a, struct loc b)
{
	if (a.undef || b.undef)
		return a.undef && b.undef && strcmp(a.undef, b.undef) == 0 && a.addr == b.addr;
	return a.sec == b.sec && a.addr == b.addr;
}

/* Addresses wrap as the linker's arithmetic does: outside input may hold any value. */
static struct loc loc_add(struct loc l, uint64_t d)
{
	l.addr += d;
	return l;
}

static struct loc loc_sub(struct loc l, uint64_t d)
{
	l.addr -= d;
	return l;
}

/* Where kernel symbol I is. */
static struct loc sym_loc(const struct ctx *x, size_t i)
{
	const struct ef_sym *s = &x->k->syms[i];
	struct loc l = { x->t->is_module ? s->shndx : 0, s->s.st_value, NULL };

	return l;
}

static const unsigned char *kbytes(const struct ctx *x, struct loc l, size_t n)
{
	const struct ef_sec *s;

	if (l.undef)
		return NULL;
	if (!x->t->is_module)
		return ef_bytes_at(x->k, l.addr, n);
	if (l.sec == 0 || l.sec >= x->k->nsecs)
		return NULL;
	s = &x->k->secs[l.sec];
	if (!s->data || l.addr > s->size || n > s->size - l.addr)
		return NULL;
	return s->data + l.addr;
}

/* The kernel symbol that holds L, for messages: its index, *OFF from it. */
static size_t ksym_at(const struct ctx *x, struct loc l, uint64_t *off)
{
	const struct ef_file *k = x->k;
	size_t i, best = 0;

	*off = 0;
	if (l.undef)
		return 0;
	if (!x->t->is_module)
		return kimage_symbol_at(&x->t->image, l.addr, off);
	for (i = 1; i < k->nsyms; i++) {
		const struct ef_sym *s = &k->syms[i];
		int type = GELF_ST_TYPE(s->s.st_info);

		if (s->shndx != l.sec || !s->name[0] || type == STT_SECTION || type == STT_FILE ||
		    s->s.st_value > l.addr)
			continue;
		if (!best || s->s.st_value > k->syms[best].s.st_value)
			best = i;
	}
	if (best)
		*off = l.addr - k->syms[best].s.st_value;
	return best;
}

/* L in words: "seq_printf", "meminfo_proc_show+0x2c", "0xffffffff81000000". */
static const char *loc_text(const struct ctx *x, struct loc l, char *buf, size_t len)
{
	uint64_t off;
	size_t i;

	if (l.undef) {
		if (l.addr)
			say(buf, len, "%s%+lld", l.undef, (long long)l.addr);
		else
			say(buf, len, "%s", l.undef);
		return buf;
	}
	i = ksym_at(x, l, &off);
	if (!i && x->t->is_module)
		say(buf, len, "%s+0x%llx", l.sec < x->k->nsecs ? x->k->secs[l.sec].name : "?",
			 (unsigned long long)l.addr);
	else if (!i)
		say(buf, len, "0x%llx", (unsigned long long)l.addr);
	else if (off)
		say(buf, len, "%s+0x%llx", x->k->syms[i].name, (unsigned long long)off);
	else
		say(buf, len, "%s", x->k->syms[i].name);
	return buf;
}

static bool is_local(const struct ef_sym *s)
{
	return GELF_ST_BIND(s->s.st_info) == STB_LOCAL;
}

static bool is_weak(const struct ef_sym *s)
{
	return GELF_ST_BIND(s->s.st_info) == STB_WEAK;
}

/*
 * The kernel's symbols that may be the object's symbol NAME (local or
 * not): in vmlinux, a local one of this context's STT_FILE group, or a
 * global one; in a .ko, any defined one.  Up to MAX into OUT; the count.
 */
static size_t candidates(const struct ctx *x, const char *name, bool local, size_t *out,
			 size_t max)
{
	const size_t *idx;
	size_t i, n = 0, found;

	if (x->t->is_module) {
		found = kmod_find(&x->t->module, name, &idx);
		for (i = 0; i < found && n < max; i++) {
			const struct ef_sym *s = x->t->module.syms[idx[i]].sym;

			if (ef_sym_defined(x->k, s))
				out[n++] = (size_t)(s - x->k->syms);
		}
		return n;
	}
	found = kimage_find(&x->t->image, name, &idx);
	for (i = 0; i < found && n < max; i++) {
		const struct ef_sym *s = &x->k->syms[idx[i]];

		if (kimage_is_file(&x->t->image, idx[i]) || !ef_sym_defined(x->k, s))
			continue;
		if (local ? is_local(s) && s->file == x->group && x->group : !is_local(s))
			out[n++] = idx[i];
	}
	return n;
}

/* The one kernel symbol of NAME, or 0 (none, or several). */
static size_t the_candidate(const struct ctx *x, const struct ef_sym *os)
{
	size_t c[2];

	return candidates(x, os->name, is_local(os), c, 2) == 1 ? c[0] : 0;
}

/* ---- results --------------------------------------------------------------- */

static void differs(struct ctx *x, struct kv_function *fn, uint64_t off, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void differs(struct ctx *x, struct kv_function *fn, uint64_t off, const char *fmt, ...)
{
	va_list ap;

	if (fn->status == KV_DIFFERS || fn->status == KV_MISSING)
		return;
	fn->status = KV_DIFFERS;
	fn->offset = off;
	va_start(ap, fmt);
	vsnprintf(fn->why, sizeof(fn->why), fmt, ap);
	va_end(ap);
	x->ndiffer++;
}

static void cannot(struct ctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void cannot(struct ctx *x, const char *fmt, ...)
{
	va_list ap;

	if (x->failed)
		return;
	x->failed = true;
	va_start(ap, fmt);
	vsnprintf(x->err, sizeof(x->err), fmt, ap);
	va_end(ap);
}

/* Record that the object's symbol SYM leads to L (the kernel's symbol there: KSYM). */
static void add_ref(struct ctx *x, size_t sym, struct loc l, size_t ksym)
{
	const struct ef_sym *s = &x->o->syms[sym];
	struct kv_ref *grown, *r;

	if (x->ref_of[sym] >= 0 || !s->name[0] || strncmp(s->name, ".L", 2) == 0)
		return;
	grown = klp_grow(x->refs, &x->rcap, x->nrefs + 1, sizeof(*grown));
	if (!grown) {
		cannot(x, "out of memory");
		return;
	}
	x->refs = grown;
	r = &x->refs[x->nrefs];
	memset(r, 0, sizeof(*r));
	r->name = s->name;
	r->sym = sym;
	r->local = is_local(s) && ef_sym_defined(x->o, s);
	r->undefined = l.undef != NULL;
	r->address = l.addr;
	r->ksec = l.sec;
	r->ksym = ksym;
	x->ref_of[sym] = (long)x->nrefs++;
}

/* The kernel symbol called NAME at L, 0 when there is none. */
static size_t named_at(const struct ctx *x, const char *name, struct loc l)
{
	const size_t *idx;
	size_t i, n;

	if (l.undef)
		return 0;
	if (x->t->is_module) {
		n = kmod_find(&x->t->module, name, &idx);
		for (i = 0; i < n; i++) {
			const struct ef_sym *s = x->t->module.syms[idx[i]].sym;
			size_t k = (size_t)(s - x->k->syms);

			if (ef_sym_defined(x->k, s) && loc_eq(sym_loc(x, k), l))
				return k;
		}
		return 0;
	}
	n = kimage_find(&x->t->image, name, &idx);
	for (i = 0; i < n; i++)
		if (!kimage_is_file(&x->t->image, idx[i]) && ef_sym_defined(x->k, &x->k->syms[idx[i]]) &&
		    x->k->syms[idx[i]].s.st_value == l.addr)
			return idx[i];
	return 0;
}

/* ---- where the object's sections and symbols are in the kernel ------------ */

static bool merged(const struct ef_file *o, size_t shndx)
{
	return (o->secs[shndx].sh.sh_flags & SHF_MERGE) != 0;
}

static void set_base(struct ctx *x, size_t shndx, struct loc l)
{
	if (!x->has_base[shndx]) {
		x->base[shndx] = l;
		x->has_base[shndx] = true;
	}
}

/*
 * Sections placed by their named symbols: the first function (then
 * variable) of each that the kernel has exactly once, not weak (another
 * file's definition may have won).
 */
static void place_sections(struct ctx *x)
{
	size_t pass, i;

	for (pass = 0; pass < 2; pass++)
		for (i = 1; i < x->o->nsyms; i++) {
			const struct ef_sym *s = &x->o->syms[i];
			int type = GELF_ST_TYPE(s->s.st_info);
			size_t k;

			if ((pass == 0) != (type == STT_FUNC) || (type != STT_FUNC && type != STT_OBJECT) ||
			    !s->name[0] || is_weak(s) || !ef_sym_defined(x->o, s) ||
			    x->has_base[s->shndx] || merged(x->o, s->shndx))
				continue;
			k = the_candidate(x, s);
			if (k)
				set_base(x, s->shndx, loc_sub(sym_loc(x, k), s->s.st_value));
		}
}

/* Where the kernel has the object's defined symbol S (index SYM); false when unknown. */
static bool where_is(struct ctx *x, size_t sym, struct loc *l, size_t *ksym)
{
	const struct ef_sym *s = &x->o->syms[sym];
	size_t i, k;

	*ksym = 0;
	/* References to a weak symbol lead to the definition that won, wherever it is. */
	k = is_weak(s) && s->name[0] ? the_candidate(x, s) : 0;
	if (k) {
		*l = sym_loc(x, k);
		*ksym = k;
		return true;
	}
	for (i = 0; i < x->nfuncs; i++)
		if (x->funcs[i].sym == sym && x->funcs[i].status != KV_MISSING &&
		    x->funcs[i].status != KV_OVERRIDDEN) {
			l->sec = x->funcs[i].ksec;
			l->addr = x->funcs[i].address;
			l->undef = NULL;
			*ksym = x->funcs[i].ksym;
			return true;
		}
	k = s->name[0] ? the_candidate(x, s) : 0;
	if (k) {
		*l = sym_loc(x, k);
		*ksym = k;
		return true;
	}
	if (x->has_base[s->shndx]) {
		*l = loc_add(x->base[s->shndx], s->s.st_value);
		return true;
	}
	return false;
}

/* ---- relocation sites ------------------------------------------------------- */

static bool pc_relative(uint32_t type)
{
	return type == R_X86_64_PC32 || type == R_X86_64_PLT32 || type == R_X86_64_PC64;
}

/*
 * What the kernel's site for the object's relocation R (at L in the
 * kernel) leads to: S, the place of the relocation's symbol (S + A is the
 * target).  Returns 0, 1 when the site is not the same kind of site (WHY
 * says how), -1 when the type cannot be verified (an error was set).
 */
static int kernel_target(struct ctx *x, const struct ef_rel *r, struct loc l, struct loc *s,
			 char *why, size_t len, const char *fname, uint64_t foff)
{
	char lab[64], rn[32], rn2[32];
	const unsigned char *p;
	size_t n = ef_reloc_size(r->type);
	uint64_t v;

	kv_label(x->t, lab, sizeof(lab));
	if (x->t->is_module) {
		const struct ef_sec *ks = &x->k->secs[l.sec];
		const struct ef_rel *kr = ef_rel_at(ks, l.addr);
		const struct ef_sym *kt;

		if (!kr || kr->type != r->type) {
			say(why, len, "%s has %s there, the compile a %s relocation", lab,
				 kr ? ef_reloc_name(kr->type, rn) : "no relocation",
				 ef_reloc_name(r->type, rn2));
			return 1;
		}
		kt = &x->k->syms[kr->sym];
		if (ef_sym_defined(x->k, kt)) {
			s->sec = kt->shndx;
			s->addr = kt->s.st_value + (uint64_t)kr->addend - (uint64_t)r->addend;
			s->undef = NULL;
		} else if (kt->s.st_shndx == SHN_ABS) {
			s->sec = 0;
			s->addr = kt->s.st_value + (uint64_t)kr->addend - (uint64_t)r->addend;
			s->undef = NULL;
		} else {
			s->sec = 0;
			s->addr = (uint64_t)kr->addend - (uint64_t)r->addend;
			s->undef = kt->name;
		}
		return 0;
	}
	switch (r->type) {
	case R_X86_64_PC32: case R_X86_64_PLT32: case R_X86_64_PC64:
	case R_X86_64_32: case R_X86_64_32S: case R_X86_64_64:
		break;
	default:
		cannot(x, "%s+0x%llx has a %s relocation, which the kernel's objects do not use and klp-tag-build cannot verify",
		       fname, (unsigned long long)foff, ef_reloc_name(r->type, rn));
		return -1;
	}
	p = kbytes(x, l, n);
	if (!p) {
		say(why, len, "%s has no bytes at 0x%llx", lab, (unsigned long long)l.addr);
		return 1;
	}
	v = ef_le(p, n);
	if (r->type == R_X86_64_PC32 || r->type == R_X86_64_PLT32 || r->type == R_X86_64_32S)
		v = (uint64_t)(int64_t)(int32_t)(uint32_t)v;
	if (pc_relative(r->type))
		v += l.addr;
	s->sec = 0;
	s->addr = v - (uint64_t)r->addend;
	s->undef = NULL;
	return 0;
}

/* The piece of merge section SHNDX that holds offset Q: its start and length. */
static bool piece(const struct ef_file *f, size_t shndx, uint64_t q, uint64_t *start, size_t *n)
{
	const struct ef_sec *s = &f->secs[shndx];
	uint64_t e = s->sh.sh_entsize ? s->sh.sh_entsize : 1, b;

	if (!s->data || q >= s->size)
		return false;
	if (!(s->sh.sh_flags & SHF_STRINGS) || e != 1) {
		*start = q - q % e;
		*n = (size_t)(e <= s->size - *start ? e : s->size - *start);
		return true;
	}
	for (b = q; b > 0 && s->data[b - 1]; b--)
		;
	*start = b;
	for (q = b; q < s->size && s->data[q]; q++)
		;
	if (q == s->size)
		return false;
	*n = (size_t)(q - b + 1);
	return true;
}

/* "the string \"MemTotal:\"", or "N bytes of .rodata.cst16", for a message. */
static void piece_text(const unsigned char *p, size_t n, bool string, char *buf, size_t len)
{
	char q[200];

	if (string) {
		klp_quote_field(q, sizeof(q), (const char *)p, n ? n - 1 : 0);
		say(buf, len, "the string \"%s\"", q);
	} else {
		size_t i, used = (size_t)snprintf(buf, len, "the constant");

		for (i = 0; i < n && i < 8 && used < len; i++)
			used += (size_t)snprintf(buf + used, len - used, " %02x", p[i]);
		if (n > 8 && used < len)
			snprintf(buf + used, len - used, "..");
	}
}

/* Does the kernel hold at S (the place of the relocation's symbol) the same constant? */
static bool same_piece(struct ctx *x, const struct ef_rel *r, const struct ef_sym *os,
		       struct loc s, char *why, size_t len)
{
	const struct ef_sec *sec = &x->o->secs[os->shndx];
	bool section_sym = GELF_ST_TYPE(os->s.st_info) == STT_SECTION;
	uint64_t q = section_sym ? (uint64_t)r->addend : os->s.st_value, start;
	const unsigned char *kp;
	char a[240], b[240], lab[64];
	size_t n;
	struct loc at;

	if (!piece(x->o, os->shndx, q, &start, &n)) {
		say(why, len, "the compile's reference to %s+0x%llx leads to no whole constant",
			 sec->name, (unsigned long long)q);
		return false;
	}
	/* The linker: the piece's new place, plus the reference's offset into it. */
	at = loc_sub(loc_add(s, start), section_sym ? 0 : os->s.st_value);
	kp = kbytes(x, at, n);
	if (kp && memcmp(kp, sec->data + start, n) == 0)
		return true;
	piece_text(sec->data + start, n, sec->sh.sh_flags & SHF_STRINGS, b, sizeof(b));
	if (sec->sh.sh_flags & SHF_STRINGS) {
		/* The kernel's string, as long as it is (up to a limit for the message). */
		size_t kn = 0;

		while (kn < 200 && (kp = kbytes(x, at, kn + 1)) && kp[kn])
			kn++;
		if (kp)
			n = kn + 1;
	}
	if (kp)
		piece_text(kp, n, sec->sh.sh_flags & SHF_STRINGS, a, sizeof(a));
	else
		loc_text(x, at, a, sizeof(a));
	say(why, len, "%s's code leads to %s, the compile's to %s", kv_label(x->t, lab, sizeof(lab)),
		 a, b);
	return false;
}

/* The object's named symbol around offset Q of section SHNDX, 0 when none covers it. */
static size_t covering(const struct ef_file *o, size_t shndx, uint64_t q)
{
	size_t i, best = 0;

	for (i = 1; i < o->nsyms; i++) {
		const struct ef_sym *s = &o->syms[i];
		int type = GELF_ST_TYPE(s->s.st_info);

		if (s->shndx != shndx || !s->name[0] || (type != STT_OBJECT && type != STT_FUNC) ||
		    s->s.st_value > q || q - s->s.st_value >= (s->s.st_size ? s->s.st_size : 1))
			continue;
		if (!best || s->s.st_value > o->syms[best].s.st_value)
			best = i;
	}
	return best;
}

/*
 * For references through a section symbol: the variable meant, as far as
 * a PC-relative field tells (the field ends 0 to 4 bytes before the end
 * of its instruction).
 */
static void ref_through_section(struct ctx *x, const struct ef_rel *r, const struct ef_sym *os)
{
	uint64_t q = (uint64_t)r->addend;
	size_t k, ks;
	struct loc l;
	int d;

	for (d = pc_relative(r->type) ? 4 : 0; d <= (pc_relative(r->type) ? 8 : 0); d++) {
		k = covering(x->o, os->shndx, q + (uint64_t)d);
		if (k && where_is(x, k, &l, &ks)) {
			add_ref(x, k, l, ks ? ks : named_at(x, x->o->syms[k].name, l));
			return;
		}
	}
}

/*
 * Does the kernel's site of relocation R lead where the object's does?
 * False with WHY when not.
 */
static bool same_target(struct ctx *x, const struct ef_rel *r, struct loc s, char *why,
			size_t len)
{
	const struct ef_sym *os = &x->o->syms[r->sym];
	char a[200], b[200], lab[64];
	struct loc e;
	size_t ks;

	kv_label(x->t, lab, sizeof(lab));
	if (ef_sym_defined(x->o, os) && !x->ref_fn[os->shndx]) {
		x->ref_fn[os->shndx] = x->cur_fn;
		x->ref_site[os->shndx] = x->cur_site;
	}
	if (os->s.st_shndx == SHN_ABS) {
		e.sec = 0;
		e.addr = os->s.st_value;
		e.undef = NULL;
		if (loc_eq(s, e))
			return true;
		say(why, len, "%s's code leads to %s, the compile's to the absolute %s (0x%llx)",
			 lab, loc_text(x, s, a, sizeof(a)), os->name,
			 (unsigned long long)os->s.st_value);
		return false;
	}
	if (!ef_sym_defined(x->o, os)) {
		/* Another file's symbol: the kernel's must be that very symbol. */
		ks = s.undef ? 0 : named_at(x, os->name, s);
		if ((s.undef && strcmp(s.undef, os->name) == 0 && s.addr == 0) || ks ||
		    (is_weak(os) && !s.undef && s.addr == 0)) {
			add_ref(x, r->sym, s, ks);
			return true;
		}
		say(why, len, "%s's code leads to %s, the compile's to %s", lab,
			 loc_text(x, s, a, sizeof(a)), os->name);
		return false;
	}
	if (merged(x->o, os->shndx))
		return same_piece(x, r, os, s, why, len);
	if (GELF_ST_TYPE(os->s.st_info) == STT_SECTION) {
		/* The first reference places a section no named symbol placed. */
		set_base(x, os->shndx, s);
		if (loc_eq(s, x->base[os->shndx])) {
			ref_through_section(x, r, os);
			return true;
		}
		say(why, len, "%s's code leads to %s, the compile's to %s+0x%llx, which is at %s",
			 lab, loc_text(x, loc_add(s, (uint64_t)r->addend), a, sizeof(a)),
			 x->o->secs[os->shndx].name, (unsigned long long)r->addend,
			 loc_text(x, loc_add(x->base[os->shndx], (uint64_t)r->addend), b, sizeof(b)));
		return false;
	}
	if (!where_is(x, r->sym, &e, &ks)) {
		set_base(x, os->shndx, loc_sub(s, os->s.st_value));
		e = s;
	}
	if (loc_eq(s, e)) {
		add_ref(x, r->sym, s, ks ? ks : named_at(x, os->name, s));
		return true;
	}
	say(why, len, "%s's code leads to %s, the compile's to %s (at %s there)", lab,
		 loc_text(x, s, a, sizeof(a)), os->name, loc_text(x, e, b, sizeof(b)));
	return false;
}

/* ---- functions ---------------------------------------------------------------- */

static void bytes_text(const unsigned char *p, size_t n, char *buf, size_t len)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < n && i < 4 && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%02x", i ? " " : "", p[i]);
	if (n > 4 && used < len)
		snprintf(buf + used, len - used, "..");
}

/* The first offset in [from, to) where A and B differ, or TO. */
static uint64_t first_byte_difference(const unsigned char *a, const unsigned char *b, uint64_t from,
				      uint64_t to)
{
	for (; from < to; from++)
		if (a[from] != b[from])
			break;
	return from;
}

/*
 * Compare function FN (object symbol OS) with the kernel's code at L:
 * bytes outside relocation sites, and where each site leads.
 */
static void compare_code(struct ctx *x, struct kv_function *fn, const struct ef_sym *os,
			 struct loc l)
{
	const struct ef_sec *sec = &x->o->secs[os->shndx];
	uint64_t size = os->s.st_size, pos = 0, d;
	const unsigned char *ob = sec->data + os->s.st_value, *kb = kbytes(x, l, (size_t)size);
	char lab[64], a[32], b[32], why[KV_WHY];
	size_t i;

	kv_label(x->t, lab, sizeof(lab));
	if (!kb) {
		differs(x, fn, 0, "%s has no %llu bytes of code at %s", lab,
			(unsigned long long)size, loc_text(x, l, why, sizeof(why)));
		return;
	}
	for (i = ef_rel_lower_bound(sec, os->s.st_value);
	     i < sec->nrels && sec->rels[i].offset < os->s.st_value + size; i++) {
		const struct ef_rel *r = &sec->rels[i];
		uint64_t site = r->offset - os->s.st_value, n = ef_reloc_size(r->type);
		struct loc s;
		int k;

		if (n == 0)
			continue;
		if (site < pos || site + n > size) {
			cannot(x, "%s+0x%llx: relocations overlap or cross the function's end",
			       fn->name, (unsigned long long)site);
			return;
		}
		d = first_byte_difference(ob, kb, pos, site);
		if (d < site)
			goto bytes;
		x->cur_fn = fn;
		x->cur_site = site;
		k = kernel_target(x, r, loc_add(l, site), &s, why, sizeof(why), fn->name,
				  site);
		if (k < 0)
			return;
		if (k > 0 || !same_target(x, r, s, why, sizeof(why))) {
			differs(x, fn, site, "%s", why);
			return;
		}
		pos = site + n;
	}
	d = first_byte_difference(ob, kb, pos, size);
	if (d == size)
		return;
bytes:
	bytes_text(kb + d, (size_t)(size - d), a, sizeof(a));
	bytes_text(ob + d, (size_t)(size - d), b, sizeof(b));
	differs(x, fn, d, "%s bytes %s, compiled %s", lab, a, b);
}

/* Bytes outside the object's relocation sites equal at L (a cheap test to pick a candidate)? */
static bool same_bytes(const struct ctx *x, const struct ef_sym *os, struct loc l)
{
	const struct ef_sec *sec = &x->o->secs[os->shndx];
	uint64_t size = os->s.st_value > sec->size || os->s.st_size > sec->size - os->s.st_value ?
			0 : os->s.st_size, pos = 0;
	const unsigned char *ob = sec->data + os->s.st_value, *kb = kbytes(x, l, (size_t)size);
	size_t i;

	if (!kb || !size)
		return false;
	for (i = ef_rel_lower_bound(sec, os->s.st_value);
	     i < sec->nrels && sec->rels[i].offset < os->s.st_value + size; i++) {
		uint64_t site = sec->rels[i].offset - os->s.st_value;

		if (site >= pos && first_byte_difference(ob, kb, pos, site) < site)
			return false;
		if (site + ef_reloc_size(sec->rels[i].type) > pos)
			pos = site + ef_reloc_size(sec->rels[i].type);
	}
	return pos >= size || first_byte_difference(ob, kb, pos, size) == size;
}

#define MAX_CANDIDATES 16

/* Find function FN in the kernel: its symbol, or why it is not there. */
static void find_function(struct ctx *x, struct kv_function *fn)
{
	const struct ef_sym *os = &x->o->syms[fn->sym];
	size_t c[MAX_CANDIDATES], n = candidates(x, os->name, is_local(os), c, MAX_CANDIDATES), i;
	bool placed = x->has_base[os->shndx];
	struct loc expect = loc_add(x->base[os->shndx], os->s.st_value);
	char lab[64];
	size_t pick = n ? c[0] : 0;

	/* Several (a .ko's static functions of one name): the equal one, else the first. */
	for (i = 0; n > 1 && i < n; i++)
		if ((placed && loc_eq(sym_loc(x, c[i]), expect)) ||
		    (!placed && same_bytes(x, os, sym_loc(x, c[i])))) {
			pick = c[i];
			break;
		}
	/* A weak function the kernel names: only its own code proves it is this one. */
	if (pick && is_weak(os) && !placed && !same_bytes(x, os, sym_loc(x, pick)))
		pick = 0;
	if (pick && (!placed || loc_eq(sym_loc(x, pick), expect) || !is_weak(os))) {
		struct loc l = sym_loc(x, pick);

		fn->ksym = pick;
		fn->address = l.addr;
		fn->ksec = l.sec;
		if (!placed)
			set_base(x, os->shndx, loc_sub(l, os->s.st_value));
		return;
	}
	if (is_weak(os) && placed) {
		/* Another file's definition won: this body lies unnamed where the linker put it. */
		fn->status = KV_OVERRIDDEN;
		fn->address = expect.addr;
		fn->ksec = expect.sec;
		return;
	}
	fn->status = KV_MISSING;
	x->ndiffer++;
	kv_label(x->t, lab, sizeof(lab));
	if (x->t->is_module)
		say(fn->why, sizeof(fn->why), "%s has no symbol %s", lab, os->name);
	else if (is_local(os))
		say(fn->why, sizeof(fn->why), "%s has no symbol %s among the local symbols of %s",
			 lab, os->name, x->group ? x->k->syms[x->group].name : "its STT_FILE groups");
	else
		say(fn->why, sizeof(fn->why), "%s has no global symbol %s", lab, os->name);
}

static void check_function(struct ctx *x, struct kv_function *fn)
{
	const struct ef_sym *os = &x->o->syms[fn->sym];
	struct loc l = { fn->ksec, fn->address, NULL };
	struct loc expect = loc_add(x->base[os->shndx], os->s.st_value);
	char lab[64], a[200], b[200];
	uint64_t ksize;

	if (fn->status == KV_MISSING)
		return;
	kv_label(x->t, lab, sizeof(lab));
	if (fn->status == KV_OVERRIDDEN) {
		compare_code(x, fn, os, l);
		return;
	}
	ksize = x->k->syms[fn->ksym].s.st_size;
	if (ksize != os->s.st_size) {
		differs(x, fn, 0, "%s's is %llu bytes long, the compile's %llu", lab,
			(unsigned long long)ksize, (unsigned long long)os->s.st_size);
		return;
	}
	if (!loc_eq(l, expect)) {
		differs(x, fn, 0, "%s has it at %s, but the compile's layout of %s puts it at %s", lab,
			loc_text(x, l, a, sizeof(a)), x->o->secs[os->shndx].name,
			loc_text(x, expect, b, sizeof(b)));
		return;
	}
	compare_code(x, fn, os, l);
}

/* The object's functions: defined STT_FUNC symbols with code, by (section, address). */
static int list_functions(struct ctx *x)
{
	size_t i, n = 0;

	x->funcs = calloc(x->o->nfuncs ? x->o->nfuncs : 1, sizeof(*x->funcs));
	if (!x->funcs)
		return -1;
	for (i = 0; i < x->o->nfuncs; i++) {
		size_t sym = x->o->funcs[i];
		const struct ef_sym *s = &x->o->syms[sym];
		const struct ef_sec *sec = &x->o->secs[s->shndx];

		if (!s->s.st_size || !s->name[0] || !(sec->sh.sh_flags & SHF_ALLOC) || !sec->data ||
		    s->s.st_value > sec->size || s->s.st_size > sec->size - s->s.st_value)
			continue;
		x->funcs[n].name = s->name;
		x->funcs[n].sym = sym;
		n++;
	}
	x->nfuncs = n;
	return 0;
}

/* Does any function symbol of the object lie in section SHNDX? */
static bool has_functions(const struct ctx *x, size_t shndx)
{
	size_t i;

	for (i = 0; i < x->nfuncs; i++)
		if (x->o->syms[x->funcs[i].sym].shndx == shndx)
			return true;
	return false;
}

/*
 * The read-only sections the functions reference, where the linker put
 * them: their bytes outside relocation sites must be the kernel's too
 * (a table or a code section without function symbols, .altinstr_aux,
 * which the references alone would not prove).  Functions are compared
 * on their own; writable data may be the kernel's own business.
 */
static void check_sections(struct ctx *x)
{
	size_t i, j;
	char lab[64], a[32], b[32], at[200];

	kv_label(x->t, lab, sizeof(lab));
	for (i = 1; i < x->o->nsecs; i++) {
		const struct ef_sec *sec = &x->o->secs[i];
		const unsigned char *kb;
		uint64_t pos = 0, d = sec->size;

		if (!x->ref_fn[i] || !x->has_base[i] || !sec->data || merged(x->o, i) ||
		    !(sec->sh.sh_flags & SHF_ALLOC) || (sec->sh.sh_flags & SHF_WRITE) ||
		    ((sec->sh.sh_flags & SHF_EXECINSTR) && has_functions(x, i)))
			continue;
		kb = kbytes(x, x->base[i], sec->size);
		if (!kb) {
			differs(x, x->ref_fn[i], x->ref_site[i], "%s has no %zu bytes of this file's %s at %s",
				lab, sec->size, sec->name, loc_text(x, x->base[i], at, sizeof(at)));
			continue;
		}
		for (j = 0; j < sec->nrels && d == sec->size; j++) {
			uint64_t site = sec->rels[j].offset;

			if (site > pos && first_byte_difference(sec->data, kb, pos, site) < site)
				d = first_byte_difference(sec->data, kb, pos, site);
			if (site + ef_reloc_size(sec->rels[j].type) > pos)
				pos = site + ef_reloc_size(sec->rels[j].type);
		}
		if (d == sec->size && pos < sec->size)
			d = first_byte_difference(sec->data, kb, pos, sec->size);
		if (d == sec->size)
			continue;
		bytes_text(kb + d, (size_t)(sec->size - d), a, sizeof(a));
		bytes_text(sec->data + d, (size_t)(sec->size - d), b, sizeof(b));
		differs(x, x->ref_fn[i], x->ref_site[i], "it references %s, whose %s+0x%llx differs: %s bytes %s, compiled %s",
			sec->name, sec->name, (unsigned long long)d, lab, a, b);
	}
}

static void ctx_free(struct ctx *x)
{
	free(x->ref_fn);
	free(x->ref_site);
	free(x->base);
	free(x->has_base);
	free(x->funcs);
	free(x->refs);
	free(x->ref_of);
	memset(x, 0, sizeof(*x));
}

static void run(struct ctx *x)
{
	size_t i;

	x->base = calloc(x->o->nsecs, sizeof(*x->base));
	x->has_base = calloc(x->o->nsecs, sizeof(*x->has_base));
	x->ref_of = malloc((x->o->nsyms ? x->o->nsyms : 1) * sizeof(*x->ref_of));
	x->ref_fn = calloc(x->o->nsecs, sizeof(*x->ref_fn));
	x->ref_site = calloc(x->o->nsecs, sizeof(*x->ref_site));
	if (!x->base || !x->has_base || !x->ref_of || !x->ref_fn || !x->ref_site ||
	    list_functions(x)) {
		cannot(x, "out of memory");
		return;
	}
	for (i = 0; i < x->o->nsyms; i++)
		x->ref_of[i] = -1;
	place_sections(x);
	for (i = 0; i < x->nfuncs; i++)
		find_function(x, &x->funcs[i]);
	for (i = 0; i < x->nfuncs && !x->failed; i++)
		check_function(x, &x->funcs[i]);
	if (!x->failed)
		check_sections(x);
}

/* ---- the whole file ------------------------------------------------------------ */

static int cmp_ref(const void *a, const void *b)
{
	const struct kv_ref *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->sym > y->sym) - (x->sym < y->sym);
}

/* The object's file name: its first STT_FILE symbol. */
static const char *file_of(const struct ef_file *o)
{
	size_t i;

	for (i = 1; i < o->nsyms; i++)
		if (GELF_ST_TYPE(o->syms[i].s.st_info) == STT_FILE)
			return o->syms[i].name;
	return NULL;
}

/*
 * vmlinux's STT_FILE groups named FILE that hold at least one of the
 * object's local functions (all of them when it has none): the contexts
 * to try.  Into a malloc'd *OUT; their count (0: none).
 */
static size_t groups_of(const struct kv_target *t, const struct ef_file *o, const char *file,
			size_t **out)
{
	const size_t *idx;
	size_t n = kimage_find(&t->image, file, &idx), i, j, m = 0;
	bool any_local = false;

	*out = malloc((n ? n : 1) * sizeof(**out));
	if (!*out)
		return 0;
	for (i = 0; i < o->nfuncs; i++)
		any_local |= is_local(&o->syms[o->funcs[i]]);
	for (i = 0; i < n; i++) {
		bool holds = !any_local;

		if (!kimage_is_file(&t->image, idx[i]))
			continue;
		for (j = 0; j < o->nfuncs && !holds; j++) {
			const struct ef_sym *s = &o->syms[o->funcs[j]];
			const size_t *c;
			size_t k, nc;

			if (!is_local(s))
				continue;
			nc = kimage_find(&t->image, s->name, &c);
			for (k = 0; k < nc && !holds; k++)
				holds = t->image.elf.syms[c[k]].file == idx[i] &&
					is_local(&t->image.elf.syms[c[k]]);
		}
		if (holds)
			(*out)[m++] = idx[i];
	}
	return m;
}

static void message(const struct kv_target *t, const struct kv_compile *c, struct kv_result *r)
{
	const struct kv_function *fn = NULL;
	char cause[KV_ERRLEN / 2];
	size_t i;

	for (i = 0; i < r->nfuncs && !fn; i++)
		if (r->funcs[i].status == KV_DIFFERS || r->funcs[i].status == KV_MISSING)
			fn = &r->funcs[i];
	if (!fn)
		return;
	kv_likely_cause(t, c, &r->obj, cause, sizeof(cause));
	if (fn->status == KV_MISSING)
		say(r->message, sizeof(r->message), "%s: %s is not in the running kernel (%s): %s",
			 c->source, fn->name, fn->why, cause);
	else
		say(r->message, sizeof(r->message), "%s: %s+0x%llx differs from the running kernel's (%s): %s",
			 c->source, fn->name, (unsigned long long)fn->offset, fn->why, cause);
}

/* Keep context X's findings in R. */
static void take(struct kv_result *r, struct ctx *x)
{
	r->group = x->group;
	r->funcs = x->funcs;
	r->nfuncs = x->nfuncs;
	r->refs = x->refs;
	r->nrefs = x->nrefs;
	r->ndiffer = x->ndiffer;
	x->funcs = NULL;
	x->refs = NULL;
	if (r->nrefs > 1)
		qsort(r->refs, r->nrefs, sizeof(*r->refs), cmp_ref);
}

int kv_verify(const struct kv_target *t, const struct kv_compile *c, struct kv_result *r,
	      char *err, size_t len)
{
	char e[EF_ERRLEN];
	size_t *groups = NULL, ngroups = 1, i, best_differ = SIZE_MAX;
	struct ctx best;
	bool have_best = false;

	memset(r, 0, sizeof(*r));
	memset(&best, 0, sizeof(best));
	r->source = c->source;
	if (ef_open(&r->obj, c->object, e))
		return klp_fail(err, len, "%s: %s", c->object, e);
	r->file = file_of(&r->obj);
	if (!r->file)
		return klp_fail(err, len, "%s: no STT_FILE symbol: not an object the compiler made of %s",
				c->object, c->source);
	if (!t->is_module) {
		ngroups = groups_of(t, &r->obj, r->file, &groups);
		if (!groups)
			return klp_fail(err, len, "out of memory");
		r->ntried = ngroups;
		/* No group: every local function is missing, which the run says. */
		if (!ngroups)
			groups[ngroups++] = 0;
	}
	r->groups = calloc(ngroups, sizeof(*r->groups));
	if (!r->groups) {
		free(groups);
		return klp_fail(err, len, "out of memory");
	}
	for (i = 0; i < ngroups; i++) {
		struct ctx x;

		memset(&x, 0, sizeof(x));
		x.t = t;
		x.k = kv_elf(t);
		x.o = &r->obj;
		x.group = groups ? groups[i] : 0;
		run(&x);
		if (x.failed) {
			klp_fail(err, len, "%s: %s", c->object, x.err);
			ctx_free(&x);
			ctx_free(&best);
			free(groups);
			return -1;
		}
		if (x.ndiffer == 0 && x.group)
			r->groups[r->ngroups++] = x.group;
		if (x.ndiffer < best_differ) {
			if (have_best)
				ctx_free(&best);
			best = x;
			best_differ = x.ndiffer;
			have_best = true;
		} else {
			ctx_free(&x);
		}
	}
	free(groups);
	take(r, &best);
	ctx_free(&best);
	if (!r->ndiffer)
		return 0;
	message(t, c, r);
	return 1;
}

void kv_result_free(struct kv_result *r)
{
	free(r->funcs);
	free(r->refs);
	free(r->groups);
	ef_close(&r->obj);
	memset(r, 0, sizeof(*r));
}
