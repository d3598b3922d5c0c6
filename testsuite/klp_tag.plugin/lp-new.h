/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lp-new.h - what a 5.8+ <linux/livepatch.h> declares: no .klp.arch consumer. */
#include "lp-common.h"
