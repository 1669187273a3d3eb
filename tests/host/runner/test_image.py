import os
import shutil
import subprocess
import tempfile
import unittest
import uuid

from tests.host.runner import support  # noqa: F401
from doorbell import gpt, image

ENV = dict(os.environ, MTOOLS_SKIP_CHECK="1")


@unittest.skipUnless(shutil.which("mformat"), "mtools not installed")
class StickImageTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.efis = {}
        for arch in ("x86_64", "aarch64"):
            self.efis[arch] = os.path.join(self.dir.name, arch + ".efi")
            with open(self.efis[arch], "wb") as f:
                f.write(arch.encode() * 1000)
        self.path = os.path.join(self.dir.name, "doorbell.img")

    def tearDown(self):
        self.dir.cleanup()

    def mtools(self, *args):
        return subprocess.run(args, env=ENV, capture_output=True, text=True, check=True).stdout

    def test_esp_holds_both_binaries_and_the_config(self):
        lay = image.build(self.path, self.efis, part_guid=uuid.UUID(int=1))
        self.assertEqual(lay.partition.type_guid, gpt.ESP_TYPE)
        self.assertEqual(os.path.getsize(self.path), lay.blocks * gpt.BLOCK)
        fat = "%s@@%d" % (self.path, lay.partition.offset)
        listing = self.mtools("mdir", "-i", fat, "-/", "-b", "::")
        for name in ("::/EFI/BOOT/BOOTX64.EFI", "::/EFI/BOOT/BOOTAA64.EFI", "::/doorbell/config"):
            self.assertIn(name, listing.split())
        self.assertEqual(self.mtools("mtype", "-i", fat, "::/EFI/BOOT/BOOTAA64.EFI"), "aarch64" * 1000)
        config = self.mtools("mtype", "-i", fat, "::/doorbell/config")
        self.assertEqual(config, image.STICK_CONFIG)
        keys = [line.split("=")[0] for line in config.splitlines() if line and not line.startswith("#")]
        self.assertEqual(keys, ["config", "tests", "acpi_dump"])  # no exit=, no qemu_version=
        info = self.mtools("minfo", "-i", fat, "::")
        self.assertIn("hidden sectors: 2048", info)
        self.assertIn("FAT32", info)

    def test_without_config(self):
        lay = image.build(self.path, self.efis, config=None)
        fat = "%s@@%d" % (self.path, lay.partition.offset)
        self.assertNotIn("::/doorbell", self.mtools("mdir", "-i", fat, "-/", "-b", "::").split())

    def test_missing_binary(self):
        os.unlink(self.efis["aarch64"])
        with self.assertRaises(image.esp.EspError):
            image.build(self.path, self.efis)
        self.assertFalse(os.path.exists(self.path))


if __name__ == "__main__":
    unittest.main()
