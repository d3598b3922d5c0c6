// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * input.c - klp-reloc's inputs: the object (through klp-arch-check's
 * module_load()), the target kernel's era and release, and the symbol
 * databases; the messages every stage collects.
 */
#define _GNU_SOURCE
#include "reloc.h"
#include "objname.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void rl_msg(struct rl_msgs *m, const char *fmt, ...)
{
	char **grown, *s = malloc(RL_MSG);
	va_list ap;

	grown = s ? klp_grow(m->v, &m->cap, m->n + 1, sizeof(*grown)) : NULL;
	if (!grown) {
		free(s);
		m->out_of_memory = true;
		return;
	}
	m->v = grown;
	va_start(ap, fmt);
	vsnprintf(s, RL_MSG, fmt, ap);
	va_end(ap);
	m->v[m->n++] = s;
}

void rl_msgs_free(struct rl_msgs *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->v[i]);
	free(m->v);
	memset(m, 0, sizeof(*m));
}


/* A release says more than its version: "5.4.286-klptest", not "5.4". */
static bool is_full_release(const char *s)
{
	const char *dot = strchr(s, '.');

	return dot && (strchr(dot + 1, '.') || strchr(s, '-'));
}

static int kernel_of(struct rl_ctx *c, char *err, size_t len)
{
	const char *k = c->opt.kernel;
	char word[sizeof(c->release)] = "";

	if (!k && c->m.vermagic) {
		sscanf(c->m.vermagic, "%127s", word);
		k = word;
		c->kernel_from = "vermagic";
	} else if (k) {
		c->kernel_from = "--kernel";
	} else {
		return klp_fail(err, len, "%s: no --kernel, and the file has no vermagic (kbuild adds it with the .mod.o, after modpost): give --kernel RELEASE, the target kernel's release (or version)",
				c->opt.path);
	}
	c->kv = klp_kernel_version(k);
	if (c->kv < 0)
		return klp_fail(err, len, "%s %s: not a kernel release or version (such as 6.1.0-57-amd64 or 5.4)",
				c->kernel_from, k);
	if (is_full_release(k))
		snprintf(c->release, sizeof(c->release), "%s", k);
	return 0;
}

/* How many module objects the map names: room for their .ko files. */
static size_t patched_modules(const struct rl_ctx *c)
{
	size_t i, n = 0;

	for (i = 0; i < c->m.nmap; i++)
		if (c->m.map[i].kind == KLP_MAP_OBJECT && strcmp(c->m.map[i].str[0], "vmlinux") != 0)
			n++;
	return n;
}

static int load_modules(struct rl_ctx *c, char *err, size_t len)
{
	char e[EF_ERRLEN];
	size_t i, j;

	/* Never reallocated: a struct kmod is not moved once loaded. */
	c->mcap = c->opt.nmodules + patched_modules(c);
	c->mods = calloc(c->mcap ? c->mcap : 1, sizeof(*c->mods));
	if (!c->mods)
		return klp_fail(err, len, "out of memory");
	for (i = 0; i < c->opt.nmodules; i++) {
		if (kmod_load(&c->mods[i], c->opt.modules[i], &klp_kconfig_default, e)) {
			kmod_free(&c->mods[i]);
			return klp_fail(err, len, "%s: %s", c->opt.modules[i], e);
		}
		c->nmods++;
		for (j = 0; j < i; j++)
			if (strcmp(c->mods[j].object, c->mods[i].object) == 0)
				return klp_fail(err, len, "--module %s and --module %s are both object '%s': give one .ko per target module",
						c->opt.modules[j], c->opt.modules[i], c->mods[i].object);
	}
	return 0;
}

/*
 * Only what every decision needs is read here: the object, its kernel,
 * Module.symvers and the .ko files given.  The System.map is read when a
 * symbol is not exported by vmlinux (rl_map()), so that a patch whose
 * references all are exports converts nothing and needs no map (Debian's
 * /boot one is a placeholder), and a module under --module-dir when a
 * decision asks for it.
 */
