"""Loads tools/configs.toml: the one file of boot configurations."""

import dataclasses
import fnmatch
import os
import tomllib
from dataclasses import dataclass, field

from . import TOOLS_DIR, emulator

CONFIG_FILE = os.path.join(TOOLS_DIR, "configs.toml")
ARCHES = ("x86_64", "aarch64")
VERDICTS = ("pass", "fail")

# key: (type, default). `default` and `inherit` are handled apart.
KEYS = {
    "arch": (str, None),
    "machine": (str, None),
    "cpu": (str, "max"),
    "smp": (int, 1),
    "memory": (str, "256M"),
    "icount": (bool, False),
    "qemu": (list, []),
    "tables": (list, []),
    "guest": (dict, {}),
    "tests": (str, "*"),
    "timeout": ((int, float), 120),
    "verdict": (str, "pass"),
    "facts": (dict, {}),
    "matrix": (bool, True),
    "skips": (list, []),
    "todos": (list, []),
    "fails": (list, []),
    "image": (bool, False),
    "boot": (str, "uefi"),
    "on": (dict, {}),
    "screen": (bool, False),
}
BOOT_PATHS = ("uefi", "multiboot")
# Keys of a per-emulator overlay `[name.on."10.0"]`: any of the above but `arch` and `on`, plus
# `absent`, the reason the configuration does not apply to that emulator.
OVERLAY_KEYS = set(KEYS) - {"arch", "on"} | {"absent"}
MERGED = ("facts", "guest")
MSIX_PLACEHOLDER = "{msix}"  # the emulator's MSI-X test device (emulator.Emulator.msix_device)


class ConfigError(Exception):
    pass


@dataclass
class Config:
    name: str
    arch: str
    machine: str
    cpu: str = "max"
    smp: int = 1
    memory: str = "256M"
    icount: bool = False
    qemu: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    guest: dict = field(default_factory=dict)
    tests: str = "*"
    timeout: float = 120
    verdict: str = "pass"
    facts: dict = field(default_factory=dict)
    matrix: bool = True
    skips: list = field(default_factory=list)
    todos: list = field(default_factory=list)
    fails: list = field(default_factory=list)
    image: bool = False
    boot: str = "uefi"  # uefi: OVMF/AAVMF and an ESP; multiboot: x86_64 doorbell.mb on SeaBIOS
    on: dict = field(default_factory=dict)
    screen: bool = False  # the last screen is dumped over QMP and read back (tools/doorbell/screen.py)
    default: bool = False
    emulator: str = emulator.DEFAULT  # the QEMU series this configuration is expanded for
    absent: str = ""  # why it does not apply to that emulator ("" = it does)
    outcomes_checked: bool = True  # False: the SKIP/TODO lists are not held (raw QEMU options)
    facts_required: bool = True  # False: a fact the guest did not print is not a failure (TESTS=)

    @property
    def label(self):
        """name@series: one boot of one configuration on one emulator."""
        return "%s@%s" % (self.name, self.emulator)

    def to_dict(self):
        return dict(self.__dict__)


def _merge(base, over):
    """`over` on top of `base`; facts and guest tables merge key by key, `on` per emulator."""
    out = dict(base)
    for key, value in over.items():
        if key in MERGED and key in out:
            out[key] = {**out[key], **value}
        elif key == "on" and key in out:
            on = dict(out["on"])
            for series, table in value.items():
                on[series] = _merge(on.get(series, {}), table) if isinstance(table, dict) else table
            out["on"] = on
        else:
            out[key] = value
    return out


def _resolve(name, raw, seen=()):
    entry = raw[name]
    if not isinstance(entry, dict):
        raise ConfigError("%s: not a table" % name)
    for key in entry:
        if key not in KEYS and key not in ("default", "inherit"):
            raise ConfigError("%s: unknown key %r (known: %s)" % (name, key, ", ".join(sorted(KEYS))))
    merged = {}
    parent = entry.get("inherit")
    if parent is not None:
        if parent not in raw:
            raise ConfigError("%s: inherits unknown configuration %r" % (name, parent))
        if parent in seen:
            raise ConfigError("%s: inheritance loop through %r" % (name, parent))
        merged = _resolve(parent, raw, seen + (name,))
        merged.pop("default", None)
        merged = _shadow_overlays(merged, entry)
    return _merge(merged, {k: v for k, v in entry.items() if k != "inherit"})


