"""From a boot's QEMU exit status, serial output and expected facts to one verdict.

Verdicts: pass, fail (the platform or the code under test failed) and error (the harness broke:
crash, timeout, contradictory reports). Exit codes of the tools: pass 0, fail 1, error 2.
"""

import fnmatch
from dataclasses import dataclass, field

EXIT_CODES = {"pass": 0, "fail": 1, "error": 2}
VERDICT_OF_CODE = {0: "pass", 1: "fail", 2: "error"}
TAIL_LINES = 20
LIST_KEYS = {"skipped": "skips", "todo": "todos", "failed": "fails"}


def status_to_verdict(arch, status):
    """Maps QEMU's exit status to the guest's verdict, or None when the status carries none.

    x86_64: isa-debug-exit makes QEMU exit with (v << 1) | 1, so 1/3/5 mean 0/1/2; a status of 0
    means QEMU ended some other way (ACPI power-off, window closed) and says nothing.
    aarch64: semihosting SYS_EXIT_EXTENDED exits with the guest's code itself; PSCI SYSTEM_OFF
    exits with 0, which therefore reads as pass (the sentinel line decides in the end).
    Negative statuses (killed by a signal) carry no verdict.
    """
    if status is None or status < 0:
        return None
    if arch == "x86_64":
        if status & 1 and (status >> 1) in VERDICT_OF_CODE:
            return VERDICT_OF_CODE[status >> 1]
        return None
    if arch == "aarch64":
        return VERDICT_OF_CODE.get(status)
    raise ValueError("unknown arch %r" % arch)


def verdict_to_status(arch, verdict):
    """The QEMU exit status a guest verdict produces (the inverse of status_to_verdict)."""
    code = EXIT_CODES[verdict]
    return (code << 1) | 1 if arch == "x86_64" else code


def check_facts(expected, facts, missing_ok=False):
    """Compares expected facts with reported ones. Returns a list of (key, expected, got, ok);
    `got` is None when the guest did not report the fact (left out when `missing_ok`: a run of
    a subset of the tests). Values compare as strings, except that an expected list means any of
    its values, and an expected bool matches on/off/true/false/1/0."""
    out = []
    for key in sorted(expected):
        want = expected[key]
        got = facts.get(key)
        if got is None and missing_ok:
            continue
        out.append((key, want, got, got is not None and _fact_matches(want, got)))
    return out


def _fact_matches(want, got):
    if isinstance(want, list):
        return any(_fact_matches(w, got) for w in want)
    if isinstance(want, bool):
        g = got.strip().lower()
        return g in (("1", "true", "on", "yes") if want else ("0", "false", "off", "no"))
    if isinstance(want, int):
        try:
            return int(got, 0) == want
        except ValueError:
            return False
    return str(want) == got.strip()


def check_outcomes(points, skips, todos, fails=None):
    """Holds a boot's SKIP and TODO points to the configuration's lists of test-name patterns.

    Every SKIP must match a pattern of `skips`, every TODO one of `todos`: a test that starts
    skipping, or a new TODO, fails the configuration. A pattern without a leading `?` is a claim
    that the matching tests, where they ran, have that outcome: one that passed or failed
    instead fails the configuration too (a TODO that became a pass is news, and the list is
    brought up to date). `?pattern` allows the outcome without requiring it (a gap that shows
    only sometimes, e.g. e1000e's duplicates without icount). `fails`, when given, holds the
    points expected to fail the same way (`not ok`: a known gap where the guest cannot name its
    platform, e.g. a boot from the USB image). Returns [(what, ok, message)]."""
    out = []
    kinds = [("skipped", "SKIP", skips), ("todo", "TODO", todos)]
    if fails is not None:
        kinds.append(("failed", "NOT OK", fails))
    for outcome, directive, pats in kinds:
        plain = [p.lstrip("?") for p in pats]
        for p in points:
            if p.outcome == outcome and not any(fnmatch.fnmatchcase(p.name, q) for q in plain):
                out.append(("%s %s" % (directive.lower(), p.name), False,
                            "%s is %s (%s), not in the configuration's %s" %
                            (p.name, directive, p.reason, LIST_KEYS[outcome])))
        for pat in pats:
            if pat.startswith("?"):
                continue
            ran = [p for p in points if fnmatch.fnmatchcase(p.name, pat)]
            for p in ran:
                if p.outcome != outcome:
                    out.append(("%s %s" % (directive.lower(), p.name), False,
                                "%s is expected %s, got %s" % (p.name, directive, p.outcome)))
    if not out:
        out.append(("skips and todos", True, ""))
    return out


