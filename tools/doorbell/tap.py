"""A TAP version 14 parser for the guest's serial output and for cmocka's TAP output.

Everything before the `TAP version 14` line is firmware noise: kept in the log, never parsed.
The parser is line based and never raises: whatever it cannot make sense of is recorded in
`problems`, and a truncated stream yields what was seen so far (the caller decides what that means).
"""

import re
from dataclasses import dataclass, field

ANSI_RE = re.compile(r"\x1b\[[0-9;?=]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>cM78]")
VERSION_RE = re.compile(r"TAP version (\d+)")
PLAN_RE = re.compile(r"^1\.\.(\d+)\s*(?:#\s*(.*))?$")
POINT_RE = re.compile(r"^(not ok|ok)\b\s*(\d+)?\s*(?:-\s*)?(.*)$")
DIRECTIVE_RE = re.compile(r"\s+#\s*(SKIP|TODO)\S*(?:\s+(.*))?$", re.IGNORECASE)
FACT_RE = re.compile(r"^#\s*fact\s+([A-Za-z0-9_.\-/]+)=(.*)$")
SENTINEL_RE = re.compile(r"^#\s*doorbell:\s*end\s+verdict=(\w+)\s+exit=(-?\d+)\s*$")
BAIL_RE = re.compile(r"^Bail out!\s*(.*)$")
DURATION_RE = re.compile(r"^duration_ms:\s*([0-9]+(?:\.[0-9]*)?)\s*$", re.MULTILINE)

VERDICTS = ("pass", "fail", "error")


def clean_line(line):
    """Removes terminal escape sequences, carriage returns and other control characters."""
    line = ANSI_RE.sub("", line)
    return "".join(c for c in line if c == "\t" or c >= " " and c != "\x7f")


@dataclass
class TestPoint:
    number: int
    name: str
    ok: bool
    directive: str = ""  # "", "SKIP" or "TODO"
    reason: str = ""
    yaml: str = ""  # the raw YAML block text (without the --- and ... markers)
    diagnostics: list = field(default_factory=list)  # "# ..." lines after the point (cmocka's style)
    before: list = field(default_factory=list)  # "# ..." lines since the previous point (the guest's style)

    @property
    def duration_ms(self):
        """The point's `duration_ms` from its YAML block, or None."""
        m = DURATION_RE.search(self.yaml)
        return float(m.group(1)) if m else None

    @property
    def outcome(self):
        """One of passed, failed, skipped, todo."""
        if self.directive == "SKIP":
            return "skipped"
        if self.directive == "TODO":
            return "todo"
        return "passed" if self.ok else "failed"


@dataclass
class TapResult:
    version: int = 0  # 0: no `TAP version` line seen
    plan: int = -1  # -1: no plan seen
    plan_skip_reason: str = ""  # `1..0 # SKIP reason`
    points: list = field(default_factory=list)
    facts: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)
    sentinel: tuple = None  # (verdict, exit) from `# doorbell: end ...`
    bailed_out: str = None  # reason, when `Bail out!` was seen
    problems: list = field(default_factory=list)
    # The problems that make a report untrustworthy: a fact with two values, points out of
    # order or twice, more points than planned, a second plan. They end the boot as an error.
    violations: list = field(default_factory=list)
    preamble_lines: int = 0  # firmware lines before `TAP version`
    tap_lines: int = 0  # lines from `TAP version` on
    open_yaml: bool = False  # the stream ended inside a YAML block

    def count(self, outcome):
        return sum(1 for p in self.points if p.outcome == outcome)

    @property
    def counts(self):
        return {o: self.count(o) for o in ("passed", "failed", "skipped", "todo")}

    def missing_points(self):
        """Numbers in 1..plan that no test point reported."""
        if self.plan < 0:
            return []
        seen = {p.number for p in self.points}
        return [n for n in range(1, self.plan + 1) if n not in seen]


def _dedent_yaml(lines, indent):
    out = []
    for line in lines:
        out.append(line[indent:] if line[:indent].strip() == "" else line.lstrip())
    return "\n".join(out)


