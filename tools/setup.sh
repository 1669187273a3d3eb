#!/usr/bin/env bash
# Installs what doorbell needs on Debian 12, once. Idempotent: quick when all is present.
# Usage: tools/setup.sh [host|x86_64|aarch64|all]   (default: all)
set -eu

what=${1:-all}
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}

host_pkgs="clang lld llvm binutils libclang-rt-14-dev libcmocka-dev acpica-tools mtools make python3"
x86_pkgs="qemu-system-x86 ovmf gnu-efi nasm"
arm_pkgs="qemu-system-arm qemu-efi-aarch64"

case $what in
host) want="$host_pkgs" ;;
x86_64) want="$host_pkgs $x86_pkgs" ;;
aarch64) want="$host_pkgs $arm_pkgs" ;;
all) want="$host_pkgs $x86_pkgs $arm_pkgs" ;;
*) echo "setup: unknown target '$what' (host|x86_64|aarch64|all)" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done

need_arm_efi=0
if [ "$what" = aarch64 ] || [ "$what" = all ]; then
	[ -f "$build/gnu-efi-aarch64/usr/lib/crt0-efi-aarch64.o" ] || need_arm_efi=1
fi

[ -z "$missing" ] && [ $need_arm_efi = 0 ] && exit 0

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
echo "setup: ok"
