// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the .cmd reader and the shell word splitter (kcmd.h).
 *
 * Without arguments: the checks below, on .cmd text written by hand in
 * the forms 4.19, 5.4, 6.1 and 6.2+ kbuild write.  With `--dump FILE`:
 * parse a real .cmd file and print, one item a line,
 *
 *     target T / source S / command C / dep D / wildcard W / word W /
 *     output O / define NAME VALUE (MODULE, KBUILD_MODNAME, KBUILD_BASENAME)
 *
 * for the testsuite's checks against make and /bin/sh; exit 1 with the
 * error on a refused file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kcmd.h"
#include "unit.h"
#include "util.h"

static const char cmd54[] =
	"cmd_fs/proc/meminfo.o := gcc -Wp,-MD,fs/proc/.meminfo.o.d  -nostdinc -isystem "
	"/usr/lib/gcc/x86_64-linux-gnu/12/include -I./arch/x86/include -include "
	"./include/linux/kconfig.h -D__KERNEL__ -O2 -pg -mfentry -DCC_USING_FENTRY    "
	"-DKBUILD_BASENAME='\"meminfo\"' -DKBUILD_MODNAME='\"proc\"' -c -o fs/proc/meminfo.o "
	"fs/proc/meminfo.c\n"
	"\n"
	"source_fs/proc/meminfo.o := fs/proc/meminfo.c\n"
	"\n"
	"deps_fs/proc/meminfo.o := \\\n"
	"    $(wildcard include/config/cma.h) \\\n"
	"    $(wildcard include/config/highmem.h) \\\n"
	"  include/linux/kconfig.h \\\n"
	"    $(wildcard include/config/cpu/big/endian.h) \\\n"
	"  include/linux/compiler_types.h \\\n"
	"\n"
	"fs/proc/meminfo.o: $(deps_fs/proc/meminfo.o)\n"
	"\n"
	"$(deps_fs/proc/meminfo.o):\n";

static const char cmd61[] =
	"cmd_samples/livepatch/livepatch-shadow-mod.o := gcc -Wp,-MMD,samples/livepatch/"
	".livepatch-shadow-mod.o.d -nostdinc -O2 -DMODULE  -DKBUILD_BASENAME='\"livepatch_"
	"shadow_mod\"' -DKBUILD_MODNAME='\"livepatch_shadow_mod\"' -D__KBUILD_MODNAME=kmod_"
	"livepatch_shadow_mod -c -o samples/livepatch/livepatch-shadow-mod.o samples/livepatch/"
	"livepatch-shadow-mod.c  ; ./tools/objtool/objtool --hacks=jump_label --hacks=noinstr "
	"--orc --retpoline --rethunk --sls --static-call --uaccess   --module "
	"samples/livepatch/livepatch-shadow-mod.o\n"
	"\n"
	"source_samples/livepatch/livepatch-shadow-mod.o := samples/livepatch/livepatch-shadow-mod.c\n"
	"\n"
	"deps_samples/livepatch/livepatch-shadow-mod.o := \\\n"
	"  include/linux/compiler-version.h \\\n"
	"    $(wildcard include/config/CC_VERSION_TEXT) \\\n"
	"  include/linux/kconfig.h \\\n"
	"    $(wildcard include/config/CPU_BIG_ENDIAN) \\\n"
	"\n"
	"samples/livepatch/livepatch-shadow-mod.o: $(deps_samples/livepatch/livepatch-shadow-mod.o)\n"
	"\n"
	"$(deps_samples/livepatch/livepatch-shadow-mod.o):\n";

