/* SPDX-License-Identifier: GPL-2.0-or-later */
/* version.h - the version of klp-tag that the tools print with --version. */
#ifndef KLP_VERSION_H
#define KLP_VERSION_H

#define KLP_TAG_RELEASE "1.0"

#endif
