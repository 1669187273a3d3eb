"""One boot of one configuration: ESP image, QEMU, TAP, verdict, log and JSON result."""

import dataclasses
import json
import os
import re
import shutil
import sys
import time

from . import emulator, esp, image, multiboot, qemu, qmp, screen, tap, verdict

# The firmware hands over to the boot loader: OVMF/AAVMF's boot manager, or SeaBIOS starting the
# option ROM that loads a -kernel (the multiboot path).
BOOT_MANAGER_RE = re.compile(r"BdsDxe: starting Boot|Booting from ROM")
# The guest drew its last screen and waits for the go-ahead (kernel/console.c, console_finish).
SCREEN_DRAWN_RE = re.compile(r"^# screen: drawn")
# The guest test screen.live printed its markers and waits for a screendump of the live console.
SCREEN_LIVE_RE = re.compile(r"^# screen: live check; waiting for the go-ahead")
# The firmware gave up on the ESP and started its shell: waiting for the timeout is pointless.
FIRMWARE_GAVE_UP_RE = re.compile(r'BdsDxe: starting Boot[0-9A-Fa-f]+ "EFI Internal Shell"')
STICK = "doorbell.img"  # an image configuration's private copy, under build/esp/<label>/
MODULES = ".modules"  # a multiboot configuration's config and tables, build/results/<label>.modules/


def efi_path(build, arch):
    return os.path.join(build, arch, "doorbell.efi")


def guest_config_items(cfg, tests=None, acpi_dump=None, qemu_version=None):
    """The lines of \\doorbell\\config, in a fixed order: the runner's keys, then the entry's."""
    items = [("config", cfg.name), ("exit", "qemu"), ("tests", tests or cfg.tests or "*")]
    if qemu_version:
        # The platform the guest's known gaps are checked against (docs/runner.md, "TODOs").
        items.append(("qemu_version", qemu_version))
    guest = dict(cfg.guest)
    if acpi_dump is None:
        acpi_dump = guest.pop("acpi_dump", False)
    else:
        guest.pop("acpi_dump", None)
    items.append(("acpi_dump", "on" if acpi_dump in (True, "on", "1", 1, "true") else "off"))
    # Tests whose counts are exact only in deterministic runs read this (docs/platform.md, "icount").
    items.append(("icount", "on" if cfg.icount else "off"))
    if cfg.screen:
        # The guest waits, bounded, after drawing its last screen until the runner has dumped it.
        items.append(("screen", "wait"))
    for key in ("config", "exit", "tests", "icount", "qemu_version", "screen"):
        guest.pop(key, None)
    items += sorted(guest.items())
    return items


def with_build_paths(cfg, build):
    """A copy of cfg whose QEMU arguments and tables have `{build}` replaced by the build
    directory; table paths without it are taken relative to the build directory."""
    top = os.path.abspath(build)
    qemu_args = [a.replace("{build}", top) for a in cfg.qemu]
    tables = [t.replace("{build}", top) if "{build}" in t else os.path.join(top, t) for t in cfg.tables]
    return dataclasses.replace(cfg, qemu=qemu_args, tables=tables)


def tail(lines, n=verdict.TAIL_LINES):
    return [line for line in lines[-n:]]


def prepare_stick(cfg, build, stick, source=None):
    """An image configuration's disk: a copy of `source` (e.g. build/doorbell.img, which QEMU then
    never touches) or, without one, a fresh image of the build's EFI binaries (`make image`'s)."""
    os.makedirs(os.path.dirname(os.path.abspath(stick)), exist_ok=True)
    if source:
        if not os.path.isfile(source):
            raise esp.EspError("%s does not exist: make image writes it" % source)
        shutil.copyfile(source, stick)
    else:
        image.build(stick, image.efi_paths(build))
    return stick


