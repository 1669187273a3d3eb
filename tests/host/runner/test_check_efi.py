import os
import struct
import sys
import unittest

from tests.host.runner import support

sys.path.insert(0, os.path.join(support.TOP, "tools"))
import check_efi  # noqa: E402


def pe(machine=0x8664, subsystem=10, sections=((0x1000, 0x400),), size=0x1400, headers=0x400, magic=0x20B,
       entry=0x1000):
    """A minimal PE32+ image: sections are (RVA, file offset), 0x200 bytes each."""
    data = bytearray(size)
    data[0:2] = b"MZ"
    struct.pack_into("<I", data, 0x3C, 0x80)
    data[0x80:0x84] = b"PE\0\0"
    opt_size = 240
    struct.pack_into("<HHIIIHH", data, 0x84, machine, len(sections), 0, 0, 0, opt_size, 0x22)
    opt = 0x98
    struct.pack_into("<H", data, opt, magic)
    struct.pack_into("<I", data, opt + 16, entry)
    struct.pack_into("<II", data, opt + 56, 0x3000, headers)
    struct.pack_into("<H", data, opt + 68, subsystem)
    for i, (va, off) in enumerate(sections):
        struct.pack_into("<8sIIII", data, opt + opt_size + 40 * i, b".s%d" % i, 0x200, va, 0x200, off)
    return bytes(data)


class CheckEfiTest(unittest.TestCase):
    def test_good_images(self):
        self.assertEqual(check_efi.check("x86_64", pe()), [])
        self.assertEqual(check_efi.check("aarch64", pe(machine=0xAA64)), [])

    def test_signatures(self):
        self.assertEqual(check_efi.check("x86_64", b"\x7fELF" + bytes(100)), ["no MZ signature"])
        bad = bytearray(pe())
        bad[0x80:0x84] = b"NE\0\0"
        self.assertIn("no PE signature", check_efi.check("x86_64", bytes(bad))[0])

    def test_machine_subsystem_magic(self):
        self.assertIn("machine type", check_efi.check("aarch64", pe())[0])
        self.assertIn("subsystem 3", check_efi.check("x86_64", pe(subsystem=3))[0])
        self.assertIn("PE32+", check_efi.check("x86_64", pe(magic=0x10B))[0])

    def test_section_inside_headers(self):
        problems = check_efi.check("x86_64", pe(sections=((0x1000, 0x400), (0x200, 0x200))))
        self.assertTrue(any("inside the headers" in p for p in problems), problems)

    def test_arm_size_multiple_of_512(self):
        problems = check_efi.check("aarch64", pe(machine=0xAA64, size=0x1401))
        self.assertTrue(any("multiple of 512" in p for p in problems), problems)

    def test_section_past_end_of_file(self):
        problems = check_efi.check("x86_64", pe(sections=((0x1000, 0x1300),)))
        self.assertTrue(any("past the end" in p for p in problems), problems)

    def test_entry_outside_sections(self):
        self.assertIn("entry point", check_efi.check("x86_64", pe(entry=0x2800))[0])


if __name__ == "__main__":
    unittest.main()