def _shadow_overlays(inherited, entry):
    """An inherited per-emulator overlay changes the parent's values, not the child's: a key (or a
    fact / guest key) that the child sets itself is dropped from the overlays it inherits."""
    on = {}
    for series, table in inherited.get("on", {}).items():
        if not isinstance(table, dict):
            on[series] = table
            continue
        kept = {}
        for key, value in table.items():
            if key in MERGED and isinstance(entry.get(key), dict):
                value = {k: v for k, v in value.items() if k not in entry[key]}
                if value:
                    kept[key] = value
            elif key not in entry:
                kept[key] = value
        on[series] = kept
    return {**inherited, "on": on} if on else inherited


def _build(name, merged):
    values = {}
    for key, (typ, default) in KEYS.items():
        if key not in merged:
            if default is None:
                raise ConfigError("%s: missing %r" % (name, key))
            values[key] = default.copy() if isinstance(default, (list, dict)) else default
            continue
        value = merged[key]
        if isinstance(value, bool) and typ is not bool:
            raise ConfigError("%s: %s must be %s, not a boolean" % (name, key, typ))
        if not isinstance(value, typ):
            raise ConfigError("%s: %s has the wrong type (%s)" % (name, key, type(value).__name__))
        values[key] = value
    if values["arch"] not in ARCHES:
        raise ConfigError("%s: arch must be one of %s" % (name, ", ".join(ARCHES)))
    if values["verdict"] not in VERDICTS:
        raise ConfigError("%s: verdict must be one of %s" % (name, ", ".join(VERDICTS)))
    if not all(isinstance(a, str) for a in values["qemu"]):
        raise ConfigError("%s: qemu must be a list of strings" % name)
    for key in ("tables", "skips", "todos", "fails"):
        if not all(isinstance(a, str) for a in values[key]):
            raise ConfigError("%s: %s must be a list of strings" % (name, key))
    for series, table in values["on"].items():
        if series not in emulator.SERIES:
            raise ConfigError("%s: on.%s: unknown QEMU (known: %s)" % (name, series, ", ".join(emulator.SERIES)))
        if not isinstance(table, dict):
            raise ConfigError("%s: on.%s must be a table" % (name, series))
        for key in table:
            if key not in OVERLAY_KEYS:
                raise ConfigError("%s: on.%s: unknown key %r" % (name, series, key))
        if "absent" in table and not (isinstance(table["absent"], str) and table["absent"].strip()):
            raise ConfigError("%s: on.%s.absent must say why" % (name, series))
    if values["image"] and (values["tables"] or values["guest"] or values["tests"] != "*"):
        # The stick's own doorbell/config decides these (tools/doorbell/image.py).
        raise ConfigError("%s: an image configuration boots the stick's own config: no tables, guest "
                          "or tests" % name)
    if values["boot"] not in BOOT_PATHS:
        raise ConfigError("%s: boot must be one of %s" % (name, ", ".join(BOOT_PATHS)))
    if values["boot"] == "multiboot" and (values["arch"] != "x86_64" or values["image"] or values["screen"]):
        # No GOP on that path: no framebuffer for a screen check.
        raise ConfigError("%s: boot = \"multiboot\" is for x86_64 configurations without an image or a "
                          "screen" % name)
    if values["smp"] < 1 or values["timeout"] <= 0:
        raise ConfigError("%s: smp and timeout must be positive" % name)
    for key, value in values["guest"].items():
        if isinstance(value, (dict, list)):
            raise ConfigError("%s: guest.%s must be a scalar" % (name, key))
    default = merged.get("default", False)
    if not isinstance(default, bool):
        raise ConfigError("%s: default must be true or false" % name)
    return Config(name=name, default=default, **values)


def load(path=CONFIG_FILE):
    """All configurations, in file order. Raises ConfigError with the reason."""
    try:
        with open(path, "rb") as f:
            raw = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError("%s: %s" % (path, e)) from e
    configs = [_build(name, _resolve(name, raw)) for name in raw]
    for arch in ARCHES:
        defaults = [c.name for c in configs if c.arch == arch and c.default]
        if len(defaults) > 1:
            raise ConfigError("%s: more than one default for %s: %s" % (path, arch, ", ".join(defaults)))
    return configs


