// SPDX-License-Identifier: GPL-2.0-or-later
/* elfread.c - read and validate an x86_64 relocatable ELF file (see elfread.h). */
#include "elfread.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int ef_error(char err[EF_ERRLEN], const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, EF_ERRLEN, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * The first control byte of NAME, or 0.  Names are printed in every report:
 * a crafted file must not drive the terminal, and no real module has them.
 */
static unsigned char control_byte(const char *name)
{
	for (; *name; name++)
		if ((unsigned char)*name < 0x20 || (unsigned char)*name == 0x7f)
			return (unsigned char)*name;
	return 0;
}

/*
 * A private writable mapping: libelf may convert data in place, and the
 * pages are copied only then.  Kernel images only: an object that make
 * rewrites while it is mapped would fault, a copy cannot.
 */
static int map_file(struct ef_file *f, const char *path)
{
	struct stat st;
	void *p;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uint64_t)st.st_size > SIZE_MAX) {
		close(fd);
		return -1;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	f->buf = p;
	f->size = (size_t)st.st_size;
	f->mapped = 1;
	return 0;
}

static int read_whole_file(struct ef_file *f, const char *path, int map, char err[EF_ERRLEN])
{
	char *data;
	int e;

	/* Anything that cannot be mapped (a pipe, an empty file) is read. */
	if (map && map_file(f, path) == 0)
		return 0;
	e = klp_read_file(path, &data, &f->size);

	if (e == ENOMEM)
		return ef_error(err, "out of memory reading the file");
	if (e)
		return ef_error(err, "cannot open: %s", strerror(e));
	f->buf = (unsigned char *)data;
	return 0;
}

/* The raw header checks libelf would accept but the checker cannot work with. */
static int check_ident(const struct ef_file *f, char err[EF_ERRLEN])
{
	const unsigned char *b = f->buf;
	uint64_t shoff, shnum;

	if (f->size < EI_NIDENT || memcmp(b, ELFMAG, SELFMAG) != 0)
		return ef_error(err, "not an ELF file");
	if (b[EI_CLASS] == ELFCLASS32)
		return ef_error(err, "32-bit ELF: .klp.arch sections exist only in x86_64 kernel modules");
	if (b[EI_CLASS] != ELFCLASS64)
		return ef_error(err, "unknown ELF class %u", b[EI_CLASS]);
	if (b[EI_DATA] == ELFDATA2MSB)
		return ef_error(err, "big-endian ELF: .klp.arch sections exist only in x86_64 (little-endian) kernel modules");
	if (b[EI_DATA] != ELFDATA2LSB)
		return ef_error(err, "unknown ELF data encoding %u", b[EI_DATA]);
	if (f->size < sizeof(Elf64_Ehdr))
		return ef_error(err, "truncated: %zu bytes, shorter than the %zu-byte ELF header",
			    f->size, sizeof(Elf64_Ehdr));
	shoff = ef_le(b + offsetof(Elf64_Ehdr, e_shoff), 8);
	if (shoff == 0)
		return ef_error(err, "no section headers");
	if (shoff > f->size || f->size - shoff < sizeof(Elf64_Shdr))
		return ef_error(err, "truncated: the section header table at offset %llu lies past the end of the file (%zu bytes)",
			    (unsigned long long)shoff, f->size);
	/* e_shnum 0: the count is section 0's sh_size (extended numbering). */
	shnum = ef_le(b + offsetof(Elf64_Ehdr, e_shnum), 2);
	if (shnum == 0)
		shnum = ef_le(b + shoff + offsetof(Elf64_Shdr, sh_size), 8);
	if (shnum > (f->size - shoff) / sizeof(Elf64_Shdr))
		return ef_error(err, "truncated or corrupt: %llu section headers at offset %llu do not fit in the file's %zu bytes",
			    (unsigned long long)shnum, (unsigned long long)shoff, f->size);
	return 0;
}

