// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz_reloc.c - libFuzzer harness for klp-reloc on arbitrary ELF bytes.
 *
 * The input is the object to convert, against a small fixed target kernel
 * (a System.map and a Module.symvers written once).  The last byte picks
 * the kernel (5.4 or 6.1) and the mode (convert, --for-link, --restore).
 * Beyond "no crash, no leak, no half-written file":
 *   - a refused input or a conversion error comes with a message;
 *   - a written file is valid for the checker's ELF layer (ef_open());
 *   - every converted relocation appears exactly once: in a .klp.rela
 *     section (or, --for-link, in place), the others stay where they were,
 *     and the relocation count is the input's;
 *   - every section but the symbol, string and changed relocation tables
 *     keeps its header fields and bytes;
 *   - converting the result again finds nothing to do.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FUZZ_NAME "fuzz_reloc"
#include "fuzz.h"
#include "reloc.h"

static const char MAP[] =
	"ffffffff81000000 T _text\n"
	"ffffffff81000010 t cmdline_proc_show\n"
	"ffffffff81000020 t state_show\n"
	"ffffffff81000030 t state_show\n"
	"ffffffff81000040 T printk\n"
	"ffffffff81000050 r __ksymtab_printk\n"
	"ffffffff81000060 T kfree\n"
	"ffffffff81000070 r __ksymtab_kfree\n"
	"ffffffff82000000 B saved_command_line\n";
static const char SYMVERS[] =
	"0x00000001\tprintk\tvmlinux\tEXPORT_SYMBOL\t\n"
	"0x00000002\tkfree\tvmlinux\tEXPORT_SYMBOL_GPL\t\n";

static char dir[] = "/tmp/fuzz_reloc.XXXXXX";
static int ready;
static char in[64], out[64], map[64], symvers[64];

static void write_file(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	CHECK(f && fwrite(data, 1, size, f) == size && fclose(f) == 0, "cannot write %s", path);
}

static void setup(void)
{
	CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	snprintf(in, sizeof(in), "%s/in.o", dir);
	snprintf(out, sizeof(out), "%s/out.o", dir);
	snprintf(map, sizeof(map), "%s/map", dir);
	snprintf(symvers, sizeof(symvers), "%s/Module.symvers", dir);
	write_file(map, MAP, sizeof(MAP) - 1);
	write_file(symvers, SYMVERS, sizeof(SYMVERS) - 1);
	ready = 1;
}

static size_t relocations(const struct ef_file *f, bool livepatch)
{
	size_t i, n = 0;

	for (i = 1; i < f->nsecs; i++)
		if (f->secs[i].sh.sh_type == SHT_RELA &&
		    !(f->secs[i].sh.sh_flags & KLP_SHF_RELA_LIVEPATCH) == !livepatch)
			n += f->secs[i].sh.sh_size / sizeof(Elf64_Rela);
	return n;
}

static bool changed_by_writer(const struct rl_ctx *c, size_t i)
{
	const struct ef_sec *s = &c->m.elf.secs[i];

	return s->sh.sh_type == SHT_SYMTAB || s->sh.sh_type == SHT_STRTAB ||
	       s->sh.sh_type == SHT_SYMTAB_SHNDX || c->conv[i];
}

/* The properties of a written OUT against the input of C. */
static void check_output(const struct rl_ctx *c)
{
	struct ef_file o;
	char err[EF_ERRLEN];
	size_t i, klp_in = relocations(&c->m.elf, true), all_in = klp_in + relocations(&c->m.elf, false);

	CHECK(ef_open(&o, out, err) == 0, "the output is refused: %s", err);
	CHECK(o.nsecs >= c->m.elf.nsecs, "sections lost");
	CHECK(relocations(&o, false) + relocations(&o, true) == all_in,
	      "%zu relocations in, %zu out", all_in, relocations(&o, false) + relocations(&o, true));
	if (!c->opt.for_link)
		CHECK(relocations(&o, true) == klp_in + c->nconverted,
		      "%zu converted, %zu livepatch relocations before, %zu after", c->nconverted,
		      klp_in, relocations(&o, true));
	for (i = 1; i < c->m.elf.nsecs; i++) {
		const struct ef_sec *a = &c->m.elf.secs[i], *b = &o.secs[i];

		if (changed_by_writer(c, i))
			continue;
		CHECK(a->sh.sh_type == b->sh.sh_type && a->sh.sh_flags == b->sh.sh_flags &&
		      a->sh.sh_size == b->sh.sh_size && a->sh.sh_link == b->sh.sh_link &&
		      a->sh.sh_info == b->sh.sh_info && a->sh.sh_addralign == b->sh.sh_addralign &&
		      strcmp(a->name, b->name) == 0, "section %zu (%s) header changed", i, a->name);
		CHECK(a->size == b->size && (!a->size || memcmp(a->data, b->data, a->size) == 0),
		      "section %zu (%s) bytes changed", i, a->name);
	}
	ef_close(&o);
}

/* Convert PATH with the options of PICK; the context stays open for the caller. */
static int convert(struct rl_ctx *c, const char *path, const char *dest, unsigned pick)
{
	char err[RL_MSG];
	size_t first;

	memset(c, 0, sizeof(*c));
	c->opt.path = path;
	c->opt.out = dest;
	c->opt.kernel = pick & 1 ? "6.1.0-57-amd64" : "5.4.286-klptest";
	c->opt.restore = (pick >> 1) % 3 == 2;
	c->opt.for_link = (pick >> 1) % 3 == 1;
	if (!c->opt.restore) {
		c->opt.symbols = map;
		c->opt.symvers = symvers;
	}
	err[0] = '\0';
	if (rl_open(c, err, sizeof(err))) {
		CHECK(err[0], "refusal without a reason");
		return -1;
	}
	if ((rl_plan(c) | rl_check_releases(c, &first)) || rl_check_order(c)) {
		CHECK(c->errors.n || c->errors.out_of_memory, "an error without a message");
		return -1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rl_ctx c, again;
	char err[RL_MSG];
	unsigned pick = size ? data[size - 1] : 0;

	if (!ready)
		setup();
	write_file(in, data, size);
	unlink(out);
	if (convert(&c, in, out, pick) == 0 && c.nconverted) {
		err[0] = '\0';
		if (rl_write(&c, err, sizeof(err)) == 0) {
			check_output(&c);
			/* Converting the result again: nothing left (--for-link leaves it in place). */
			if (!c.opt.for_link) {
				if (convert(&again, out, NULL, pick) == 0)
					CHECK(again.nconverted == 0, "%zu more conversions of the output",
					      again.nconverted);
				rl_close(&again);
			}
		} else {
			CHECK(err[0], "a write failed without a reason");
			CHECK(access(out, F_OK) != 0, "a failed write left %s", out);
		}
	}
	rl_close(&c);
	return 0;
}
