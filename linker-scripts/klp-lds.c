/*
 * klp-lds - write the linker script that keeps a livepatch module's
 * .klp.arch sections whole through its link.
 *
 *   klp-lds [--kernel=RELEASE] [-o SCRIPT] OBJECT.o...
 *
 * Reads the section names of the object files a module is linked from and
 * writes a GNU ld script with exactly one output section for each
 * `.klp.arch.OBJ..altinstructions` / `.klp.arch.OBJ..parainstructions`
 * name they use:
 *
 *   .klp.arch.vmlinux..altinstructions 0 : ALIGN(8)
 *	{ KEEP(*(.klp.arch.vmlinux..altinstructions)) }
 *
 * Why each part:
 *  - one output section per name: the kernel (arch_klp_init_object_loaded,
 *    4.9-5.7) keeps only the last section of a given name, so two sections
 *    of one name lose the entries of all but one.  `ld -r` without a script
 *    splits a name in two when its input sections disagree on flags.
 *  - ALIGN(8) on the output section only: paravirt entries are 8-byte
 *    aligned structures.  Never SUBALIGN, which pads every input section
 *    and so inserts bytes between 13-byte alternative entries.
 *  - KEEP: nothing refers to these sections, so --gc-sections or a stricter
 *    script would drop them and the alternatives would silently never be
 *    applied.
 *  - ASSERT on the size, when --kernel names a kernel whose entry layout is
 *    known: an input section merged at a misaligned offset leaves a size no
 *    sequence of entries can have, and the link fails instead of producing
 *    a module whose paravirt sites apply_paravirt() misreads.
 * Every other section is left to the linker's usual rules.
 *
 * --kernel=RELEASE (e.g. 4.19.72, 5.4.0-100-generic, 6.1.0-56-amd64)
 * selects the size rules:
 *   4.9 to 5.7  alternatives 13 bytes (struct alt_instr with padlen);
 *               paravirt sites 16 bytes, but the last site of an object
 *               file is 12 (no tail padding), so a correctly merged
 *               section is 16*N - 4 bytes
 *   6.1         alternatives 12 bytes; paravirt sites padded to 16
 *   otherwise   no size rule is known: no ASSERT
 * The layout is that of the headers the module is built against.
 *
 * Exit status: 0 script written, 1 bad usage or unreadable object file.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "objname.h"

#define PREFIX ".klp.arch."

enum kind { ALT, PARA };
static const char *const kind_suffix[] = { "..altinstructions", "..parainstructions" };

struct layout {
	const char *name;
	/* Size rule: size == 0 || size % modulus == remainder. */
	unsigned alt_modulus, alt_remainder;
	unsigned para_modulus, para_remainder;
	const char *alt_what, *para_what;
};

static const struct layout layout_klp_arch = {
	"4.9-5.7", 13, 0, 16, 12,
	"13-byte alternative entries",
	"16-byte paravirt sites whose last is 12 bytes",
};
static const struct layout layout_6_1 = {
	"6.1", 12, 0, 16, 0,
	"12-byte alternative entries",
	"16-byte paravirt sites",
};

struct name {
	char *section;
	char *object;
	enum kind kind;
};

static struct name *names;
static size_t nnames, names_cap;

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fprintf(stderr, "klp-lds: out of memory\n");
		exit(1);
	}
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *d = xrealloc(NULL, n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/*
 * The plugin's name rules (objname.c); a section holds the name as
 * KBUILD_MODNAME spells it, so a '-' there never matches an object.
 */
static bool valid_object_name(const char *s, size_t n)
{
	char norm[KLP_OBJNAME_MAX + 1], why[KLP_OBJNAME_WHY];

	return klp_objname_normalise(s, n, norm, why) == 0 && !memchr(s, '-', n);
}

/*
 * Is SEC a name the kernel applies?  Sets *object (allocated) and *kind.
 * Returns 0 for an accepted name, 1 for a name outside the .klp.arch
 * prefix, -1 for a .klp.arch name the kernel would silently ignore.
 */
static int parse_klp_arch(const char *sec, char **object, enum kind *kind)
{
	if (strncmp(sec, PREFIX, strlen(PREFIX)) != 0)
		return 1;
	const char *obj = sec + strlen(PREFIX);
	const char *dot = strchr(obj, '.');
	if (!dot)
		return -1;
	for (int k = ALT; k <= PARA; k++) {
		if (strcmp(dot, kind_suffix[k]) == 0) {
			/* Linker script names cannot hold every character
			 * a section name can: accept what the plugin writes. */
			if (!valid_object_name(obj, (size_t)(dot - obj)))
				return -1;
			*object = xstrndup(obj, (size_t)(dot - obj));
			*kind = k;
			return 0;
		}
	}
	return -1;
}

static void add_name(const char *sec, char *object, enum kind kind)
{
	for (size_t i = 0; i < nnames; i++) {
		if (strcmp(names[i].section, sec) == 0) {
			free(object);
			return;
		}
	}
	if (nnames == names_cap) {
		names_cap = names_cap ? 2 * names_cap : 8;
		names = xrealloc(names, names_cap * sizeof(*names));
	}
	names[nnames].section = xstrndup(sec, strlen(sec));
	names[nnames].object = object;
	names[nnames].kind = kind;
	nnames++;
}

static int read_object(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "klp-lds: %s: %s\n", path, strerror(errno));
		return -1;
	}
	int ret = -1;
	Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
	size_t shstrndx;
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		fprintf(stderr, "klp-lds: %s: not an ELF object file\n", path);
		goto out;
	}
	if (elf_getshdrstrndx(elf, &shstrndx) != 0) {
		fprintf(stderr, "klp-lds: %s: %s\n", path, elf_errmsg(-1));
		goto out;
	}
	for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
		GElf_Shdr shdr;
		if (!gelf_getshdr(scn, &shdr))
			continue;
		const char *sec = elf_strptr(elf, shstrndx, shdr.sh_name);
		if (!sec)
			continue;
		char *object;
		enum kind kind;
		switch (parse_klp_arch(sec, &object, &kind)) {
		case 0:
			add_name(sec, object, kind);
			break;
		case -1:
			fprintf(stderr,
				"klp-lds: %s: warning: section %s is not a name the kernel applies "
				"(.klp.arch.OBJECT..altinstructions or ..parainstructions); left alone\n",
				path, sec);
			break;
		}
	}
	ret = 0;
