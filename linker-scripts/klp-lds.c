// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * klp-lds - write the linker script that keeps a livepatch module's
 * .klp.arch sections whole through its link.
 *
 *   klp-lds [--kernel=RELEASE] [-o SCRIPT] OBJECT.o...
 *   klp-lds --object-name VARIABLE=NAME...
 *   klp-lds --tables-for UNIT.klp-tables -o OUT ALL.klp-tables...
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
 *    known (common/kernel_abi.c): an input section merged at a misaligned
 *    offset leaves a size no sequence of entries can have, and the link
 *    fails instead of producing a module whose paravirt sites
 *    apply_paravirt() misreads.
 * Every other section is left to the linker's usual rules.
 *
 * --kernel=RELEASE (e.g. 4.19.72, 5.4.0-100-generic, 6.1.0-56-amd64)
 * selects the size rules of the headers the module is built against.
 *
 * --object-name VARIABLE=NAME... checks object names for the kbuild
 * fragment with the plugin's own rule (common/objname.c) and prints each
 * normalised, one a line; a bad one is an error naming VARIABLE.
 *
 * --tables-for UNIT -o OUT ALL... writes the table lines of the module's
 * table files ALL (common/tables.h) that name a function UNIT defines:
 * what the unit needs from the other units' klp_object tables, sorted, so
 * that its compile depends on exactly that and an edit elsewhere recompiles
 * only the units it concerns.
 *
 * Exit status: 0 script written (or names valid, or tables written), 1 bad
 * usage, an unreadable or malformed input file or a bad object name.
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

#include "kernel_abi.h"
#include "objname.h"
#include "tables.h"
#include "util.h"
#include "version.h"

static const char usage_text[] =
	"usage: klp-lds [--kernel=RELEASE] [-o SCRIPT] OBJECT.o...\n"
	"       klp-lds --object-name VARIABLE=NAME...\n"
	"       klp-lds --tables-for UNIT.klp-tables -o OUT ALL.klp-tables...\n"
	"Writes the linker script that keeps a livepatch module's .klp.arch sections\n"
	"whole: one ALIGN(8), KEEP output section per name, size ASSERTs for the\n"
	"entry layout of kernel RELEASE.  --object-name checks object names with the\n"
	"plugin's rules and prints them normalised.  --tables-for writes the lines of\n"
	"the module's table scans about UNIT's functions.  See klp-lds(1).\n";

struct name {
	char *section;
	char object[KLP_ARCH_OBJECT_MAX + 1];
	enum klp_entry_kind kind;
};

struct names {
	struct name *v;
	size_t n, cap;
};

/*
 * Add SEC once.  Returns 0, or -1 when memory ran out.
 */
static int add_name(struct names *names, const char *sec, const char *object,
		    enum klp_entry_kind kind)
{
	struct name *grown;
	size_t i;

	for (i = 0; i < names->n; i++)
		if (strcmp(names->v[i].section, sec) == 0)
			return 0;
	grown = klp_grow(names->v, &names->cap, names->n + 1, sizeof(*grown));
	if (!grown)
		return -1;
	names->v = grown;
	grown = &names->v[names->n];
	grown->section = strdup(sec);
	if (!grown->section)
		return -1;
	snprintf(grown->object, sizeof(grown->object), "%s", object);
	grown->kind = kind;
	names->n++;
	return 0;
}

/*
 * The .klp.arch names of PATH into NAMES.  A .klp.arch name the kernel
 * would not apply is left alone, with a warning: linker script names
 * cannot hold every character a section name can, so only what the plugin
 * writes is kept (an object name as KBUILD_MODNAME spells it).
 */
