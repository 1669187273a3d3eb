"""The emulators doorbell boots on: Debian 12's QEMU 7.2 and QEMU 10.0 from bookworm-backports.

QEMU 7.2 is the system's (/usr/bin). QEMU 10.0 is unpacked under the build directory by
`tools/setup.sh qemu10` and started with `-L` pointing at its own data files (option ROMs,
keymaps), so that it never reads 7.2's. Each is named by its series ("7.2", "10.0"); the exact
version (`--version`) is a fact of every boot and is passed to the guest as `qemu_version`.
"""

import os
import re
import subprocess
from dataclasses import dataclass

from . import TOP_DIR

BINARY = {"x86_64": "qemu-system-x86_64", "aarch64": "qemu-system-aarch64"}
VERSION_RE = re.compile(r"QEMU emulator version (\d+)\.(\d+)\.(\d+)")


class EmulatorError(Exception):
    pass


@dataclass(frozen=True)
class Emulator:
    series: str  # "7.2", "10.0"
    bindir: str  # absolute, or relative to the build directory when `in_build`
    datadir: str = ""  # for -L; "" = the binary's built-in default
    in_build: bool = False
    setup: str = ""  # the set-up target that installs it
    # The MSI-X test device that counts exactly there: e1000e on 7.2 (under icount); igb from 8.0,
    # where e1000e's throttle timer sends two interrupts per raise. `{msix}` in a configuration's
    # QEMU arguments becomes `<device>,romfile=` and the fact msix.device is expected to name it.
    msix_device: str = "e1000e"

    def root(self, build):
        return os.path.join(os.path.abspath(build), self.bindir) if self.in_build else self.bindir

    def binary(self, arch, build):
        return os.path.join(self.root(build), BINARY[arch])

    def data_args(self, build):
        if not self.datadir:
            return []
        return ["-L", os.path.join(os.path.abspath(build), self.datadir) if self.in_build else self.datadir]


EMULATORS = {
    "7.2": Emulator("7.2", "/usr/bin", setup="x86_64 / aarch64", msix_device="e1000e"),
    "10.0": Emulator("10.0", "qemu-10.0/usr/bin", "qemu-10.0/usr/share/qemu", in_build=True, setup="qemu10",
                     msix_device="igb"),
}
SERIES = tuple(EMULATORS)
DEFAULT = "7.2"


def get(series):
    if series not in EMULATORS:
        raise EmulatorError("unknown QEMU %r (known: %s)" % (series, ", ".join(SERIES)))
    return EMULATORS[series]


_versions = {}


def version(series, arch, build=os.path.join(TOP_DIR, "build")):
    """The exact version string ("10.0.2") of that emulator's binary for `arch`; raises
    EmulatorError when it is missing or reports another series."""
    binary = get(series).binary(arch, build)
    if binary in _versions:
        return _versions[binary]
    if not os.path.isfile(binary):
        raise EmulatorError("QEMU %s for %s is not installed (%s); run tools/setup.sh %s" %
                            (series, arch, binary, get(series).setup))
    try:
        out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired) as e:
        raise EmulatorError("%s --version: %s" % (binary, e)) from e
    m = VERSION_RE.search(out)
    if not m:
        raise EmulatorError("%s --version printed no version" % binary)
    exact = "%s.%s.%s" % m.groups()
    if "%s.%s" % m.groups()[:2] != series:
        raise EmulatorError("%s is QEMU %s, not %s" % (binary, exact, series))
    _versions[binary] = exact
    return exact


def parse_version(text):
    """(major, minor, micro) of "10.0.2" or "7.2"; raises ValueError."""
    parts = [int(p) for p in text.split(".")]
    if not 2 <= len(parts) <= 3:
        raise ValueError("not a QEMU version: %r" % text)
    return tuple(parts + [0] * (3 - len(parts)))
