import os
import struct
import tempfile
import unittest
import uuid
import zlib

from tests.host.runner import support  # noqa: F401
from doorbell import gpt

BLOCK = 512
ESP = uuid.UUID("C12A7328-F81F-11D2-BA4B-00A0C93EC93B")
DISK = uuid.UUID("01234567-89ab-cdef-0123-456789abcdef")
PART = uuid.UUID("fedcba98-7654-3210-fedc-ba9876543210")


def read_header(disk, lba):
    """The GPT header at `lba` as a dict, read by the specification's offsets (UEFI 2.10 table 5-5)."""
    b = disk[lba * BLOCK:(lba + 1) * BLOCK]
    size = struct.unpack_from("<I", b, 12)[0]
    zeroed = b[:16] + b"\0\0\0\0" + b[20:size]
    return {
        "signature": b[0:8], "revision": struct.unpack_from("<I", b, 8)[0], "size": size,
        "crc": struct.unpack_from("<I", b, 16)[0], "crc_computed": zlib.crc32(zeroed),
        "reserved": struct.unpack_from("<I", b, 20)[0],
        "my_lba": struct.unpack_from("<Q", b, 24)[0], "alternate_lba": struct.unpack_from("<Q", b, 32)[0],
        "first_usable": struct.unpack_from("<Q", b, 40)[0], "last_usable": struct.unpack_from("<Q", b, 48)[0],
        "disk_guid": uuid.UUID(bytes_le=b[56:72]), "entries_lba": struct.unpack_from("<Q", b, 72)[0],
        "entries": struct.unpack_from("<I", b, 80)[0], "entry_size": struct.unpack_from("<I", b, 84)[0],
        "entries_crc": struct.unpack_from("<I", b, 88)[0], "tail": b[size:],
    }


class GptTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "disk.img")
        self.lay = gpt.write(self.path, gpt.layout(3 * (1 << 20) + 1, disk_guid=DISK, part_guid=PART))
        with open(self.path, "rb") as f:
            self.disk = f.read()
        self.blocks = len(self.disk) // BLOCK

    def tearDown(self):
        self.dir.cleanup()

    def test_size_is_whole_mib_around_the_partition(self):
        self.assertEqual(len(self.disk) % BLOCK, 0)
        self.assertEqual(len(self.disk), (1 + 4 + 1) << 20)  # 3 MiB + 1 byte rounds up to 4 MiB

    def test_headers_and_their_crcs(self):
        primary = read_header(self.disk, 1)
        backup = read_header(self.disk, self.blocks - 1)
        for h in (primary, backup):
            self.assertEqual(h["signature"], b"EFI PART")
            self.assertEqual(h["revision"], 0x00010000)
            self.assertEqual(h["size"], 92)
            self.assertEqual(h["crc"], h["crc_computed"])
            self.assertEqual(h["reserved"], 0)
            self.assertEqual(h["entries"], 128)
            self.assertEqual(h["entry_size"], 128)
            self.assertEqual(h["first_usable"], 34)
            self.assertEqual(h["last_usable"], self.blocks - 34)
            self.assertEqual(h["disk_guid"], DISK)
            self.assertEqual(h["tail"], bytes(BLOCK - 92))
        self.assertEqual((primary["my_lba"], primary["alternate_lba"], primary["entries_lba"]),
                         (1, self.blocks - 1, 2))
        self.assertEqual((backup["my_lba"], backup["alternate_lba"], backup["entries_lba"]),
                         (self.blocks - 1, 1, self.blocks - 33))

    def test_entry_arrays_crc_and_copies(self):
        h = read_header(self.disk, 1)
        primary = self.disk[2 * BLOCK:2 * BLOCK + 128 * 128]
        start = (self.blocks - 33) * BLOCK
        backup = self.disk[start:start + 128 * 128]
        self.assertEqual(primary, backup)
        self.assertEqual(zlib.crc32(primary), h["entries_crc"])
        self.assertEqual(read_header(self.disk, self.blocks - 1)["entries_crc"], h["entries_crc"])
        self.assertEqual(primary[128:], bytes(127 * 128))  # unused entries are zero

    def test_esp_entry(self):
        e = self.disk[2 * BLOCK:2 * BLOCK + 128]
        self.assertEqual(e[0:16], bytes.fromhex("28732ac11ff8d211ba4b00a0c93ec93b"))  # on-disk GUID
        self.assertEqual(uuid.UUID(bytes_le=e[0:16]), ESP)
        self.assertEqual(uuid.UUID(bytes_le=e[16:32]), PART)
        first, last, attrs = struct.unpack_from("<QQQ", e, 32)
        self.assertEqual(e[56:128].decode("utf-16-le").rstrip("\0"), "EFI system partition")
        self.assertEqual(attrs, 0)
        self.assertEqual(first, 2048)
        self.assertEqual((first * BLOCK) % (1 << 20), 0)
        self.assertEqual(((last + 1) * BLOCK) % (1 << 20), 0)
        self.assertEqual(last - first + 1, 4 << 20 >> 9)
        h = read_header(self.disk, 1)
        self.assertGreaterEqual(first, h["first_usable"])
        self.assertLessEqual(last, h["last_usable"])
        self.assertEqual((self.lay.partition.offset, self.lay.partition.size), (first * BLOCK, 4 << 20))

    def test_protective_mbr(self):
        mbr = self.disk[:BLOCK]
        self.assertEqual(mbr[510:512], b"\x55\xaa")
        self.assertEqual(mbr[:446], bytes(446))
        rec = mbr[446:462]
        self.assertEqual(rec[0], 0)  # not bootable
        self.assertEqual(rec[1:4], b"\x00\x02\x00")  # CHS of LBA 1
        self.assertEqual(rec[4], 0xEE)
        self.assertEqual(struct.unpack_from("<II", rec, 8), (1, self.blocks - 1))
        self.assertEqual(mbr[462:510], bytes(48))  # the other three records

    def test_the_partition_is_left_zero(self):
        p = self.lay.partition
        self.assertEqual(self.disk[p.offset:p.offset + p.size].count(0), p.size)

    def test_large_disk_caps_the_mbr_record(self):
        mbr = gpt.protective_mbr(0x1_0000_0000 + 5)
        self.assertEqual(struct.unpack_from("<I", mbr, 446 + 12)[0], 0xFFFFFFFF)
        self.assertEqual(mbr[446 + 5:446 + 8], b"\xff\xff\xff")

    def test_bad_sizes_and_names(self):
        with self.assertRaises(gpt.GptError):
            gpt.layout(0)
        with self.assertRaises(gpt.GptError):
            gpt.layout(1 << 20, name="x" * 37)


if __name__ == "__main__":
    unittest.main()