def boot(cfg, build, tests=None, acpi_tables=(), qemu_extra="", timeout=None, show=False,
         efi=None, disk=None, acpi_dump=None, out=sys.stdout, stick=None):
    """Boots `cfg` once and returns the result dict (also written to build/results/<name>.json).
    An image configuration boots a USB stick image (`stick`, copied; default: a fresh one) with
    the stick's own config, and QEMU is stopped once the guest's end line is seen. A multiboot
    configuration boots build/x86_64/doorbell.mb with the config and tables as modules, written
    under build/results/<label>.modules/, and is expected to report `boot.path=multiboot`."""
    results_dir = os.path.join(build, "results")
    os.makedirs(results_dir, exist_ok=True)
    log_path = os.path.join(results_dir, cfg.label + ".log")
    json_path = os.path.join(results_dir, cfg.label + ".json")
    stderr_path = os.path.join(results_dir, cfg.label + ".qemu.log")
    timeout = timeout or cfg.timeout
    result = {
        "config": cfg.name, "label": cfg.label, "emulator": cfg.emulator, "qemu_version": None,
        "arch": cfg.arch, "icount": cfg.icount, "verdict": "error", "expected_verdict": cfg.verdict,
        "ok": False, "reasons": [], "counts": {"passed": 0, "failed": 0, "skipped": 0, "todo": 0},
        "plan": None, "tests": [], "facts": {}, "fact_checks": [], "outcome_checks": [], "wall_s": None,
        "first_output_s": None, "boot_manager_s": None, "first_guest_line_s": None, "tap_start_s": None,
        "exit_status": None, "status_verdict": None, "sentinel": None, "timed_out": False,
        "image": cfg.image, "expected_fails": list(cfg.fails),
        "timeout_s": timeout, "command": None, "log": log_path, "qemu_stderr": stderr_path,
        "tail": [], "problems": [],
    }
    efi = efi or efi_path(build, cfg.arch)
    cfg = with_build_paths(cfg, build)
    acpi_tables = list(cfg.tables) + list(acpi_tables)
    disk_image = os.path.join(build, "esp", cfg.label, STICK if cfg.image else "esp.img")
    modules = ()
    if cfg.outcomes_checked:
        cfg = dataclasses.replace(cfg, facts={"boot.path": cfg.boot, **cfg.facts})
    try:
        result["qemu_version"] = emulator.version(cfg.emulator, cfg.arch, build)
        if cfg.boot == "multiboot":
            modules = multiboot.write_modules(os.path.join(results_dir, cfg.label + MODULES),
                                              guest_config_items(cfg, tests, acpi_dump, result["qemu_version"]),
                                              acpi_tables)
        elif cfg.image:
            if tests or acpi_tables:
                raise ValueError("%s boots the stick's own config: no tests or tables from the runner" % cfg.name)
            prepare_stick(cfg, build, disk_image, stick)
        else:
            esp.build(disk_image, cfg.arch, efi, guest_config_items(cfg, tests, acpi_dump, result["qemu_version"]),
                      acpi_tables)
        qmp_path = os.path.abspath(os.path.join(results_dir, cfg.label + ".qmp")) if cfg.screen else None
        if qmp_path and os.path.exists(qmp_path):
            os.unlink(qmp_path)
        argv = qemu.command(cfg, os.path.abspath(disk_image), qemu_extra, disk, build, qmp=qmp_path,
                            modules=modules)
    except (esp.EspError, qemu.QemuError, emulator.EmulatorError, ValueError) as e:
        result["reasons"] = [str(e)]
        _write_json(json_path, result)
        return result
    result["command"] = argv

    parser = tap.TapParser()
    marks = {}
    feed = {} if cfg.screen else None
    ppm_path = os.path.join(results_dir, cfg.label + ".ppm")
    live_ppm_path = os.path.join(results_dir, cfg.label + ".live.ppm")
    for path in (ppm_path, live_ppm_path):
        if cfg.screen and os.path.exists(path):
            os.unlink(path)
    seen = [0]  # lines so far

    def on_line(t, line):
        seen[0] += 1
        if "first_output_s" not in marks:
            marks["first_output_s"] = t
        if BOOT_MANAGER_RE.search(line):
            marks["boot_manager_s"] = t
            marks.pop("first_guest_line_s", None)
        elif "boot_manager_s" in marks and "first_guest_line_s" not in marks and line.strip():
            marks["first_guest_line_s"] = t
        was_started = parser.result.version != 0
        parser.feed(line)
        if not was_started and parser.result.version != 0:
            marks["tap_start_s"] = t
            marks.setdefault("first_guest_line_s", t)
        if not was_started and FIRMWARE_GAVE_UP_RE.search(line):
            return "the firmware did not boot the ESP's loader (it started its shell)"
        if feed is not None and SCREEN_LIVE_RE.match(line) and "live_screendump_s" not in marks:
            t_dump = time.monotonic()
            try:
                qmp.screendump(qmp_path, os.path.abspath(live_ppm_path))
            except qmp.QmpError as e:
                marks["live_screendump_error"] = str(e)
            marks["live_screendump_s"] = round(time.monotonic() - t_dump, 3)
            marks["live_lines"] = seen[0]
            feed["write"](b"g")  # the go-ahead: the test goes on
        if feed is not None and SCREEN_DRAWN_RE.match(line) and "screendump_s" not in marks:
            t_dump = time.monotonic()
            try:
                qmp.screendump(qmp_path, os.path.abspath(ppm_path))
            except qmp.QmpError as e:
                marks["screendump_error"] = str(e)
            marks["screendump_s"] = round(time.monotonic() - t_dump, 3)
            feed["write"](b"g")  # the go-ahead: the guest exits
        # A guest without an exit device halts after its end line: the run is complete.
        if cfg.image and parser.result.sentinel is not None:
            return True
        return None

    with open(log_path, "w", encoding="utf-8") as log:
        log.write("# %s\n" % " ".join(argv))
        log.flush()
        run = qemu.run(argv, timeout, on_line=on_line, log=log, show=out if show else None, feed=feed)
    with open(stderr_path, "w", encoding="utf-8") as f:
        f.write(run.stderr)
    if qmp_path and os.path.exists(qmp_path):
        os.unlink(qmp_path)
    t = parser.finish()
    if run.interrupted:
        outcome = verdict.BootOutcome("error", ["interrupted"])
        outcome.fact_checks = verdict.check_facts(cfg.facts, t.facts)
    else:
        held = cfg.outcomes_checked
        outcome = verdict.decide(cfg.arch, t, run.status, run.timed_out, cfg.facts, run.started,
                                 cfg.skips if held else None, cfg.todos if held else None,
                                 not cfg.facts_required, (cfg.fails or None) if held else None,
                                 halts=cfg.image)
        if run.stopped:
            outcome = verdict.BootOutcome("error", [run.stopped], None, outcome.fact_checks,
                                          outcome.outcome_checks)
        if not run.started:
            outcome.reasons.append(run.start_error)
    lines = [line for _, line in run.lines]
    if cfg.screen and not run.interrupted:
        result["screen"] = check_screen(ppm_path, lines, t, marks)
        result["screen"]["live"] = check_live_screen(live_ppm_path, lines, t, marks)
        result["screen"]["problems"] += result["screen"]["live"]["problems"]
        if result["screen"]["problems"]:
            outcome.reasons += result["screen"]["problems"]
            if outcome.verdict == "pass":
                outcome.verdict = "fail"
    result.update(marks)
    result.update({
        "verdict": outcome.verdict, "reasons": outcome.reasons,
        "ok": outcome.verdict == cfg.verdict,
        "counts": t.counts, "plan": t.plan if t.plan >= 0 else None,
        "tests": [{"number": p.number, "name": p.name, "outcome": p.outcome, "directive": p.directive,
                   "reason": p.reason, "yaml": p.yaml, "diagnostics": p.diagnostics, "before": p.before,
                   "duration_ms": p.duration_ms}
                  for p in t.points],
        "facts": t.facts,
        "fact_checks": [{"key": k, "expected": w, "got": g, "ok": ok} for k, w, g, ok in outcome.fact_checks],
        "outcome_checks": [{"what": w, "ok": ok, "message": m} for w, ok, m in outcome.outcome_checks],
        "wall_s": round(run.wall, 3), "exit_status": run.status, "status_verdict": outcome.status_verdict,
        "sentinel": list(t.sentinel) if t.sentinel else None, "timed_out": run.timed_out,
        "bailed_out": t.bailed_out, "problems": t.problems,
        "tail": tail(lines) if outcome.verdict != "pass" else [],
        "qemu_stderr_tail": run.stderr.strip().splitlines()[-10:] if outcome.verdict == "error" else [],
    })
    for k in ("first_output_s", "boot_manager_s", "first_guest_line_s", "tap_start_s"):
        if result.get(k) is not None:
            result[k] = round(result[k], 3)
    _write_json(json_path, result)
    return result