def for_emulator(cfg, series):
    """`cfg` expanded for one QEMU series: its `on.<series>` overlay applied (checked as the
    configuration itself is), `emulator` set, and `absent` holding why it does not apply there."""
    emulator.get(series)
    table = cfg.on.get(series, {})
    base = {k: v for k, v in cfg.__dict__.items() if k in KEYS}
    merged = _merge(base, {k: v for k, v in table.items() if k != "absent"})
    merged["default"] = cfg.default
    out = _build("%s@%s" % (cfg.name, series), merged)
    msix = emulator.get(series).msix_device
    if any(MSIX_PLACEHOLDER in a for a in out.qemu):
        out.qemu = [a.replace(MSIX_PLACEHOLDER, msix + ",romfile=") for a in out.qemu]
        out.facts = {"msix.device": msix, **out.facts}
    return dataclasses.replace(out, name=cfg.name, emulator=series, absent=table.get("absent", ""))


def expand(configs, series=emulator.SERIES):
    """Every configuration on every QEMU series named, in file order."""
    return [for_emulator(c, s) for c in configs for s in series]


# Facts that follow the number of CPUs, and the prefixes of facts that follow the CPU model (CPUID
# decides the platform kind, and the policy and the IMS domain follow it).
SMP_FACTS = ("cpu.online", "cpu.madt_enabled", "its.collections")
CPU_FACT_PREFIXES = ("cpu.hypervisor", "platform.", "policy.", "ims.")


def with_overrides(cfg, smp=None, cpu=None, qemu_extra="", tests=None):
    """`cfg` with the knobs users change: `smp` (expected CPU counts follow), `cpu` (the facts
    that CPUID decides are not checked), raw `qemu_extra` options (only the guest's own verdict
    is checked) and `tests` (a subset: facts of the tests left out are not required). Returns
    (config, [facts not checked, with why])."""
    facts = dict(cfg.facts)
    unchecked = []
    changes = {}
    if smp is not None and smp != cfg.smp:
        if smp < 1:
            raise ConfigError("SMP must be at least 1")
        for key in SMP_FACTS:
            if key in facts and str(facts[key]) == str(cfg.smp):
                facts[key] = smp
        changes["smp"] = smp
    if cpu and cpu != cfg.cpu:
        for key in sorted(facts):
            if key.startswith(CPU_FACT_PREFIXES):
                unchecked.append("%s (CPU=%s)" % (key, cpu))
                del facts[key]
        changes["cpu"] = cpu
    if qemu_extra:
        unchecked += ["%s (QEMU_EXTRA)" % k for k in sorted(facts)]
        unchecked.append("the expected SKIP and TODO lists (QEMU_EXTRA)")
        facts = {}
        changes["outcomes_checked"] = False
    if tests and tests != cfg.tests:
        changes["facts_required"] = False
    return dataclasses.replace(cfg, facts=facts, **changes), unchecked


def with_boot(cfg, boot):
    """`cfg` booted through `boot` (uefi or multiboot) instead of its own path; checked as the
    configuration itself is (multiboot only for x86_64 without an image)."""
    merged = {k: v for k, v in cfg.__dict__.items() if k in KEYS}
    merged["boot"] = boot
    out = _build(cfg.name, merged)
    return dataclasses.replace(cfg, boot=out.boot)


def get(name, configs=None):
    configs = load() if configs is None else configs
    for c in configs:
        if c.name == name:
            return c
    raise ConfigError("no configuration %r (known: %s)" % (name, ", ".join(c.name for c in configs)))


def default_for(arch, configs=None):
    configs = load() if configs is None else configs
    for c in configs:
        if c.arch == arch and c.default:
            return c
    for c in configs:
        if c.arch == arch:
            return c
    raise ConfigError("no configuration for arch %s" % arch)


def image_for(arch, configs=None):
    """The arch's image configuration (image = true): how `run.py --image` boots a stick."""
    configs = load() if configs is None else configs
    for c in configs:
        if c.arch == arch and c.image:
            return c
    raise ConfigError("no image configuration for arch %s" % arch)


def select(pattern, configs=None):
    """Configurations whose names match any of the comma-separated glob patterns."""
    configs = load() if configs is None else configs
    pats = [p.strip() for p in (pattern or "*").split(",") if p.strip()]
    return [c for c in configs if any(fnmatch.fnmatchcase(c.name, p) for p in pats)]