/* Parse TEXT; "error: MESSAGE" or a one-line summary of what it says. */
static char *summary(const char *text)
{
	char err[KLP_KCMD_ERRLEN], *buf = NULL;
	struct klp_kcmd c;
	size_t len = 0, i;
	FILE *out = open_memstream(&buf, &len);

	if (!out)
		return NULL;
	if (klp_kcmd_parse(text, strlen(text), &c, err)) {
		fprintf(out, "error: %s", err);
		if (c.target || c.command || c.deps)
			fprintf(out, " (and fields left)");
	} else {
		fprintf(out, "%s|%s|%s|", c.target, c.source ? c.source : "(none)", c.command);
		for (i = 0; i < c.ndeps; i++)
			fprintf(out, "%s%s", i ? " " : "", c.deps[i]);
		fprintf(out, "|");
		for (i = 0; i < c.nwildcard_deps; i++)
			fprintf(out, "%s%s", i ? " " : "", c.wildcard_deps[i]);
		klp_kcmd_free(&c);
	}
	fclose(out);
	return buf;
}

/* The words of CMD joined by '|', or "error: MESSAGE". */
static char *words(const char *cmd)
{
	char err[KLP_KCMD_ERRLEN], *buf = NULL;
	struct klp_words w;
	size_t len = 0, i;
	FILE *out = open_memstream(&buf, &len);

	if (!out)
		return NULL;
	if (klp_shell_words(cmd, &w, err)) {
		fprintf(out, "error: %s", err);
		if (w.v || w.n)
			fprintf(out, " (and words left)");
	} else {
		for (i = 0; i < w.n; i++)
			fprintf(out, "%s[%s]", i ? " " : "", w.v[i]);
		klp_words_free(&w);
	}
	fclose(out);
	return buf;
}

#define CHECK_SUMMARY(name, text, want) do { \
	char *got_ = summary(text); \
	UNIT_CHECK_STR(name, got_, want); \
	free(got_); \
} while (0)

#define CHECK_WORDS(name, cmd, want) do { \
	char *got_ = words(cmd); \
	UNIT_CHECK_STR(name, got_, want); \
	free(got_); \
} while (0)

