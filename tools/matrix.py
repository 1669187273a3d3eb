#!/usr/bin/env python3
"""The whole test run (`make test`): host unit tests, fuzz smoke, every boot configuration.

  matrix.py --build DIR [--jobs N] [--fuzz-seconds S] [--host-only] [--configs PATTERN]
            [--qemu 7.2,10.0]

Host unit tests run first, then fuzzers and boots share a pool of --jobs workers. Every
configuration boots on every QEMU named (both by default) as NAME@SERIES; one that does not apply
to a QEMU (`absent` in its overlay) is listed with the reason. One line per item as it finishes;
DIR/results/junit.xml and DIR/results/summary.json at the end; a line per QEMU; the last line of
output is `N passed, N failed, N skipped` over every test point of every item. Exit 1 when
anything failed or errored, else 0.
"""

import argparse
import concurrent.futures as cf
import json
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from doorbell import boot, config, emulator, hostrun, junit, verdict  # noqa: E402

_print_lock = threading.Lock()


def say(*lines):
    with _print_lock:
        for line in lines:
            print(line)
        sys.stdout.flush()


def boot_item(result):
    """A boot result as a matrix item: guest test points, the runner's fact checks, and one error
    case when the boot itself failed (crash, timeout, contradictory reports).

    In a configuration whose expected verdict is fail, failing guest points are expected: they
    count as passed (marked xfail), and a boot that passes instead adds one failure. So do the
    points a configuration lists in `fails` (known gaps where the guest cannot name QEMU)."""
    xfail = result["expected_verdict"] == "fail"
    fails = result.get("expected_fails") or []
    cases = []
    for p in result["tests"]:
        outcome = p["outcome"]
        message = p["reason"]
        if outcome == "failed":
            message = "not ok %d" % p["number"]
            if xfail or verdict.expected_failure(p["name"], fails):
                outcome, message = "passed", "expected failure (xfail)"
        cases.append({"name": p["name"], "outcome": outcome, "message": message, "text": p["yaml"],
                      "time": (p.get("duration_ms") or 0) / 1000.0,
                      "output": "\n".join(p.get("before", []) + p["diagnostics"])})
    for fc in result["fact_checks"]:
        cases.append({"name": "runner.fact.%s" % fc["key"], "outcome": "passed" if fc["ok"] else "failed",
                      "message": "" if fc["ok"] else "expected %s=%s, got %s" %
                      (fc["key"], fc["expected"], "nothing" if fc["got"] is None else fc["got"]), "text": ""})
    for oc in result.get("outcome_checks", []):
        cases.append({"name": "runner.outcome.%s" % oc["what"].replace(" ", "."),
                      "outcome": "passed" if oc["ok"] else "failed", "message": oc["message"], "text": ""})
    if result["verdict"] == "error":
        cases.append({"name": "runner.boot", "outcome": "error", "message": "; ".join(result["reasons"]),
                      "text": "\n".join(result.get("tail", []))})
    elif xfail and result["verdict"] != "fail":
        cases.append({"name": "runner.expected_verdict", "outcome": "failed",
                      "message": "expected verdict fail, got %s" % result["verdict"], "text": ""})
    item = hostrun.finish_item({"name": result["label"], "kind": "boot", "wall_s": result["wall_s"] or 0,
                                "cases": cases, "output": ""})
    item["ok"] = item["ok"] and result["ok"]
    item["emulator"] = result["emulator"]
    item["slowest"] = boot.slowest_tests([result], 3)
    item["boot"] = {k: result.get(k) for k in ("arch", "verdict", "expected_verdict", "reasons", "exit_status",
                                               "first_guest_line_s", "tap_start_s", "facts", "log",
                                               "qemu_version")}
    return item


def absent_item(cfg):
    """A configuration that does not apply to one QEMU: one skipped case with the reason."""
    item = hostrun.finish_item({"name": cfg.label, "kind": "boot", "wall_s": 0, "output": "",
                                "cases": [{"name": "runner.applies", "outcome": "skipped",
                                           "message": cfg.absent, "text": ""}]})
    item["emulator"] = cfg.emulator
    item["absent"] = cfg.absent
    item["boot"] = {"arch": cfg.arch, "verdict": "absent", "reasons": [cfg.absent], "facts": {}}
    return item


