/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * unit.h - the unit tests' reporting, one "PASS: name" or "FAIL: name: why"
 * line per check, which the DejaGnu driver (testsuite/klp_tag.unit) turns
 * into results of the project's one test report.
 */
#ifndef KLP_UNIT_H
#define KLP_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_failures;

#define UNIT_CHECK(name, cond)                                                 \
	do {                                                                   \
		if (cond) {                                                    \
			printf("PASS: %s\n", name);                            \
		} else {                                                       \
			printf("FAIL: %s: %s (%s:%d)\n", name, #cond, __FILE__, \
			       __LINE__);                                      \
			unit_failures++;                                       \
		}                                                              \
	} while (0)

#define UNIT_CHECK_STR(name, got, want)                                        \
	do {                                                                   \
		const char *unit_got_ = (got), *unit_want_ = (want);           \
		if (unit_got_ && unit_want_ && strcmp(unit_got_, unit_want_) == 0) { \
			printf("PASS: %s\n", name);                            \
		} else {                                                       \
			printf("FAIL: %s: got \"%s\", want \"%s\" (%s:%d)\n",  \
			       name, unit_got_ ? unit_got_ : "(null)",         \
			       unit_want_ ? unit_want_ : "(null)", __FILE__,   \
			       __LINE__);                                      \
			unit_failures++;                                       \
		}                                                              \
	} while (0)

#endif