@dataclass
class BootOutcome:
    verdict: str  # pass, fail or error
    reasons: list = field(default_factory=list)  # why it is not pass (empty when pass)
    status_verdict: str = None
    fact_checks: list = field(default_factory=list)
    outcome_checks: list = field(default_factory=list)


def expected_failure(name, fails):
    """True when the test point `name` matches one of the patterns of `fails` (`?` allowed)."""
    return any(fnmatch.fnmatchcase(name, f.lstrip("?")) for f in fails or ())


def decide(arch, tap, status, timed_out, expected_facts, started=True, skips=None, todos=None,
           missing_facts_ok=False, fails=None, halts=False):
    """The verdict of one boot. `tap` is a tap.TapResult, `status` QEMU's exit status; `skips`
    and `todos` (lists of patterns, None = unchecked) are the configuration's expected SKIP
    and TODO points, `fails` the points expected to fail (check_outcomes): those failing do not
    make the verdict fail. `halts`: the guest knows no exit device and halts after its end line,
    where the runner stopped QEMU; the exit status then says nothing and the end line decides."""
    reasons = []
    errors = []
    fact_checks = check_facts(expected_facts or {}, tap.facts, missing_facts_ok)
    outcome_checks = [] if skips is None and todos is None and fails is None else \
        check_outcomes(tap.points, skips or [], todos or [], fails)
    status_verdict = None if halts else status_to_verdict(arch, status)
    if not started:
        errors.append("QEMU did not start")
    elif timed_out and tap.sentinel is not None:
        errors.append("timeout: the guest printed its end line but QEMU did not exit (is the exit device there?)")
    elif timed_out:
        errors.append("timeout: QEMU killed" + ("" if tap.version else " before the guest printed TAP"))
    elif tap.version == 0:
        errors.append("no TAP output from the guest (QEMU exit status %s)" % status)
    elif tap.sentinel is None:
        errors.append("guest crashed: no '# doorbell: end' line (QEMU exit status %s)" % status)
    else:
        s_verdict, s_exit = tap.sentinel
        if s_verdict not in EXIT_CODES:
            errors.append("sentinel verdict %r is unknown" % s_verdict)
        elif EXIT_CODES[s_verdict] != s_exit:
            errors.append("sentinel says verdict=%s but exit=%d" % (s_verdict, s_exit))
        elif halts:
            pass
        elif status_verdict is None:
            errors.append("QEMU exit status %s carries no verdict (sentinel: %s)" % (status, s_verdict))
        elif status_verdict != s_verdict:
            errors.append("QEMU exit status %s means %s but the sentinel says %s" %
                          (status, status_verdict, s_verdict))
        if s_verdict == "error":
            errors.append("the guest reported a harness error")
    if tap.bailed_out is not None:
        errors.append("Bail out! %s" % tap.bailed_out)
    errors += ["TAP: " + v for v in getattr(tap, "violations", [])]
    if tap.version and tap.sentinel is not None:
        if tap.plan < 0:
            errors.append("no plan line")
        else:
            missing = tap.missing_points()
            if missing:
                errors.append("%d planned test points not reported (first: %d)" % (len(missing), missing[0]))
        failed = tap.count("failed")
        if tap.sentinel[0] == "pass" and failed:
            errors.append("sentinel says pass but %d test points failed" % failed)
        if tap.sentinel[0] == "fail" and not failed:
            errors.append("sentinel says fail but no test point failed")
    if errors:
        return BootOutcome("error", errors, status_verdict, fact_checks, outcome_checks)
    failed = [p for p in tap.points if p.outcome == "failed" and not expected_failure(p.name, fails)]
    if failed:
        reasons.append("%d test points failed" % len(failed))
    for key, want, got, ok in fact_checks:
        if not ok:
            reasons.append("fact %s: expected %s, got %s" % (key, want, "nothing" if got is None else got))
    reasons += [msg for _, ok, msg in outcome_checks if not ok]
    return BootOutcome("fail" if reasons else "pass", reasons, status_verdict, fact_checks, outcome_checks)
