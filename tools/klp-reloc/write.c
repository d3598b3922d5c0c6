// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * write.c - the converted object, as the kernel reads it
 * (docs/kernel-abi.md, sections 12.1 and 12.2).
 *
 * Every input section keeps its index and its bytes but for four kinds:
 * the symbol table (each converted undefined symbol's entry becomes its
 * .klp.sym symbol, GLOBAL NOTYPE SHN_LIVEPATCH, and further .klp.sym
 * symbols follow the input's, so no symbol index changes and the locals
 * stay first), its string table and extended index table (grown), the
 * section name table (grown), and the relocation sections that lose their
 * converted relocations (the others kept in order).  The .klp.rela
 * sections come last: one per object and relocated section, SHT_RELA,
 * SHF_ALLOC | SHF_RELA_LIVEPATCH, sh_link the symbol table, sh_info the
 * relocated section.  The file is written whole to a temporary file in
 * the destination's directory and renamed over it.
 */
#include "reloc.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A growing byte buffer; once memory runs out it stays failed. */
struct buf {
	unsigned char *p;
	size_t n, cap;
	bool used;			/* written to: replaces the input's bytes */
	bool failed;
};

static void put(struct buf *b, const void *data, size_t len)
{
	unsigned char *grown = b->failed ? NULL : klp_grow(b->p, &b->cap, b->n + len + 1, 1);

	b->used = true;
	if (!grown) {
		b->failed = true;
		return;
	}
	b->p = grown;
	if (data)
		memcpy(b->p + b->n, data, len);
	else
		memset(b->p + b->n, 0, len);
	b->n += len;
}

static void put_le(struct buf *b, uint64_t v, size_t len)
{
	unsigned char raw[8];
	size_t i;

	for (i = 0; i < len; i++)
		raw[i] = (unsigned char)(v >> (8 * i));
	put(b, raw, len);
}

