/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kcmd.h - kbuild's .cmd files: what kbuild ran to make a target and
 * what the target depends on.
 *
 * `make path/foo.o` leaves path/.foo.o.cmd, a makefile fragment:
 *
 *     cmd_path/foo.o := gcc -Wp,-MD,path/.foo.o.d -nostdinc ... -c -o path/foo.o path/foo.c
 *
 *     source_path/foo.o := path/foo.c
 *
 *     deps_path/foo.o := \
 *         $(wildcard include/config/foo.h) \
 *       include/linux/kconfig.h \
 *       ...
 *
 *     path/foo.o: $(deps_path/foo.o)
 *
 *     $(deps_path/foo.o):
 *
 * The rules (this comment is their reference):
 *
 * - The file is text (a NUL byte is refused), lines end with "\n".
 * - One cmd_TARGET line (savedcmd_TARGET from Linux 6.2 on) gives the
 *   target and the command; a file without one, or with a second one, is
 *   refused.  source_TARGET and deps_TARGET lines, where present, must name
 *   the same target.  Other lines (the rules that use deps_, blank lines)
 *   are skipped.
 * - The command is the rest of the line after " := ", leading blanks
 *   removed, with make's escapes undone: "$$" is "$", "$(pound)" (how
 *   4.19 to 6.x write '#') and "\#" (make's own escape) are "#".  An
 *   unescaped '#' would start a make comment and any other '$' a make
 *   reference: kbuild writes neither, so both are refused.  Linux 6.1
 *   appends the objtool step ("; ./tools/objtool/objtool ...") to an
 *   object's command; 5.4 runs objtool in a rule of its own.
 * - deps_TARGET is a list of words continued with a trailing backslash:
 *   file names (deps, in file order) and "$(wildcard X)" entries (X in
 *   wildcard_deps, in file order): "include/config/foo.h" up to 5.x,
 *   "include/config/FOO" on 6.1.  A list still continued at the end of the
 *   file is refused.
 *
 * The command is also split into shell words the way /bin/sh (dash) does
 * when kbuild runs it: blanks separate words; '...' takes everything
 * literally; "..." too, except that a backslash before $ ` " \ or a
 * newline escapes it; an unquoted backslash escapes the next character
 * (a backslash at the very end stays itself); an unquoted '#' starting a
 * word starts a comment.  The first unquoted ';', '&', '|', "&&", "||"
 * or newline ends the compiler command: what follows (objtool, genksyms,
 * ld steps) is not in its words.  A redirection (N>FILE, >>FILE, >&N,
 * <FILE, ...) is no word, nor is its file ("bison --version >/dev/null"
 * is two words); one without a file is refused.  Expansions ($VAR,
 * `...`, globbing) and parentheses are kept as literal text: kbuild's
 * compile commands have none.
 *
 * Plain C; errors are returned as one sentence naming the line.
 */
#ifndef KLP_KCMD_H
#define KLP_KCMD_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KLP_KCMD_ERRLEN 512

struct klp_kcmd {
	char *target;		/* "path/foo.o", from the cmd_ line */
	char *command;		/* the whole command, make escapes undone */
	char *source;		/* source_ line, or NULL when there is none */
	char **deps;		/* the deps_ files, in file order */
	size_t ndeps;
	char **wildcard_deps;	/* the $(wildcard X) entries, X only */
	size_t nwildcard_deps;
};

/*
 * Parse LEN bytes of a .cmd file.  Returns 0, or -1 with ERR holding
 * "line N: why" (no cmd_ line, a second cmd_ line for another target,
 * an unterminated deps_ list, ...).
 */
int klp_kcmd_parse(const char *text, size_t len, struct klp_kcmd *c, char err[KLP_KCMD_ERRLEN]);
void klp_kcmd_free(struct klp_kcmd *c);

/* The words of the first command of CMD (up to the first unquoted control operator). */
struct klp_words {
	char **v;
	size_t n;
};

/*
 * Split the first command of CMD into shell words.  Returns 0, or -1 with
 * ERR saying why (an unterminated quote, a redirection without a file,
 * out of memory); *W is then empty.
 */
int klp_shell_words(const char *cmd, struct klp_words *w, char err[KLP_KCMD_ERRLEN]);
void klp_words_free(struct klp_words *w);

/*
 * What a compile command says about its unit: the value of -DNAME=VALUE
 * (or "-D NAME=VALUE"; "1" for a bare -DNAME), NULL when it is not
 * defined (-UNAME or "-U NAME" undefines it; the last of them wins, as
 * in GCC).  A function-like -D"NAME(ARGS)=BODY" defines NAME too; its
 * value is BODY.  The value is returned as the compiler sees it, shell
 * quoting removed: "\"proc\"" for -DKBUILD_MODNAME='"proc"'.
 */
const char *klp_words_define(const struct klp_words *w, const char *name);
/* The output: the word after the last "-o" (or the rest of "-oFILE"), NULL when there is none. */
const char *klp_words_output(const struct klp_words *w);

#ifdef __cplusplus
}
#endif
#endif
