"""Host-side items of the matrix: cmocka programs, the python unittest group, libFuzzer targets."""

import glob
import os
import re
import shutil
import subprocess
import sys
import time

from . import TOOLS_DIR, TOP_DIR, tap

HOST_TIMEOUT = 300  # seconds for one host test program
FUZZ_GRACE = 60  # seconds past -max_total_time before a fuzzer is killed
RUNNER_TESTS = os.path.join(TOP_DIR, "tests", "host", "runner")
SEED_ROOT = os.path.join(TOP_DIR, "..", "shared", "corpus", "acpi")
# Fuzzer name -> ACPI signature of its seed corpus directory.
FUZZ_SEEDS = {"fuzz_dmar": "DMAR", "fuzz_iort": "IORT", "fuzz_madt": "APIC", "fuzz_mcfg": "MCFG",
              "fuzz_fadt": "FACP"}
CRASH_PREFIXES = ("crash-", "leak-", "timeout-", "oom-", "slow-unit-")
STAT_RE = re.compile(r"^stat::(\w+):\s*(\d+)", re.M)


def _executables(pattern):
    return sorted(p for p in glob.glob(pattern) if os.path.isfile(p) and os.access(p, os.X_OK))


def host_programs(build):
    """Every host unit test program: BUILD/host/tests/<component>/<program>."""
    return _executables(os.path.join(build, "host", "tests", "*", "*"))


def fuzzers(build):
    return _executables(os.path.join(build, "host", "fuzz", "fuzz_*"))


def _run(argv, timeout, env=None, cwd=None):
    t0 = time.monotonic()
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, env=env,
                           cwd=cwd, start_new_session=True)
        out, err, rc, timed_out = p.stdout, p.stderr, p.returncode, False
    except subprocess.TimeoutExpired as e:
        out, err, rc, timed_out = e.stdout or b"", e.stderr or b"", None, True
    return (out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), rc, timed_out,
            time.monotonic() - t0)


def _case(name, outcome, message="", text="", output=""):
    return {"name": name, "outcome": outcome, "message": message, "text": text, "output": output}


def tap_item(name, kind, out, err, rc, timed_out, wall, require_version):
    """An item from a program that prints TAP: one case per test point, plus one failure when the
    program crashed, timed out, or exited non-zero without a failed point to show for it."""
    t = tap.parse(out, require_version=require_version)
    cases = []
    for p in t.points:
        outcome = p.outcome
        text = p.yaml or "\n".join(p.diagnostics)
        msg = p.reason if outcome in ("skipped", "todo") else ("failed" if outcome == "failed" else "")
        if outcome == "failed":
            msg = (p.diagnostics[-1].lstrip("# ") if p.diagnostics else "") or "failed"
        cases.append(_case(p.name, outcome, msg, text, "\n".join(p.before + p.diagnostics)))
    problem = ""
    missing = t.missing_points()
    after = " after %d of %d planned test points" % (len(t.points), t.plan) if missing else ""
    if timed_out:
        problem = "timed out after %.0f s%s" % (wall, after)
    elif rc is not None and rc < 0:
        problem = "killed by signal %d%s" % (-rc, after)
    elif rc and not t.count("failed"):
        problem = "exit status %d%s with no failed test point" % (rc, after)
    elif missing:
        problem = "exit status %s%s" % (rc, after)
    elif not t.points and t.plan != 0:
        problem = "no parseable TAP output (exit status %s)" % rc
    if problem:
        tail = "\n".join(sanitizer_lines(err) + (out.strip().splitlines() + err.strip().splitlines())[-12:])
        cases.append(_case(name + " (harness)", "error", problem, tail))
    return finish_item({"name": name, "kind": kind, "wall_s": round(wall, 3), "cases": cases,
                        "exit_status": rc, "problem": problem, "output": err[-20000:]})


SANITIZER_RE = re.compile(r"ERROR: (Address|Leak|Memory|Thread)Sanitizer|runtime error:|^SUMMARY: |^\s+#[0-3] ")


def sanitizer_lines(err):
    """The lines of a sanitizer report worth reading first: the error, the top frames, the summary."""
    return [line for line in err.splitlines() if SANITIZER_RE.search(line)][:12]


def finish_item(item):
    counts = {"passed": 0, "failed": 0, "skipped": 0, "todo": 0}
    for c in item["cases"]:
        counts["failed" if c["outcome"] == "error" else c["outcome"]] += 1
    item["counts"] = counts
    item["ok"] = counts["failed"] == 0
    return item


def run_host_program(path, build):
    rel = os.path.relpath(path, os.path.join(build, "host", "tests"))
    env = dict(os.environ, CMOCKA_MESSAGE_OUTPUT="TAP")
    out, err, rc, timed_out, wall = _run([os.path.abspath(path)], HOST_TIMEOUT, env=env, cwd=TOP_DIR)
    return tap_item("host/" + rel, "host", out, err, rc, timed_out, wall, require_version=False)


def run_runner_tests():
    argv = [sys.executable, os.path.join(TOOLS_DIR, "doorbell", "unittest_tap.py"), RUNNER_TESTS, TOP_DIR]
    out, err, rc, timed_out, wall = _run(argv, HOST_TIMEOUT, cwd=TOP_DIR)
    return tap_item("host/runner", "host", out, err, rc, timed_out, wall, require_version=True)


def seed_dir(name):
    sig = FUZZ_SEEDS.get(name)
    if sig is None:
        return None
    d = os.path.normpath(os.path.join(SEED_ROOT, sig))
    return d if os.path.isdir(d) else None


def run_fuzzer(path, build, seconds):
    """One libFuzzer target for `seconds`, seeded from the shared corpus, into a fresh corpus dir."""
    name = os.path.basename(path)
    corpus = os.path.join(build, "fuzz-corpus", name)
    artifacts = os.path.join(build, "fuzz-crashes", name)
    for d in (corpus, artifacts):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    argv = [os.path.abspath(path), "-max_total_time=%d" % seconds, "-print_final_stats=1",
            "-artifact_prefix=" + os.path.abspath(artifacts) + "/", os.path.abspath(corpus)]
    seeds = seed_dir(name)
    if seeds:
        argv.append(seeds)
    out, err, rc, timed_out, wall = _run(argv, seconds + FUZZ_GRACE, cwd=TOP_DIR)
    stats = {k: int(v) for k, v in STAT_RE.findall(err)}
    crashes = sorted(os.path.join(artifacts, f) for f in os.listdir(artifacts) if f.startswith(CRASH_PREFIXES))
    problem = ""
    if timed_out:
        problem = "did not stop within %d s of -max_total_time" % FUZZ_GRACE
    elif crashes:
        problem = "%d crash file(s): %s" % (len(crashes), ", ".join(crashes))
    elif rc != 0:
        problem = "exit status %s" % rc
    tail = "\n".join(err.strip().splitlines()[-30:])
    case = _case(name, "failed" if problem else "passed", problem, tail if problem else "")
    log = os.path.join(build, "results", "fuzz-%s.log" % name)
    os.makedirs(os.path.dirname(log), exist_ok=True)
    with open(log, "w", encoding="utf-8") as f:
        f.write(" ".join(argv) + "\n" + out + err)
    return finish_item({"name": name, "kind": "fuzz", "wall_s": round(wall, 3), "cases": [case],
                        "exit_status": rc, "problem": problem, "execs": stats.get("number_of_executed_units"),
                        "stats": stats, "crashes": crashes, "seeds": seeds, "corpus": corpus,
                        "corpus_files": len(os.listdir(corpus)), "log": log, "output": ""})
