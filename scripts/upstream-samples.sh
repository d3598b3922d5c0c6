#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# upstream-samples.sh DESTDIR
#
# Extract the kernel's own livepatch samples (samples/livepatch/ of Debian's
# linux-source-6.1 tarball, or of the tarball KLP_LINUX_SOURCE names) into
# DESTDIR, flat: DESTDIR/livepatch-sample.c, DESTDIR/livepatch-shadow-fix1.c,
# ..., DESTDIR/Makefile (upstream's, which builds nothing with Debian's
# config; the project brings its own Kbuild).  Nothing else of the tarball
# is written (scripts/kernel-source.sh reads it, into DESTDIR/.source).  The
# samples are GPL kernel sources: they are extracted at build time into a
# scratch directory and never committed.
#
# Environment:
#   KLP_LINUX_SOURCE  the tarball (default /usr/src/linux-source-6.1.tar.xz,
#                     from the linux-source-6.1 package; needs xz-utils)
#
# A second run with the same tarball reads nothing again.
# Exit status 0 on success; 1 with a message naming the missing package or
# file otherwise.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 DESTDIR" >&2
	exit 1
fi
dest=$1
member=samples/livepatch

"$(dirname "$0")/kernel-source.sh" "$dest/.source" "$member"
if [ ! -f "$dest/.source/$member/livepatch-sample.c" ]; then
	echo "klp-tag: ${KLP_LINUX_SOURCE:-/usr/src/linux-source-6.1.tar.xz} holds no $member/livepatch-sample.c" >&2
	exit 1
fi
cp -p "$dest/.source/$member"/* "$dest/"