static void set_le(unsigned char *p, uint64_t v, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* A new .klp.rela section: its relocated section and object, and its relocations. */
struct group {
	size_t target;			/* relocated section */
	const char *obj;
	struct buf rela;
	size_t name;			/* offset in the section name table */
};

struct out {
	struct rl_ctx *c;
	size_t symtab, strtab, xndx, shstrtab;	/* section indexes, 0 when none */
	struct buf *data;		/* new contents by input section; .p NULL: the input's */
	struct group *groups;
	size_t ngroups, gcap;
	struct klp_names keys;		/* "object section-index" -> group */
	char **keytext;
	size_t nkeys;
};

/* Append NUL-terminated NAME to string table section S; its offset there. */
static size_t add_string(struct out *o, size_t s, const char *name)
{
	struct buf *b = &o->data[s];
	size_t off;

	if (!b->used)
		put(b, o->c->m.elf.secs[s].data, o->c->m.elf.secs[s].size);
	off = b->n;
	put(b, name, strlen(name) + 1);
	return off;
}

static struct group *group_of(struct out *o, const char *obj, size_t target)
{
	char key[KLP_OBJECT_MAX + 32], **kt, *copy;
	struct group *g;
	long id;

	snprintf(key, sizeof(key), "%s %zu", obj, target);
	id = klp_names_find(&o->keys, key);
	if (id >= 0)
		return &o->groups[id];
	copy = strdup(key);
	kt = copy ? klp_grow(o->keytext, &o->nkeys, o->ngroups + 1, sizeof(*kt)) : NULL;
	g = kt ? klp_grow(o->groups, &o->gcap, o->ngroups + 1, sizeof(*g)) : NULL;
	if (kt)
		o->keytext = kt;
	if (g)
		o->groups = g;
	if (!g || klp_names_add(&o->keys, copy) < 0) {
		free(copy);
		return NULL;
	}
	o->keytext[o->ngroups] = copy;
	g = &o->groups[o->ngroups++];
	memset(g, 0, sizeof(*g));
	g->target = target;
	g->obj = obj;
	return g;
}

/* Split each relocation section: kept ones stay, converted ones go to their group. */
static int split_relocations(struct out *o)
{
	const struct ef_file *f = &o->c->m.elf;
	size_t i, j;

	for (i = 1; i < f->nsecs; i++) {
		const struct ef_sec *rs = &f->secs[i];
		const long *conv = o->c->conv[i];
		size_t n = rs->sh.sh_size / sizeof(Elf64_Rela);

		if (!conv)
			continue;
		for (j = 0; j < n; j++) {
			const unsigned char *raw = rs->data + j * sizeof(Elf64_Rela);
			const struct rl_target *t;
			struct group *g;
			unsigned type;

			if (conv[j] < 0) {
				put(&o->data[i], raw, sizeof(Elf64_Rela));
				continue;
			}
			t = &o->c->targets[conv[j]];
			/* The type the target kernel surely handles (kernel_abi.h). */
			type = klp_reloc_type_written(o->c->kv, (unsigned)GELF_R_TYPE(ef_le(raw + 8, 8)));
			/* For a link to come: in place, against the .klp.sym symbol. */
			if (o->c->opt.for_link) {
				put(&o->data[i], raw, 8);
				put_le(&o->data[i], GELF_R_INFO((uint64_t)t->outsym, type), 8);
				put(&o->data[i], raw + 16, 8);
				continue;
			}
			g = group_of(o, t->obj, rs->sh.sh_info);
			if (!g)
				return -1;
			put_le(&g->rela, ef_le(raw, 8), 8);
			put_le(&g->rela, GELF_R_INFO((uint64_t)t->outsym, type), 8);
			put(&g->rela, raw + 16, 8);
		}
		/* An emptied section stays, empty: no section index moves. */
		put(&o->data[i], NULL, 0);
	}
	return 0;
}

/* A symbol entry made a livepatch symbol named at NAME of the string table. */
static void livepatch_symbol(unsigned char *raw, size_t name)
{
	memset(raw, 0, sizeof(Elf64_Sym));
	set_le(raw, name, 4);
	raw[4] = GELF_ST_INFO(STB_GLOBAL, STT_NOTYPE);
	set_le(raw + 6, KLP_SHN_LIVEPATCH, 2);
}

static int rebuild_symbols(struct out *o)
{
	const struct ef_file *f = &o->c->m.elf;
	const struct ef_sec *st = &f->secs[o->symtab];
	struct buf *sb = &o->data[o->symtab];
	size_t i, k;

	put(sb, st->data, st->size);
	if (o->xndx)
		put(&o->data[o->xndx], f->secs[o->xndx].data, f->secs[o->xndx].size);
	for (i = 0; i < o->c->ntargets && !sb->failed; i++) {
		const struct rl_target *t = &o->c->targets[i];
		bool same = t->insym && strcmp(f->syms[t->insym].name, t->sym) == 0;
		size_t name = same ? f->syms[t->insym].s.st_name : add_string(o, o->strtab, t->sym);
		unsigned char raw[sizeof(Elf64_Sym)];

		livepatch_symbol(raw, name);
		for (k = 0; k < t->nalso; k++) {
			memcpy(sb->p + t->also[k] * sizeof(Elf64_Sym), raw, sizeof(raw));
			if (o->xndx)
				set_le(o->data[o->xndx].p + 4 * t->also[k], 0, 4);
		}
		if (t->insym) {
			memcpy(sb->p + t->insym * sizeof(Elf64_Sym), raw, sizeof(raw));
			if (o->xndx)
				set_le(o->data[o->xndx].p + 4 * t->insym, 0, 4);
			continue;
		}
		put(sb, raw, sizeof(raw));
		if (o->xndx)
			put_le(&o->data[o->xndx], 0, 4);
	}
	return sb->failed || (o->xndx && o->data[o->xndx].failed) ? -1 : 0;
}

/* Section names: one per group, ".klp.rela.OBJECT.SECTION". */
static int name_groups(struct out *o)
{
	size_t i;

	for (i = 0; i < o->ngroups; i++) {
		const char *sec = o->c->m.elf.secs[o->groups[i].target].name;
		size_t len = klp_rela_name(NULL, 0, o->groups[i].obj, sec) + 1;
		char *name = malloc(len);

		if (!name)
			return -1;
		klp_rela_name(name, len, o->groups[i].obj, sec);
		o->groups[i].name = add_string(o, o->shstrtab, name);
		free(name);
	}
	return o->data[o->shstrtab].failed ? -1 : 0;
}

/* One section header, little-endian (Elf64_Shdr). */
static void put_shdr(struct buf *b, const GElf_Shdr *sh)
{
	put_le(b, sh->sh_name, 4);
	put_le(b, sh->sh_type, 4);
	put_le(b, sh->sh_flags, 8);
	put_le(b, sh->sh_addr, 8);
	put_le(b, sh->sh_offset, 8);
	put_le(b, sh->sh_size, 8);
	put_le(b, sh->sh_link, 4);
	put_le(b, sh->sh_info, 4);
	put_le(b, sh->sh_addralign, 8);
	put_le(b, sh->sh_entsize, 8);
}

/*
 * Place BYTES (LEN of them, NULL for NOBITS) at the next offset aligned to
 * ALIGN.  Only the address needs the alignment: a file offset aligned to
 * more than 64 KiB (a damaged header) gets 64 KiB.
 */
static uint64_t place(struct buf *file, const void *bytes, size_t len, uint64_t align)
{
	if (align > 65536 || (align & (align - 1)))
		align = 65536;
	if (bytes && align > 1 && file->n % align)
		put(file, NULL, (size_t)(align - file->n % align));
	if (bytes)
		put(file, bytes, len);
	return file->n - (bytes ? len : 0);
}

static int lay_out(struct out *o, struct buf *file)
{
	const struct ef_file *f = &o->c->m.elf;
	size_t i, total = f->nsecs + o->ngroups;
	GElf_Shdr *sh = calloc(total, sizeof(*sh));
	uint64_t shoff;

	if (!sh)
		return -1;
	put(file, f->buf, sizeof(Elf64_Ehdr));
	for (i = 1; i < f->nsecs; i++) {
		const struct ef_sec *s = &f->secs[i];
		const void *bytes = o->data[i].used ? (const void *)o->data[i].p : s->data;
		size_t len = o->data[i].used ? o->data[i].n : s->size;

		sh[i] = s->sh;
		sh[i].sh_size = s->sh.sh_type == SHT_NOBITS ? s->sh.sh_size : len;
		sh[i].sh_offset = place(file, s->sh.sh_type == SHT_NOBITS ? NULL : bytes ? bytes : "",
					s->sh.sh_type == SHT_NOBITS ? 0 : len, s->sh.sh_addralign);
	}
	for (i = 0; i < o->ngroups; i++) {
		GElf_Shdr *g = &sh[f->nsecs + i];

		g->sh_name = (Elf64_Word)o->groups[i].name;
		g->sh_type = SHT_RELA;
		g->sh_flags = SHF_ALLOC | KLP_SHF_RELA_LIVEPATCH;
		g->sh_link = (Elf64_Word)o->symtab;
		g->sh_info = (Elf64_Word)o->groups[i].target;
		g->sh_addralign = 8;
		g->sh_entsize = sizeof(Elf64_Rela);
		g->sh_size = o->groups[i].rela.n;
		g->sh_offset = place(file, o->groups[i].rela.p ? o->groups[i].rela.p : (void *)"",
				     o->groups[i].rela.n, 8);
	}
	/* Extended numbering past SHN_LORESERVE sections: the counts go to section 0. */
	sh[0] = f->secs[0].sh;
	sh[0].sh_size = total >= SHN_LORESERVE ? total : 0;
	sh[0].sh_link = o->shstrtab >= SHN_LORESERVE ? (Elf64_Word)o->shstrtab : 0;
	shoff = place(file, "", 0, 8);
	for (i = 0; i < total; i++)
		put_shdr(file, &sh[i]);
	free(sh);
	if (file->failed)
		return -1;
	set_le(file->p + offsetof(Elf64_Ehdr, e_shoff), shoff, 8);
	set_le(file->p + offsetof(Elf64_Ehdr, e_shnum), total >= SHN_LORESERVE ? 0 : total, 2);
	set_le(file->p + offsetof(Elf64_Ehdr, e_shstrndx),
	       o->shstrtab >= SHN_LORESERVE ? SHN_XINDEX : o->shstrtab, 2);
	return 0;
}

/* The section indexes the writer changes, as the file's headers give them. */
static int find_tables(struct out *o, char *err, size_t len)
{
	const struct ef_file *f = &o->c->m.elf;
	size_t i, raw = (size_t)ef_le(f->buf + offsetof(Elf64_Ehdr, e_shstrndx), 2);

	if (ef_le(f->buf + offsetof(Elf64_Ehdr, e_phnum), 2)) {
		snprintf(err, len, "%s: program headers in a relocatable file: not a compiler's object file",
			 f->path);
		return -1;
	}
	o->shstrtab = raw == SHN_XINDEX ? f->secs[0].sh.sh_link : raw;
	for (i = 1; i < f->nsecs; i++)
		if (f->secs[i].sh.sh_type == SHT_SYMTAB)
			o->symtab = i;
	o->strtab = f->secs[o->symtab].sh.sh_link;
	for (i = 1; i < f->nsecs; i++)
		if (f->secs[i].sh.sh_type == SHT_SYMTAB_SHNDX && f->secs[i].sh.sh_link == o->symtab)
			o->xndx = i;
	if (o->shstrtab == 0 || o->shstrtab >= f->nsecs ||
	    f->secs[o->shstrtab].sh.sh_type != SHT_STRTAB) {
		snprintf(err, len, "%s: the section name table (section %zu) is no string table",
			 f->path, o->shstrtab);
		return -1;
	}
	return 0;
}

/* Write FILE to a temporary file next to DEST and rename it over DEST. */
static int replace_file(const char *dest, const struct buf *file, mode_t mode, char *err,
			size_t len)
{
	size_t n = strlen(dest) + 16, done = 0;
	char *tmp = malloc(n);
	int fd, e = 0;

	if (!tmp) {
		snprintf(err, len, "%s: out of memory", dest);
		return -1;
	}
	snprintf(tmp, n, "%s.XXXXXX", dest);
	fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, len, "%s: cannot create a temporary file next to it: %s", dest,
			 strerror(errno));
		free(tmp);
		return -1;
	}
	while (done < file->n && !e) {
		ssize_t w = write(fd, file->p + done, file->n - done);

		if (w < 0 && errno != EINTR)
			e = errno;
		else if (w > 0)
			done += (size_t)w;
	}
	if (!e && fchmod(fd, mode))
		e = errno;
	if (close(fd) && !e)
		e = errno;
	if (!e && rename(tmp, dest))
		e = errno;
	if (e) {
		snprintf(err, len, "%s: cannot write it: %s", dest, strerror(e));
		unlink(tmp);
	}
	free(tmp);
	return e ? -1 : 0;
}