static int in_file(const struct ef_file *f, uint64_t off, uint64_t len)
{
	return off <= f->size && len <= f->size - off;
}

static int check_type(unsigned type, unsigned kinds, char err[EF_ERRLEN])
{
	if ((type == ET_REL && (kinds & EF_RELOCATABLE)) || (type == ET_EXEC && (kinds & EF_EXECUTABLE)))
		return 0;
	if (!(kinds & EF_EXECUTABLE))
		return ef_error(err, "ELF type %u is not a relocatable file: klp-arch-check reads .o and .ko files",
				type);
	if (!(kinds & EF_RELOCATABLE))
		return ef_error(err, "ELF type %u is not an executable: a kernel image (vmlinux) is ET_EXEC",
				type);
	return ef_error(err, "ELF type %u is neither a relocatable file (.o, .ko) nor an executable (vmlinux)",
			type);
}

static int load_sections(struct ef_file *f, unsigned kinds, char err[EF_ERRLEN])
{
	GElf_Ehdr eh;
	size_t shnum, shstrndx, i;

	if (!gelf_getehdr(f->elf, &eh))
		return ef_error(err, "unreadable ELF header: %s", elf_errmsg(-1));
	if (check_type(eh.e_type, kinds, err))
		return -1;
	f->type = eh.e_type;
	if (eh.e_machine != EM_X86_64)
		return ef_error(err, "machine %u is not x86_64: .klp.arch sections exist only on x86_64",
			    eh.e_machine);
	if (elf_getshdrnum(f->elf, &shnum) != 0)
		return ef_error(err, "unreadable section count: %s", elf_errmsg(-1));
	if (shnum == 0)
		return ef_error(err, "no section headers");
	if (eh.e_shentsize != sizeof(Elf64_Shdr))
		return ef_error(err, "section header size %u, expected %zu", eh.e_shentsize,
			    sizeof(Elf64_Shdr));
	/* libelf checks this too, but say it in words a user can act on. */
	if (shnum > (f->size / sizeof(Elf64_Shdr)) || !in_file(f, eh.e_shoff, (uint64_t)shnum * sizeof(Elf64_Shdr)))
		return ef_error(err, "truncated or corrupt: %zu section headers at offset %llu do not fit in the file's %zu bytes",
			    shnum, (unsigned long long)eh.e_shoff, f->size);
	if (elf_getshdrstrndx(f->elf, &shstrndx) != 0)
		return ef_error(err, "unreadable section name table index: %s", elf_errmsg(-1));
	if (shstrndx == SHN_UNDEF || shstrndx >= shnum)
		return ef_error(err, "section name table index %zu out of range (%zu sections)", shstrndx, shnum);

	f->secs = calloc(shnum, sizeof(*f->secs));
	if (!f->secs)
		return ef_error(err, "out of memory for %zu sections", shnum);
	f->nsecs = shnum;
	for (i = 0; i < shnum; i++) {
		struct ef_sec *s = &f->secs[i];
		Elf_Scn *scn = elf_getscn(f->elf, i);

		s->index = i;
		if (!scn || !gelf_getshdr(scn, &s->sh))
			return ef_error(err, "section %zu: unreadable header: %s", i, elf_errmsg(-1));
		if (i == 0) {
			s->name = "";
			continue;
		}
		if (s->sh.sh_type != SHT_NOBITS && !in_file(f, s->sh.sh_offset, s->sh.sh_size))
			return ef_error(err, "truncated or corrupt: section %zu (%llu bytes at offset %llu) extends past the end of the file (%zu bytes)",
				    i, (unsigned long long)s->sh.sh_size,
				    (unsigned long long)s->sh.sh_offset, f->size);
		s->name = elf_strptr(f->elf, shstrndx, s->sh.sh_name);
		if (!s->name)
			return ef_error(err, "section %zu: name offset %u outside the section name table",
				    i, s->sh.sh_name);
		if (control_byte(s->name))
			return ef_error(err, "section %zu: its name holds the control byte 0x%02x, which no module's section name has",
				    i, control_byte(s->name));
		/* gcc -gz and ld --compress-debug-sections compress debug sections only. */
		if ((s->sh.sh_flags & SHF_COMPRESSED) && strncmp(s->name, ".debug", 6) != 0)
			return ef_error(err, "section %s is compressed (SHF_COMPRESSED); only debug sections may be",
				    s->name);
		if (s->sh.sh_type != SHT_NOBITS && s->sh.sh_size > 0) {
			s->data = f->buf + s->sh.sh_offset;
			s->size = s->sh.sh_size;
		}
		if (f->type == ET_EXEC && (s->sh.sh_flags & SHF_ALLOC) &&
		    s->sh.sh_addr > UINT64_MAX - s->sh.sh_size)
			return ef_error(err, "section %s: %llu bytes at address 0x%llx run past the end of the address space",
				    s->name, (unsigned long long)s->sh.sh_size,
				    (unsigned long long)s->sh.sh_addr);
	}
	return 0;
}