static int load_databases(struct rl_ctx *c, char *err, size_t len)
{
	if (c->opt.restore) {
		if (c->opt.symbols || c->opt.symvers || c->opt.nmodules || c->opt.module_dir ||
		    c->opt.deps)
			return klp_fail(err, len, "--restore takes no --symbols, --symvers, --module, --module-dir or --deps: it only puts back the klp relocations a link folded into ordinary ones, by the names of their .klp.sym symbols");
		return 0;
	}
	if (!c->opt.symbols || !c->opt.symvers)
		return klp_fail(err, len, "give --symbols (the target kernel's System.map) and --symvers (the kernel tree's Module.symvers)%s",
				c->m.is_ko ? "; on a linked .ko, --restore puts back what the link folded" : "");
	/* Loaded or not, rl_close() frees what a load left. */
	c->have_symvers = true;
	if (klp_symvers_load(&c->symvers, c->opt.symvers, err, len))
		return -1;
	return load_modules(c, err, len);
}

int rl_map(struct rl_ctx *c)
{
	if (c->have_map)
		return 0;
	if (c->map_failed)
		return -1;
	if (klp_sysmap_load(&c->map, c->opt.symbols, c->kv, c->release[0] ? c->release : NULL,
			    c->map_err, sizeof(c->map_err))) {
		klp_sysmap_free(&c->map);
		memset(&c->map, 0, sizeof(c->map));
		c->map_failed = true;
		return -1;
	}
	c->have_map = true;
	return 0;
}

int rl_open(struct rl_ctx *c, char *err, size_t len)
{
	char e[EF_ERRLEN];

	if (c->opt.kernel && klp_kernel_version(c->opt.kernel) < 0)
		return klp_fail(err, len, "--kernel %s: not a kernel release or version (such as 6.1.0-57-amd64 or 5.4)",
				c->opt.kernel);
	if (module_load(&c->m, c->opt.path, NULL, c->opt.kernel, e))
		return klp_fail(err, len, "%s: %s", c->opt.path, e);
	if (kernel_of(c, err, len) || load_databases(c, err, len))
		return -1;
	if (c->opt.vmlinux) {
		if (kimage_open(&c->vmlinux, c->opt.vmlinux, e))
			return klp_fail(err, len, "--vmlinux %s: %s", c->opt.vmlinux, e);
		c->have_vmlinux = true;
	}
	c->decided = calloc(c->m.elf.nsyms ? c->m.elf.nsyms : 1, sizeof(*c->decided));
	c->conv = calloc(c->m.elf.nsecs, sizeof(*c->conv));
	if (!c->decided || !c->conv)
		return klp_fail(err, len, "out of memory");
	return 0;
}

