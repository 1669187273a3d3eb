#!/usr/bin/env python3
"""Sanity checks of a built EFI application: check_efi.py ARCH FILE.

Checks the MZ and PE signatures, the machine type (x86_64 0x8664, aarch64 0xAA64), PE32+, the
EFI application subsystem (10), that sections lie inside the file, that the entry point lies in a
section, on aarch64 a file size that is a multiple of 512 bytes (EDK2 refuses others), and on
x86_64 that no section is placed inside the headers (what lld does with an unassigned .rela.dyn;
OVMF then refuses the image). Prints nothing and exits 0 when all hold; else one line per problem
on stderr and exit 1.
"""

import struct
import sys

MACHINES = {"x86_64": 0x8664, "aarch64": 0xAA64}
SUBSYSTEM_EFI_APPLICATION = 10
PE32_PLUS = 0x20B


def check(arch, data):
    """Returns the list of problems (empty when the image looks right)."""
    problems = []
    if arch not in MACHINES:
        return ["unknown arch %r (x86_64 or aarch64)" % arch]
    if len(data) < 0x40 or data[:2] != b"MZ":
        return ["no MZ signature"]
    (pe_off,) = struct.unpack_from("<I", data, 0x3C)
    if pe_off + 24 > len(data) or data[pe_off:pe_off + 4] != b"PE\0\0":
        return ["no PE signature at 0x%x" % pe_off]
    machine, nsect, _, _, _, opt_size, _ = struct.unpack_from("<HHIIIHH", data, pe_off + 4)
    if machine != MACHINES[arch]:
        problems.append("machine type 0x%04x, expected 0x%04x for %s" % (machine, MACHINES[arch], arch))
    opt = pe_off + 24
    if opt_size < 112 or opt + opt_size > len(data):
        return problems + ["optional header too small or truncated (%d bytes)" % opt_size]
    (magic,) = struct.unpack_from("<H", data, opt)
    if magic != PE32_PLUS:
        return problems + ["optional header magic 0x%x, expected PE32+ (0x20b)" % magic]
    (entry,) = struct.unpack_from("<I", data, opt + 16)
    (size_of_image, size_of_headers) = struct.unpack_from("<II", data, opt + 56)
    (subsystem,) = struct.unpack_from("<H", data, opt + 68)
    if subsystem != SUBSYSTEM_EFI_APPLICATION:
        problems.append("subsystem %d, expected %d (EFI application)" % (subsystem, SUBSYSTEM_EFI_APPLICATION))
    sect = opt + opt_size
    if sect + 40 * nsect > len(data):
        return problems + ["section table truncated (%d sections)" % nsect]
    if nsect == 0:
        problems.append("no sections")
    entry_found = False
    for i in range(nsect):
        name_raw, vsize, va, raw_size, raw_ptr = struct.unpack_from("<8sIIII", data, sect + 40 * i)
        name = name_raw.rstrip(b"\0").decode("ascii", "replace") or "#%d" % i
        if raw_size and raw_ptr + raw_size > len(data):
            problems.append("section %s runs past the end of the file (0x%x + 0x%x > 0x%x)" %
                            (name, raw_ptr, raw_size, len(data)))
        if va + max(vsize, raw_size) > size_of_image:
            problems.append("section %s ends beyond SizeOfImage 0x%x" % (name, size_of_image))
        if arch == "x86_64" and (va < size_of_headers or (raw_size and raw_ptr < size_of_headers)):
            problems.append("section %s is placed inside the headers (RVA 0x%x, file offset 0x%x, headers "
                            "0x%x bytes): check the linker script's .rela output section" %
                            (name, va, raw_ptr, size_of_headers))
        if va <= entry < va + max(vsize, raw_size):
            entry_found = True
    if nsect and not entry_found:
        problems.append("entry point 0x%x lies in no section" % entry)
    if arch == "x86_64" and sect + 40 * nsect > size_of_headers:
        problems.append("section table ends beyond SizeOfHeaders 0x%x" % size_of_headers)
    if arch == "aarch64" and len(data) % 512:
        problems.append("file size %d is not a multiple of 512 (pad it: truncate -s %%512)" % len(data))
    return problems


def main(argv):
    if len(argv) != 3:
        print("usage: check_efi.py x86_64|aarch64 FILE", file=sys.stderr)
        return 2
    arch, path = argv[1], argv[2]
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        print("check_efi: %s" % e, file=sys.stderr)
        return 1
    problems = check(arch, data)
    for p in problems:
        print("check_efi: %s: %s" % (path, p), file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
