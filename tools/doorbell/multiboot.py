"""The multiboot boot path (x86_64): doorbell.mb loaded by QEMU's -kernel on SeaBIOS, the guest config and
ACPI table overrides passed as multiboot modules (-initrd "a,b"), instead of OVMF and an ESP."""

import os
import shutil

from . import esp

IMAGE = "doorbell.mb"
CONFIG_MODULE = "config"  # the module boot/multiboot.c takes as \doorbell\config; every other is a table


class MultibootError(esp.EspError):
    pass


def image_path(build):
    return os.path.join(build, "x86_64", IMAGE)


def write_modules(directory, config_items, acpi_tables=()):
    """Writes `directory`/config and a copy of each table file beside it; returns the module paths in
    order (the config first). The guest names a module by its file name."""
    for t in acpi_tables:
        if not os.path.isfile(t):
            raise MultibootError("ACPI table file %s does not exist" % t)
    names = [os.path.basename(t) for t in acpi_tables]
    if len(set(names)) != len(names) or CONFIG_MODULE in names:
        raise MultibootError("ACPI table files need distinct base names other than %r: %s" %
                             (CONFIG_MODULE, ", ".join(names)))
    os.makedirs(directory, exist_ok=True)
    for old in os.listdir(directory):
        os.unlink(os.path.join(directory, old))
    paths = [os.path.join(directory, CONFIG_MODULE)]
    with open(paths[0], "w", encoding="ascii") as f:
        f.write(esp.config_text(config_items))
    for t, n in zip(acpi_tables, names):
        paths.append(os.path.join(directory, n))
        shutil.copyfile(t, paths[-1])
    return [os.path.abspath(p) for p in paths]


def qemu_args(kernel, modules):
    """-kernel and -initrd: QEMU splits -initrd at commas and passes each file's name as its module
    string, so no path may hold a comma (or a space: the string's first word is the name)."""
    for p in [os.path.abspath(kernel)] + list(modules):
        if "," in p or " " in p:
            raise MultibootError("a multiboot module path cannot hold a comma or a space: %r" % p)
    if not os.path.isfile(kernel):
        raise MultibootError("%s does not exist: build it first (make mb)" % kernel)
    argv = ["-kernel", os.path.abspath(kernel)]
    if modules:
        argv += ["-initrd", ",".join(modules)]
    return argv
