#!/usr/bin/env bash
# Installs what doorbell needs on Debian 12, once. Idempotent: quick when all is present.
# Usage: tools/setup.sh [host|x86_64|aarch64|qemu10|lava|all]   (default: all)
#
# `lava` installs LAVA's dispatcher (lava-dispatcher from bookworm: `lava-run`) for `make lava`;
# it is not part of `all`, which is what building and booting need.
#
# The second emulator, QEMU 10.0 from Debian's bookworm-backports, is fetched with
# `apt-get download` through a private sources list under build/ and unpacked with
# `dpkg-deb -x` into build/qemu-10.0: the machine's apt configuration and its QEMU 7.2 stay
# as they are (docs/runner.md, "Two emulators").
set -eu

what=${1:-all}
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}

host_pkgs="clang lld llvm binutils libclang-rt-14-dev libcmocka-dev acpica-tools mtools make python3"
x86_pkgs="qemu-system-x86 ovmf gnu-efi nasm"
arm_pkgs="qemu-system-arm qemu-efi-aarch64"
# lava-run runs a job with no LAVA server; python3-yaml reads its log back (tools/lava.py).
lava_pkgs="lava-dispatcher python3-yaml"

case $what in
host) want="$host_pkgs" ;;
x86_64) want="$host_pkgs $x86_pkgs" ;;
aarch64) want="$host_pkgs $arm_pkgs" ;;
qemu10) want="$host_pkgs" ;;
lava) want="$host_pkgs $x86_pkgs $arm_pkgs $lava_pkgs" ;;
all) want="$host_pkgs $x86_pkgs $arm_pkgs" ;;
*) echo "setup: unknown target '$what' (host|x86_64|aarch64|qemu10|lava|all)" >&2; exit 2 ;;
esac

# QEMU 10.0: the packages, the suite, and where they go.
q10_suite="bookworm-backports"
q10_pkgs="qemu-system-x86 qemu-system-arm qemu-system-common qemu-system-data"
q10_dir="$build/qemu-10.0"
q10_ok() { [ -x "$q10_dir/usr/bin/qemu-system-x86_64" ] && [ -x "$q10_dir/usr/bin/qemu-system-aarch64" ] &&
	"$q10_dir/usr/bin/qemu-system-x86_64" --version 2>/dev/null | grep -q "version 10\.0\."; }
need_q10=0
if [ "$what" = qemu10 ] || [ "$what" = all ]; then
	q10_ok || need_q10=1
fi

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done

need_arm_efi=0
if [ "$what" = aarch64 ] || [ "$what" = all ]; then
	[ -f "$build/gnu-efi-aarch64/usr/lib/crt0-efi-aarch64.o" ] || need_arm_efi=1
fi

[ -z "$missing" ] && [ $need_arm_efi = 0 ] && [ $need_q10 = 0 ] && exit 0

sudo=""
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null; then sudo="sudo"; else
		echo "setup: missing packages:$missing; run as root or install them: apt-get install$missing" >&2
		exit 1
	fi
fi

apt_quiet() { DEBIAN_FRONTEND=noninteractive $sudo apt-get -q -y -o Dpkg::Use-Pty=0 "$@"; }

updated=0
if [ -n "$missing" ]; then
	echo "setup: installing:$missing"
	apt_quiet update >/dev/null
	updated=1
	# shellcheck disable=SC2086
	if ! apt_quiet install --no-install-recommends $missing >"$build.setup.log" 2>&1; then
		echo "setup: apt-get install failed; see $build.setup.log" >&2
		tail -20 "$build.setup.log" >&2
		exit 1
	fi
	rm -f "$build.setup.log"
fi

if [ $need_arm_efi = 1 ]; then
	# The arm64 GNU-EFI is unpacked under build/, never installed over the x86_64 one.
	echo "setup: fetching gnu-efi:arm64 into $build/gnu-efi-aarch64"
	dpkg --print-foreign-architectures | grep -qx arm64 || { $sudo dpkg --add-architecture arm64; updated=0; }
	[ $updated = 1 ] || apt_quiet update >/dev/null
	mkdir -p "$build/gnu-efi-aarch64" "$build/dl"
	(cd "$build/dl" && rm -f gnu-efi_*arm64.deb && apt-get download gnu-efi:arm64 >/dev/null 2>&1) || {
		echo "setup: apt-get download gnu-efi:arm64 failed" >&2
		exit 1
	}
	dpkg-deb -x "$build"/dl/gnu-efi_*_arm64.deb "$build/gnu-efi-aarch64"
	[ -f "$build/gnu-efi-aarch64/usr/lib/crt0-efi-aarch64.o" ] || {
		echo "setup: gnu-efi:arm64 unpacked but crt0-efi-aarch64.o is missing" >&2
		exit 1
	}
fi
if [ $need_q10 = 1 ]; then
	echo "setup: fetching QEMU 10.0 ($q10_suite) into $q10_dir"
	apt_dir="$build/qemu-10.0.apt"
	rm -rf "$apt_dir" "$q10_dir"
	mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/dl"
	echo "deb http://deb.debian.org/debian $q10_suite main" >"$apt_dir/sources.list"
	# Only files under build/ are read or written: the private list, its package lists and cache.
	apt_private() {
		apt-get -q -y -o Dir::Etc::sourcelist="$apt_dir/sources.list" -o Dir::Etc::sourceparts=/nonexistent \
			-o Dir::State::Lists="$apt_dir/lists" -o Dir::Cache="$apt_dir/cache" \
			-o APT::Sandbox::User=root "$@"
	}
	apt_private update >"$apt_dir/log" 2>&1 || { echo "setup: apt-get update ($q10_suite) failed; see $apt_dir/log" >&2; exit 1; }
	sel=""
	for p in $q10_pkgs; do sel="$sel $p/$q10_suite"; done
	# shellcheck disable=SC2086
	(cd "$apt_dir/dl" && apt_private download $sel >>"$apt_dir/log" 2>&1) || {
		echo "setup: apt-get download of$sel failed; see $apt_dir/log" >&2
		exit 1
	}
	mkdir -p "$q10_dir"
	for deb in "$apt_dir"/dl/*.deb; do dpkg-deb -x "$deb" "$q10_dir"; done
	q10_ok || { echo "setup: QEMU 10.0 unpacked in $q10_dir but does not run (see ldd)" >&2; exit 1; }
	rm -rf "$apt_dir/dl" "$apt_dir/cache"
fi
echo "setup: ok"
