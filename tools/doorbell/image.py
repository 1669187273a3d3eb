"""The USB stick image (`make image`): a GPT disk whose one EFI System Partition holds both EFI
binaries under their removable-media names and the stick's own \\doorbell\\config."""

import os

from . import esp, gpt

ESP_SIZE = 64 << 20  # FAT32 (mformat -F) needs at least 65525 clusters: 32 MiB of 512-byte ones
VOLUME_LABEL = "DOORBELL"

# The stick's \doorbell\config. It names the run and says nothing of an exit device: with no
# `exit=` line the guest prints its verdict and halts (kernel/exit.c). No `qemu_version=` either:
# the platform is unnamed, so a known emulator gap is reported as a failure, as on any machine.
STICK_CONFIG = """\
# doorbell's settings on the USB stick: key=value, '#' starts a comment.
# No exit= line: after the verdict every CPU halts; reset or power off the machine.
config=usb-stick
# Guest tests to run: comma-separated glob patterns, '!pattern' excludes (e.g. tests=boot.*,pci.*).
tests=*
# The ACPI tables in acpidump's text format on the serial port (acpixtract -a LOG; iasl -d).
acpi_dump=on
"""


def efi_paths(build):
    """{arch: path of that arch's doorbell.efi} for both arches."""
    return {arch: os.path.join(build, arch, "doorbell.efi") for arch in esp.BOOT_NAMES}


def build(image, efis, config=STICK_CONFIG, disk_guid=None, part_guid=None):
    """Writes `image`: GPT, one ESP (FAT32) with EFI/BOOT/BOOT<arch>.EFI for every arch in `efis`
    ({arch: EFI binary}) and doorbell/config holding `config` (none when it is None)."""
    for arch, efi in efis.items():
        if arch not in esp.BOOT_NAMES:
            raise esp.EspError("unknown arch %r" % arch)
        if not os.path.isfile(efi):
            raise esp.EspError("%s does not exist: build it first (make all-arch)" % efi)
    os.makedirs(os.path.dirname(os.path.abspath(image)), exist_ok=True)
    tmp = image + ".tmp"
    lay = gpt.layout(ESP_SIZE, disk_guid=disk_guid, part_guid=part_guid)
    gpt.write(tmp, lay)
    part = lay.partition
    fat = "%s@@%d" % (tmp, part.offset)
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1", MTOOLS_NO_VFAT="0")
    # -T: the partition's blocks; -H: the blocks before it (the BPB's hidden sectors).
    esp.mtools(["mformat", "-i", fat, "-F", "-T", str(part.size // gpt.BLOCK), "-H", str(part.first_lba),
                "-h", "255", "-s", "63", "-v", VOLUME_LABEL, "::"], env)
    esp.mtools(["mmd", "-i", fat, "::/EFI", "::/EFI/BOOT"], env)
    for arch, efi in sorted(efis.items()):
        esp.mtools(["mcopy", "-i", fat, efi, "::/EFI/BOOT/" + esp.BOOT_NAMES[arch]], env)
    if config is not None:
        cfg = image + ".config"
        with open(cfg, "w", encoding="ascii") as f:
            f.write(config)
        try:
            esp.mtools(["mmd", "-i", fat, "::/doorbell"], env)
            esp.mtools(["mcopy", "-i", fat, cfg, "::/doorbell/config"], env)
        finally:
            os.unlink(cfg)
    os.replace(tmp, image)
    return lay