static void real_forms(void)
{
	char err[KLP_KCMD_ERRLEN];
	struct klp_kcmd c;
	struct klp_words w;

	UNIT_CHECK("5.4 .cmd parses", klp_kcmd_parse(cmd54, strlen(cmd54), &c, err) == 0);
	UNIT_CHECK_STR("5.4 target", c.target, "fs/proc/meminfo.o");
	UNIT_CHECK_STR("5.4 source", c.source, "fs/proc/meminfo.c");
	UNIT_CHECK("5.4 deps: files and wildcards apart, in order",
		   c.ndeps == 2 && !strcmp(c.deps[0], "include/linux/kconfig.h") &&
		   !strcmp(c.deps[1], "include/linux/compiler_types.h") && c.nwildcard_deps == 3 &&
		   !strcmp(c.wildcard_deps[0], "include/config/cma.h") &&
		   !strcmp(c.wildcard_deps[2], "include/config/cpu/big/endian.h"));
	UNIT_CHECK("5.4 command split", klp_shell_words(c.command, &w, err) == 0 && w.n == 19);
	UNIT_CHECK_STR("5.4 KBUILD_MODNAME", klp_words_define(&w, "KBUILD_MODNAME"), "\"proc\"");
	UNIT_CHECK_STR("5.4 KBUILD_BASENAME", klp_words_define(&w, "KBUILD_BASENAME"),
		       "\"meminfo\"");
	UNIT_CHECK("5.4 vmlinux object: no MODULE", klp_words_define(&w, "MODULE") == NULL);
	UNIT_CHECK_STR("5.4 bare -D is 1", klp_words_define(&w, "CC_USING_FENTRY"), "1");
	UNIT_CHECK("5.4 a prefix of a name is not the name",
		   klp_words_define(&w, "CC_USING") == NULL &&
		   klp_words_define(&w, "KBUILD_MODNAM") == NULL && !klp_words_define(&w, ""));
	UNIT_CHECK_STR("5.4 output", klp_words_output(&w), "fs/proc/meminfo.o");
	UNIT_CHECK_STR("5.4 first word", w.v[0], "gcc");
	UNIT_CHECK_STR("5.4 last word", w.v[w.n - 1], "fs/proc/meminfo.c");
	klp_words_free(&w);
	klp_kcmd_free(&c);
	UNIT_CHECK("freed .cmd is empty", !c.target && !c.deps && !c.ndeps);

	UNIT_CHECK("6.1 .cmd parses", klp_kcmd_parse(cmd61, strlen(cmd61), &c, err) == 0);
	UNIT_CHECK("6.1 wildcards without .h",
		   c.nwildcard_deps == 2 &&
		   !strcmp(c.wildcard_deps[0], "include/config/CC_VERSION_TEXT") && c.ndeps == 2);
	UNIT_CHECK("6.1 command split", klp_shell_words(c.command, &w, err) == 0);
	UNIT_CHECK_STR("6.1 the objtool step is not in the words", w.v[w.n - 1],
		       "samples/livepatch/livepatch-shadow-mod.c");
	UNIT_CHECK_STR("6.1 module object: MODULE", klp_words_define(&w, "MODULE"), "1");
	UNIT_CHECK_STR("6.1 KBUILD_MODNAME", klp_words_define(&w, "KBUILD_MODNAME"),
		       "\"livepatch_shadow_mod\"");
	UNIT_CHECK_STR("6.1 output", klp_words_output(&w), "samples/livepatch/livepatch-shadow-mod.o");
	UNIT_CHECK("6.1 the whole command keeps the objtool step",
		   strstr(c.command, "; ./tools/objtool/objtool --hacks=jump_label") != NULL);
	klp_words_free(&w);
	klp_kcmd_free(&c);

	CHECK_SUMMARY("6.2+: savedcmd_, no source_ or deps_",
		      "savedcmd_vmlinux.o := ld -m elf_x86_64 -r -o vmlinux.o x.o\n",
		      "vmlinux.o|(none)|ld -m elf_x86_64 -r -o vmlinux.o x.o||");
	CHECK_SUMMARY("make escapes: $$, $(pound), \\#",
		      "cmd_t.o := gcc -D\"BUILD_STR(s)=$(pound)s\" -DX='$$HOME' -DY=\\# -c -o t.o t.c\n",
		      "t.o|(none)|gcc -D\"BUILD_STR(s)=#s\" -DX='$HOME' -DY=# -c -o t.o t.c||");
	CHECK_SUMMARY("a one-line deps_ list, several wildcard words",
		      "cmd_a.o := cc -c a.c\ndeps_a.o := a.c b.h $(wildcard x.h  y.h) c.h\n",
		      "a.o|(none)|cc -c a.c|a.c b.h c.h|x.h y.h");
	CHECK_SUMMARY("the deps_ list ends at the first line without a backslash",
		      "cmd_a.o := cc -c a.c\ndeps_a.o := \\\n a.h \\\n b.h\n c.h\n",
		      "a.o|(none)|cc -c a.c|a.h b.h|");
}

static void defines(void)
{
	struct klp_words w;
	char err[KLP_KCMD_ERRLEN];

	UNIT_CHECK("split", klp_shell_words("cc -D A=1 -DB -UB -DC=1 -UC -DC=2 -U D -DD "
					    "-D\"F(x)=(x)+1\" -DG= -oout.o -o real.o -D", &w,
					    err) == 0);
	UNIT_CHECK_STR("-D NAME=VALUE as two words", klp_words_define(&w, "A"), "1");
	UNIT_CHECK("-U after -D undefines", klp_words_define(&w, "B") == NULL);
	UNIT_CHECK_STR("the last one wins", klp_words_define(&w, "C"), "2");
	UNIT_CHECK_STR("-D after -U NAME defines", klp_words_define(&w, "D"), "1");
	UNIT_CHECK_STR("function-like: the body", klp_words_define(&w, "F"), "(x)+1");
	UNIT_CHECK_STR("empty value", klp_words_define(&w, "G"), "");
	UNIT_CHECK("a trailing -D names nothing", klp_words_define(&w, "cc") == NULL);
	UNIT_CHECK_STR("the last -o wins", klp_words_output(&w), "real.o");
	klp_words_free(&w);
	UNIT_CHECK("no -o", klp_shell_words("cc -c x.c -o", &w, err) == 0 &&
			    klp_words_output(&w) == NULL);
	klp_words_free(&w);
	UNIT_CHECK("-oFILE", klp_shell_words("cc -c x.c -ox.o", &w, err) == 0 &&
			     klp_words_output(&w) && !strcmp(klp_words_output(&w), "x.o"));
	klp_words_free(&w);
}