static const struct ef_file *sort_image;	/* qsort has no context argument */

static int cmp_addr(const void *a, const void *b)
{
	const GElf_Shdr *x = &sort_image->secs[*(const size_t *)a].sh;
	const GElf_Shdr *y = &sort_image->secs[*(const size_t *)b].sh;

	if (x->sh_addr != y->sh_addr)
		return x->sh_addr < y->sh_addr ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* ET_EXEC: the address index of the allocated sections (ef_section_at()). */
static int index_addresses(struct ef_file *f, char err[EF_ERRLEN])
{
	size_t i, n = 0;

	f->by_addr = calloc(f->nsecs, sizeof(*f->by_addr));
	f->addr_reach = calloc(f->nsecs, sizeof(*f->addr_reach));
	if (!f->by_addr || !f->addr_reach)
		return ef_error(err, "out of memory for %zu sections", f->nsecs);
	for (i = 1; i < f->nsecs; i++)
		if ((f->secs[i].sh.sh_flags & SHF_ALLOC) && f->secs[i].sh.sh_size)
			f->by_addr[n++] = i;
	f->naddr = n;
	sort_image = f;
	qsort(f->by_addr, n, sizeof(*f->by_addr), cmp_addr);
	for (i = 0; i < n; i++) {
		const GElf_Shdr *sh = &f->secs[f->by_addr[i]].sh;
		uint64_t end = sh->sh_addr + sh->sh_size;

		f->addr_reach[i] = i && f->addr_reach[i - 1] > end ? f->addr_reach[i - 1] : end;
	}
	return 0;
}

size_t ef_section_at(const struct ef_file *f, uint64_t addr)
{
	size_t lo = 0, hi = f->naddr, i, best = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->secs[f->by_addr[mid]].sh.sh_addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i-- > 0 && f->addr_reach[i] > addr;) {
		const GElf_Shdr *sh = &f->secs[f->by_addr[i]].sh;

		if (best && sh->sh_addr < f->secs[best].sh.sh_addr)
			break;
		if (addr - sh->sh_addr < sh->sh_size && (!best || f->by_addr[i] < best))
			best = f->by_addr[i];
	}
	return best;
}

const unsigned char *ef_bytes_at(const struct ef_file *f, uint64_t addr, size_t len)
{
	size_t i = ef_section_at(f, addr);
	const struct ef_sec *s;
	uint64_t off;

	if (!i)
		return NULL;
	s = &f->secs[i];
	off = addr - s->sh.sh_addr;
	if (!s->data || off > s->size || len > s->size - off)
		return NULL;
	return s->data + off;
}

/* A symbol covers [start, end): a zero-size one covers its start only. */
static uint64_t sym_end(const struct ef_sym *s)
{
	uint64_t len = s->s.st_size ? s->s.st_size : 1;

	return s->s.st_value > UINT64_MAX - len ? UINT64_MAX : s->s.st_value + len;
}

