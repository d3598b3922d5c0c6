// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of kbuild's recorded sub-makes (makerec.h). */
#include "makerec.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>

/* The sub-make 5.4's `make -C TREE fs/proc/cmdline.o` runs, as recorded. */
static const char *const descent54[] = {
	"-f", "./scripts/Makefile.build", "obj=fs", "single-build=1", "need-builtin=1",
	"need-modorder=1", NULL
};
static const char *const env54[] = {
	"PATH=/usr/bin:/bin",
	"MAKELEVEL=1",
	"KBUILD_SINGLE_TARGETS=fs/proc/cmdline.o",
	"MAKE=/usr/bin/klp-tag-build --record-make /w/make-record",
	"MAKEFLAGS=rRs -j2 --jobserver-auth=3,4 --no-print-directory -- "
	"MAKE=/usr/bin/klp-tag-build\\ --record-make\\ /w/make-record "
	"KCFLAGS=-fplugin=/p/klp_tag.so\\ -fplugin-arg-klp_tag-describe CC=gcc",
	"MFLAGS=-rRs -j2 --jobserver-auth=3,4 --no-print-directory",
	"EMPTY=",
	NULL
};

/* Format then parse; the parse error, or "" with R filled in. */
static const char *round_trip(const char *cwd, const char *const *argv, const char *const *env,
			      struct klp_makerec *r)
{
	static char err[KLP_MAKEREC_ERRLEN];
	char *text;
	size_t n;

	if (klp_makerec_format(cwd, argv, env, &text, &n))
		return "format refused";
	if (klp_makerec_parse(text, n, r, err)) {
		free(text);
		return err;
	}
	free(text);
	return "";
}

static void formats(void)
{
	struct klp_makerec r;
	static const char *const none[] = { NULL };
	static const char *const bad_env[] = { "=x", NULL };
	static const char *const no_eq[] = { "PATH", NULL };
	char *text;
	size_t n;

	UNIT_CHECK_STR("makerec: a 5.4 descent round-trips",
		       round_trip("/cache/src", descent54, env54, &r), "");
	UNIT_CHECK_STR("makerec: its directory", r.cwd, "/cache/src");
	UNIT_CHECK("makerec: its words", r.argc == 6 && !strcmp(r.argv[2], "obj=fs") &&
		   r.argv[6] == NULL);
	UNIT_CHECK("makerec: its environment, empty values kept",
		   r.envc == 7 && !strcmp(r.env[6], "EMPTY=") && r.env[7] == NULL);
	klp_makerec_free(&r);

	UNIT_CHECK_STR("makerec: no words, no environment", round_trip("/", none, none, &r), "");
	UNIT_CHECK("makerec: empty lists", r.argc == 0 && r.envc == 0 && r.argv && !r.argv[0]);
	klp_makerec_free(&r);

	UNIT_CHECK_STR("makerec: exact bytes", (klp_makerec_format("/t", descent54 + 5, none, &text,
								   &n), text),
		       "klp-make-record 1");
	UNIT_CHECK("makerec: NUL-separated items, nothing after the last",
		   n == sizeof("klp-make-record 1\0/t\0001\0need-modorder=1\0000") &&
		   !memcmp(text, "klp-make-record 1\0/t\0001\0need-modorder=1\0000",
			   n));
	free(text);
	UNIT_CHECK("makerec: a relative directory is not formatted",
		   klp_makerec_format("t", none, none, &text, &n) == -1 && !text);
	UNIT_CHECK("makerec: a nameless entry is not formatted",
		   klp_makerec_format("/t", none, bad_env, &text, &n) == -1);
	UNIT_CHECK("makerec: an entry without = is not formatted",
		   klp_makerec_format("/t", none, no_eq, &text, &n) == -1);
}

static const char *err_of(const char *text, size_t n)
{
	static char err[KLP_MAKEREC_ERRLEN];
	struct klp_makerec r;

	if (klp_makerec_parse(text, n, &r, err))
		return err;
	klp_makerec_free(&r);
	return "";
}

#define ERR_OF(lit) err_of(lit, sizeof(lit) - 1)

