#!/usr/bin/env python3
"""Benchmarks (`make bench`): boots every configuration whose name starts with x86-bench or
arm-bench (doorbell.bench.CONFIG_PATTERNS) --runs times, one boot at a time so that the figures
are not disturbed by each other, collects the `bench.*` facts of each boot and prints per figure
the median, min and max. Writes BUILD/bench.json:

  {"x86-bench": {"bench.msi_irqs_per_sec_cpu0": {"median": .., "min": .., "max": .., "runs": [..]}, ..},
   "date": "2024-..Z", "qemu": {"qemu-system-x86_64": "7.2.22 (...)"}}

plus "failures" (lines) when something failed.

Each configuration boots on --qemu unless it is absent there (`[name.on."7.2"] absent = ...`): then
on the first QEMU it applies to, said so, and its binary's version is stored under
"<binary>@<series>" (the nested SMMUv3 figures, arm-bench-nested-*, exist on 10.0 only).

It builds nothing: `make bench` builds the EFI binaries first. Exit 0 when every boot passed and
reported the same figures; 1 (with the reasons) otherwise; 2 when no configuration matches.
Each boot's serial log is kept as BUILD/results/bench/<config>.run<N>.log.

  bench.py --build DIR [--runs N] [--configs PATTERNS]
"""

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from doorbell import bench, boot, config, emulator  # noqa: E402


def qemu_version(binary):
    try:
        out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired) as e:
        return "unknown (%s)" % e
    first = out.strip().splitlines()[0] if out.strip() else "unknown"
    return first.replace("QEMU emulator version ", "")


def keep_log(result, build, run):
    """Copies the boot's serial log aside: the next boot of the configuration overwrites it."""
    src = result.get("log")
    if not src or not os.path.isfile(src):
        return None
    dst_dir = os.path.join(build, "results", "bench")
    os.makedirs(dst_dir, exist_ok=True)
    dst = os.path.join(dst_dir, "%s.run%d.log" % (result["config"], run))
    shutil.copyfile(src, dst)
    return dst


def bench_emulator(base, series):
    """base expanded for series, or for the first QEMU it applies to when it is absent there."""
    cfg = config.for_emulator(base, series)
    if not cfg.absent:
        return cfg
    for other in emulator.SERIES:
        alt = config.for_emulator(base, other)
        if not alt.absent:
            return alt
    return cfg


def run_config(cfg, build, nruns):
    """Boots cfg nruns times. Returns (summary or None, failure lines)."""
    runs = []
    for i in range(1, nruns + 1):
        result = boot.boot(cfg, build, out=None)
        log = keep_log(result, build, i)
        print("  run %d/%d: %s" % (i, nruns, boot.summary_line(result).strip()))
        sys.stdout.flush()
        if not result["ok"] or result["verdict"] != "pass":
            why = ["%s run %d: boot verdict %s (log %s)" % (cfg.name, i, result["verdict"], log or result["log"])]
            return None, why + boot.explain(result)
        for p in result["tests"]:
            if p["outcome"] == "skipped" and p["name"].startswith(bench.PREFIX):
                print("    %s skipped: %s" % (p["name"], p["reason"]))
        try:
            runs.append(bench.figures(result["facts"]))
        except bench.BenchError as e:
            return None, ["%s run %d: %s" % (cfg.name, i, e)]
    try:
        return bench.aggregate(runs), []
    except bench.BenchError as e:
        return None, ["%s: %s" % (cfg.name, e)]


def main(argv=None):
    ap = argparse.ArgumentParser(description="Run doorbell's benchmarks.")
    ap.add_argument("--build", default="build")
    ap.add_argument("--runs", type=int, default=3, help="boots per configuration (default 3)")
    ap.add_argument("--qemu", default=emulator.DEFAULT, choices=emulator.SERIES,
                    help="which QEMU to measure on (default %s)" % emulator.DEFAULT)
    ap.add_argument("--configs", default=bench.CONFIG_PATTERNS,
                    help="comma-separated glob patterns of configuration names (default %(default)s)")
    args = ap.parse_args(argv)
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    try:
        configs = [bench_emulator(c, args.qemu) for c in config.select(args.configs)]
    except config.ConfigError as e:
        print("bench: %s" % e)
        return 2
    if not configs:
        print("bench: no configuration matches %r" % args.configs)
        return 2

    out = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
           "qemu": {}}
    failures = []
    for cfg in configs:
        if cfg.absent:
            failures.append("%s: absent on every QEMU (%s)" % (cfg.name, cfg.absent))
            continue
        binary = emulator.get(cfg.emulator).binary(cfg.arch, args.build)
        key = os.path.basename(binary)
        if cfg.emulator != args.qemu:
            key += "@" + cfg.emulator
        if key not in out["qemu"]:
            out["qemu"][key] = qemu_version(binary)
        print("bench: %s, %d boot%s%s" % (cfg.name, args.runs, "" if args.runs == 1 else "s",
                                        "" if cfg.emulator == args.qemu else " on QEMU " + cfg.emulator))
        sys.stdout.flush()
        summary, why = run_config(cfg, args.build, args.runs)
        if summary is None:
            failures += why
            continue
        out[cfg.name] = summary
        print("\n".join(bench.table(cfg.name, summary, args.runs)))
        sys.stdout.flush()

    os.makedirs(args.build, exist_ok=True)
    path = os.path.join(args.build, "bench.json")
    if failures:
        out["failures"] = failures
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    os.replace(path + ".tmp", path)
    if failures:
        print("bench: FAILED (figures of the configurations that worked are in %s)" % path)
        for line in failures:
            print("  " + line)
        return 1
    print("bench: wrote %s (QEMU %s)" % (path, ", ".join(out["qemu"].values())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