static void splitting(void)
{
	CHECK_WORDS("blanks separate", "  a\tb   c ", "[a] [b] [c]");
	CHECK_WORDS("single quotes are literal", "a 'b \"c\" \\d' e", "[a] [b \"c\" \\d] [e]");
	CHECK_WORDS("double quotes escape only $ ` \" \\ and newline",
		    "\"a\\$b\\`c\\\"d\\\\e\\nf\\\ng\"", "[a$b`c\"d\\e\\nfg]");
	CHECK_WORDS("quotes join with the word around them", "-D'X'=\"y z\"w", "[-DX=y zw]");
	CHECK_WORDS("empty quotes make an empty word", "a '' \"\" b", "[a] [] [] [b]");
	CHECK_WORDS("an unquoted backslash escapes", "a\\ b \\'c \\\nd", "[a b] ['c] [d]");
	CHECK_WORDS("a backslash at the end stays", "a b\\", "[a] [b\\]");
	CHECK_WORDS("; ends the command", "gcc -c x.c; objtool x.o", "[gcc] [-c] [x.c]");
	CHECK_WORDS("&& ends the command", "a b&&c", "[a] [b]");
	CHECK_WORDS("|| ends the command", "a || c", "[a]");
	CHECK_WORDS("| and & end the command", "a|b", "[a]");
	CHECK_WORDS("a newline ends the command", "a b\nc", "[a] [b]");
	CHECK_WORDS("quoted operators are text", "a ';' \"&&\" \\|", "[a] [;] [&&] [|]");
	CHECK_WORDS("# starting a word is a comment", "a #b c", "[a]");
	CHECK_WORDS("# inside a word is text", "a b#c '#d'", "[a] [b#c] [#d]");
	CHECK_WORDS("expansions stay literal", "a $X `b` *.c (x)", "[a] [$X] [`b`] [*.c] [(x)]");
	CHECK_WORDS("redirections and their files are no words",
		    "bison --version >/dev/null 2> err <in x>>y a2>z >&2 b", "[bison] [--version] [x] [a2] [b]");
	CHECK_WORDS("quoted or not all digits: a word before a redirection",
		    "'2'>x 2a>y \\3>z", "[2] [2a] [3]");
	CHECK_WORDS("error: a redirection without a file", "cc -c x.c >",
		    "error: the command has a redirection without a file at byte 11 ('>'): the shell "
		    "would refuse it");
	CHECK_WORDS("error: a redirection before an operator", "cc 2> ; x",
		    "error: the command has a redirection without a file at byte 5 ('> ; x'): the "
		    "shell would refuse it");
	CHECK_WORDS("nothing", "   ", "");
	CHECK_WORDS("error: an unterminated single quote", "gcc -DX='\"proc\" -c",
		    "error: the command has an unterminated single quote at byte 9, before "
		    "'\"proc\" -c': the shell would refuse it");
	CHECK_WORDS("error: an unterminated double quote", "gcc -D\"X -c",
		    "error: the command has an unterminated double quote at byte 7, before 'X -c': "
		    "the shell would refuse it");
}

