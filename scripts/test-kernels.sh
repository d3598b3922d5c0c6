#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# test-kernels.sh DIR RELEASE PKGVERSION SOURCE...
#
# Make a kernel the consumer tests boot ready: DIR (make check's
# KLP_TEST_KERNELS) holds it as Debian packages,
#     linux-image-RELEASE_PKGVERSION_amd64.deb
#     linux-headers-RELEASE_PKGVERSION_amd64.deb
# the source tarballs SOURCE (the members the tests need, or the whole
# tree) and SHA256SUMS.  Kernels of several releases install side by side
# (their packages share no file).
# Every file used is checked against SHA256SUMS; both packages are then
# installed with dpkg, by their exact file names, unless that version is
# installed already.  Not root: the exact dpkg command is printed and the
# script fails.  Nothing here is copied into the repository.
#
# Exit status 0 when /boot/vmlinuz-RELEASE and the kbuild tree
# /usr/src/linux-headers-RELEASE are in place and the tarballs are intact;
# 1 with one message saying what to provide otherwise.
set -eu

if [ $# -lt 4 ]; then
	echo "usage: $0 DIR RELEASE PKGVERSION SOURCE..." >&2
	exit 2
fi
dir=$1 release=$2 version=$3
shift 3

image=linux-image-${release}_${version}_amd64.deb
headers=linux-headers-${release}_${version}_amd64.deb
for f in "$image" "$headers" "$@" SHA256SUMS; do
	if [ ! -f "$dir/$f" ]; then
		echo "klp-tag: $dir/$f is missing (KLP_TEST_KERNELS=$dir)" >&2
		exit 1
	fi
done
for f in "$image" "$headers" "$@"; do
	# Two spaces: sha256sum's own line format.
	if ! grep -q "  $f\$" "$dir/SHA256SUMS"; then
		echo "klp-tag: $dir/SHA256SUMS has no line for $f" >&2
		exit 1
	fi
	if ! (cd "$dir" && grep "  $f\$" SHA256SUMS | sha256sum -c --status -); then
		echo "klp-tag: $dir/$f does not match its SHA256SUMS line" >&2
		exit 1
	fi
done

# installed PACKAGE: whether PACKAGE is installed at exactly $version.
installed() {
	[ "$(dpkg-query -W -f='${Status} ${Version}' "$1" 2>/dev/null)" = "install ok installed $version" ]
}
if installed "linux-image-$release" && installed "linux-headers-$release" &&
	[ -f "/boot/vmlinuz-$release" ] && [ -d "/usr/src/linux-headers-$release" ]; then
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "klp-tag: the $release kernel packages are not installed; install them with: sudo dpkg -i $dir/$image $dir/$headers" >&2
	exit 1
fi
echo "klp-tag: installing $image and $headers" >&2
if ! dpkg -i "$dir/$image" "$dir/$headers" >&2; then
	echo "klp-tag: dpkg -i $dir/$image $dir/$headers failed" >&2
	exit 1
fi