def check_screen(ppm_path, lines, t, marks):
    """The screendump read back and compared with the serial report: {"ppm", "problems", ...}."""
    out = {"ppm": ppm_path, "problems": [], "rows": None, "verdict_line": None, "counts_line": None}
    if "screendump_s" not in marks:
        out["problems"].append("screen: the guest drew no last screen (fb.console=%s)" %
                               t.facts.get("fb.console", "not reported"))
        return out
    if "screendump_error" in marks:
        out["problems"].append("screen: screendump failed: %s" % marks["screendump_error"])
        return out
    try:
        decoded = screen.decode_file(ppm_path)
    except (OSError, screen.ScreenError) as e:
        out["problems"].append("screen: %s" % e)
        return out
    counts = t.counts if any(c.startswith("# tests:") for c in t.comments) else None
    verdict_word = t.sentinel[0] if t.sentinel else "none"
    out.update({"size": "%dx%d" % (decoded["width"], decoded["height"]), "verdict_line": decoded["verdict_line"],
                "counts_line": decoded["counts_line"], "rows": decoded["rows"]})
    out["problems"] = ["screen: " + p for p in screen.compare(decoded, lines, verdict_word, counts)]
    return out


def check_live_screen(ppm_path, lines, t, marks):
    """The screendump taken while screen.live waited, read back and compared with the serial lines
    up to its request: {"ppm", "problems", "rows"}. Nothing to check when screen.live did not ask
    (not selected, or skipped: its own TAP line says why)."""
    out = {"ppm": ppm_path, "problems": [], "rows": None}
    if "live_screendump_s" not in marks:
        if any(p.name == "screen.live" and p.directive != "SKIP" for p in t.points):
            out["problems"].append("screen: screen.live ran but asked for no live screendump")
        return out
    if "live_screendump_error" in marks:
        out["problems"].append("screen: live screendump failed: %s" % marks["live_screendump_error"])
        return out
    try:
        decoded = screen.Decoder().live(*screen.read_ppm(ppm_path))
    except (OSError, screen.ScreenError) as e:
        out["problems"].append("screen: %s" % e)
        return out
    out["rows"] = decoded["rows"]
    out["problems"] = ["screen: " + p for p in screen.compare_live(decoded, lines[:marks["live_lines"]])]
    return out