static char *push_string(char ***v, size_t *n, size_t *cap, const char *str)
{
	char **grown = klp_grow(*v, cap, *n + 1, sizeof(**v));
	char *copy = strdup(str);

	if (!grown || !copy) {
		free(copy);
		return NULL;
	}
	*v = grown;
	(*v)[(*n)++] = copy;
	return copy;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

bool rl_module_ambiguous(const struct rl_ctx *c, const char *obj)
{
	size_t i;

	for (i = 0; i < c->nambiguous; i++)
		if (strcmp(c->ambiguous[i], obj) == 0)
			return true;
	return false;
}

/* Every *.ko under the directory, recursively (as depmod finds them). */
static int list_kos(struct rl_ctx *c, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int r = 0;

	if (!d)
		return depth ? 0 : -1;
	while (r == 0 && (de = readdir(d))) {
		size_t nl = strlen(de->d_name);
		char *path;

		if (de->d_name[0] == '.' || depth > 16)
			continue;
		if (asprintf(&path, "%s/%s", dir, de->d_name) < 0) {
			r = -1;
			break;
		}
		if (nl > 3 && strcmp(de->d_name + nl - 3, ".ko") == 0) {
			if (!push_string(&c->kos, &c->nkos, &c->kocap, path))
				r = -1;
		} else if (de->d_type == DT_DIR || de->d_type == DT_UNKNOWN || de->d_type == DT_LNK) {
			struct stat st;

			if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
				r = list_kos(c, path, depth + 1);
		}
		free(path);
	}
	closedir(d);
	return r;
}

/*
 * Is PATH (a .ko) the module OBJ?  Its module name is the base without .ko,
 * read by the kernel's name rule ('-' as '_', objname.c); OBJ comes from the
 * map, already in that spelling.
 */
static bool names_object(const char *path, const char *obj)
{
	const char *base = strrchr(path, '/');
	char name[KLP_OBJNAME_MAX + 1], why[KLP_OBJNAME_WHY];

	base = base ? base + 1 : path;
	return klp_objname_normalise(base, strlen(base) - 3, name, why) == 0 &&
	       strcmp(name, obj) == 0;
}

/* Find OBJ's .ko under --module-dir and load it; the loaded module or NULL (an error given). */
static const struct kmod *find_module(struct rl_ctx *c, const char *obj)
{
	char e[EF_ERRLEN], found[RL_MSG / 2] = "";
	const char *path = NULL;
	size_t i, n = 0, used = 0;
	struct kmod *k;

	for (i = 0; i < c->nlooked; i++)
		if (strcmp(c->looked_up[i], obj) == 0)
			return NULL;
	if (!push_string(&c->looked_up, &c->nlooked, &c->lookcap, obj)) {
		rl_msg(&c->errors, "out of memory");
		return NULL;
	}
	if (!c->kos_listed) {
		c->kos_listed = true;
		if (list_kos(c, c->opt.module_dir, 0)) {
			rl_msg(&c->errors, "--module-dir %s: cannot list it: %s", c->opt.module_dir,
			       strerror(errno));
			return NULL;
		}
		/* Messages list candidates in one order, whatever readdir's. */
		if (c->nkos > 1)
			qsort(c->kos, c->nkos, sizeof(*c->kos), cmp_path);
	}
	for (i = 0; i < c->nkos; i++)
		if (names_object(c->kos[i], obj)) {
			path = c->kos[i];
			if (used < sizeof(found))
				used += (size_t)snprintf(found + used, sizeof(found) - used, "%s%s",
							 n ? ", " : "", path);
			n++;
		}
	if (n != 1 || c->nmods >= c->mcap) {
		if (n > 1) {
			rl_msg(&c->errors, "%zu files under %s could be the target module '%s' (%s): give the one the target kernel loads with --module (KLP_TAG_MODULES in kbuild)",
			       n, c->opt.module_dir, obj, found);
			if (!push_string(&c->ambiguous, &c->nambiguous, &c->ambcap, obj))
				rl_msg(&c->errors, "out of memory");
		}
		return NULL;
	}
	k = &c->mods[c->nmods];
	if (kmod_load(k, path, &klp_kconfig_default, e)) {
		kmod_free(k);
		rl_msg(&c->errors, "%s: %s", path, e);
		return NULL;
	}
	c->nmods++;
	return k;
}

const struct kmod *rl_module(struct rl_ctx *c, const char *obj)
{
	size_t i;

	for (i = 0; i < c->nmods; i++)
		if (strcmp(c->mods[i].object, obj) == 0)
			return &c->mods[i];
	if (!c->opt.module_dir || strcmp(obj, "vmlinux") == 0)
		return NULL;
	return find_module(c, obj);
}

void rl_load_patched(struct rl_ctx *c)
{
	size_t i;

	for (i = 0; i < c->m.nmap; i++)
		if (c->m.map[i].kind == KLP_MAP_OBJECT)
			rl_module(c, c->m.map[i].str[0]);
}

/* PATH as a make target or prerequisite: spaces, '#' and '$' escaped. */
static void make_path(FILE *f, const char *path)
{
	for (; *path; path++) {
		if (*path == ' ' || *path == '#' || *path == '\\')
			fputc('\\', f);
		else if (*path == '$')
			fputc('$', f);
		fputc(*path, f);
	}
}

int rl_write_deps(const struct rl_ctx *c, char *err, size_t len)
{
	const char *files[2];
	size_t i, n = 0;
	char *tmp;
	FILE *f;
	int ok;

	if (!c->opt.deps)
		return 0;
	for (i = 0; i < strlen(c->opt.path); i++)
		if (c->opt.path[i] == '\n')
			return klp_fail(err, len, "%s: a newline in the name cannot be written as a make target: rename the file",
					c->opt.path);
	files[n++] = c->opt.symvers;
	if (c->have_map)
		files[n++] = c->opt.symbols;
	if (asprintf(&tmp, "%s.tmp", c->opt.deps) < 0)
		return klp_fail(err, len, "out of memory");
	f = fopen(tmp, "w");
	if (!f) {
		klp_fail(err, len, "%s: cannot write it: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	fputs("# klp-reloc: the files its decisions were read from\n", f);
	make_path(f, c->opt.path);
	fputc(':', f);
	for (i = 0; i < n; i++) {
		fputs(" \\\n  ", f);
		make_path(f, files[i]);
	}
	for (i = 0; i < c->nmods; i++) {
		fputs(" \\\n  ", f);
		make_path(f, c->mods[i].elf.path);
	}
	fputs("\n", f);
	/* Each also a target without prerequisites: a file that goes away is no make error. */
	for (i = 0; i < n + c->nmods; i++) {
		make_path(f, i < n ? files[i] : c->mods[i - n].elf.path);
		fputs(":\n", f);
	}
	ok = !ferror(f);
	if (fclose(f))
		ok = 0;
	if (!ok || rename(tmp, c->opt.deps)) {
		klp_fail(err, len, "%s: cannot write it: %s", c->opt.deps, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

bool rl_patched(const struct rl_ctx *c, const char *obj)
{
	size_t i;

	for (i = 0; i < c->m.nmap; i++)
		if (c->m.map[i].kind == KLP_MAP_OBJECT && strcmp(c->m.map[i].str[0], obj) == 0)
			return true;
	return false;
}

void rl_close(struct rl_ctx *c)
{
	size_t i;
	struct rl_decision *d, *next;

	for (i = 0; i < c->ntargets; i++) {
		free(c->targets[i].sym);
		free(c->targets[i].name);
		free(c->targets[i].also);
	}
	free(c->targets);
	klp_names_free(&c->target_names);
	for (i = 0; c->decided && i < c->m.elf.nsyms; i++)
		for (d = c->decided[i]; d; d = next) {
			next = d->next;
			free(d);
		}
	free(c->decided);
	for (i = 0; c->conv && i < c->m.elf.nsecs; i++)
		free(c->conv[i]);
	free(c->conv);
	for (i = 0; i < c->nmods; i++)
		kmod_free(&c->mods[i]);
	free(c->mods);
	for (i = 0; i < c->nkos; i++)
		free(c->kos[i]);
	free(c->kos);
	for (i = 0; i < c->nlooked; i++)
		free(c->looked_up[i]);
	free(c->looked_up);
	for (i = 0; i < c->nambiguous; i++)
		free(c->ambiguous[i]);
	free(c->ambiguous);
	if (c->have_map)
		klp_sysmap_free(&c->map);
	if (c->have_symvers)
		klp_symvers_free(&c->symvers);
	if (c->have_vmlinux)
		kimage_close(&c->vmlinux);
	rl_msgs_free(&c->errors);
	rl_msgs_free(&c->notes);
	rl_msgs_free(&c->warnings);
	module_free(&c->m);
	memset(c, 0, sizeof(*c));
}
