"""A GUID Partition Table disk image with one partition (UEFI 2.10 §5.2.3, §5.3).

Layout, in 512-byte logical blocks:

  LBA 0            protective MBR: one record of type 0xEE covering the disk after LBA 0
  LBA 1            primary GPT header
  LBA 2..33        primary partition entry array (128 entries of 128 bytes)
  LBA 2048..       the partition, starting and ending on 1 MiB boundaries
  last-32..last-1  backup partition entry array
  last             backup GPT header

The file is sparse: only the metadata blocks are written; the caller fills the partition (here:
mformat at the partition's byte offset).
"""

import struct
import uuid
import zlib
from dataclasses import dataclass

BLOCK = 512
ALIGN = 1 << 20  # partitions start and end on 1 MiB boundaries (flash erase blocks)
ENTRIES = 128  # the minimum array size the specification asks for: 16 KiB
ENTRY_SIZE = 128
ENTRY_BLOCKS = ENTRIES * ENTRY_SIZE // BLOCK
HEADER_SIZE = 92
SIGNATURE = b"EFI PART"
REVISION = 0x00010000
ESP_TYPE = uuid.UUID("C12A7328-F81F-11D2-BA4B-00A0C93EC93B")
MBR_TYPE_PROTECTIVE = 0xEE

HEADER = struct.Struct("<8sIIIIQQQQ16sQIII")  # the 92 bytes of §5.3.2, table 5-5
ENTRY = struct.Struct("<16s16sQQQ72s")  # §5.3.3, table 5-6


class GptError(Exception):
    pass


@dataclass(frozen=True)
class Partition:
    first_lba: int
    last_lba: int  # inclusive
    type_guid: uuid.UUID
    guid: uuid.UUID
    name: str

    @property
    def offset(self):
        return self.first_lba * BLOCK

    @property
    def size(self):
        return (self.last_lba - self.first_lba + 1) * BLOCK


@dataclass(frozen=True)
class Layout:
    blocks: int  # total number of blocks on the disk
    partition: Partition
    disk_guid: uuid.UUID

    @property
    def first_usable(self):
        return 2 + ENTRY_BLOCKS

    @property
    def last_usable(self):
        return self.blocks - 2 - ENTRY_BLOCKS


def layout(part_bytes, name="EFI system partition", type_guid=ESP_TYPE, disk_guid=None, part_guid=None):
    """The disk for one partition of at least `part_bytes`, rounded up to whole MiB; the disk has
    1 MiB before it (MBR, primary GPT) and 1 MiB after it (backup GPT)."""
    if part_bytes <= 0:
        raise GptError("partition size must be positive")
    if len(name) > 36:
        raise GptError("partition name %r is longer than 36 characters" % name)
    size = -(-part_bytes // ALIGN) * ALIGN
    first = ALIGN // BLOCK
    last = first + size // BLOCK - 1
    blocks = (ALIGN + size + ALIGN) // BLOCK
    part = Partition(first, last, type_guid, part_guid or uuid.uuid4(), name)
    return Layout(blocks, part, disk_guid or uuid.uuid4())


def entry_array(lay):
    """The partition entry array: the one partition, then zeroed (unused) entries."""
    p = lay.partition
    name = p.name.encode("utf-16-le").ljust(72, b"\0")
    first = ENTRY.pack(p.type_guid.bytes_le, p.guid.bytes_le, p.first_lba, p.last_lba, 0, name)
    return first + bytes(ENTRY_SIZE * (ENTRIES - 1))


def header(lay, backup, array_crc):
    """One GPT header block: the primary at LBA 1 (entries at LBA 2) or the backup at the last LBA
    (entries just before it). HeaderCRC32 is computed over the 92 bytes with the field zeroed."""
    my_lba, alternate = (lay.blocks - 1, 1) if backup else (1, lay.blocks - 1)
    entries_lba = lay.blocks - 1 - ENTRY_BLOCKS if backup else 2
    fields = [SIGNATURE, REVISION, HEADER_SIZE, 0, 0, my_lba, alternate, lay.first_usable, lay.last_usable,
              lay.disk_guid.bytes_le, entries_lba, ENTRIES, ENTRY_SIZE, array_crc]
    crc = zlib.crc32(HEADER.pack(*fields))
    fields[3] = crc
    return HEADER.pack(*fields).ljust(BLOCK, b"\0")


def protective_mbr(blocks):
    """LBA 0 (§5.2.3): one partition record of type 0xEE from LBA 1 to the end of the disk (or
    0xFFFFFFFF blocks when larger), boot code and the other records zero, signature 0xAA55."""
    size = min(blocks - 1, 0xFFFFFFFF)
    # Starting CHS 0/0/2 (LBA 1); the ending CHS is that of the last block, or 0xFFFFFF when it
    # does not fit (it never does for the 255-head, 63-sector geometry beyond 8 GiB).
    end_chs = _chs(blocks - 1)
    record = struct.pack("<B3sB3sII", 0, bytes([0x00, 0x02, 0x00]), MBR_TYPE_PROTECTIVE, end_chs, 1, size)
    mbr = bytearray(BLOCK)
    mbr[446:446 + 16] = record
    mbr[510:512] = b"\x55\xaa"
    return bytes(mbr)


def _chs(lba, heads=255, sectors=63):
    cyl, rest = divmod(lba, heads * sectors)
    if cyl > 1023:
        return b"\xff\xff\xff"
    head, sec = divmod(rest, sectors)
    sec += 1
    return bytes([head, ((cyl >> 2) & 0xC0) | sec, cyl & 0xFF])


def write(path, lay):
    """Creates `path` (replacing it) as a sparse file of lay.blocks blocks holding the protective
    MBR and both GPT copies; the partition's blocks are left zero for the caller to fill."""
    array = entry_array(lay)
    crc = zlib.crc32(array)
    with open(path, "wb") as f:
        f.truncate(lay.blocks * BLOCK)
        f.seek(0)
        f.write(protective_mbr(lay.blocks))
        f.write(header(lay, False, crc))
        f.write(array)
        f.seek((lay.blocks - 1 - ENTRY_BLOCKS) * BLOCK)
        f.write(array)
        f.write(header(lay, True, crc))
    return lay
