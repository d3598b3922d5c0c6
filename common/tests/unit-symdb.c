// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the symbol databases: namehash.h, sysmap.h, symvers.h. */
#include "kernel_abi.h"
#include "namehash.h"
#include "symvers.h"
#include "sysmap.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/unit-symdb-XXXXXX";

/* Write TEXT to a file NAME in the scratch directory; returns its path (static buffer). */
static const char *file(const char *name, const char *text)
{
	static char path[4][256];
	static int turn;
	char *p = path[turn++ % 4];
	FILE *f;

	snprintf(p, 256, "%s/%s", dir, name);
	f = fopen(p, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	return p;
}

static void names(void)
{
	struct klp_names h = { 0 };
	char buf[2000][12];
	int i, ok = 1;

	for (i = 0; i < 2000; i++) {
		snprintf(buf[i], sizeof(buf[i]), "sym%d", i);
		ok = ok && klp_names_add(&h, buf[i]) == i;
	}
	UNIT_CHECK("names: numbers in order of addition", ok);
	for (i = 0, ok = 1; i < 2000; i++)
		ok = ok && klp_names_find(&h, buf[i]) == i && klp_names_add(&h, buf[i]) == i;
	UNIT_CHECK("names: found again after growing", ok && h.n == 2000);
	UNIT_CHECK("names: absent", klp_names_find(&h, "sym2000") == -1);
	klp_names_free(&h);
	UNIT_CHECK("names: empty table", klp_names_find(&h, "x") == -1);
}

static const char *err_of(const char *path, long v)
{
	static char err[1024];
	struct klp_sysmap m;

	err[0] = '\0';
	if (klp_sysmap_load(&m, path, v, NULL, err, sizeof(err)) == 0)
		strcpy(err, "(loaded)");
	klp_sysmap_free(&m);
	return err;
}

static void sysmap(void)
{
	struct klp_sysmap m;
	char err[1024];
	const size_t *idx;
	size_t n;
	long v = KLP_KV(6, 1);
	const char *p = file("System.map-6.1.0-57-amd64",
			     "0000000000000000 D fixed_percpu_data\n"
			     "0000000001000000 A phys_startup_64\n"
			     "ffffffff81000000 T _text\n"
			     "ffffffff81000010 W dup\n"
			     "ffffffff81000010 t dup\n"
			     "ffffffff81000020 t single\n"
			     "ffffffff81000030 r __ksymtab_printk\n"
			     "ffffffff81000040 t dup");

	UNIT_CHECK("sysmap: loads", klp_sysmap_load(&m, p, v, NULL, err, sizeof(err)) == 0);
	UNIT_CHECK("sysmap: absolute symbols are not kallsyms symbols", m.nsyms == 7 &&
		   klp_sysmap_find(&m, "phys_startup_64", &idx) == 0);
	n = klp_sysmap_find(&m, "dup", &idx);
	UNIT_CHECK("sysmap: three of one name", n == 3);
	UNIT_CHECK("sysmap: weak after the others at one address, then by address",
		   n == 3 && m.syms[idx[0]].type == 't' && m.syms[idx[1]].type == 'W' &&
		   m.syms[idx[2]].addr == 0xffffffff81000040ull);
	UNIT_CHECK("sysmap: unique name", klp_sysmap_find(&m, "single", &idx) == 1 &&
		   m.syms[idx[0]].line == 6);
	UNIT_CHECK("sysmap: exports from __ksymtab_", klp_names_find(&m.exports, "printk") == 0 &&
		   m.exports.n == 1);
	UNIT_CHECK("sysmap: not a dump", !m.kallsyms_dump);
	UNIT_CHECK_STR("sysmap: release of the file name", klp_sysmap_release_of(p), "6.1.0-57-amd64");
	klp_sysmap_free(&m);

	p = file("kallsyms", "ffffffff81000010 t dup\nffffffff81000000 t dup\n"
			     "ffffffffc0000000 t dup\t[mod]\n");
	UNIT_CHECK("kallsyms dump: loads", klp_sysmap_load(&m, p, v, NULL, err, sizeof(err)) == 0);
	n = klp_sysmap_find(&m, "dup", &idx);
	UNIT_CHECK("kallsyms dump: file order, module symbols skipped", m.kallsyms_dump && n == 2 &&
		   m.syms[idx[0]].addr == 0xffffffff81000010ull);
	klp_sysmap_free(&m);

	UNIT_CHECK_STR("sysmap: bad line names file and line",
		       err_of(file("bad", "ffffffff81000000 T a\nzz T b\n"), v),
		       strcat(strcpy(err, dir), "/bad:2: expected \"ADDRESS TYPE NAME\" (nm -n or /proc/kallsyms), found \"zz T b\""));
	UNIT_CHECK("sysmap: text after the name", strstr(err_of(file("bad2", "ffffffff81000000 T a b\n"), v),
							 "bad2:1: unexpected text after the symbol name in \"ffffffff81000000 T a b\""));
	UNIT_CHECK("sysmap: blank line", strstr(err_of(file("bad3", "ffffffff81000000 T a\n\n"), v),
						"bad3:2: expected"));
	UNIT_CHECK("sysmap: Debian's placeholder",
		   strstr(err_of(file("System.map-6.1.0-57-amd64",
				      "ffffffffffffffff B The real System.map is in the linux-image-<version>-dbg package\n"), v),
			  "System.map-6.1.0-57-amd64: this is Debian's placeholder (\"The real System.map is in the linux-image-<version>-dbg package\"), not a symbol map: the real map is ./usr/lib/debug/boot/System.map-6.1.0-57-amd64 in the package linux-image-6.1.0-57-amd64-dbg; extract it without installing that package: apt-get download linux-image-6.1.0-57-amd64-dbg && dpkg-deb --fsys-tarfile linux-image-6.1.0-57-amd64-dbg_*.deb | tar -x --occurrence=1 ./usr/lib/debug/boot/System.map-6.1.0-57-amd64"));
	UNIT_CHECK("sysmap: hidden addresses",
		   strstr(err_of(file("zero", "0000000000000000 T a\n0000000000000000 t b\n"), v),
			  "every address is 0"));
	UNIT_CHECK("sysmap: empty", strstr(err_of(file("empty", ""), v), "no vmlinux symbol"));
	UNIT_CHECK("sysmap: missing", strstr(err_of("/nonexistent/System.map", v),
					     "/nonexistent/System.map: cannot read: No such file or directory"));
	UNIT_CHECK("sysmap: no release in another name", !klp_sysmap_release_of("/boot/map"));
}

static const char *symvers_err(const char *text)
{
	static char err[1024];
	struct klp_symvers s;

	err[0] = '\0';
	if (klp_symvers_load(&s, file("Module.symvers", text), err, sizeof(err)) == 0)
		strcpy(err, "(loaded)");
	klp_symvers_free(&s);
	return strstr(err, "Module.symvers") ? strstr(err, "Module.symvers") : err;
}

static void symvers(void)
{
	struct klp_symvers s;
	const struct klp_export *e;
	char err[1024];

	UNIT_CHECK("symvers: 5.4 and 6.1 lines",
		   klp_symvers_load(&s, file("Module.symvers",
					      "0x55417264\tunregister_vt_notifier\tvmlinux\tEXPORT_SYMBOL_GPL\t\n"
					      "0x00000001\tshadow_fn\tsamples/livepatch/livepatch-shadow-mod\tEXPORT_SYMBOL\tNS\n"
					      "0x00000002\told\tvmlinux\tEXPORT_SYMBOL\n"
					      "0x00000003\told\tfs/ext4/ext4\tEXPORT_SYMBOL\n"),
				    err, sizeof(err)) == 0);
	e = klp_symvers_find(&s, "unregister_vt_notifier");
	UNIT_CHECK("symvers: vmlinux export", e && e->crc == 0x55417264 && !strcmp(e->object, "vmlinux"));
	e = klp_symvers_find(&s, "shadow_fn");
	UNIT_CHECK("symvers: module export, object name", e && !strcmp(e->object, "livepatch_shadow_mod") &&
		   !strcmp(e->ns, "NS") && e->line == 2);
	e = klp_symvers_find(&s, "old");
	UNIT_CHECK("symvers: 4 fields (before 5.4), first export wins", e && e->line == 3);
	UNIT_CHECK("symvers: counts vmlinux's", s.nvmlinux == 2 && s.n == 3);
	UNIT_CHECK("symvers: absent", !klp_symvers_find(&s, "nope"));
	klp_symvers_free(&s);

	UNIT_CHECK_STR("symvers: too few fields", symvers_err("0x1\ta\tvmlinux\n"),
		       "Module.symvers:1: 3 tab-separated fields, expected 4 or 5 (CRC, symbol, module, export type, namespace)");
	UNIT_CHECK_STR("symvers: too many fields", symvers_err("0x1\ta\tvmlinux\tEXPORT_SYMBOL\t\tx\n"),
		       "Module.symvers:1: 6 tab-separated fields, expected 4 or 5 (CRC, symbol, module, export type, namespace)");
	UNIT_CHECK_STR("symvers: bad CRC", symvers_err("0x1\ta\tvmlinux\tEXPORT_SYMBOL\t\nzz\tb\tvmlinux\tEXPORT_SYMBOL\t\n"),
		       "Module.symvers:2: CRC 'zz' is not a hexadecimal number of at most 8 digits");
	UNIT_CHECK_STR("symvers: bad export type", symvers_err("0x1\ta\tvmlinux\tGPL\t\n"),
		       "Module.symvers:1: export type 'GPL' is not EXPORT_SYMBOL, EXPORT_SYMBOL_GPL or another EXPORT_ kind");
	UNIT_CHECK_STR("symvers: empty symbol", symvers_err("0x1\t\tvmlinux\tEXPORT_SYMBOL\t\n"),
		       "Module.symvers:1: empty symbol field");
	UNIT_CHECK_STR("symvers: bad module name", symvers_err("0x1\ta\tdir/a.b\tEXPORT_SYMBOL\t\n"),
		       "Module.symvers:1: module 'dir/a.b' has a file name no module can have");
	UNIT_CHECK_STR("symvers: empty file", symvers_err(""), "(loaded)");
}

int main(void)
{
	if (!mkdtemp(dir)) {
		printf("FAIL: unit-symdb: no scratch directory\n");
		return 1;
	}
	names();
	sysmap();
	symvers();
	{
		char cmd[300];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("FAIL: unit-symdb: scratch directory %s left\n", dir);
	}
	return unit_failures ? 1 : 0;
}