def slowest_lines(items, n=5):
    """Where the time went: the slowest guest tests and the slowest boots."""
    tests = sorted((t for it in items for t in it.get("slowest", [])), reverse=True)[:n]
    boots = sorted(((it["wall_s"], it["name"]) for it in items if it["kind"] == "boot" and not it.get("absent")),
                   reverse=True)[:n]
    out = []
    if tests:
        out.append("slowest tests: " + ", ".join("%s %s %.0f ms" % (label, name, ms) for ms, label, name in tests))
    if boots:
        out.append("slowest boots: " + ", ".join("%s %.1f s" % (name, s) for s, name in boots))
    return out


def emulator_lines(items, series):
    """One line per QEMU: configurations booted, ok, failed, not applicable; test points."""
    out = []
    for s in series:
        its = [it for it in items if it.get("emulator") == s]
        if not its:
            continue
        booted = [it for it in its if not it.get("absent")]
        c = {k: sum(it["counts"][k] for it in booted) for k in ("passed", "failed", "skipped", "todo")}
        version = next((it["boot"].get("qemu_version") for it in booted if it["boot"].get("qemu_version")), s)
        out.append("QEMU %-7s %2d configurations: %2d ok, %d not ok, %d not applicable; "
                   "%d passed, %d failed, %d skipped, %d todo" %
                   (version, len(its), sum(1 for it in booted if it["ok"]),
                    sum(1 for it in booted if not it["ok"]), len(its) - len(booted),
                    c["passed"], c["failed"], c["skipped"], c["todo"]))
    return out


def item_line(item):
    c = item["counts"]
    mark = "ok  " if item["ok"] else "FAIL"
    if item.get("absent"):
        return "n/a  %-26s does not apply: %s" % (item["name"], item["absent"])
    text = "%s %-26s %3d passed %d failed %d skipped" % (mark, item["name"], c["passed"], c["failed"],
                                                          c["skipped"] + c["todo"])
    if c["todo"]:
        text += " (%d todo)" % c["todo"]
    text += "  (%.1f s)" % item["wall_s"]
    if item["kind"] == "fuzz" and item.get("execs") is not None:
        text += "  %d execs" % item["execs"]
    if item["kind"] == "boot" and item["boot"].get("tap_start_s") is not None:
        text += "  TAP at %.1f s" % item["boot"]["tap_start_s"]
    return text


