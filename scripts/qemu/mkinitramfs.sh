#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Pack the initramfs the QEMU tests boot: static busybox as /bin/busybox,
# INIT as /init, the files given as DEST=SRC pairs (DEST relative to the
# initramfs root), and /dev/console and /dev/null.
#
# Usage: scripts/qemu/mkinitramfs.sh OUT INIT [DEST=SRC ...]
#
# The kernel opens /dev/console for /init before /init runs, so the node
# must be in the archive.  Creating it with mknod would need root; instead
# the nodes go into a second newc archive written here byte by byte, which
# the kernel unpacks after the first (it accepts concatenated archives).
set -eu

if [ $# -lt 2 ]; then
	echo "usage: $0 OUT INIT [DEST=SRC ...]" >&2
	exit 2
fi
out=$1 init=$2
shift 2

busybox=/bin/busybox
if [ ! -f "$busybox" ]; then
	echo "klp-tag: $busybox is missing; install the Debian package busybox-static" >&2
	exit 1
fi
# The initramfs has no libc: a dynamically linked busybox (Debian's package
# busybox) would fail there with a bare "No such file or directory".
if readelf -l "$busybox" | grep -q 'program interpreter'; then
	echo "klp-tag: $busybox is dynamically linked; install the Debian package busybox-static" >&2
	exit 1
fi

stage=$(mktemp -d "${TMPDIR:-/tmp}/klp-initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/dev" "$stage/proc" "$stage/sys"
cp "$busybox" "$stage/bin/busybox"
cp "$init" "$stage/init"
chmod 0755 "$stage/init"
for pair in "$@"; do
	dest=${pair%%=*} src=${pair#*=}
	case "$pair" in
	*=*) ;;
	*) echo "klp-tag: $0: argument '$pair' is not DEST=SRC" >&2; exit 2 ;;
	esac
	mkdir -p "$stage/$(dirname "$dest")"
	cp "$src" "$stage/$dest"
done

# One newc header with no data: NAME MODE RDEVMAJOR RDEVMINOR INODE.  The
# header is 110 bytes; header plus name (with its NUL) is padded to 4.
newc_entry() {
	namesize=$((${#1} + 1))
	printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%s\0' \
		"$5" "$2" 0 0 1 0 0 0 0 "$3" "$4" "$namesize" 0 "$1"
	pad=$(( (4 - (110 + namesize) % 4) % 4 ))
	while [ "$pad" -gt 0 ]; do
		printf '\0'
		pad=$((pad - 1))
	done
}

tmp=$out.tmp
(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) > "$tmp"
{
	newc_entry dev/console $((0020600)) 5 1 900001
	newc_entry dev/null $((0020666)) 1 3 900002
	newc_entry 'TRAILER!!!' 0 0 0 0
} >> "$tmp"
mv "$tmp" "$out"
