// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * input.c - klp-reloc's inputs: the object (through klp-arch-check's
 * module_load()), the target kernel's era and release, and the symbol
 * databases; the messages every stage collects.
 */
#include "reloc.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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

static int fail(char *err, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -1;
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
		return fail(err, len, "%s: no --kernel, and the file has no vermagic (kbuild adds it with the .mod.o, after modpost): give --kernel RELEASE, the target kernel's release (or version)",
			    c->opt.path);
	}
	c->kv = klp_kernel_version(k);
	if (c->kv < 0)
		return fail(err, len, "%s %s: not a kernel release or version (such as 6.1.0-57-amd64 or 5.4)",
			    c->kernel_from, k);
	if (is_full_release(k))
		snprintf(c->release, sizeof(c->release), "%s", k);
	return 0;
}

static int load_modules(struct rl_ctx *c, char *err, size_t len)
{
	char e[EF_ERRLEN];
	size_t i, j;

	c->mods = calloc(c->opt.nmodules ? c->opt.nmodules : 1, sizeof(*c->mods));
	if (!c->mods)
		return fail(err, len, "out of memory");
	for (i = 0; i < c->opt.nmodules; i++) {
		if (kmod_load(&c->mods[i], c->opt.modules[i], &klp_kconfig_default, e)) {
			kmod_free(&c->mods[i]);
			return fail(err, len, "%s: %s", c->opt.modules[i], e);
		}
		c->nmods++;
		for (j = 0; j < i; j++)
			if (strcmp(c->mods[j].object, c->mods[i].object) == 0)
				return fail(err, len, "--module %s and --module %s are both object '%s': give one .ko per target module",
					    c->opt.modules[j], c->opt.modules[i], c->mods[i].object);
	}
	return 0;
}

static int load_databases(struct rl_ctx *c, char *err, size_t len)
{
	if (c->opt.restore) {
		if (c->opt.symbols || c->opt.symvers || c->opt.nmodules)
			return fail(err, len, "--restore takes no --symbols, --symvers or --module: it only puts back the klp relocations a link folded into ordinary ones, by the names of their .klp.sym symbols");
		return 0;
	}
	if (!c->opt.symbols || !c->opt.symvers)
		return fail(err, len, "give --symbols (the target kernel's System.map) and --symvers (the kernel tree's Module.symvers)%s",
			    c->m.is_ko ? "; on a linked .ko, --restore puts back what the link folded" : "");
	/* Loaded or not, rl_close() frees what a load left. */
	c->have_map = c->have_symvers = true;
	if (klp_sysmap_load(&c->map, c->opt.symbols, c->kv, c->release[0] ? c->release : NULL,
			    err, len) ||
	    klp_symvers_load(&c->symvers, c->opt.symvers, err, len))
		return -1;
	return load_modules(c, err, len);
}

int rl_open(struct rl_ctx *c, char *err, size_t len)
{
	char e[EF_ERRLEN];

	if (c->opt.kernel && klp_kernel_version(c->opt.kernel) < 0)
		return fail(err, len, "--kernel %s: not a kernel release or version (such as 6.1.0-57-amd64 or 5.4)",
			    c->opt.kernel);
	if (module_load(&c->m, c->opt.path, NULL, c->opt.kernel, e))
		return fail(err, len, "%s: %s", c->opt.path, e);
	if (kernel_of(c, err, len) || load_databases(c, err, len))
		return -1;
	c->decided = calloc(c->m.elf.nsyms ? c->m.elf.nsyms : 1, sizeof(*c->decided));
	c->conv = calloc(c->m.elf.nsecs, sizeof(*c->conv));
	if (!c->decided || !c->conv)
		return fail(err, len, "out of memory");
	return 0;
}

const struct kmod *rl_module(const struct rl_ctx *c, const char *obj)
{
	size_t i;

	for (i = 0; i < c->nmods; i++)
		if (strcmp(c->mods[i].object, obj) == 0)
			return &c->mods[i];
	return NULL;
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
	if (c->have_map)
		klp_sysmap_free(&c->map);
	if (c->have_symvers)
		klp_symvers_free(&c->symvers);
	rl_msgs_free(&c->errors);
	rl_msgs_free(&c->notes);
	module_free(&c->m);
	memset(c, 0, sizeof(*c));
}
