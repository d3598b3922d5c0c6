/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz.h - what every libFuzzer harness of klp-tag shares: a property
 * check that names the harness, the broken property and the values behind
 * it, then aborts, so libFuzzer keeps the input as a reproducer.
 *
 * A harness defines FUZZ_NAME ("fuzz_tagfile") before including this.
 */
#ifndef KLP_FUZZ_H
#define KLP_FUZZ_H

#include <stdio.h>
#include <stdlib.h>

#ifndef FUZZ_NAME
#error "define FUZZ_NAME before including fuzz.h"
#endif

#define CHECK(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, FUZZ_NAME ": property failed: %s: ", #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		abort(); \
	} \
} while (0)

#endif