def item_details(item):
    out = []
    if item["ok"]:
        return out
    if item["kind"] == "boot":
        for r in item["boot"]["reasons"]:
            out.append("     reason: " + r)
        if item["boot"]["verdict"] == "error":
            out.append("     log: %s" % item["boot"]["log"])
    for c in item["cases"]:
        if c["outcome"] in ("failed", "error"):
            out.append("     %s %s: %s" % ("not ok" if c["outcome"] == "failed" else "error", c["name"],
                                            c["message"]))
            for line in (c.get("text") or "").splitlines()[-20:]:
                out.append("       " + line)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description="Run host tests, fuzzers and every boot configuration.")
    ap.add_argument("--build", default="build")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--fuzz-seconds", type=int, default=30, help="0 skips the fuzzers")
    ap.add_argument("--host-only", action="store_true", help="only the host unit tests")
    ap.add_argument("--configs", default="*", help="comma-separated glob patterns of configuration names")
    ap.add_argument("--qemu", default=",".join(emulator.SERIES),
                    help="comma-separated QEMU series to boot on (default: %s)" % ",".join(emulator.SERIES))
    args = ap.parse_args(argv)
    series = [s.strip() for s in args.qemu.split(",") if s.strip()]
    for s in series:
        if s not in emulator.SERIES:
            ap.error("unknown QEMU %r (known: %s)" % (s, ", ".join(emulator.SERIES)))
    t0 = time.monotonic()
    items = []

    def done(item):
        items.append(item)
        say(item_line(item), *item_details(item))

    # (a) host unit tests first: quick, and they say early when shared logic broke.
    with cf.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(hostrun.run_host_program, p, args.build) for p in hostrun.host_programs(args.build)]
        futures.append(pool.submit(hostrun.run_runner_tests))
        for f in cf.as_completed(futures):
            done(f.result())

    if not args.host_only:
        try:
            configs = config.expand(config.select(args.configs), series)
            if args.configs == "*":
                # Benchmark configurations (matrix = false) run under `make bench` only; an overlay
                # may leave one QEMU out (the USB stick image boots on 7.2 only).
                configs = [c for c in configs if c.matrix]
        except config.ConfigError as e:
            say("matrix: %s" % e)
            configs = None
            items.append(hostrun.finish_item({"name": "configs", "kind": "boot", "wall_s": 0, "output": "",
                                              "cases": [{"name": "configs.toml", "outcome": "error",
                                                         "message": str(e), "text": ""}]}))
        if configs == []:
            say("matrix: no configuration matches %r" % args.configs)
        with cf.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = []
            # Boots first: they take longest and a QEMU stuck in firmware holds its slot until timeout.
            for cfg in configs or []:
                if cfg.absent:
                    done(absent_item(cfg))
                    continue
                futures.append(pool.submit(lambda c=cfg: boot_item(boot.boot(c, args.build, out=None))))
            if args.fuzz_seconds > 0:
                for fz in hostrun.fuzzers(args.build):
                    futures.append(pool.submit(hostrun.run_fuzzer, fz, args.build, args.fuzz_seconds))
            try:
                for f in cf.as_completed(futures):
                    done(f.result())
            except KeyboardInterrupt:
                for f in futures:
                    f.cancel()
                raise

    total = {"passed": 0, "failed": 0, "skipped": 0}
    for it in items:
        total["passed"] += it["counts"]["passed"]
        total["failed"] += it["counts"]["failed"]
        total["skipped"] += it["counts"]["skipped"] + it["counts"]["todo"]
    results = os.path.join(args.build, "results")
    os.makedirs(results, exist_ok=True)
    order = {"host": 0, "fuzz": 1, "boot": 2}
    items.sort(key=lambda it: (order.get(it["kind"], 3), it["name"]))
    suites = []
    fuzz_cases = [c for it in items if it["kind"] == "fuzz" for c in it["cases"]]
    for it in items:
        if it["kind"] == "fuzz":
            continue
        props = {k: v for k, v in (it.get("boot") or {}).items() if k in ("arch", "verdict", "exit_status",
                                                                           "tap_start_s")}
        props.update({"fact." + k: v for k, v in ((it.get("boot") or {}).get("facts") or {}).items()})
        suites.append({"name": it["name"], "time": it["wall_s"], "cases": it["cases"], "properties": props,
                       "output": it.get("output", "")})
    if fuzz_cases:
        suites.append({"name": "fuzz", "time": sum(it["wall_s"] for it in items if it["kind"] == "fuzz"),
                       "cases": fuzz_cases,
                       "properties": {it["name"] + ".execs": it.get("execs") for it in items if it["kind"] == "fuzz"}})
    junit.write(os.path.join(results, "junit.xml"), suites)
    summary = {"passed": total["passed"], "failed": total["failed"], "skipped": total["skipped"],
               "wall_s": round(time.monotonic() - t0, 3), "jobs": args.jobs,
               "slowest_tests": [{"config": label, "test": name, "duration_ms": ms}
                                 for ms, label, name in sorted((t for it in items for t in it.get("slowest", [])),
                                                               reverse=True)[:20]],
               "items": [{k: v for k, v in it.items() if k not in ("cases", "output")} for it in items]}
    with open(os.path.join(results, "summary.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=2)
        f.write("\n")
    bad = [it["name"] for it in items if not it["ok"]]
    say(*slowest_lines(items))
    say(*emulator_lines(items, series))
    if bad:
        say("matrix: not ok: %s (results in %s)" % (", ".join(bad), results))
    say("%d passed, %d failed, %d skipped" % (total["passed"], total["failed"], total["skipped"]))
    return 1 if bad or total["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
