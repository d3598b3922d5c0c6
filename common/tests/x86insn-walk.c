// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * x86insn-walk - decode the code of an ELF file with x86_decode(), for the
 * oracle test against objdump (testsuite/klp_tag.x86).
 *
 *   x86insn-walk --functions FILE   every STT_FUNC symbol's bytes (.symtab,
 *                                   else .dynsym), walked from its start
 *   x86insn-walk --sections FILE    every executable section, walked from
 *                                   its start to its end (stripped files)
 *   x86insn-walk --count FILE       --sections without output: how many
 *                                   instructions and bytes, how long it took
 *   x86insn-walk --bytes FILE SECTION:ADDR...
 *                                   the 15 bytes at each address (hex)
 *
 * The walks print, for each executable section in header order,
 *   S NAME
 *   F START END          a range walked (functions overlapping merged)
 *   I ADDR [b TARGET] [r TARGET]
 *                        an instruction: its address, its relative branch's
 *                        target, its RIP-relative operand's target
 *   E ADDR BYTES: WHY    an instruction x86_decode() refused; the walk of
 *                        that range stops there
 * with addresses in hex as objdump prints them (section offsets in a
 * relocatable file), instructions of a range in address order.
 * Exit status 0 when the file could be read, 1 otherwise.
 */
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util.h"
#include "x86insn.h"

struct func {
	uint64_t start, end;	/* section offsets */
};

struct rec {
	uint64_t off;		/* section offset */
	struct x86_insn insn;
	int ok;
};

static int by_start(const void *a, const void *b)
{
	const struct func *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static int by_off(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

static void print_bytes(const unsigned char *p, size_t n)
{
	size_t k;

	for (k = 0; k < n && k < X86_INSN_MAX; k++)
		printf("%s%02x", k ? " " : "", p[k]);
}

/* Decode [START, END) of the section bytes DATA from START on into *RECS. */
static int walk(const unsigned char *data, uint64_t start, uint64_t end, struct rec **recs,
		size_t *nrecs, size_t *cap)
{
	uint64_t off = start;

	while (off < end) {
		struct rec *r = klp_grow(*recs, cap, *nrecs + 1, sizeof(**recs));

		if (!r)
			return -1;
		*recs = r;
		r = &r[(*nrecs)++];
		r->off = off;
		r->ok = x86_decode(data + off, end - off, &r->insn) == 0;
		if (!r->ok)
			break;
		off += r->insn.len;
	}
	return 0;
}

static void print_rec(const unsigned char *data, uint64_t base, const struct rec *r, size_t avail)
{
	const struct x86_insn *i = &r->insn;
	uint64_t addr = base + r->off, next = addr + i->len;
	const unsigned char *p = data + r->off;

	if (!r->ok) {
		printf("E %" PRIx64 " ", addr);
		print_bytes(p, avail);
		printf(": %s\n", i->why);
		return;
	}
	printf("I %" PRIx64, addr);
	if (i->rel >= 0) {
		uint64_t t = next + (uint64_t)x86_field(p, i->rel, i->rel_size);

		printf(" b %" PRIx64, i->rel_size == 2 ? t & 0xffff : t);
	}
	if (i->rip >= 0)
		printf(" r %" PRIx64, next + (uint64_t)x86_field(p, i->rip, 4));
	putchar('\n');
}

/* Walk every range of FUNCS (sorted) over DATA and print the union, in order. */
static int walk_ranges(const unsigned char *data, size_t size, uint64_t base, struct func *funcs,
		       size_t nfuncs)
{
	struct rec *recs = NULL;
	size_t cap = 0, k = 0;

	while (k < nfuncs) {
		uint64_t start = funcs[k].start, end = funcs[k].end;
		size_t first = k, nrecs = 0, j;

		while (k < nfuncs && funcs[k].start < end) {
			if (funcs[k].end > end)
				end = funcs[k].end;
			k++;
		}
		printf("F %" PRIx64 " %" PRIx64 "\n", base + start, base + end);
		for (j = first; j < k; j++)
			if (walk(data, funcs[j].start, funcs[j].end, &recs, &nrecs, &cap))
				goto nomem;
		qsort(recs, nrecs, sizeof(*recs), by_off);
		for (j = 0; j < nrecs; j++) {
			/* The walks of overlapping functions meet at the same instructions. */
			if (j && recs[j].off == recs[j - 1].off && recs[j].ok == recs[j - 1].ok)
				continue;
			print_rec(data, base, &recs[j], size - recs[j].off);
		}
	}
	free(recs);
	return 0;
nomem:
	free(recs);
	fprintf(stderr, "x86insn-walk: out of memory\n");
	return -1;
}

static Elf_Scn *symbol_table(Elf *elf)
{
	Elf_Scn *scn = NULL, *dyn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &sh))
			continue;
		if (sh.sh_type == SHT_SYMTAB)
			return scn;
		if (sh.sh_type == SHT_DYNSYM)
			dyn = scn;
	}
	return dyn;
}

