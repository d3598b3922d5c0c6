// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * klprel.c - a module's livepatch relocations as the kernel reads them:
 * every relocation of a SHF_RELA_LIVEPATCH section, the object the
 * section's name gives (sscanf ".klp.rela.%55[^.]") and what the symbol's
 * name gives (".klp.sym.%55[^.].%127[^,],%lu", 511 from 6.1), by the
 * kernel's own reads in common/kernel_abi.c.  docs/kernel-abi.md, 12.1
 * and 12.2.
 */
#include "klpcheck.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

const char *klp_rel_symbol(const struct klp_rel *r, char *buf, size_t len)
{
	if (r->fields == 3)
		snprintf(buf, len, "%s.%.*s,%lu", r->symobj, (int)r->namelen, r->name, r->pos);
	else
		snprintf(buf, len, "%s", r->sym->name[0] ? r->sym->name : "(a symbol without a name)");
	return buf;
}

/* The name and position fields: where the name starts in SYM's name, and its length. */
static void read_symbol(const struct module *m, struct klp_rel *k)
{
	char sym[KLP_SYMNAME_MAX + 1];

	k->fields = klp_sym_sscanf(m->rules.kv, k->sym->name, k->symobj, sym, &k->pos);
	if (k->fields < 2)
		return;
	k->name = k->sym->name + strlen(KLP_SYM_PREFIX) + strlen(k->symobj) + 1;
	k->namelen = strlen(sym);
}

int module_read_klp(struct module *m)
{
	const struct ef_file *f = &m->elf;
	size_t i, j, cap = 0;

	for (i = 1; i < f->nsecs; i++) {
		const struct ef_sec *rs = &f->secs[i];
		const struct ef_sec *ts;
		char obj[KLP_OBJECT_MAX + 1] = "";
		bool read;

		if (rs->sh.sh_type != SHT_RELA || !(rs->sh.sh_flags & KLP_SHF_RELA_LIVEPATCH))
			continue;
		read = klp_rela_sscanf(rs->name, obj) == 1;
		ts = &f->secs[rs->sh.sh_info];
		/* The relocations are filed by target; pick this section's, in its order. */
		for (j = 0; j < ts->nrels; j++) {
			const struct ef_rel *r = &ts->rels[j];
			struct klp_rel *grown, *k;

			if (r->relsec != i)
				continue;
			grown = klp_grow(m->klp, &cap, m->nklp + 1, sizeof(*grown));
			if (!grown)
				return -1;
			m->klp = grown;
			k = &m->klp[m->nklp++];
			memset(k, 0, sizeof(*k));
			k->rsec = rs;
			k->rel = r;
			k->index = r->index;
			k->sec_read = read;
			memcpy(k->obj, obj, sizeof(obj));
			k->sym = &f->syms[r->sym];
			read_symbol(m, k);
		}
	}
	return 0;
}
