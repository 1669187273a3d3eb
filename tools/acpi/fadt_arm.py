#!/usr/bin/env python3
"""An arm64 FADT as QEMU virt describes it, but with the hypervisor vendor identity blank: a VM
that hides itself (docs/architecture.md, "Signals"), for the in-guest override (QEMU ignores -acpitable on arm virt).

ACPI 6.5 §5.2.9: revision 6, HW_REDUCED_ACPI (flags bit 20), ARM boot architecture flags
PSCI_COMPLIANT | PSCI_USE_HVC (offset 129), hypervisor vendor identity (offset 268) all zero.
No DSDT or FACS pointers: doorbell does not use them.

usage: fadt_arm.py novendor OUTPUT
"""
import struct
import sys

LENGTH = 276


def build():
    body = bytearray(LENGTH)
    body[0:36] = struct.pack("<4sIBB6s8sI4sI", b"FACP", LENGTH, 6, 0, b"BOCHS ", b"BXPC    ", 1,
                             b"BXPC", 1)
    struct.pack_into("<I", body, 112, 1 << 20)  # flags: HW_REDUCED_ACPI
    struct.pack_into("<H", body, 129, 0x3)  # ARM_BOOT_ARCH: PSCI_COMPLIANT | PSCI_USE_HVC
    body[131] = 0  # FADT minor version
    body[268:276] = bytes(8)  # hypervisor vendor identity: blank
    body[9] = (-sum(body)) & 0xFF
    return bytes(body)


def main(argv):
    if len(argv) != 3 or argv[1] != "novendor":
        sys.stderr.write(__doc__)
        return 2
    with open(argv[2], "wb") as f:
        f.write(build())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