static void bad_files(void)
{
	CHECK_SUMMARY("error: a .cmd without cmd_ line",
		      "source_a.o := a.c\ndeps_a.o := \\\n a.h\n",
		      "error: line 3: no cmd_TARGET := COMMAND line: this is not a .cmd file kbuild "
		      "wrote for a target");
	CHECK_SUMMARY("error: an empty file", "",
		      "error: line 1: no cmd_TARGET := COMMAND line: this is not a .cmd file kbuild "
		      "wrote for a target");
	CHECK_SUMMARY("error: a second cmd_ line",
		      "cmd_a.o := cc -c a.c\ncmd_b.o := cc -c b.c\n",
		      "error: line 2: a second command line (for b.o), after the one at line 1 for "
		      "a.o: a .cmd file holds the command of one target");
	CHECK_SUMMARY("error: a deps_ list cut short",
		      "cmd_a.o := cc -c a.c\ndeps_a.o := \\\n  a.h \\\n  b.h \\\n",
		      "error: line 4: the deps_ list that starts at line 2 is still continued (a "
		      "trailing backslash) at the end of the file; the .cmd file was cut short");
	CHECK_SUMMARY("error: an unescaped # in the command",
		      "cmd_a.o := cc -DX=# -c a.c\n",
		      "error: line 1: the command has an unescaped '#' (a make comment) at '# -c a.c', "
		      "which kbuild never writes into a .cmd file (it writes '$$' for '$' and "
		      "'$(pound)' for '#')");
	CHECK_SUMMARY("error: a make reference in the command",
		      "cmd_a.o := $(CC) -c a.c\n",
		      "error: line 1: the command has a make reference at '$(CC) -c a.c', which kbuild "
		      "never writes into a .cmd file (it writes '$$' for '$' and '$(pound)' for '#')");
	CHECK_SUMMARY("error: an empty command", "cmd_a.o := \n",
		      "error: line 1: the command of a.o is empty");
	CHECK_SUMMARY("error: source_ of another target",
		      "cmd_a.o := cc -c a.c\nsource_b.o := b.c\n",
		      "error: line 2: source_b.o is not the source of a.o, the target of the command "
		      "at line 1");
	CHECK_SUMMARY("error: deps_ of another target",
		      "deps_b.o := b.c\ncmd_a.o := cc -c a.c\n",
		      "error: line 1: deps_b.o are not the dependencies of a.o, the target of the "
		      "command at line 2");
	CHECK_SUMMARY("error: a second source_ line",
		      "cmd_a.o := cc -c a.c\nsource_a.o := a.c\nsource_a.o := a.c\n",
		      "error: line 3: a second source_ line, after the one at line 2");
	CHECK_SUMMARY("error: a second deps_ list",
		      "cmd_a.o := cc -c a.c\ndeps_a.o := a.c\ndeps_a.o := a.c\n",
		      "error: line 3: a second deps_ list, after the one at line 2");
}

static int dump_file(const char *path)
{
	char err[KLP_KCMD_ERRLEN], *text;
	const char *names[] = { "MODULE", "KBUILD_MODNAME", "KBUILD_BASENAME" };
	struct klp_kcmd c;
	struct klp_words w;
	size_t len, i;
	int e = klp_read_file(path, &text, &len);

	if (e) {
		fprintf(stderr, "unit-kcmd: cannot read %s: %s\n", path, strerror(e));
		return 2;
	}
	if (klp_kcmd_parse(text, len, &c, err)) {
		fprintf(stderr, "unit-kcmd: %s: %s\n", path, err);
		free(text);
		return 1;
	}
	free(text);
	printf("target %s\n", c.target);
	if (c.source)
		printf("source %s\n", c.source);
	printf("command %s\n", c.command);
	for (i = 0; i < c.ndeps; i++)
		printf("dep %s\n", c.deps[i]);
	for (i = 0; i < c.nwildcard_deps; i++)
		printf("wildcard %s\n", c.wildcard_deps[i]);
	if (klp_shell_words(c.command, &w, err)) {
		fprintf(stderr, "unit-kcmd: %s: %s\n", path, err);
		klp_kcmd_free(&c);
		return 1;
	}
	for (i = 0; i < w.n; i++)
		printf("word %s\n", w.v[i]);
	if (klp_words_output(&w))
		printf("output %s\n", klp_words_output(&w));
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (klp_words_define(&w, names[i]))
			printf("define %s %s\n", names[i], klp_words_define(&w, names[i]));
	klp_words_free(&w);
	klp_kcmd_free(&c);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--dump") == 0)
		return dump_file(argv[2]);
	real_forms();
	defines();
	splitting();
	bad_files();
	return unit_failures ? 1 : 0;
}
