"""Builds the EFI system partition image with mtools (a FAT image file, not QEMU's vvfat)."""

import os
import shutil
import subprocess

BOOT_NAMES = {"x86_64": "BOOTX64.EFI", "aarch64": "BOOTAA64.EFI"}
MIN_SIZE = 8 << 20


class EspError(Exception):
    pass


def config_text(items):
    """The \\doorbell\\config file: one key=value per line, in the given order."""
    lines = []
    for key, value in items:
        if isinstance(value, bool):
            value = "on" if value else "off"
        value = str(value)
        if "\n" in value or "=" in key or not key:
            raise EspError("bad guest config entry %r=%r" % (key, value))
        lines.append("%s=%s\n" % (key, value))
    return "".join(lines)


def mtools(args, env):
    try:
        p = subprocess.run(args, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    except FileNotFoundError as e:
        raise EspError("%s not found: install mtools (tools/setup.sh)" % args[0]) from e
    if p.returncode != 0:
        raise EspError("%s failed: %s" % (" ".join(args), (p.stderr or p.stdout).strip()))


def build(image, arch, efi, config_items, acpi_tables=()):
    """Writes a fresh image at `image`: EFI/BOOT/BOOT<arch>.EFI, doorbell/config, doorbell/acpi/*."""
    if arch not in BOOT_NAMES:
        raise EspError("unknown arch %r" % arch)
    if not os.path.isfile(efi):
        raise EspError("%s does not exist: build it first (make ARCH=%s)" % (efi, arch))
    for t in acpi_tables:
        if not os.path.isfile(t):
            raise EspError("ACPI table file %s does not exist" % t)
    names = [os.path.basename(t) for t in acpi_tables]
    if len(set(n.upper() for n in names)) != len(names):
        raise EspError("two ACPI table files share a base name: %s" % ", ".join(names))
    os.makedirs(os.path.dirname(os.path.abspath(image)), exist_ok=True)
    payload = os.path.getsize(efi) + sum(os.path.getsize(t) for t in acpi_tables)
    size = max(MIN_SIZE, (2 * payload + (1 << 20) + (1 << 20) - 1) & ~((1 << 20) - 1))
    tmp = image + ".tmp"
    cfg = image + ".config"
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1", MTOOLS_NO_VFAT="0")
    with open(tmp, "wb") as f:
        f.truncate(size)
    with open(cfg, "w", encoding="ascii") as f:
        f.write(config_text(config_items))
    mtools(["mformat", "-i", tmp, "-v", "DOORBELL", "::"], env)
    mtools(["mmd", "-i", tmp, "::/EFI", "::/EFI/BOOT", "::/doorbell"] +
            (["::/doorbell/acpi"] if acpi_tables else []), env)
    mtools(["mcopy", "-i", tmp, efi, "::/EFI/BOOT/" + BOOT_NAMES[arch]], env)
    mtools(["mcopy", "-i", tmp, cfg, "::/doorbell/config"], env)
    for t, n in zip(acpi_tables, names):
        mtools(["mcopy", "-i", tmp, t, "::/doorbell/acpi/" + n], env)
    os.replace(tmp, image)
    shutil.copyfile(cfg, os.path.join(os.path.dirname(image), "config"))
    os.unlink(cfg)
    return image
