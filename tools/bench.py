#!/usr/bin/env python3
"""Benchmarks (`make bench`): bench.py --build DIR [--jobs N]. None exist yet: this writes an empty
BUILD/bench.json so that consumers of the file can be written against its shape."""

import argparse
import json
import os
import sys


def main(argv=None):
    ap = argparse.ArgumentParser(description="Run doorbell's benchmarks.")
    ap.add_argument("--build", default="build")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    os.makedirs(args.build, exist_ok=True)
    path = os.path.join(args.build, "bench.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump([], f)
        f.write("\n")
    print("bench: no benchmarks exist yet; wrote %s (empty list)" % path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
