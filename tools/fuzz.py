#!/usr/bin/env python3
"""Runs every fuzz target (`make fuzz`): fuzz.py --build DIR --seconds S --jobs N [--only NAMES].

Each target BUILD/host/fuzz/fuzz_* runs for S seconds (-max_total_time), seeded from
../shared/corpus/acpi/<SIG>/ when one matches, into a fresh BUILD/fuzz-corpus/<name>/; crashes land
in BUILD/fuzz-crashes/<name>/. Prints exec counts and crash files; exit 1 when any target crashed.
"""

import argparse
import concurrent.futures as cf
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from doorbell import hostrun  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description="Run every doorbell fuzz target for a while.")
    ap.add_argument("--build", default="build")
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", default="", help="comma-separated fuzzer names (default: all)")
    args = ap.parse_args(argv)
    targets = hostrun.fuzzers(args.build)
    if args.only:
        wanted = {n.strip() for n in args.only.split(",") if n.strip()}
        targets = [t for t in targets if os.path.basename(t) in wanted]
    if not targets:
        print("fuzz: no fuzz targets under %s (tests/fuzz/fuzz_*.c, built by make fuzz-build)" %
              os.path.join(args.build, "host", "fuzz"))
        return 0
    print("fuzz: %d target(s), %d s each, %d at a time" % (len(targets), args.seconds, args.jobs), flush=True)
    bad = 0
    with cf.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for f in cf.as_completed([pool.submit(hostrun.run_fuzzer, t, args.build, args.seconds) for t in targets]):
            it = f.result()
            execs = it.get("execs")
            rate = execs / it["wall_s"] if execs and it["wall_s"] else 0
            print("%s %-16s %10s execs (%.0f/s)  corpus %d files%s  (%.1f s)" % (
                "ok  " if it["ok"] else "FAIL", it["name"], execs if execs is not None else "?", rate,
                it["corpus_files"], ", seeds " + it["seeds"] if it["seeds"] else ", no seeds", it["wall_s"]),
                flush=True)
            if not it["ok"]:
                bad += 1
                print("     %s" % it["problem"])
                for c in it["crashes"]:
                    print("     reproduce: %s %s" % (os.path.join(args.build, "host", "fuzz", it["name"]), c))
                print("     log: %s" % it["log"])
    print("fuzz: %d of %d target(s) crashed" % (bad, len(targets)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
