#!/usr/bin/env python3
"""IORT variants with RMR nodes, written byte by byte (iasl 20200925 cannot compile RMR nodes).

The layout is QEMU virt's with iommu=smmuv3 (one ITS group, one SMMUv3 at 0x09050000, one root
complex whose bus-0 RIDs go through the SMMU and the rest straight to the ITS; identity mappings,
with the NumIDs counts QEMU gets wrong written correctly here), plus one RMR node (DEN 0049E.d
§3.1.8) for StreamID 0x10 (00:02.0) with one 64 KiB range. Variants:

  ok        IORT revision 5, RMR node revision 3: clean
  reserved  the same with reserved RMR flag bits set (bits 31:10)
  old       IORT revision 3 (E.b) carrying the RMR node: too old for RMR
  msi       an MSI doorbell window for edu's StreamID 0x8 (00:01.0): one 64 KiB range at
            0x0C000000 with Device-nGnRE attributes, for a nested SMMU whose host part maps
            GITS_TRANSLATER's frame there at stage 2
  ram       the ok table with the range at 0x48800000, in the middle of the 256 MiB of RAM, which
            AAVMF reports as EfiConventionalMemory: the firmware did not reserve it (doorbell keeps
            it out of its page allocator; 0x48000000 would hold the bitmap of one of its zones)

usage: iort_rmr.py VARIANT OUTPUT
"""
import struct
import sys

ITS_OFF = 48
SMMU_OFF = ITS_OFF + 24
RC_OFF = SMMU_OFF + 68 + 20
RMR_OFF = RC_OFF + 36 + 2 * 20


def node(type_, length, rev, ident, nmap, map_off):
    return struct.pack("<BHBIII", type_, length, rev, ident, nmap, map_off)


def mapping(in_base, count_minus_one, out_base, out_ref, flags=0):
    return struct.pack("<IIIII", in_base, count_minus_one, out_base, out_ref, flags)


def build(variant):
    its = node(0, 24, 1, 0, 0, 0) + struct.pack("<II", 1, 0)
    smmu = node(4, 68 + 20, 4, 1, 1, 68)
    smmu += struct.pack("<QIIQIIIIIII", 0x09050000, 1, 0, 0, 0, 106, 107, 109, 108, 0, 0)
    smmu += mapping(0, 0xFFFF, 0, ITS_OFF)
    rc = node(2, 36 + 40, 3, 2, 2, 36)
    rc += struct.pack("<IBHB", 1, 0, 0, 3)      # memory properties: coherent, CPM | DACS
    rc += struct.pack("<IIBHB", 0, 0, 64, 0, 0)  # ATS, segment 0, address limit, PASID, reserved
    rc += mapping(0x0000, 0x00FF, 0x0000, SMMU_OFF)
    rc += mapping(0x0100, 0xFEFF, 0x0100, ITS_OFF)
    flags = 5 << 2  # access attributes 0x05: Normal, inner/outer write-back
    sid, base = 0x10, 0x4FF00000
    if variant == "msi":
        flags = 1 << 2  # access attributes 0x01: Device-nGnRE
        sid, base = 0x08, 0x0C000000
    if variant == "ram":
        base = 0x48800000
    if variant == "reserved":
        flags |= 1 << 12
    rmr = node(6, 28 + 20 + 20, 3, 3, 1, 28)
    rmr += struct.pack("<III", flags, 1, 48)
    rmr += mapping(sid, 0, sid, SMMU_OFF, 1)  # single mapping (bit 0)
    rmr += struct.pack("<QQI", base, 0x10000, 0)
    body = its + smmu + rc + rmr
    assert len(its) == SMMU_OFF - ITS_OFF and ITS_OFF + len(its) + len(smmu) == RC_OFF
    assert RC_OFF + len(rc) == RMR_OFF
    revision = 3 if variant == "old" else 5
    length = 48 + len(body)
    table_id = "IORTRMR" + ("A" if variant == "ram" else variant[0].upper())
    header = struct.pack("<4sIBB6s8sI4sI", b"IORT", length, revision, 0, b"DOORBL",
                         table_id.encode().ljust(8), 1, b"DRBL", 1)
    table = bytearray(header + struct.pack("<III", 4, ITS_OFF, 0) + body)
    table[9] = (-sum(table)) & 0xFF
    return bytes(table)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("ok", "reserved", "old", "msi", "ram"):
        sys.stderr.write(__doc__.split("usage: ")[1])
        return 2
    with open(sys.argv[2], "wb") as f:
        f.write(build(sys.argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
