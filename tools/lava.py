#!/usr/bin/env python3
"""doorbell as a LAVA job (tools/lava/README.md).

  lava.py job    --config NAME [--qemu 7.2] [--board] [--esp-url URL] [--out FILE]
  lava.py device --arch ARCH [--qemu 7.2]
  lava.py run    [--config NAME,...] [--qemu 7.2]
  lava.py templates [--check]

`job` writes the job definition for one configuration (the ESP it boots is built under
build/lava/<label>/ unless --esp-url names another); `templates` writes tools/lava/jobs/ (each
arch's default and the board job, with placeholder URLs; --check: fail when they are stale);
`device` prints the device file for LAVA's
`qemu` device type (tools/lava/devices/ holds those for QEMU 7.2); `run` runs each configuration's
job through LAVA's own dispatcher (`lava-run`, no server), then holds LAVA's recorded results to
the runner's reading of the same serial output: every TAP point recorded with the same outcome,
none failing, every measurement. Exit status: 0 they agree, 1 a mismatch or a failure, 2 an error.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from doorbell import TOOLS_DIR, boot, config, emulator, esp, lava, tap, verdict  # noqa: E402

LAVA_DIR = os.path.join(TOOLS_DIR, "lava")
DEVICE_DIR = os.path.join(LAVA_DIR, "devices")


def device_path(arch, series, build):
    """The device file for `arch` on QEMU `series`: the committed one for the system's QEMU,
    one written under the build directory for QEMU 10.0 (its paths are the build's)."""
    if series == emulator.DEFAULT:
        return os.path.join(DEVICE_DIR, "qemu-%s.yaml" % arch)
    return os.path.join(build, "lava", "devices", "qemu-%s@%s.yaml" % (arch, series))


def device_text(arch, series, build):
    emu = emulator.get(series)
    binary = None if series == emulator.DEFAULT else emu.binary(arch, build)
    return ("# LAVA device file: doorbell's QEMU for %s (QEMU %s). Written by tools/lava.py device.\n"
            % (arch, series)) + lava.to_yaml(lava.device(arch, series, build, binary)) + "\n"


def ensure_device(arch, series, build):
    """The device file's path, written when it lives under the build directory; the committed one
    is checked against what the runner would run (it is regenerated with `lava.py device`)."""
    path = device_path(arch, series, build)
    want = device_text(arch, series, build)
    if series != emulator.DEFAULT:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(want)
        return path
    with open(path, encoding="utf-8") as f:
        if f.read() != want:
            raise SystemExit("lava: %s differs from the runner's QEMU options; regenerate it with "
                             "`tools/lava.py device --arch %s > %s`" % (path, arch, path))
    return path


def pick(name, arch, series):
    configs = config.load()
    cfg = config.get(name, configs) if name else config.default_for(arch or "x86_64", configs)
    cfg = config.for_emulator(cfg, series)
    if cfg.absent:
        raise config.ConfigError("%s does not apply to QEMU %s: %s" % (cfg.name, series, cfg.absent))
    return cfg


def build_esp(cfg, build):
    """The ESP a LAVA boot of `cfg` uses: the runner's, but the guest halts after its end line."""
    work = os.path.join(build, "lava", cfg.label)
    os.makedirs(work, exist_ok=True)
    image = os.path.join(work, "esp.img")
    cfg_b = boot.with_build_paths(cfg, build)
    items = boot.guest_config_items(cfg_b, qemu_version=emulator.version(cfg.emulator, cfg.arch, build))
    items = [(k, lava.GUEST_EXIT if k == "exit" else v) for k, v in items]
    esp.build(image, cfg.arch, boot.efi_path(build, cfg.arch), items, list(cfg_b.tables))
    return os.path.abspath(image)


def write_job(cfg, build, out=None, esp_url=None, board=False):
    if board:
        job = lava.board_job(cfg, esp_url or "file://" + os.path.abspath(os.path.join(build, "doorbell.img")))
        head = "# LAVA job: doorbell on a UEFI board from the USB image (make image). Not run here.\n"
    else:
        if not esp_url:
            esp_url = "file://" + build_esp(cfg, build)
        job = lava.qemu_job(cfg, esp_url)
        head = "# LAVA job: doorbell %s on LAVA's qemu device type.\n" % cfg.label
    text = head + "# Written by tools/lava.py job from tools/configs.toml.\n" + lava.to_yaml(job) + "\n"
    out = out or os.path.join(build, "lava", cfg.label, "board-job.yaml" if board else "job.yaml")
    if out == "-":
        sys.stdout.write(text)
        return out
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    return out


# The committed job templates: (file, configuration, board?). Their URLs are placeholders for
# where a lab publishes the artefacts; `make lava-job` writes jobs with this tree's files.
TEMPLATES = [("qemu-x86_64.yaml", "x86-iommu", False), ("qemu-aarch64.yaml", "arm-its-smmu", False),
             ("uefi-board-usb.yaml", "x86-iommu", True)]
TEMPLATE_URL = "https://artifacts.example.org/doorbell/%s"


def templates(build, check):
    """Writes (or with `check`, compares) tools/lava/jobs/. Returns the stale files."""
    stale = []
    for name, cfg_name, board in TEMPLATES:
        cfg = pick(cfg_name, None, emulator.DEFAULT)
        url = TEMPLATE_URL % ("doorbell.img" if board else cfg.label + "/esp.img")
        path = os.path.join(LAVA_DIR, "jobs", name)
        tmp = path + ".new"
        write_job(cfg, build, tmp, url, board)
        with open(tmp, encoding="utf-8") as f:
            text = f.read()
        os.remove(tmp)
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != text:
            stale.append(path)
            if not check:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
    return stale


def run_one(cfg, build, job_id):
    """Runs cfg's job through lava-run and compares. Returns (ok, summary lines)."""
    import yaml  # python3-yaml comes with lava-dispatcher (tools/setup.sh lava)

    lava_run = shutil.which("lava-run")
    if not lava_run:
        return None, ["lava-run is not installed: run `tools/setup.sh lava`"]
    dev = ensure_device(cfg.arch, cfg.emulator, build)
    job = write_job(cfg, build)
    work = os.path.join(build, "lava", cfg.label)
    out_dir = os.path.join(work, "output")
    shutil.rmtree(out_dir, ignore_errors=True)
    log_path = os.path.join(work, "lava.log")
    t0 = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log:
        # lava-run insists on root; as setup.sh does, go through sudo otherwise.
        prefix = [] if os.geteuid() == 0 or not shutil.which("sudo") else ["sudo", "-n"]
        p = subprocess.run(prefix + [lava_run, "--job-id", str(job_id), "--output-dir", os.path.abspath(out_dir),
                            "--device", dev, job], stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                           timeout=cfg.timeout * 2 + 300)
    wall = time.monotonic() - t0
    with open(log_path, encoding="utf-8", errors="replace") as f:
        results, serial = lava.read_log(f.read(), lambda s: yaml.load(s, Loader=getattr(yaml, "CSafeLoader",
                                                                                           yaml.SafeLoader)))
    # The runner's reading of the same serial output: TAP points, facts, the checks of the
    # configuration (facts, SKIP and TODO lists). There is no exit status (the guest halts).
    t = tap.parse("\n".join(serial))
    status = verdict.verdict_to_status(cfg.arch, t.sentinel[0]) if t.sentinel and \
        t.sentinel[0] in verdict.EXIT_CODES else None
    outcome = verdict.decide(cfg.arch, t, status, False, cfg.facts, True, cfg.skips, cfg.todos)
    problems = lava.compare(results, t.points, t.facts, cfg.verdict == "fail")
    if p.returncode != 0:
        problems.insert(0, "lava-run exited %d" % p.returncode)
    if outcome.verdict != cfg.verdict:
        problems += ["runner: verdict %s (expected %s): %s" % (outcome.verdict, cfg.verdict, r)
                     for r in outcome.reasons or [""]]
    c = lava.counts(results)
    lines = ["%s %-14s LAVA: %d pass %d fail %d skip %d unknown, %d measurements | runner: %d passed "
             "%d failed %d skipped %d todo, verdict %s  (lava-run %.1f s)" %
             ("ok  " if not problems else "FAIL", cfg.label, c["passed"], c["failed"], c["skipped"], c["todo"],
              c["measurements"], t.count("passed"), t.count("failed"), t.count("skipped"), t.count("todo"),
              outcome.verdict, wall)]
    lines += ["  " + x for x in problems]
    lines.append("  job %s, device %s, log %s" % (job, dev, log_path))
    return not problems, lines


def main(argv=None):
    ap = argparse.ArgumentParser(description="doorbell as a LAVA job")
    sub = ap.add_subparsers(dest="cmd", required=True)
    j = sub.add_parser("job", help="write the job definition of one configuration")
    j.add_argument("--config", help="configuration (default: the arch's default)")
    j.add_argument("--arch", choices=config.ARCHES)
    j.add_argument("--board", action="store_true", help="the real UEFI board job (USB image)")
    j.add_argument("--esp-url", help="the ESP (or, with --board, the USB image) URL; default: built here")
    j.add_argument("--out", help="output file, - for stdout (default: build/lava/<label>/job.yaml)")
    d = sub.add_parser("device", help="print the qemu device file of an arch")
    d.add_argument("--arch", choices=config.ARCHES, required=True)
    t = sub.add_parser("templates", help="write tools/lava/jobs/ from tools/configs.toml")
    t.add_argument("--check", action="store_true", help="only check that they are up to date")
    r = sub.add_parser("run", help="run jobs through lava-run and compare with the runner")
    r.add_argument("--config", help="comma-separated configurations (default: each arch's default)")
    for p in (j, d, r, t):
        p.add_argument("--build", default="build")
        p.add_argument("--qemu", default=emulator.DEFAULT, choices=emulator.SERIES)
    args = ap.parse_args(argv)

    try:
        if args.cmd == "device":
            sys.stdout.write(device_text(args.arch, args.qemu, args.build))
            return 0
        if args.cmd == "templates":
            stale = templates(args.build, args.check)
            for path in stale:
                print("lava: %s %s" % ("stale:" if args.check else "wrote", path), file=sys.stderr)
            return 1 if stale and args.check else 0
        if args.cmd == "job":
            cfg = pick(args.config, args.arch, args.qemu)
            print("lava: wrote %s" % write_job(cfg, args.build, args.out, args.esp_url, args.board),
                  file=sys.stderr)
            return 0
        names = args.config.split(",") if args.config else [None, None]
        cfgs = [pick(n, None if n else a, args.qemu) for n, a in zip(names, config.ARCHES if not args.config
                                                                      else [None] * len(names))]
    except (config.ConfigError, emulator.EmulatorError, esp.EspError, OSError) as e:
        print("lava: %s" % e, file=sys.stderr)
        return 2
    t0 = time.monotonic()
    rc = 0
    for i, cfg in enumerate(cfgs):
        try:
            ok, lines = run_one(cfg, args.build, "%d%d" % (os.getpid(), i))
        except (config.ConfigError, emulator.EmulatorError, esp.EspError, OSError,
                subprocess.TimeoutExpired) as e:
            ok, lines = None, ["lava: %s: %s" % (cfg.label, e)]
        print("\n".join(lines), flush=True)
        rc = max(rc, 0 if ok else (2 if ok is None else 1))
    print("lava: %d configuration(s) in %.1f s: %s" % (len(cfgs), time.monotonic() - t0,
                                                    "LAVA and the runner agree" if rc == 0 else "MISMATCH"))
    return rc


if __name__ == "__main__":
    sys.exit(main())