static void bad_input(void)
{
	UNIT_CHECK_STR("makerec: empty", err_of("", 0),
		       "item 1 (the header): missing: the record ends early");
	UNIT_CHECK_STR("makerec: another header", ERR_OF("klp-make-record 2\0/\0" "0\0" "0\0"),
		       "item 1 (the header): not \"klp-make-record 1\"");
	UNIT_CHECK_STR("makerec: a relative directory", ERR_OF("klp-make-record 1\0src\0" "0\0" "0\0"),
		       "item 2 (the directory): \"src\" is not absolute");
	UNIT_CHECK_STR("makerec: a signed count", ERR_OF("klp-make-record 1\0/\0-1\0"),
		       "item 3 (the word count): \"-1\" is no count of at most 65536");
	UNIT_CHECK_STR("makerec: a leading zero", ERR_OF("klp-make-record 1\0/\0" "01\0x\0" "0\0"),
		       "item 3 (the word count): \"01\" is no count of at most 65536");
	UNIT_CHECK_STR("makerec: too many words", ERR_OF("klp-make-record 1\0/\0" "99999\0"),
		       "item 3 (the word count): \"99999\" is no count of at most 65536");
	UNIT_CHECK_STR("makerec: fewer words than counted", ERR_OF("klp-make-record 1\0/\0" "2\0x\0"),
		       "item 5 (a word): missing: the record ends early");
	UNIT_CHECK_STR("makerec: the last item unterminated",
		       ERR_OF("klp-make-record 1\0/\0" "1\0x\0" "1\0A=b"),
		       "item 6 (an environment entry): not NUL-terminated");
	UNIT_CHECK_STR("makerec: an entry without =",
		       ERR_OF("klp-make-record 1\0/\0" "0\0" "1\0PATH\0"),
		       "item 5 (an environment entry): \"PATH\" is no NAME=VALUE entry");
	UNIT_CHECK_STR("makerec: a nameless entry", ERR_OF("klp-make-record 1\0/\0" "0\0" "1\0=x\0"),
		       "item 5 (an environment entry): \"=x\" is no NAME=VALUE entry");
	UNIT_CHECK_STR("makerec: bytes after the end",
		       ERR_OF("klp-make-record 1\0/\0" "0\0" "0\0junk"),
		       "4 bytes after the last environment entry");
	UNIT_CHECK_STR("makerec: a count that is no number", ERR_OF("klp-make-record 1\0/\0x\0"),
		       "item 3 (the word count): \"x\" is no count of at most 65536");
}

/* The descent's directory of a record with words W (NULL-terminated), or "-". */
static const char *descent_of(const char *const *w)
{
	static char dir[64];
	struct klp_makerec r = { 0 };
	const char *d;

	for (r.argc = 0; w[r.argc]; r.argc++)
		;
	r.argv = (char **)w;
	d = klp_makerec_descent(&r);
	snprintf(dir, sizeof(dir), "%s", d ? d : "-");
	return dir;
}

static bool covers(const char *const *w, const char *path)
{
	struct klp_makerec r = { 0 };

	for (r.argc = 0; w[r.argc]; r.argc++)
		;
	r.argv = (char **)w;
	return klp_makerec_covers(&r, path);
}

static void descents(void)
{
	static const char *const d4[] = { "-f", "./scripts/Makefile.build", "obj=fs/proc",
					  "fs/proc/cmdline.o", NULL };
	static const char *const abs_build[] = { "-f", "/src/scripts/Makefile.build", "obj=kernel/",
						 NULL };
	static const char *const d61[] = { "-f", "./scripts/Makefile.build", "obj=.",
					   "need-builtin=1", "need-modorder=1", "./fs/proc/cmdline.o",
					   "./kernel/fork.o", NULL };
	static const char *const prep_dot[] = { "-f", "./scripts/Makefile.build", "obj=.",
						"missing-syscalls", NULL };
	static const char *const prep_basic[] = { "-f", "./scripts/Makefile.build",
						  "obj=scripts/basic", NULL };
	static const char *const top[] = { "-f", "./Makefile", "syncconfig", NULL };
	static const char *const clean[] = { "-f", "./scripts/Makefile.clean", "obj=fs", NULL };
	static const char *const other_build[] = { "-f", "./scripts/Makefile.builder", "obj=fs",
						   NULL };
	static const char *const two[] = { "-f", "./scripts/Makefile.build", "obj=fs", "obj=mm",
					   NULL };
	static const char *const absolute[] = { "-f", "./scripts/Makefile.build", "obj=/fs", NULL };
	static const char *const no_f[] = { "obj=fs", NULL };
	static const char *const f_last[] = { "obj=fs", "-f", NULL };

	UNIT_CHECK_STR("makerec: 5.4's single-build descent", descent_of(descent54), "fs");
	UNIT_CHECK_STR("makerec: 4.x's descent into the file's directory", descent_of(d4),
		       "fs/proc");
	UNIT_CHECK_STR("makerec: Makefile.build by absolute path", descent_of(abs_build), "kernel/");
	UNIT_CHECK_STR("makerec: 6.1's descent from obj=.", descent_of(d61), ".");
	UNIT_CHECK_STR("makerec: the prepare step obj=. is one too", descent_of(prep_dot), ".");
	UNIT_CHECK_STR("makerec: the top Makefile again is none", descent_of(top), "-");
	UNIT_CHECK_STR("makerec: Makefile.clean is none", descent_of(clean), "-");
	UNIT_CHECK_STR("makerec: another Makefile is none", descent_of(other_build), "-");
	UNIT_CHECK_STR("makerec: two obj= are none", descent_of(two), "-");
	UNIT_CHECK_STR("makerec: an absolute obj= is none", descent_of(absolute), "-");
	UNIT_CHECK_STR("makerec: no -f is none", descent_of(no_f), "-");
	UNIT_CHECK_STR("makerec: -f without a file is none", descent_of(f_last), "-");
	UNIT_CHECK_STR("makerec: a prepare descent is one", descent_of(prep_basic), "scripts/basic");

	UNIT_CHECK("makerec: obj=fs covers fs/proc/cmdline.c", covers(descent54, "fs/proc/cmdline.c"));
	UNIT_CHECK("makerec: obj=fs does not cover fsx/a.c", !covers(descent54, "fsx/a.c"));
	UNIT_CHECK("makerec: obj=fs does not cover fs itself", !covers(descent54, "fs") &&
		   !covers(descent54, "fs/"));
	UNIT_CHECK("makerec: obj=kernel/ covers kernel/fork.c", covers(abs_build, "kernel/fork.c"));
	UNIT_CHECK("makerec: obj=scripts/basic does not cover fs/a.c",
		   !covers(prep_basic, "fs/a.c"));
	UNIT_CHECK("makerec: obj=. covers the objects it is asked for",
		   covers(d61, "fs/proc/cmdline.c") && covers(d61, "kernel/fork.c"));
	UNIT_CHECK("makerec: obj=. covers no other file", !covers(d61, "fs/proc/meminfo.c") &&
		   !covers(d61, "fs/proc/cmdline.h") && !covers(d61, "fs/proc/cmdline"));
	UNIT_CHECK("makerec: 4.x's goal covers its file", covers(d4, "fs/proc/cmdline.c"));
	UNIT_CHECK("makerec: obj=. prepare covers nothing", !covers(prep_dot, "a.c") &&
		   !covers(prep_dot, "missing-syscalls.c"));
	UNIT_CHECK("makerec: no descent covers nothing", !covers(top, "fs/a.c") &&
		   !covers(clean, "fs/a.c"));
}

