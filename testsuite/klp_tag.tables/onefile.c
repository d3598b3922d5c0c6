// SPDX-License-Identifier: GPL-2.0-or-later
/* The same patch as one file: the layout where a unit's tables always sufficed. */
#include "patch_main.c"
#include "patch_vm.c"
#include "patch_tgt.c"
#include "patch_hdr.c"