static int read_object(const char *path, struct names *names)
{
	int fd = open(path, O_RDONLY), ret = -1;
	Elf *elf;
	size_t shstrndx;
	Elf_Scn *scn;

	if (fd < 0) {
		fprintf(stderr, "klp-lds: %s: %s\n", path, strerror(errno));
		return -1;
	}
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		fprintf(stderr, "klp-lds: %s: not an ELF object file\n", path);
		goto out;
	}
	if (elf_getshdrstrndx(elf, &shstrndx) != 0) {
		fprintf(stderr, "klp-lds: %s: %s\n", path, elf_errmsg(-1));
		goto out;
	}
	for (scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
		GElf_Shdr shdr;
		const char *sec;
		char object[KLP_ARCH_OBJECT_MAX + 1], why[KLP_OBJNAME_WHY];
		enum klp_entry_kind kind;

		if (!gelf_getshdr(scn, &shdr) || !(sec = elf_strptr(elf, shstrndx, shdr.sh_name)) ||
		    strncmp(sec, KLP_ARCH_PREFIX, strlen(KLP_ARCH_PREFIX)) != 0)
			continue;
		if (!klp_arch_applied(sec, object, &kind) ||
		    klp_objname_check_exact(object, strlen(object), why)) {
			fprintf(stderr,
				"klp-lds: %s: warning: section %s is not a name the kernel applies "
				"(.klp.arch.OBJECT..altinstructions or ..parainstructions), so its entries "
				"are never applied; left alone: rename it to one of those, as the klp_tag "
				"plugin names them\n",
				path, sec);
			continue;
		}
		if (add_name(names, sec, object, kind)) {
			fprintf(stderr, "klp-lds: out of memory\n");
			goto out;
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

static const char *const kind_what[] = { "alternative entries", "paravirt sites" };

static void write_script(FILE *out, const struct names *names, const char *release,
			 const struct klp_layout *lay)
{
	size_t i;

	fprintf(out, "/* Generated by klp-lds: one output section per .klp.arch name, */\n");
	fprintf(out, "/* ALIGN(8) and KEEP; size rules: %s. */\n",
		lay ? lay->name : "none known for this kernel");
	if (release)
		fprintf(out, "/* Kernel: %s. */\n", release);
	if (names->n == 0) {
		fprintf(out, "/* No object file uses a .klp.arch section. */\n");
		return;
	}
	fprintf(out, "SECTIONS {\n");
	for (i = 0; i < names->n; i++)
		fprintf(out, "\t%s 0 : ALIGN(8) { KEEP(*(%s)) }\n",
			names->v[i].section, names->v[i].section);
	fprintf(out, "}\n");
	if (!lay)
		return;
	for (i = 0; i < names->n; i++) {
		const struct name *n = &names->v[i];
		unsigned mod, rem;

		klp_layout_size_rule(lay, n->kind, &mod, &rem);
		fprintf(out,
			"ASSERT(SIZEOF(%s) == 0 || SIZEOF(%s) %% %u == %u,\n"
			"\t\"klp-lds: %s is not a whole number of %u-byte %s%s (%s layout): "
			"an input section was merged at a misaligned offset\")\n",
			n->section, n->section, mod, rem, n->section, mod, kind_what[n->kind],
			rem ? " whose last is 12 bytes" : "", lay->name);
	}
}

/* --object-name VARIABLE=NAME...: the fragment's check of its variables. */
static int check_object_names(int argc, char **argv)
{
	char out[KLP_OBJNAME_MAX + 1], why[KLP_OBJNAME_WHY];
	int i, status = 0;

	if (argc < 1) {
		fputs(usage_text, stderr);
		return 1;
	}
	for (i = 0; i < argc; i++) {
		const char *eq = strchr(argv[i], '='), *name = eq ? eq + 1 : argv[i];

		if (klp_objname_normalise(name, strlen(name), out, why)) {
			fprintf(stderr, "klp-tag: %.*s := %s: object name '%s' %s\n",
				eq ? (int)(eq - argv[i]) : 6, eq ? argv[i] : "object", name, name, why);
			status = 1;
		} else {
			printf("%s\n", out);
		}
	}
	return status;
}

/* ---- --tables-for ----------------------------------------------------------- */

struct table_lines {
	char **defines;		/* the unit's public functions */
	size_t ndefines, defines_cap;
	char **lines;		/* the table lines it needs, formatted */
	size_t nlines, lines_cap;
	const char *file;	/* being read, for messages */
	int bad;
};

static char *push(char ***v, size_t *n, size_t *cap, const char *s)
{
	char **grown = klp_grow(*v, cap, *n + 1, sizeof(**v));
	char *copy = grown ? strdup(s) : NULL;

	if (!copy)
		return NULL;
	*v = grown;
	(*v)[(*n)++] = copy;
	return copy;
}

static int on_defines(void *ctx, const char *function, unsigned line)
{
	struct table_lines *t = ctx;

	return push(&t->defines, &t->ndefines, &t->defines_cap, function) ? 0 : -1;
}

static int on_table(void *ctx, const char *function, const char *object, unsigned table_line,
		    const char *table_file, unsigned line)
{
	struct table_lines *t = ctx;
	char buf[8192];
	size_t i;

	for (i = 0; i < t->ndefines; i++)
		if (strcmp(t->defines[i], function) == 0)
			break;
	if (i == t->ndefines)
		return 0;
	snprintf(buf, sizeof(buf), "table %s %s %u %s", function, object, table_line, table_file);
	return push(&t->lines, &t->nlines, &t->lines_cap, buf) ? 0 : -1;
}

static void on_error(void *ctx, unsigned line, const char *why)
{
	struct table_lines *t = ctx;

	fprintf(stderr, "klp-lds: %s:%u: %s\n", t->file, line, why);
	t->bad++;
}

static int read_tables(struct table_lines *t, const char *path,
		       const struct klp_tables_callbacks *cb)
{
	char *text;
	size_t len;
	int err = klp_read_file(path, &text, &len);

	if (err) {
		fprintf(stderr, "klp-lds: %s: %s\n", path, strerror(err));
		return -1;
	}
	t->file = path;
	if (klp_tables_parse(text, len, cb, t) < 0)
		t->bad++;
	free(text);
	return t->bad ? -1 : 0;
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int tables_for(const char *unit, const char *output, int nall, char **all)
{
	static const struct klp_tables_callbacks defines_only = { NULL, on_defines, on_error };
	static const struct klp_tables_callbacks tables_only = { on_table, NULL, on_error };
	struct table_lines t = { 0 };
	FILE *out;
	size_t i;
	int k, status = 0;

	/* table lines are ignored in the first pass: their callback is NULL. */
	if (read_tables(&t, unit, &defines_only))
		status = 1;
	for (k = 0; k < nall && !status; k++)
		if (read_tables(&t, all[k], &tables_only))
			status = 1;
	if (!status) {
		qsort(t.lines, t.nlines, sizeof(*t.lines), cmp_line);
		out = fopen(output, "w");
		if (!out) {
			fprintf(stderr, "klp-lds: %s: %s\n", output, strerror(errno));
			status = 1;
		} else {
			klp_tables_write_format(out);
			for (i = 0; i < t.nlines; i++)
				if (i == 0 || strcmp(t.lines[i], t.lines[i - 1]) != 0)
					fprintf(out, "%s\n", t.lines[i]);
			if (fclose(out) != 0) {
				fprintf(stderr, "klp-lds: %s: write error\n", output);
				status = 1;
			}
		}
	}
	for (i = 0; i < t.ndefines; i++)
		free(t.defines[i]);
	for (i = 0; i < t.nlines; i++)
		free(t.lines[i]);
	free(t.defines);
	free(t.lines);
	return status;
}

static void names_free(struct names *names)
{
	size_t i;

	for (i = 0; i < names->n; i++)
		free(names->v[i].section);
	free(names->v);
}

/* Everything main() does; NAMES: what the objects' section names were read into. */
static int run(int argc, char **argv, struct names *names)
{
	const char *release = NULL, *output = NULL;
	FILE *out = stdout;
	int i, status = 0;

	for (i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--kernel=", 9) == 0) {
			release = argv[i] + 9;
		} else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			output = argv[++i];
		} else if (strcmp(argv[i], "--object-name") == 0) {
			return check_object_names(argc - i - 1, argv + i + 1);
		} else if (strcmp(argv[i], "--tables-for") == 0 && i + 3 < argc &&
			   strcmp(argv[i + 2], "-o") == 0) {
			return tables_for(argv[i + 1], argv[i + 3], argc - i - 4, argv + i + 4);
		} else if (strcmp(argv[i], "--help") == 0) {
			fputs(usage_text, stdout);
			return 0;
		} else if (strcmp(argv[i], "--version") == 0) {
			puts("klp-lds (klp-tag) " KLP_TAG_VERSION);
			return 0;
		} else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (argv[i][0] == '-') {
			fputs(usage_text, stderr);
			return 1;
		} else {
			break;
		}
	}
	if (i == argc) {
		fputs(usage_text, stderr);
		return 1;
	}
	if (elf_version(EV_CURRENT) == EV_NONE) {
		fprintf(stderr, "klp-lds: libelf: %s\n", elf_errmsg(-1));
		return 1;
	}
	for (; i < argc; i++)
		if (read_object(argv[i], names) != 0)
			status = 1;
	if (status)
		return status;
	if (names->n)
		qsort(names->v, names->n, sizeof(*names->v), cmp_name);

	if (output) {
		out = fopen(output, "w");
		if (!out) {
			fprintf(stderr, "klp-lds: %s: %s\n", output, strerror(errno));
			return 1;
		}
	}
	write_script(out, names, release, release ? klp_layout_for_version(release) : NULL);
	if (fflush(out) != 0 || (output && fclose(out) != 0)) {
		fprintf(stderr, "klp-lds: %s: write error\n", output ? output : "stdout");
		if (output)
			unlink(output);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct names names = { 0 };
	int status = run(argc, argv, &names);

	names_free(&names);
	return status;
}