/* The function ranges of section INDEX (header SEC), sorted; *NOMEM set when memory ran out. */
static struct func *functions_of(Elf *elf, Elf_Scn *symscn, size_t index, const GElf_Shdr *sec,
				 size_t *nfuncs, int *nomem)
{
	struct func *funcs = NULL, *grown;
	size_t cap = 0, k, n;
	Elf_Data *d;
	GElf_Shdr sh;

	*nfuncs = 0;
	if (!symscn || !gelf_getshdr(symscn, &sh) || !(d = elf_getdata(symscn, NULL)) ||
	    !sh.sh_entsize)
		return NULL;
	n = sh.sh_size / sh.sh_entsize;
	for (k = 1; k < n; k++) {
		GElf_Sym s;
		uint64_t off;
		int type;

		if (!gelf_getsym(d, (int)k, &s))
			continue;
		type = GELF_ST_TYPE(s.st_info);
		if ((type != STT_FUNC && type != STT_GNU_IFUNC) || s.st_shndx != index ||
		    s.st_size == 0 || s.st_value < sec->sh_addr)
			continue;
		off = s.st_value - sec->sh_addr;
		if (off >= sec->sh_size || s.st_size > sec->sh_size - off)
			continue;
		grown = klp_grow(funcs, &cap, *nfuncs + 1, sizeof(*funcs));
		if (!grown) {
			free(funcs);
			*nfuncs = 0;
			*nomem = 1;
			return NULL;
		}
		funcs = grown;
		funcs[*nfuncs].start = off;
		funcs[*nfuncs].end = off + s.st_size;
		(*nfuncs)++;
	}
	if (funcs)
		qsort(funcs, *nfuncs, sizeof(*funcs), by_start);
	return funcs;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* --count: decode every executable section, nothing printed but the totals. */
static void count_section(const unsigned char *data, size_t size, uint64_t *insns,
			  uint64_t *bytes, uint64_t *refused)
{
	size_t off = 0;
	struct x86_insn i;

	while (off < size) {
		if (x86_decode(data + off, size - off, &i)) {
			(*refused)++;
			off++;
			continue;
		}
		(*insns)++;
		*bytes += i.len;
		off += i.len;
	}
}

static int bytes_at(Elf *elf, size_t shstrndx, int argc, char **argv)
{
	int k;

	for (k = 0; k < argc; k++) {
		char *colon = strrchr(argv[k], ':');
		Elf_Scn *scn = NULL;
		uint64_t addr;
		int found = 0;

		if (!colon) {
			fprintf(stderr, "x86insn-walk: '%s' is not SECTION:ADDR\n", argv[k]);
			return 1;
		}
		*colon = '\0';
		addr = strtoull(colon + 1, NULL, 16);
		while (!found && (scn = elf_nextscn(elf, scn))) {
			GElf_Shdr sh;
			const char *name;
			Elf_Data *d;

			if (!gelf_getshdr(scn, &sh) || !(sh.sh_flags & SHF_EXECINSTR) ||
			    sh.sh_type != SHT_PROGBITS)
				continue;
			name = elf_strptr(elf, shstrndx, sh.sh_name);
			if (!name || strcmp(name, argv[k]) || addr < sh.sh_addr ||
			    addr - sh.sh_addr >= sh.sh_size || !(d = elf_getdata(scn, NULL)) ||
			    d->d_size != sh.sh_size)
				continue;
			printf("%s:%" PRIx64 ": ", argv[k], addr);
			print_bytes((const unsigned char *)d->d_buf + (addr - sh.sh_addr),
				    sh.sh_size - (addr - sh.sh_addr));
			putchar('\n');
			found = 1;
		}
		if (!found)
			printf("%s:%" PRIx64 ": not in an executable section\n", argv[k], addr);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc >= 3 ? argv[1] : "";
	uint64_t insns = 0, bytes = 0, refused = 0;
	Elf_Scn *scn = NULL, *symscn;
	size_t shstrndx;
	double t = 0;
	int fd, status = 0;
	Elf *elf;

	if (strcmp(mode, "--functions") && strcmp(mode, "--sections") && strcmp(mode, "--count") &&
	    strcmp(mode, "--bytes")) {
		fprintf(stderr, "usage: x86insn-walk --functions|--sections|--count FILE\n"
				"       x86insn-walk --bytes FILE SECTION:ADDR...\n");
		return 2;
	}
	elf_version(EV_CURRENT);
	fd = open(argv[2], O_RDONLY);
	elf = fd >= 0 ? elf_begin(fd, ELF_C_READ_MMAP, NULL) : NULL;
	if (!elf || elf_kind(elf) != ELF_K_ELF || elf_getshdrstrndx(elf, &shstrndx)) {
		fprintf(stderr, "x86insn-walk: %s: not an ELF file that can be read\n", argv[2]);
		return 1;
	}
	if (!strcmp(mode, "--bytes"))
		return bytes_at(elf, shstrndx, argc - 3, argv + 3);
	symscn = symbol_table(elf);
	t = now();
	while ((scn = elf_nextscn(elf, scn))) {
		struct func whole, *funcs;
		const unsigned char *data;
		size_t nfuncs;
		GElf_Shdr sh;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || !(sh.sh_flags & SHF_EXECINSTR) ||
		    sh.sh_type != SHT_PROGBITS || sh.sh_size == 0)
			continue;
		d = elf_getdata(scn, NULL);
		if (!d || d->d_size != sh.sh_size) {
			fprintf(stderr, "x86insn-walk: %s: a section's bytes cannot be read\n",
				argv[2]);
			status = 1;
			break;
		}
		data = d->d_buf;
		if (!strcmp(mode, "--count")) {
			count_section(data, sh.sh_size, &insns, &bytes, &refused);
			continue;
		}
		printf("S %s\n", elf_strptr(elf, shstrndx, sh.sh_name));
		if (!strcmp(mode, "--sections")) {
			whole.start = 0;
			whole.end = sh.sh_size;
			funcs = &whole;
			nfuncs = 1;
		} else {
			int nomem = 0;

			funcs = functions_of(elf, symscn, elf_ndxscn(scn), &sh, &nfuncs, &nomem);
			if (nomem) {
				fprintf(stderr, "x86insn-walk: out of memory\n");
				status = 1;
				break;
			}
		}
		if (nfuncs && walk_ranges(data, sh.sh_size, sh.sh_addr, funcs, nfuncs))
			status = 1;
		if (funcs != &whole)
			free(funcs);
		if (status)
			break;
	}
	if (!strcmp(mode, "--count")) {
		t = now() - t;
		printf("%" PRIu64 " instructions, %" PRIu64 " bytes, %" PRIu64
		       " bytes refused, %.3f s, %.1f MB/s\n", insns, bytes, refused, t,
		       t > 0 ? (double)bytes / t / 1e6 : 0.0);
	}
	elf_end(elf);
	close(fd);
	return status;
}