static void free_out(struct out *o)
{
	size_t i;

	for (i = 0; o->data && i < o->c->m.elf.nsecs; i++)
		free(o->data[i].p);
	free(o->data);
	for (i = 0; i < o->ngroups; i++) {
		free(o->groups[i].rela.p);
		free(o->keytext[i]);
	}
	free(o->groups);
	free(o->keytext);
	klp_names_free(&o->keys);
}

int rl_write(struct rl_ctx *c, char *err, size_t len)
{
	struct out o = { .c = c };
	struct buf file = { 0 };
	struct stat st;
	const char *dest = c->opt.out ? c->opt.out : c->opt.path;
	int r = -1;

	o.data = calloc(c->m.elf.nsecs, sizeof(*o.data));
	if (!o.data) {
		snprintf(err, len, "out of memory");
		return -1;
	}
	if (find_tables(&o, err, len))
		goto out;
	if (split_relocations(&o) || rebuild_symbols(&o) || name_groups(&o) || lay_out(&o, &file)) {
		snprintf(err, len, "%s: out of memory writing it", dest);
		goto out;
	}
	if (stat(c->opt.path, &st))
		st.st_mode = 0644;
	r = replace_file(dest, &file, st.st_mode & 07777, err, len);
out:
	free(file.p);
	free_out(&o);
	return r;
}
