#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Make sure the Debian packages named on the command line are installed.
# As root, missing ones are installed with apt-get (after one apt-get update);
# otherwise, or with --check, the exact apt-get command is printed and the
# script fails, so a build never goes on half-equipped.
#
# Usage: scripts/deps.sh [--check] PACKAGE...
set -eu
check_only=
if [ "${1:-}" = --check ]; then
	check_only=1
	shift
fi
missing=""
for pkg in "$@"; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	case "$status" in
	*"ok installed"*) ;;
	*) missing="$missing $pkg" ;;
	esac
done
[ -z "$missing" ] && exit 0
if [ -n "$check_only" ] || [ "$(id -u)" -ne 0 ]; then
	echo "klp-tag: missing Debian packages:$missing" >&2
	if [ "$(id -u)" -eq 0 ]; then
		echo "klp-tag: install them with: apt-get install$missing (or: make deps)" >&2
	else
		echo "klp-tag: install them with: sudo apt-get install$missing" >&2
	fi
	exit 1
fi
# Another apt or dpkg (unattended upgrades, a second make) may hold the
# dpkg lock: apt waits for it instead of failing at once.
lock_wait=600
echo "klp-tag: installing missing Debian packages:$missing" \
	"(if another apt or dpkg holds the lock, apt waits up to $lock_wait s for it)" >&2
export DEBIAN_FRONTEND=noninteractive
stamp=/var/lib/apt/periodic/klp-tag-update-stamp
if [ ! -e "$stamp" ] || [ -n "$(find "$stamp" -mmin +360 2>/dev/null)" ]; then
	apt-get -o DPkg::Lock::Timeout=$lock_wait update -q >&2
	mkdir -p "$(dirname "$stamp")" && touch "$stamp"
fi
# missing is a blank-separated list of Debian package names, which hold
# only [a-z0-9+.-] (Debian policy 5.6.1): splitting it is the intent.
# shellcheck disable=SC2086
apt-get -o DPkg::Lock::Timeout=$lock_wait install -y -q --no-install-recommends $missing >&2