static const struct ef_file *sort_file;	/* qsort has no context argument */

static int cmp_func(const void *a, const void *b)
{
	const struct ef_sym *x = &sort_file->syms[*(const size_t *)a];
	const struct ef_sym *y = &sort_file->syms[*(const size_t *)b];

	if (x->shndx != y->shndx)
		return x->shndx < y->shndx ? -1 : 1;
	if (x->s.st_value != y->s.st_value)
		return x->s.st_value < y->s.st_value ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static int index_functions(struct ef_file *f, char err[EF_ERRLEN])
{
	size_t i, n = 0;

	f->funcs = calloc(f->nsyms ? f->nsyms : 1, sizeof(*f->funcs));
	f->func_reach = calloc(f->nsyms ? f->nsyms : 1, sizeof(*f->func_reach));
	if (!f->funcs || !f->func_reach)
		return ef_error(err, "out of memory for %zu symbols", f->nsyms);
	for (i = 1; i < f->nsyms; i++)
		if (GELF_ST_TYPE(f->syms[i].s.st_info) == STT_FUNC && ef_sym_defined(f, &f->syms[i]))
			f->funcs[n++] = i;
	f->nfuncs = n;
	sort_file = f;
	qsort(f->funcs, n, sizeof(*f->funcs), cmp_func);
	for (i = 0; i < n; i++) {
		const struct ef_sym *s = &f->syms[f->funcs[i]];
		uint64_t end = sym_end(s);

		if (i > 0 && f->syms[f->funcs[i - 1]].shndx == s->shndx && f->func_reach[i - 1] > end)
			end = f->func_reach[i - 1];
		f->func_reach[i] = end;
	}
	return 0;
}

static int load_symbols(struct ef_file *f, char err[EF_ERRLEN])
{
	const struct ef_sec *symtab = NULL, *strtab, *xndx = NULL;
	size_t i, file = 0;

	for (i = 1; i < f->nsecs; i++) {
		if (f->secs[i].sh.sh_type == SHT_SYMTAB) {
			if (symtab)
				return ef_error(err, "two symbol tables (sections %zu and %zu)", symtab->index, i);
			symtab = &f->secs[i];
		}
	}
	if (!symtab)
		return ef_error(err, "no symbol table (.symtab): entries cannot be tied to functions; was the file stripped?");
	if (symtab->sh.sh_entsize != sizeof(Elf64_Sym) || symtab->sh.sh_size % sizeof(Elf64_Sym))
		return ef_error(err, "symbol table %s: entry size %llu or size %llu is not that of Elf64_Sym",
			    symtab->name, (unsigned long long)symtab->sh.sh_entsize,
			    (unsigned long long)symtab->sh.sh_size);
	if (symtab->sh.sh_link == 0 || symtab->sh.sh_link >= f->nsecs ||
	    f->secs[symtab->sh.sh_link].sh.sh_type != SHT_STRTAB)
		return ef_error(err, "symbol table %s: string table link %u is not a string table",
			    symtab->name, symtab->sh.sh_link);
	strtab = &f->secs[symtab->sh.sh_link];
	for (i = 1; i < f->nsecs; i++)
		if (f->secs[i].sh.sh_type == SHT_SYMTAB_SHNDX && f->secs[i].sh.sh_link == symtab->index)
			xndx = &f->secs[i];
	if (xndx && xndx->sh.sh_size / 4 < symtab->sh.sh_size / sizeof(Elf64_Sym))
		return ef_error(err, "extended section index table %s is shorter than the symbol table", xndx->name);

	f->nsyms = symtab->sh.sh_size / sizeof(Elf64_Sym);
	f->syms = calloc(f->nsyms ? f->nsyms : 1, sizeof(*f->syms));
	if (!f->syms)
		return ef_error(err, "out of memory for %zu symbols", f->nsyms);
	for (i = 0; i < f->nsyms; i++) {
		struct ef_sym *sym = &f->syms[i];
		const unsigned char *raw = symtab->data + i * sizeof(Elf64_Sym);

		sym->s.st_name = (Elf64_Word)ef_le(raw, 4);
		sym->s.st_info = raw[4];
		sym->s.st_other = raw[5];
		sym->s.st_shndx = (Elf64_Section)ef_le(raw + 6, 2);
		sym->s.st_value = ef_le(raw + 8, 8);
		sym->s.st_size = ef_le(raw + 16, 8);
		sym->shndx = sym->s.st_shndx;
		if (sym->s.st_shndx == SHN_XINDEX) {
			if (!xndx)
				return ef_error(err, "symbol %zu uses an extended section index but there is no SHT_SYMTAB_SHNDX section", i);
			sym->shndx = (size_t)ef_le(xndx->data + 4 * i, 4);
		}
		if (sym->s.st_name >= strtab->size ||
		    !memchr(strtab->data + sym->s.st_name, '\0', strtab->size - sym->s.st_name))
			return ef_error(err, "symbol %zu: name offset %u outside the string table %s",
				    i, sym->s.st_name, strtab->name);
		sym->name = (const char *)strtab->data + sym->s.st_name;
		if (control_byte(sym->name))
			return ef_error(err, "symbol %zu: its name holds the control byte 0x%02x, which no module's symbol name has",
				    i, control_byte(sym->name));
		/* SHN_ABS and SHN_COMMON name no section; any other index must exist. */
		if ((sym->s.st_shndx == SHN_XINDEX || sym->shndx < SHN_LORESERVE) &&
		    sym->shndx >= f->nsecs)
			return ef_error(err, "symbol %zu (%s): section index %zu out of range (%zu sections)",
				    i, sym->name, sym->shndx, f->nsecs);
		if (GELF_ST_TYPE(sym->s.st_info) == STT_FILE)
			file = i;
		sym->file = file;
	}
	return index_functions(f, err);
}

static int cmp_rel(const void *a, const void *b)
{
	const struct ef_rel *x = a, *y = b;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return x->relsec < y->relsec ? -1 : x->relsec > y->relsec;
}

static int load_relocations(struct ef_file *f, char err[EF_ERRLEN])
{
	size_t i, j;

	for (i = 1; i < f->nsecs; i++) {
		const struct ef_sec *rs = &f->secs[i];
		struct ef_sec *target;
		size_t n;
		struct ef_rel *grown;

		if (rs->sh.sh_type == SHT_REL)
			return ef_error(err, "section %s holds SHT_REL relocations; x86_64 objects use SHT_RELA only",
				    rs->name);
		if (rs->sh.sh_type != SHT_RELA)
			continue;
		if (rs->sh.sh_entsize != sizeof(Elf64_Rela) || rs->sh.sh_size % sizeof(Elf64_Rela))
			return ef_error(err, "relocation section %s: entry size %llu or size %llu is not that of Elf64_Rela",
				    rs->name, (unsigned long long)rs->sh.sh_entsize,
				    (unsigned long long)rs->sh.sh_size);
		if (rs->sh.sh_info == 0 || rs->sh.sh_info >= f->nsecs)
			return ef_error(err, "relocation section %s applies to section %u, which does not exist",
				    rs->name, rs->sh.sh_info);
		target = &f->secs[rs->sh.sh_info];
		n = rs->sh.sh_size / sizeof(Elf64_Rela);
		if (n == 0)
			continue;
		grown = realloc(target->rels, (target->nrels + n) * sizeof(*grown));
		if (!grown)
			return ef_error(err, "out of memory for the relocations of %s", target->name);
		target->rels = grown;
		for (j = 0; j < n; j++) {
			const unsigned char *raw = rs->data + j * sizeof(Elf64_Rela);
			struct ef_rel *r = &target->rels[target->nrels];
			uint64_t info = ef_le(raw + 8, 8);
			size_t len;

			r->offset = ef_le(raw, 8);
			r->type = (uint32_t)GELF_R_TYPE(info);
			r->sym = (uint32_t)GELF_R_SYM(info);
			r->addend = (int64_t)ef_le(raw + 16, 8);
			r->relsec = i;
			r->index = j;
			if (r->sym >= f->nsyms)
				return ef_error(err, "relocation %zu of %s names symbol %u, past the end of the symbol table (%zu symbols)",
					    j, rs->name, r->sym, f->nsyms);
			len = ef_reloc_size(r->type);
			if (len == 0)
				len = 1;
			if (target->sh.sh_type == SHT_NOBITS ||
			    r->offset > target->sh.sh_size || len > target->sh.sh_size - r->offset)
				return ef_error(err, "relocation %zu of %s at offset 0x%llx is out of range of %s (%llu bytes)",
					    j, rs->name, (unsigned long long)r->offset, target->name,
					    (unsigned long long)target->sh.sh_size);
			target->nrels++;
		}
	}
	for (i = 0; i < f->nsecs; i++)
		if (f->secs[i].nrels > 1)
			qsort(f->secs[i].rels, f->secs[i].nrels, sizeof(struct ef_rel), cmp_rel);
	return 0;
}

int ef_open(struct ef_file *f, const char *path, char err[EF_ERRLEN])
{
	return ef_open_as(f, path, EF_RELOCATABLE, err);
}

int ef_open_as(struct ef_file *f, const char *path, unsigned kinds, char err[EF_ERRLEN])
{
	memset(f, 0, sizeof(*f));
	f->path = path;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return ef_error(err, "libelf is out of date: %s", elf_errmsg(-1));
	if (read_whole_file(f, path, (kinds & EF_EXECUTABLE) != 0, err) || check_ident(f, err))
		goto bad;
	f->elf = elf_memory((char *)f->buf, f->size);
	if (!f->elf || elf_kind(f->elf) != ELF_K_ELF) {
		ef_error(err, "not a readable ELF file: %s", elf_errmsg(-1));
		goto bad;
	}
	if (load_sections(f, kinds, err) || load_symbols(f, err))
		goto bad;
	if (f->type == ET_EXEC ? index_addresses(f, err) : load_relocations(f, err))
		goto bad;
	return 0;
bad:
	ef_close(f);
	return -1;
}

void ef_close(struct ef_file *f)
{
	size_t i;

	for (i = 0; i < f->nsecs; i++)
		free(f->secs[i].rels);
	free(f->secs);
	free(f->syms);
	free(f->funcs);
	free(f->func_reach);
	free(f->by_addr);
	free(f->addr_reach);
	if (f->elf)
		elf_end(f->elf);
	if (f->mapped)
		munmap(f->buf, f->size);
	else
		free(f->buf);
	memset(f, 0, sizeof(*f));
}

const struct ef_sec *ef_section_named(const struct ef_file *f, const char *name)
{
	const struct ef_sec *found = NULL;
	size_t i;

	for (i = 1; i < f->nsecs; i++)
		if (strcmp(f->secs[i].name, name) == 0)
			found = &f->secs[i];
	return found;
}

int ef_sym_defined(const struct ef_file *f, const struct ef_sym *sym)
{
	return sym->s.st_shndx != SHN_UNDEF && sym->s.st_shndx != SHN_ABS &&
	       sym->s.st_shndx != SHN_COMMON && sym->shndx != 0 && sym->shndx < f->nsecs;
}

const struct ef_sym *ef_function_at(const struct ef_file *f, size_t shndx, uint64_t addr)
{
	const struct ef_sym *best = NULL;
	size_t lo = 0, hi = f->nfuncs, i;

	/* lo: the first function past (shndx, addr) in the sorted index. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct ef_sym *s = &f->syms[f->funcs[mid]];

		if (s->shndx < shndx || (s->shndx == shndx && s->s.st_value <= addr))
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Back from there: the first that covers ADDR has the highest start;
	 * among those of that start, the first in the symbol table. */
	for (i = lo; i-- > 0;) {
		const struct ef_sym *s = &f->syms[f->funcs[i]];

		if (s->shndx != shndx || f->func_reach[i] <= addr)
			break;
		if (best && s->s.st_value < best->s.st_value)
			break;
		if (addr < sym_end(s))
			best = s;
	}
	return best;
}

size_t ef_reloc_size(uint32_t type)
{
	switch (type) {
	case R_X86_64_NONE:
	case R_X86_64_TLSDESC_CALL:
		return 0;
	case R_X86_64_8:
	case R_X86_64_PC8:
		return 1;
	case R_X86_64_16:
	case R_X86_64_PC16:
		return 2;
	case R_X86_64_64:
	case R_X86_64_PC64:
	case R_X86_64_GOTOFF64:
	case R_X86_64_GOT64:
	case R_X86_64_GOTPCREL64:
	case R_X86_64_GOTPC64:
	case R_X86_64_GOTPLT64:
	case R_X86_64_PLTOFF64:
	case R_X86_64_SIZE64:
	case R_X86_64_DTPMOD64:
	case R_X86_64_DTPOFF64:
	case R_X86_64_TPOFF64:
	case R_X86_64_GLOB_DAT:
	case R_X86_64_JUMP_SLOT:
	case R_X86_64_RELATIVE:
	case R_X86_64_IRELATIVE:
	case R_X86_64_COPY:
		return 8;
	case R_X86_64_TLSDESC:
		return 16;
	default:
		return 4;
	}
}

const char *ef_reloc_name(uint32_t type, char buf[32])
{
	static const char *const names[] = {
		[R_X86_64_NONE] = "R_X86_64_NONE", [R_X86_64_64] = "R_X86_64_64",
		[R_X86_64_PC32] = "R_X86_64_PC32", [R_X86_64_GOT32] = "R_X86_64_GOT32",
		[R_X86_64_PLT32] = "R_X86_64_PLT32", [R_X86_64_GOTPCREL] = "R_X86_64_GOTPCREL",
		[R_X86_64_32] = "R_X86_64_32", [R_X86_64_32S] = "R_X86_64_32S",
		[R_X86_64_16] = "R_X86_64_16", [R_X86_64_PC16] = "R_X86_64_PC16",
		[R_X86_64_8] = "R_X86_64_8", [R_X86_64_PC8] = "R_X86_64_PC8",
		[R_X86_64_PC64] = "R_X86_64_PC64", [R_X86_64_GOTPCRELX] = "R_X86_64_GOTPCRELX",
		[R_X86_64_REX_GOTPCRELX] = "R_X86_64_REX_GOTPCRELX",
		[R_X86_64_SIZE32] = "R_X86_64_SIZE32", [R_X86_64_SIZE64] = "R_X86_64_SIZE64",
	};

	if (type < sizeof(names) / sizeof(names[0]) && names[type])
		return names[type];
	snprintf(buf, 32, "R_X86_64_%u", type);
	return buf;
}

size_t ef_rel_lower_bound(const struct ef_sec *s, uint64_t off)
{
	size_t lo = 0, hi = s->nrels;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s->rels[mid].offset < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct ef_rel *ef_rel_at(const struct ef_sec *s, uint64_t off)
{
	size_t i = ef_rel_lower_bound(s, off);

	return i < s->nrels && s->rels[i].offset == off ? &s->rels[i] : NULL;
}

int ef_rel_target(const struct ef_file *f, const struct ef_rel *r, size_t *shndx, uint64_t *addr)
{
	const struct ef_sym *sym = &f->syms[r->sym];

	if (!ef_sym_defined(f, sym))
		return 0;
	*shndx = sym->shndx;
	*addr = sym->s.st_value + (uint64_t)r->addend;
	return 1;
}
