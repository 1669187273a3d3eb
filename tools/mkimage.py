#!/usr/bin/env python3
"""Writes the USB stick image (`make image`): a GPT disk with one EFI System Partition holding
EFI/BOOT/BOOTX64.EFI, EFI/BOOT/BOOTAA64.EFI and the stick's doorbell/config.

  mkimage.py --build DIR [--out PATH] [--no-config]

Exit status: 0 written, 2 error (a binary missing, mtools failed).
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from doorbell import esp, gpt, image  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description="Write the USB stick image of both EFI binaries.")
    ap.add_argument("--build", default="build", help="build directory (default: build)")
    ap.add_argument("--out", help="image file (default: BUILD/doorbell.img)")
    ap.add_argument("--no-config", action="store_true",
                    help="no doorbell/config on the stick (the guest's defaults apply)")
    args = ap.parse_args(argv)
    out = args.out or os.path.join(args.build, "doorbell.img")
    try:
        lay = image.build(out, image.efi_paths(args.build), None if args.no_config else image.STICK_CONFIG)
    except (esp.EspError, gpt.GptError, OSError) as e:
        print("mkimage: %s" % e, file=sys.stderr)
        return 2
    p = lay.partition
    print("mkimage: %s: %d MiB GPT disk, ESP at LBA %d-%d (FAT32), %s, %s" %
          (out, lay.blocks * gpt.BLOCK >> 20, p.first_lba, p.last_lba,
           ", ".join("EFI/BOOT/" + n for n in sorted(esp.BOOT_NAMES.values())),
           "no config" if args.no_config else "doorbell/config"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
