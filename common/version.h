/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * version.h - the one version of klp-tag: the plugin (-v, the map's unit
 * records), every tool's --version and the packages are built from it.
 */
#ifndef KLP_TAG_VERSION_H
#define KLP_TAG_VERSION_H

#define KLP_TAG_VERSION "1.1"

#endif
