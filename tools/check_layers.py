#!/usr/bin/env python3
"""Checks the seams of doorbell's layering (docs/architecture.md, "Layers") from #include lines.

- kernel/ and drivers/ reach arch code only through arch/hooks.h;
- kernel/irq uses no driver and no arch code at all;
- the ACPI parsers drive no hardware (no arch hooks);
- the bus domains (drivers/pci, drivers/ims) use nothing from drivers/iommu or drivers/irqchip;
- the two arches never reach into each other;
- kernel/ reaches the arch's platform drivers (VT-d, the GIC, the SMMUv3) only through
  arch_platform_drivers (kernel/platform_drivers.h), and never branches on the arch's name.
- no tracked file cites the design document that lives outside the repository: what the code
  relies on is in docs/ (architecture.md, platform.md), and citations name the docs file and section.
Prints each violation as file:line and exits 1 when there is any.
"""
import pathlib
import re
import subprocess
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
# The arch is chosen at build time: kernel/ code never compares the arch's name.
ARCH_BRANCH = re.compile(r'\b(str\w*cmp|memcmp)\s*\([^;]*\barch_name\b|\barch_name\s*\[|[=!]=\s*arch_name\b|'
                         r'\barch_name\s*[=!]=')
ARCH_BRANCH_SRCS = ("kernel/",)

RULES = [
    # (source prefix, forbidden include prefix, allowed exceptions, why)
    ("kernel/", "arch/", ("arch/hooks.h",), "kernel/ reaches arch code only through arch/hooks.h"),
    ("drivers/", "arch/", ("arch/hooks.h",), "drivers/ reach arch code only through arch/hooks.h"),
    ("kernel/irq/", "drivers/", (), "the irq core uses no driver"),
    ("kernel/irq/", "arch/", (), "the irq core uses no arch code"),
    ("drivers/acpi/", "arch/", (), "the ACPI parsers drive no hardware"),
    ("drivers/pci/", "drivers/iommu/", (), "bus domains do not know what is below them"),
    ("drivers/pci/", "drivers/irqchip/", (), "bus domains do not know what is below them"),
    ("drivers/ims/", "drivers/iommu/", (), "bus domains do not know what is below them"),
    ("drivers/ims/", "drivers/irqchip/", (), "bus domains do not know what is below them"),
    ("drivers/ims/", "drivers/iommu/", (), "bus domains do not know what is below them"),
    ("drivers/ims/", "drivers/irqchip/", (), "bus domains do not know what is below them"),
    ("kernel/", "drivers/iommu/vtd/", (), "kernel/ reaches the arch's drivers through arch_platform_drivers"),
    ("kernel/", "drivers/iommu/smmuv3/", (), "kernel/ reaches the arch's drivers through arch_platform_drivers"),
    ("kernel/", "drivers/irqchip/", (), "kernel/ reaches the arch's drivers through arch_platform_drivers"),
    ("arch/x86_64/", "arch/aarch64/", (), "the arches never reach into each other"),
    ("arch/aarch64/", "arch/x86_64/", (), "the arches never reach into each other"),
]

# The design document's name, then an optional ".md", then a section sign; written in pieces
# so that this file does not match itself.
OUTSIDE_CITATION = re.compile("DESIGN" + r"(\.md)?\s*" + "\u00a7")
CITATION_DIRS = ("arch/", "boot/", "drivers/", "kernel/", "linker/", "tests/", "tools/", "docs/")


def tracked_files(top):
    """The files git tracks under top (every file outside build/ when git cannot say)."""
    try:
        out = subprocess.run(["git", "-C", str(top), "ls-files", "-z"], check=True,
                             capture_output=True).stdout
        return sorted(top / f for f in out.decode().split("\0") if f)
    except (OSError, subprocess.CalledProcessError):
        return sorted(p for p in top.rglob("*") if p.is_file() and "build" not in p.parts)


def check_citations(top):
    """Every citation of the outside design document, printed as file:line; returns the count."""
    bad = 0
    for path in tracked_files(top):
        rel = path.relative_to(top).as_posix()
        if not (rel.startswith(CITATION_DIRS) or "/" not in rel) or not path.is_file():
            continue
        try:
            text = path.read_text(errors="strict")
        except (UnicodeDecodeError, OSError):
            continue  # binary
        for n, line in enumerate(text.splitlines(), 1):
            if OUTSIDE_CITATION.search(line):
                print(f"{rel}:{n}: cites the design document outside the repository: cite docs/ instead")
                bad += 1
    return bad


def main():
    top = pathlib.Path(__file__).resolve().parent.parent
    bad = 0
    files = sorted(p for ext in ("*.c", "*.h", "*.S") for p in top.rglob(ext) if "build" not in p.parts)
    for path in files:
        rel = path.relative_to(top).as_posix()
        for n, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            if rel.startswith(ARCH_BRANCH_SRCS) and ARCH_BRANCH.search(line):
                print(f"{rel}:{n}: branches on arch_name: the arch is chosen at build time "
                      "(arch_platform_drivers, kernel/platform_drivers.h)")
                bad += 1
            m = INCLUDE.match(line)
            if not m:
                continue
            inc = m.group(1)
            for src, forbidden, allowed, why in RULES:
                if rel.startswith(src) and inc.startswith(forbidden) and inc not in allowed:
                    print(f"{rel}:{n}: includes {inc}: {why}")
                    bad += 1
    bad += check_citations(top)
    if bad:
        print(f"check_layers: {bad} violation(s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