out:
	if (elf)
		elf_end(elf);
	close(fd);
	return ret;
}

/* Sort by object, alternatives before paravirt: a stable, readable script. */
static int cmp_name(const void *a, const void *b)
{
	const struct name *x = a, *y = b;
	int c = strcmp(x->object, y->object);
	return c ? c : (int)x->kind - (int)y->kind;
}

/* The layout for a kernel release string, or NULL when no rule is known. */
static const struct layout *layout_for(const char *release)
{
	unsigned major, minor;
	if (!release || sscanf(release, "%u.%u", &major, &minor) != 2)
		return NULL;
	unsigned v = major * 1000 + minor;
	if (v >= 4009 && v <= 5007)
		return &layout_klp_arch;
	if (v == 6001)
		return &layout_6_1;
	return NULL;
}

static void write_script(FILE *out, const char *release, const struct layout *lay)
{
	fprintf(out, "/* Generated by klp-lds: one output section per .klp.arch name, */\n");
	fprintf(out, "/* ALIGN(8) and KEEP; size rules: %s. */\n",
		lay ? lay->name : "none known for this kernel");
	if (release)
		fprintf(out, "/* Kernel: %s. */\n", release);
	if (nnames == 0) {
		fprintf(out, "/* No object file uses a .klp.arch section. */\n");
		return;
	}
	fprintf(out, "SECTIONS {\n");
	for (size_t i = 0; i < nnames; i++)
		fprintf(out, "\t%s 0 : ALIGN(8) { KEEP(*(%s)) }\n",
			names[i].section, names[i].section);
	fprintf(out, "}\n");
	if (!lay)
		return;
	for (size_t i = 0; i < nnames; i++) {
		const struct name *n = &names[i];
		unsigned mod = n->kind == ALT ? lay->alt_modulus : lay->para_modulus;
		unsigned rem = n->kind == ALT ? lay->alt_remainder : lay->para_remainder;
		const char *what = n->kind == ALT ? lay->alt_what : lay->para_what;
		fprintf(out,
			"ASSERT(SIZEOF(%s) == 0 || SIZEOF(%s) %% %u == %u,\n"
			"\t\"klp-lds: %s is not a whole number of %s (%s layout): "
			"an input section was merged at a misaligned offset\")\n",
			n->section, n->section, mod, rem, n->section, what, lay->name);
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: klp-lds [--kernel=RELEASE] [-o SCRIPT] OBJECT.o...\n");
	exit(1);
}

int main(int argc, char **argv)
{
	const char *release = NULL, *output = NULL;
	int i;
	for (i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--kernel=", 9) == 0)
			release = argv[i] + 9;
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			output = argv[++i];
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (argv[i][0] == '-')
			usage();
		else
			break;
	}
	if (i == argc)
		usage();
	if (elf_version(EV_CURRENT) == EV_NONE) {
		fprintf(stderr, "klp-lds: libelf: %s\n", elf_errmsg(-1));
		return 1;
	}
	int status = 0;
	for (; i < argc; i++)
		if (read_object(argv[i]) != 0)
			status = 1;
	if (status)
		return status;
	if (nnames)
		qsort(names, nnames, sizeof(*names), cmp_name);

	FILE *out = stdout;
	if (output) {
		out = fopen(output, "w");
		if (!out) {
			fprintf(stderr, "klp-lds: %s: %s\n", output, strerror(errno));
			return 1;
		}
	}
	write_script(out, release, layout_for(release));
	if (fflush(out) != 0 || (output && fclose(out) != 0)) {
		fprintf(stderr, "klp-lds: %s: write error\n", output ? output : "stdout");
		if (output)
			unlink(output);
		return 1;
	}
	return 0;
}
