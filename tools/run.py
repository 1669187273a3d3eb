#!/usr/bin/env python3
"""Boots one doorbell configuration in QEMU and reports its TAP verdict.

  run.py --build DIR --arch ARCH [--config NAME] [--tests PATTERNS] [--acpi-tables a.aml,b.aml]
         [--qemu-extra 'STR'] [--timeout S] [--show] [--efi PATH]
  run.py --build DIR --image build/doorbell.img --arch ARCH [--config NAME] [--qemu 10.0]
  run.py --build DIR --config NAME --boot multiboot|uefi    (another boot path than the entry's)

Exit status: 0 pass (or the configuration's expected verdict), 1 fail, 2 harness error.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from doorbell import boot, config, emulator, qemu  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description="Boot one doorbell configuration and check its TAP report.")
    ap.add_argument("--build", default="build", help="build directory (default: build)")
    ap.add_argument("--arch", choices=config.ARCHES, help="default: the configuration's arch, else x86_64")
    ap.add_argument("--config", help="configuration name from tools/configs.toml (default: the arch's default)")
    ap.add_argument("--tests", help="comma-separated glob patterns of guest tests (default: the entry's, or *)")
    ap.add_argument("--acpi-tables", default="", help="comma-separated table files put in \\doorbell\\acpi\\")
    ap.add_argument("--acpi-dump", choices=("on", "off"), default="on",
                    help="the guest prints every ACPI table in acpidump format (default on; "
                         "the matrix turns it off unless a configuration asks)")
    ap.add_argument("--qemu-extra", default="", help="extra QEMU options, appended verbatim (shell-split)")
    ap.add_argument("--timeout", type=float, help="seconds before QEMU is killed (default: the entry's)")
    ap.add_argument("--show", action="store_true", help="stream the serial output to the terminal")
    ap.add_argument("--efi", help="EFI binary to boot (default: BUILD/ARCH/doorbell.efi)")
    ap.add_argument("--disk", choices=sorted(qemu.DISKS), help="how the ESP is attached (default: virtio)")
    ap.add_argument("--image", help="boot this USB stick image (make image) as a USB stick, with its own "
                                    "config, in the arch's image configuration (a copy: the file stays as it is)")
    ap.add_argument("--qemu", default=emulator.DEFAULT, choices=emulator.SERIES,
                    help="which QEMU to boot on (default %s)" % emulator.DEFAULT)
    ap.add_argument("--smp", type=int, help="number of CPUs (expected CPU counts follow)")
    ap.add_argument("--cpu", help="the -cpu value (facts that CPUID decides are then not checked)")
    ap.add_argument("--boot", choices=config.BOOT_PATHS,
                    help="boot path instead of the configuration's (uefi: OVMF and an ESP; multiboot: "
                         "build/x86_64/doorbell.mb on SeaBIOS)")
    ap.add_argument("--list", action="store_true", help="list the configurations and exit")
    args = ap.parse_args(argv)

    try:
        configs = config.load()
        if args.list:
            for c in configs:
                print("%-16s %-8s%s" % (c.name, c.arch, "  (default)" if c.default else ""))
            return 0
        if args.image and not args.config:
            cfg = config.image_for(args.arch or "x86_64", configs)
        elif args.config:
            cfg = config.get(args.config, configs)
            if args.arch and cfg.arch != args.arch:
                # `make run ARCH=aarch64 CONFIG=x86-iommu` is a mistake worth stopping for.
                print("run: configuration %s is for %s, not %s" % (cfg.name, cfg.arch, args.arch), file=sys.stderr)
                return 2
        else:
            cfg = config.default_for(args.arch or "x86_64", configs)
        if args.image and not cfg.image:
            print("run: configuration %s boots the runner's ESP, not an image" % cfg.name, file=sys.stderr)
            return 2
        cfg = config.for_emulator(cfg, args.qemu)
        if args.boot:
            cfg = config.with_boot(cfg, args.boot)
        cfg, unchecked = config.with_overrides(cfg, args.smp, args.cpu, args.qemu_extra, args.tests)
    except config.ConfigError as e:
        print("run: %s" % e, file=sys.stderr)
        return 2
    if cfg.absent:
        print("run: %s does not apply to QEMU %s: %s" % (cfg.name, cfg.emulator, cfg.absent), file=sys.stderr)
        return 2

    tables = [t for t in (s.strip() for s in args.acpi_tables.split(",")) if t]
    acpi_dump = None if args.acpi_dump is None else args.acpi_dump == "on"
    if args.show:
        print("run: %s (%s), timeout %g s" % (cfg.label, cfg.arch, args.timeout or cfg.timeout), flush=True)
    result = boot.boot(cfg, args.build, tests=args.tests, acpi_tables=tables, qemu_extra=args.qemu_extra,
                       timeout=args.timeout, show=args.show, efi=args.efi, disk=args.disk, acpi_dump=acpi_dump,
                       stick=args.image)
    if args.show and result.get("command"):
        print("run: %s" % " ".join(result["command"]))
    print(boot.summary_line(result))
    slow = boot.slowest_tests([result])
    if slow:
        print("run: slowest tests: %s" % ", ".join("%s %.0f ms" % (name, ms) for ms, _, name in slow))
    if not cfg.facts_required:
        unchecked += ["%s (TESTS)" % k for k in sorted(cfg.facts) if k not in result["facts"]]
    groups = {}
    for what in unchecked:  # "key (KNOB)"
        name, _, why = what.rpartition(" (")
        groups.setdefault(why.rstrip(")"), []).append(name)
    for why, names in groups.items():
        print("run: not checked because of %s: %s" % (why, ", ".join(names)))
    if not result["ok"] or result["verdict"] != "pass":
        for line in boot.explain(result):
            print(line)
    print("run: log %s, result %s" % (result["log"], os.path.join(args.build, "results", cfg.label + ".json")))
    if result["ok"]:
        return 0
    return 2 if result["verdict"] == "error" else 1


if __name__ == "__main__":
    sys.exit(main())
