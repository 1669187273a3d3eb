"""Benchmark figures (`make bench`): the `bench.*` facts of repeated boots, per configuration and
figure, reduced to median, min and max. Pure functions; tools/bench.py does the boots."""

import statistics

PREFIX = "bench."
# Configurations booted by `make bench`: every one whose name starts with one of these.
CONFIG_PATTERNS = "x86-bench*,arm-bench*"


class BenchError(Exception):
    pass


def number(text):
    """A fact value as a number: int for `123` or `0x7b`, float for `1.5`; BenchError otherwise."""
    s = str(text).strip()
    try:
        return int(s, 0)
    except ValueError:
        pass
    try:
        value = float(s)
    except ValueError:
        raise BenchError("not a number: %r" % text) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise BenchError("not a finite number: %r" % text)
    return value


def is_label(text):
    """A fact that names something (`bench.msix_device=e1000e`): it starts with a letter and is not
    a number such as `inf` or `nan`. It is not a figure."""
    s = str(text).strip()
    return bool(s) and s[0].isalpha() and s.lower() not in ("inf", "nan", "infinity")


def figures(facts):
    """The `bench.*` facts of one boot as {figure: number}; labels (is_label) are left out;
    BenchError names any other non-numeric one."""
    out = {}
    for key, value in facts.items():
        if not key.startswith(PREFIX) or is_label(value):
            continue
        try:
            out[key] = number(value)
        except BenchError as e:
            raise BenchError("%s: %s" % (key, e)) from None
    return out


def median(values):
    """The median; of an even count, the mean of the middle two (an int when that is whole)."""
    if not values:
        raise BenchError("median of no values")
    m = statistics.median(values)
    if isinstance(m, float) and m.is_integer() and all(isinstance(v, int) for v in values):
        return int(m)
    return m


def summarize(values):
    """{"median", "min", "max", "runs"} of one figure's values, in run order."""
    values = list(values)
    return {"median": median(values), "min": min(values), "max": max(values), "runs": values}


def aggregate(runs):
    """runs: the {figure: number} of each boot of one configuration, in order. Returns
    {figure: summary} sorted by figure. BenchError when there is nothing to aggregate or the runs
    disagree on which figures they report (a figure missing from a run is a failed measurement,
    not a value to leave out)."""
    if not runs:
        raise BenchError("no runs")
    names = set(runs[0])
    if not names:
        raise BenchError("run 1 reported no %s* facts (are the bench tests selected and bench=on set?)" % PREFIX)
    for i, r in enumerate(runs[1:], 2):
        if set(r) != names:
            missing = sorted(names - set(r))
            extra = sorted(set(r) - names)
            parts = []
            if missing:
                parts.append("lacks %s" % ", ".join(missing))
            if extra:
                parts.append("adds %s" % ", ".join(extra))
            raise BenchError("run %d %s compared with run 1" % (i, " and ".join(parts)))
    return {name: summarize(r[name] for r in runs) for name in sorted(names)}


def unit(figure):
    if figure.endswith("_per_sec") or "_per_sec_" in figure:
        return "/s"
    for suffix in ("_ns", "_us", "_ms"):
        if figure.endswith(suffix):
            return suffix[1:]
    return ""


def fmt(value):
    if isinstance(value, float):
        return "%.3g" % value
    return str(value)


def table(config_name, summary, nruns):
    """Printable lines: one per figure with median, min, max and unit."""
    lines = ["%s (%d run%s)" % (config_name, nruns, "" if nruns == 1 else "s")]
    width = max([len(f) for f in summary] + [6])
    lines.append("  %-*s %12s %12s %12s" % (width, "figure", "median", "min", "max"))
    for figure, s in summary.items():
        lines.append("  %-*s %12s %12s %12s  %s" % (width, figure, fmt(s["median"]), fmt(s["min"]),
                                                  fmt(s["max"]), unit(figure)))
    return lines
