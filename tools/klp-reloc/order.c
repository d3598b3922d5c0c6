// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * order.c - alternatives and paravirt sites over klp relocations (issue
 * 15, item 5; docs/kernel-abi.md, sections 1, 12.4 to 12.6).
 *
 * An entry applied before livepatch writes a klp relocation inside the
 * bytes it patches (or inside its replacement code, which it copies) makes
 * the kernel's non-zero check refuse the relocation, or leaves zeros where
 * the address belongs.  4.9 to 5.7 apply object X's .klp.arch sections
 * right after X's klp relocations, so such an entry must sit there.  5.8
 * and later have no such section: vmlinux's klp relocations are written at
 * load, before the alternatives, but a module object's only when it loads,
 * and nothing can defer the patch module's entries until then.
 *
 * --allow-clobber makes these errors warnings and converts anyway: the
 * module then reproduces the kernel's refusal on a test kernel (the
 * testsuite's control build); nothing else is relaxed.
 */
#include "reloc.h"

#include <string.h>

/* Is relocation R of the object converted, and to which target? -1 if not. */
static long converted(const struct rl_ctx *c, const struct ef_rel *r)
{
	const long *conv = c->conv[r->relsec];

	return conv ? conv[r->index] : -1;
}

static void judge(struct rl_ctx *c, const struct entry *e, const struct ef_rel *r,
		  const struct rl_target *t, size_t rshndx, bool replacement)
{
	const char *eobj = e->es->klp ? e->es->obj : NULL;
	const char *kind = e->es->kind == KLP_ENTRY_ALT ? "alternative" : "paravirt site";
	struct rl_msgs *out = c->opt.allow_clobber ? &c->warnings : &c->errors;
	char at[300], rat[300], what[RL_MSG / 2], ft[24];

	if (klp_kernel_applies_klp_arch(c->kv) ? eobj && strcmp(eobj, t->obj) == 0 :
	    strcmp(t->obj, "vmlinux") == 0 && klp_kernel_writes_vmlinux_relas_at_load(c->kv))
		return;
	describe_address(&c->m, e->tshndx, e->taddr, at, sizeof(at));
	describe_address(&c->m, rshndx, r->offset, rat, sizeof(rat));
	snprintf(what, sizeof(what), "the %s at %s (%s entry %zu%s%s) %s a klp relocation against %s's %s at %s",
		 kind, at, e->es->sec->name, (size_t)(e - c->m.entries) - e->es->first,
		 e->es->kind == KLP_ENTRY_ALT ? ", feature " : "",
		 e->es->kind == KLP_ENTRY_ALT ? feature_text(e, ft) : "",
		 replacement ? "copies replacement code that holds" : "patches bytes that hold",
		 t->obj, t->name, rat);
	if (klp_kernel_applies_klp_arch(c->kv))
		rl_msg(out, "%s: it is applied %s%s%s, but livepatch writes the relocations of '%s' later, and then refuses the object (\"Skipping invalid relocation target, existing value is nonzero\")%s: put the entry in .klp.arch.%s.%s, which livepatch applies right after them (the klp_tag plugin does with abi=klp-arch when %s is tagged with object '%s')",
		       what, eobj ? "with the relocations of '" : "when the patch module loads",
		       eobj ? eobj : "", eobj ? "'" : "",
		       t->obj, replacement ? " or runs code with a zero address" : "", t->obj,
		       klp_entry_section(e->es->kind),
		       e->func ? e->func->name : "the function", t->obj);
	else
		rl_msg(out, "%s: on this kernel (no .klp.arch: Linux 5.8 and later) the module loader applies %s when the patch module loads, while livepatch writes the relocations of '%s' only when '%s' loads, so no section name can defer the entry: move the reference to %s out of the %s (for example call a helper outside it, or load the address into a register before it)",
		       what, e->es->sec->name, t->obj, t->obj, t->name, kind);
}

/* Converted relocations overlapping [START, START + LEN) of section S. */
static void check_range(struct rl_ctx *c, const struct entry *e, const struct ef_sec *s,
			uint64_t start, uint64_t len, bool replacement)
{
	size_t i = ef_rel_lower_bound(s, start > 8 ? start - 8 : 0);

	for (; i < s->nrels && s->rels[i].offset < start + len; i++) {
		const struct ef_rel *r = &s->rels[i];
		size_t size = ef_reloc_size(r->type);
		long t = converted(c, r);

		if (t >= 0 && r->offset + (size ? size : 1) > start)
			judge(c, e, r, &c->targets[t], s->index, replacement);
	}
}

int rl_check_order(struct rl_ctx *c)
{
	size_t i, before = c->errors.n, rs;
	uint64_t ra;

	if (!c->nconverted)
		return 0;
	for (i = 0; i < c->m.nentries; i++) {
		const struct entry *e = &c->m.entries[i];
		const struct ef_rel *repl;

		/* Entries the kernel never applies clobber nothing (klp-arch-check says so). */
		if (!e->has_target || !e->es->applied ||
		    (e->es->klp && !klp_kernel_applies_klp_arch(c->kv)))
			continue;
		check_range(c, e, &c->m.elf.secs[e->tshndx], e->taddr, e->patchlen, false);
		if (e->es->kind != KLP_ENTRY_ALT)
			continue;
		repl = ef_rel_at(e->es->sec, e->off + 4);
		if (repl && ef_rel_target(&c->m.elf, repl, &rs, &ra))
			check_range(c, e, &c->m.elf.secs[rs], ra, e->repllen, true);
	}
	return c->errors.n > before ? -1 : 0;
}
