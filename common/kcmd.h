/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kcmd.h - kbuild's .cmd files: what kbuild ran to make a target and
 * what the target depends on.
 *
 * `make path/foo.o` leaves path/.foo.o.cmd, a makefile fragment:
 *
 *     cmd_path/foo.o := gcc -Wp,-MMD,path/.foo.o.d -nostdinc ... -c -o path/foo.o path/foo.c  ; ./tools/objtool/objtool ...
 *     source_path/foo.o := path/foo.c
 *     deps_path/foo.o := \
 *       include/linux/kconfig.h \
 *       $(wildcard include/config/foo.h) \
 *       ...
 *     path/foo.o: $(deps_path/foo.o)
 *     $(deps_path/foo.o):
 *
 * Older kernels (4.9) write "cmd_path/foo.o := ..." the same way; 6.1
 * spells wildcard dependencies $(wildcard include/config/FOO) without .h.
 * Make's escapes in the command ("$$" for "$", "\#" for "#") are undone.
 *
 * The command is also split into shell words, the way the shell that
 * kbuild runs it with would: '...' and "..." quoting, backslash escapes,
 * and the first unquoted ';', '&&' or '||' ending the compiler command
 * (objtool, genksyms and ld steps follow it).  Expansions ($VAR, `...`,
 * globbing) are kept as literal text: kbuild's compile commands have
 * none.
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
	char **deps;		/* deps_ entries: real files first, in file order */
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

/* The words of the first command of CMD (up to the first unquoted ';', '&&' or '||'). */
struct klp_words {
	char **v;
	size_t n;
};

/*
 * Split the first command of CMD into shell words.  Returns 0, or -1 with
 * ERR saying why (an unterminated quote, out of memory).
 */
int klp_shell_words(const char *cmd, struct klp_words *w, char err[KLP_KCMD_ERRLEN]);
void klp_words_free(struct klp_words *w);

/*
 * What a compile command says about its unit: the value of -DNAME=VALUE
 * (or "-D NAME=VALUE"; "1" for a bare -DNAME), NULL when it is not
 * defined (a later -UNAME undefines it).  The value is returned as the
 * compiler sees it, shell quoting removed: "\"proc\"" for
 * -DKBUILD_MODNAME='"proc"'.
 */
const char *klp_words_define(const struct klp_words *w, const char *name);
/* The word after "-o", NULL when there is none. */
const char *klp_words_output(const struct klp_words *w);

#ifdef __cplusplus
}
#endif
#endif