class TapParser:
    """Incremental parser: feed lines (or text) as they arrive, then call finish()."""

    def __init__(self, require_version=True):
        self.result = TapResult()
        self.require_version = require_version
        self._started = not require_version
        self._yaml = None  # (indent, lines) while inside a YAML block
        self._last = None  # the last test point, for its YAML block and diagnostics
        self._pending = []  # comments since the last test point

    def feed_text(self, text):
        for line in text.splitlines():
            self.feed(line)
        return self

    def feed(self, raw):
        r = self.result
        line = clean_line(raw.rstrip("\r\n"))
        if not self._started:
            m = VERSION_RE.search(line)
            if not m:
                r.preamble_lines += 1
                return
            self._started = True
            r.version = int(m.group(1))
            r.tap_lines += 1
            if r.version != 14:
                r.problems.append("TAP version %d (expected 14)" % r.version)
            return
        r.tap_lines += 1
        if self._yaml is not None:
            indent, lines = self._yaml
            stripped = line.strip()
            if stripped == "..." and line.startswith(" "):
                if self._last is not None:
                    self._last.yaml = _dedent_yaml(lines, indent)
                self._yaml = None
                r.open_yaml = False
                return
            if line.startswith(" ") or stripped == "":
                lines.append(line)
                return
            # An unindented line ends an unterminated block.
            r.problems.append("YAML block of test %s not closed with '...'" %
                              (self._last.number if self._last else "?"))
            if self._last is not None:
                self._last.yaml = _dedent_yaml(lines, indent)
            self._yaml = None
            r.open_yaml = False
        if line.strip() == "---" and line.startswith(" ") and self._last is not None:
            self._yaml = (len(line) - len(line.lstrip()), [])
            r.open_yaml = True
            return
        stripped = line.strip()
        if not stripped:
            return
        if not self.require_version and VERSION_RE.match(stripped):
            r.version = int(VERSION_RE.match(stripped).group(1))
            return
        # Subtests are indented; this harness reports them only as their parent's point.
        if line.startswith(" "):
            return
        m = SENTINEL_RE.match(stripped)
        if m:
            r.sentinel = (m.group(1), int(m.group(2)))
            if m.group(1) not in VERDICTS:
                r.problems.append("sentinel verdict %r is not one of %s" % (m.group(1), "/".join(VERDICTS)))
            return
        m = FACT_RE.match(stripped)
        if m:
            key, value = m.group(1), m.group(2).strip()
            if key in r.facts and r.facts[key] != value:
                self._violation("fact %s reported twice (%r, then %r)" % (key, r.facts[key], value))
            r.facts[key] = value
            return
        if stripped.startswith("#"):
            r.comments.append(stripped)
            self._pending.append(stripped)
            if self._last is not None:
                self._last.diagnostics.append(stripped)
            return
        m = PLAN_RE.match(stripped)
        if m:
            if r.plan >= 0:
                self._violation("second plan line %r" % stripped)
            else:
                r.plan = int(m.group(1))
                self._pending = []  # comments before the plan belong to the run, not to test 1
                if m.group(2) and m.group(2).upper().startswith("SKIP"):
                    r.plan_skip_reason = m.group(2)[4:].strip()
            return
        m = BAIL_RE.match(stripped)
        if m:
            r.bailed_out = m.group(1).strip() or "(no reason)"
            return
        m = POINT_RE.match(stripped)
        if m:
            self._add_point(m)
            return
        if stripped.lower().startswith("pragma "):
            return
        r.problems.append("unparsed line %r" % stripped[:120])

    def _add_point(self, m):
        r = self.result
        ok = m.group(1) == "ok"
        number = int(m.group(2)) if m.group(2) else len(r.points) + 1
        rest = m.group(3).strip()
        directive = reason = ""
        d = DIRECTIVE_RE.search(" " + rest)
        if d:
            directive = d.group(1).upper()
            reason = (d.group(2) or "").strip()
            rest = (" " + rest)[: d.start()].strip()
        name = rest.replace("\\#", "#")
        if not name and reason:  # cmocka: `not ok 3 # SKIP name`
            name, reason = reason, ""
        name = name or "test %d" % number
        expected = len(r.points) + 1
        if number != expected:
            self._violation("test point %d out of sequence (expected %d)" % (number, expected))
        if any(p.number == number for p in r.points):
            self._violation("test point %d reported twice" % number)
        point = TestPoint(number=number, name=name, ok=ok, directive=directive, reason=reason,
                          before=self._pending)
        self._pending = []
        r.points.append(point)
        self._last = point

    def finish(self):
        r = self.result
        if self._yaml is not None:
            indent, lines = self._yaml
            if self._last is not None:
                self._last.yaml = _dedent_yaml(lines, indent)
            r.problems.append("output ends inside a YAML block")
            self._yaml = None
        if r.plan >= 0 and len(r.points) > r.plan:
            self._violation("%d test points but the plan says 1..%d" % (len(r.points), r.plan))
        return r

    def _violation(self, text):
        self.result.problems.append(text)
        self.result.violations.append(text)


def parse(text, require_version=True):
    """Parses a whole serial log or TAP stream."""
    return TapParser(require_version).feed_text(text).finish()