def _write_json(path, result):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2, sort_keys=False)
        f.write("\n")
    os.replace(tmp, path)


def summary_line(result):
    """`ok   x86-iommu  12 passed 0 failed 1 skipped  (23.4 s)` plus why, when not ok."""
    c = result["counts"]
    mark = "ok  " if result["ok"] else ("ERR " if result["verdict"] == "error" else "FAIL")
    text = "%s %-14s %3d passed %d failed %d skipped" % (mark, result["config"], c["passed"], c["failed"],
                                                          c["skipped"])
    expected = sum(1 for p in result["tests"] if p["outcome"] == "failed" and
                   verdict.expected_failure(p["name"], result.get("expected_fails")))
    if expected:
        text = text.replace(" failed ", " failed (%d expected) " % expected, 1)
    if c.get("todo"):
        text += " %d todo" % c["todo"]
    text += "  (%.1f s" % (result["wall_s"] or 0)
    if result.get("tap_start_s") is not None:
        text += ", TAP at %.1f s" % result["tap_start_s"]
    text += ")"
    if result["verdict"] != result["expected_verdict"] or result["verdict"] != "pass":
        text += "  verdict=%s" % result["verdict"]
        if result["expected_verdict"] != "pass":
            text += " (expected %s)" % result["expected_verdict"]
    return text


def slowest_tests(results, n=5):
    """The n slowest guest tests over boot results: [(ms, label, test name)]. Boots under icount
    are left out: their guest clock is virtual (it jumps ahead while the CPU idles), so their
    durations say nothing of the wall time a test took."""
    out = [(p["duration_ms"], r.get("label", r["config"]), p["name"]) for r in results
           if not r.get("icount") for p in r["tests"] if p.get("duration_ms") is not None]
    return sorted(out, reverse=True)[:n]


def explain(result):
    """Lines that say why a boot is not a pass: reasons, failed points, and the serial tail on error."""
    out = []
    for r in result["reasons"]:
        out.append("  reason: " + r)
    for p in result["tests"]:
        if p["outcome"] == "failed":
            out.append("  not ok %d - %s" % (p["number"], p["name"]))
            for y in p["yaml"].splitlines():
                out.append("      " + y)
    if result["verdict"] == "error" and result["command"] is not None:
        out.append("  last %d serial lines (%s):" % (len(result["tail"]), result["log"]))
        out += ["  | " + line for line in result["tail"]]
        if result.get("qemu_stderr_tail"):
            out.append("  QEMU stderr (%s):" % result["qemu_stderr"])
            out += ["  ! " + line for line in result["qemu_stderr_tail"]]
    return out
