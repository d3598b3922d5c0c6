/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * makerec.h - kbuild's own sub-makes, recorded and run again.
 *
 * `make -C TREE path/file.o` spends seconds in the top-level Makefile
 * (dozens of cc-option probes, the prepare checks) before it starts the
 * one sub-make that compiles the file:
 *
 *     make -f ./scripts/Makefile.build obj=fs single-build=1 ...   (5.4)
 *     make -f ./scripts/Makefile.build obj=. ... ./fs/proc/foo.o     (6.1)
 *     make -f ./scripts/Makefile.build obj=fs/proc fs/proc/foo.o     (4.x)
 *
 * with the top level's exported variables as its environment.  Neither
 * the words nor the environment depend on the file's contents, so
 * klp-tag-build records them during the original compile (the top-level
 * make runs with MAKE set to `klp-tag-build --record-make DIR`, which
 * writes one record per sub-make and then runs make itself) and runs the
 * same sub-make again for the patched compile.
 *
 * The record format (this comment is its reference), all NUL-terminated
 * items, nothing after the last:
 *
 *     "klp-make-record 1"  CWD  ARGC  ARG...  ENVC  NAME=VALUE...
 *
 * ARGC and ENVC are decimal (no sign, no leading zero but "0"); ARG are
 * the sub-make's words after "make"; CWD is absolute; every environment
 * entry has a non-empty name before its '='.  Anything else is refused
 * with one sentence naming the item.
 *
 * A Makefile.build descent is a sub-make with "-f" followed by a path
 * ending in "scripts/Makefile.build" and one "obj=DIR", DIR relative.  It
 * builds a source file when the file is under a DIR other than "." (5.4
 * names its targets in KBUILD_SINGLE_TARGETS, 4.x descends into the
 * file's own directory) or when one of its goals is the file's object
 * (6.1 descends from obj=. with "./fs/proc/foo.o"); the prepare steps
 * (obj=scripts/basic, obj=. prepare and the like) build no kernel file.
 * A descent's environment for the second run drops MAKE and, from
 * MAKEFLAGS and MFLAGS, the jobserver's file descriptors (they were the
 * first make's) and the MAKE= override, so that the sub-make and
 * everything under it run plain `make`, exactly as kbuild does.
 *
 * Plain C, no I/O: the caller reads and writes the files.
 */
#ifndef KLP_MAKEREC_H
#define KLP_MAKEREC_H

#include <stdbool.h>
#include <stddef.h>

#define KLP_MAKEREC_MAGIC "klp-make-record 1"
#define KLP_MAKEREC_ERRLEN 160
/* More would be no kbuild sub-make: a bound that keeps a bad count cheap. */
#define KLP_MAKEREC_MAX_ITEMS 65536

struct klp_makerec {
	char *cwd;
	char **argv;	/* argc words, then NULL */
	size_t argc;
	char **env;	/* envc entries, then NULL */
	size_t envc;
};

/* The record of one sub-make, malloc'd into *OUT (*LEN bytes); -1 on bad input or no memory. */
int klp_makerec_format(const char *cwd, const char *const *argv, const char *const *env,
		       char **out, size_t *len);

/* 0, or -1 with ERR set and *R empty. */
int klp_makerec_parse(const char *text, size_t n, struct klp_makerec *r,
		      char err[KLP_MAKEREC_ERRLEN]);
void klp_makerec_free(struct klp_makerec *r);

/* DIR of a Makefile.build descent's obj=DIR ("." too); NULL for any other sub-make. */
const char *klp_makerec_descent(const struct klp_makerec *r);

/* Whether the descent R builds PATH (a tree's "dir/file.c"), by the rule above. */
bool klp_makerec_covers(const struct klp_makerec *r, const char *path);

/*
 * MAKEFLAGS or MFLAGS VALUE without the jobserver words and the MAKE=
 * override, malloc'd; words are separated by unescaped blanks (make's
 * own escape is a backslash) and kept as they are.
 */
char *klp_makerec_flags(const char *value);

/* R's environment for the second run (see above), malloc'd, NULL-terminated; NULL if no memory. */
char **klp_makerec_replay_env(const struct klp_makerec *r);
/* Free a NULL-terminated list of malloc'd strings (the replay environment, a record's lists). */
void klp_makerec_env_free(char **env);

#endif
