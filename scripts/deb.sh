#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# deb.sh OUTDIR
#
# Build the klp-tag Debian package (make deb) and check it with lintian.
# dpkg-buildpackage writes its results into the parent of the tree it
# builds, so the package is built from a copy of this tree,
# OUTDIR/klp-tag-VERSION, and the .deb, .buildinfo and .changes land in
# OUTDIR, never beside the work tree.  The copy holds the files git tracks
# or would track (build products are ignored), so what is built is the
# source, not whatever the work tree last compiled; outside git, the tree
# without build/, testsuite/out/ and .git.
#
# VERSION is common/version.h's, the one version of klp-tag: the copy's
# debian/changelog (and debian/source/format, native since the version
# has no Debian revision) are written from it here, never kept in the tree.
# Its entry is signed by debian/control's Maintainer and dated by the last
# commit (SOURCE_DATE_EPOCH when set), so two builds of one commit agree.
#
# lintian then checks the .changes (the .deb and its debug symbols): any
# error or warning fails.  Prints the path of the .deb last.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 OUTDIR" >&2
	exit 1
fi
top=$(cd "$(dirname "$0")/.." && pwd)
out=$1
mkdir -p "$out"
out=$(cd "$out" && pwd)

version=$(sed -n 's/^#define KLP_TAG_VERSION "\([^"]*\)"$/\1/p' "$top/common/version.h")
if [ -z "$version" ]; then
	echo "klp-tag: common/version.h defines no KLP_TAG_VERSION" >&2
	exit 1
fi
case "$version" in
*[!0-9A-Za-z.+~]* | [!0-9]*)
	echo "klp-tag: KLP_TAG_VERSION '$version' is no Debian native version" >&2
	exit 1
	;;
esac
maintainer=$(sed -n 's/^Maintainer: //p' "$top/debian/control")

src=$out/klp-tag-$version
rm -rf "$out"/klp-tag-* "$out"/klp-tag_* "$out"/klp-tag-dbgsym_*
mkdir -p "$src"
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	# A file deleted in the work tree but still tracked is left out.
	(cd "$top" && git ls-files --cached --others --exclude-standard |
		while IFS= read -r f; do
			if [ -e "$f" ]; then printf '%s\n' "$f"; fi
		done | tar --verbatim-files-from -T - -cf -) | tar -xf - -C "$src"
else
	(cd "$top" && tar --exclude=./build --exclude=./testsuite/out --exclude=./.git -cf - .) |
		tar -xf - -C "$src"
fi

if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
	date=$(date -R -u -d "@$SOURCE_DATE_EPOCH")
else
	date=$(git -C "$top" log -1 --format=%aD 2>/dev/null || date -R)
fi
cat > "$src/debian/changelog" <<CHANGELOG
klp-tag ($version) unstable; urgency=medium

  * klp-tag $version (common/version.h).

 -- $maintainer  $date
CHANGELOG
mkdir -p "$src/debian/source"
echo '3.0 (native)' > "$src/debian/source/format"

(cd "$src" && dpkg-buildpackage -b -us -uc -Jauto)

changes=$(ls "$out"/klp-tag_"$version"_*.changes)
echo "lintian --fail-on error,warning $changes"
lintian --fail-on error,warning "$changes"
ls "$out"/klp-tag_"$version"_*.deb
