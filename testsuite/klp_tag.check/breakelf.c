// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * breakelf - damage an ELF object file on purpose, for the checker tests.
 *
 *   breakelf klp-rela FILE RELASEC OBJ   turn RELASEC into .klp.rela.OBJ.<target>
 *                                        (SHF_RELA_LIVEPATCH), as klp-convert
 *                                        or kpatch-build would write it
 *   breakelf rename FILE SEC NEWNAME     rename a section (any name, even one
 *                                        another section has)
 *   breakelf flags FILE SEC HEX          set a section's sh_flags
 *   breakelf sym-rename FILE OLD NEW     rename the symbol OLD
 *   breakelf no-symtab FILE              make the symbol table a PROGBITS section
 *   breakelf rel-sym FILE RELASEC        first relocation names symbol 0xffffff
 *   breakelf rel-offset FILE RELASEC     first relocation at offset 0x100000
 *   breakelf huge-shnum FILE             extended section count 0x7fffffff
 *   breakelf poke FILE OFFSET BYTE       write one byte (e_ident tricks)
 *
 * The file is rewritten in place; exit status 0 on success.
 */
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SHF_RELA_LIVEPATCH 0x00100000

static void die(const char *what)
{
	fprintf(stderr, "breakelf: %s: %s\n", what, elf_errno() ? elf_errmsg(-1) : strerror(errno));
	exit(1);
}

static Elf_Scn *section_named(Elf *e, const char *name)
{
	size_t shstrndx;
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	if (elf_getshdrstrndx(e, &shstrndx))
		die("shstrndx");
	while ((scn = elf_nextscn(e, scn))) {
		const char *n;

		gelf_getshdr(scn, &sh);
		n = elf_strptr(e, shstrndx, sh.sh_name);
		if (n && strcmp(n, name) == 0)
			return scn;
	}
	fprintf(stderr, "breakelf: no section %s\n", name);
	exit(1);
}

/* Append NAME to string table section STRNDX; return its offset. */
static size_t add_string(Elf *e, size_t strndx, const char *name)
{
	size_t off;
	Elf_Data *d;
	char *buf;

	d = elf_getdata(elf_getscn(e, strndx), NULL);
	if (!d)
		die("shstrtab data");
	off = d->d_size;
	buf = malloc(d->d_size + strlen(name) + 1);
	if (!buf)
		die("malloc");
	memcpy(buf, d->d_buf, d->d_size);
	strcpy(buf + off, name);
	d->d_buf = buf;
	d->d_size = off + strlen(name) + 1;
	elf_flagdata(d, ELF_C_SET, ELF_F_DIRTY);
	return off;
}

/* Append NAME to the section name table; return its offset. */
static size_t add_name(Elf *e, const char *name)
{
	size_t shstrndx;

	if (elf_getshdrstrndx(e, &shstrndx))
		die("shstrndx");
	return add_string(e, shstrndx, name);
}

/* Give the symbol called OLD the name NEW. */
static void rename_symbol(Elf *e, const char *old, const char *new)
{
	Elf_Scn *scn = section_named(e, ".symtab");
	GElf_Shdr sh;
	GElf_Sym sym;
	Elf_Data *d;
	int i;

	gelf_getshdr(scn, &sh);
	d = elf_getdata(scn, NULL);
	for (i = 0; d && gelf_getsym(d, i, &sym); i++) {
		const char *n = elf_strptr(e, sh.sh_link, sym.st_name);

		if (n && strcmp(n, old) == 0) {
			sym.st_name = (Elf64_Word)add_string(e, sh.sh_link, new);
			if (!gelf_update_sym(d, i, &sym))
				die("update symbol");
			elf_flagdata(d, ELF_C_SET, ELF_F_DIRTY);
			return;
		}
	}
	fprintf(stderr, "breakelf: no symbol %s\n", old);
	exit(1);
}

static void set_shdr(Elf_Scn *scn, GElf_Shdr *sh)
{
	if (!gelf_update_shdr(scn, sh))
		die("update shdr");
	elf_flagshdr(scn, ELF_C_SET, ELF_F_DIRTY);
}

static void first_rela(Elf_Scn *scn, GElf_Rela *r, Elf_Data **d)
{
	*d = elf_getdata(scn, NULL);
	if (!*d || !gelf_getrela(*d, 0, r))
		die("first relocation");
}