static const char *flags(const char *v)
{
	static char buf[512];
	char *f = klp_makerec_flags(v);

	snprintf(buf, sizeof(buf), "%s", f ? f : "(null)");
	free(f);
	return buf;
}

static void replay(void)
{
	struct klp_makerec r = { 0 };
	char **env;

	UNIT_CHECK_STR("makerec: MAKEFLAGS without the jobserver and MAKE=",
		       flags("rRs -j2 --jobserver-auth=3,4 --no-print-directory -- "
			     "MAKE=/usr/bin/klp-tag-build\\ --record-make\\ /w/r "
			     "KCFLAGS=-fplugin=/p\\ -x CC=gcc"),
		       "rRs -j2 --no-print-directory -- KCFLAGS=-fplugin=/p\\ -x CC=gcc");
	UNIT_CHECK_STR("makerec: make 4.1's --jobserver-fds", flags("-j2 --jobserver-fds=3,4 -- CC=gcc"),
		       "-j2 -- CC=gcc");
	UNIT_CHECK_STR("makerec: a lone -- left goes", flags("rRs -j2 --jobserver-auth=3,4 -- MAKE=x"),
		       "rRs -j2");
	UNIT_CHECK_STR("makerec: only -- left goes", flags("-- MAKE=x"), "");
	UNIT_CHECK_STR("makerec: MAKE= before -- is a flag, kept", flags("MAKE=x -- CC=gcc"),
		       "MAKE=x -- CC=gcc");
	UNIT_CHECK_STR("makerec: blanks collapse", flags("  rRs   -j2  "), "rRs -j2");
	UNIT_CHECK_STR("makerec: empty", flags(""), "");
	UNIT_CHECK_STR("makerec: a trailing backslash", flags("-- A=b\\"), "-- A=b\\");

	UNIT_CHECK_STR("makerec: the record to replay", round_trip("/s", descent54, env54, &r), "");
	env = klp_makerec_replay_env(&r);
	UNIT_CHECK("makerec: the replay environment", env != NULL);
	if (env) {
		UNIT_CHECK_STR("makerec: PATH kept", env[0], "PATH=/usr/bin:/bin");
		UNIT_CHECK_STR("makerec: MAKELEVEL kept", env[1], "MAKELEVEL=1");
		UNIT_CHECK_STR("makerec: the single targets kept", env[2],
			       "KBUILD_SINGLE_TARGETS=fs/proc/cmdline.o");
		UNIT_CHECK_STR("makerec: MAKE dropped, MAKEFLAGS rewritten", env[3],
			       "MAKEFLAGS=rRs -j2 --no-print-directory -- "
			       "KCFLAGS=-fplugin=/p/klp_tag.so\\ -fplugin-arg-klp_tag-describe CC=gcc");
		UNIT_CHECK_STR("makerec: MFLAGS rewritten", env[4],
			       "MFLAGS=-rRs -j2 --no-print-directory");
		UNIT_CHECK("makerec: nothing else", !strcmp(env[5], "EMPTY=") && env[6] == NULL);
	}
	klp_makerec_env_free(env);
	klp_makerec_free(&r);
}

int main(void)
{
	formats();
	bad_input();
	descents();
	replay();
	return unit_failures ? 1 : 0;
}