static int raw(const char *path, long off, const void *bytes, size_t n)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || pwrite(fd, bytes, n, off) != (ssize_t)n)
		die(path);
	return close(fd);
}

int main(int argc, char **argv)
{
	const char *cmd, *path;
	int fd;
	Elf *e;
	Elf_Scn *scn;
	GElf_Shdr sh;
	GElf_Rela r;
	Elf_Data *d;

	if (argc < 3) {
		fprintf(stderr, "usage: breakelf COMMAND FILE [ARGS] (see the source)\n");
		return 2;
	}
	cmd = argv[1];
	path = argv[2];
	if (strcmp(cmd, "poke") == 0 && argc == 5) {
		unsigned char b = (unsigned char)strtoul(argv[4], NULL, 0);

		return raw(path, strtol(argv[3], NULL, 0), &b, 1);
	}
	if (strcmp(cmd, "huge-shnum") == 0) {
		/* e_shnum 0 means "the count is in section 0's sh_size". */
		FILE *fp = fopen(path, "rb");
		Elf64_Ehdr eh;
		unsigned short zero = 0;
		unsigned long long huge = 0x7fffffff;

		if (!fp || fread(&eh, sizeof(eh), 1, fp) != 1)
			die(path);
		fclose(fp);
		raw(path, (long)offsetof(Elf64_Ehdr, e_shnum), &zero, 2);
		return raw(path, (long)(eh.e_shoff + offsetof(Elf64_Shdr, sh_size)), &huge, 8);
	}

	elf_version(EV_CURRENT);
	fd = open(path, O_RDWR);
	if (fd < 0)
		die(path);
	e = elf_begin(fd, ELF_C_RDWR, NULL);
	if (!e)
		die("elf_begin");
	if (strcmp(cmd, "klp-rela") == 0 && argc == 5) {
		char name[512];
		size_t shstrndx;

		scn = section_named(e, argv[3]);
		gelf_getshdr(scn, &sh);
		elf_getshdrstrndx(e, &shstrndx);
		gelf_getshdr(elf_getscn(e, sh.sh_info), &sh);
		snprintf(name, sizeof(name), ".klp.rela.%s.%s", argv[4],
			 elf_strptr(e, shstrndx, sh.sh_name));
		gelf_getshdr(scn, &sh);
		sh.sh_name = add_name(e, name);
		sh.sh_flags |= SHF_RELA_LIVEPATCH | SHF_ALLOC;
		set_shdr(scn, &sh);
	} else if (strcmp(cmd, "rename") == 0 && argc == 5) {
		scn = section_named(e, argv[3]);
		gelf_getshdr(scn, &sh);
		sh.sh_name = add_name(e, argv[4]);
		set_shdr(scn, &sh);
	} else if (strcmp(cmd, "flags") == 0 && argc == 5) {
		scn = section_named(e, argv[3]);
		gelf_getshdr(scn, &sh);
		sh.sh_flags = strtoull(argv[4], NULL, 16);
		set_shdr(scn, &sh);
	} else if (strcmp(cmd, "sym-rename") == 0 && argc == 5) {
		rename_symbol(e, argv[3], argv[4]);
	} else if (strcmp(cmd, "no-symtab") == 0 && argc == 3) {
		scn = section_named(e, ".symtab");
		gelf_getshdr(scn, &sh);
		sh.sh_type = SHT_PROGBITS;
		set_shdr(scn, &sh);
	} else if ((strcmp(cmd, "rel-sym") == 0 || strcmp(cmd, "rel-offset") == 0) && argc == 4) {
		scn = section_named(e, argv[3]);
		first_rela(scn, &r, &d);
		if (cmd[4] == 's')
			r.r_info = GELF_R_INFO(0xffffff, GELF_R_TYPE(r.r_info));
		else
			r.r_offset = 0x100000;
		if (!gelf_update_rela(d, 0, &r))
			die("update rela");
		elf_flagdata(d, ELF_C_SET, ELF_F_DIRTY);
	} else {
		fprintf(stderr, "breakelf: unknown command or arguments: %s\n", cmd);
		return 2;
	}
	if (elf_update(e, ELF_C_WRITE) < 0)
		die("elf_update");
	elf_end(e);
	close(fd);
	return 0;
}
