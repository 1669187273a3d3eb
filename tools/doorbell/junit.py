"""JUnit XML for CI systems: one <testsuite> per item (configuration, host program, fuzzer group)."""

import re
import xml.etree.ElementTree as ET

# XML 1.0 cannot carry most control characters, even escaped.
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(s):
    return _BAD_XML.sub("?", str(s))


def build(suites):
    """suites: [{name, time, cases: [{name, outcome (passed|failed|skipped|todo|error), message, text,
    time, output}], properties: {k: v}, output}] -> ElementTree root element."""
    root = ET.Element("testsuites")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    total_time = 0.0
    for s in suites:
        cases = s.get("cases", [])
        counts = {
            "tests": len(cases),
            "failures": sum(1 for c in cases if c["outcome"] == "failed"),
            "errors": sum(1 for c in cases if c["outcome"] == "error"),
            "skipped": sum(1 for c in cases if c["outcome"] in ("skipped", "todo")),
        }
        el = ET.SubElement(root, "testsuite", name=_text(s["name"]), time="%.3f" % (s.get("time") or 0),
                           **{k: str(v) for k, v in counts.items()})
        if s.get("properties"):
            props = ET.SubElement(el, "properties")
            for k, v in s["properties"].items():
                ET.SubElement(props, "property", name=_text(k), value=_text(v))
        for c in cases:
            tc = ET.SubElement(el, "testcase", name=_text(c["name"]), classname=_text(s["name"]),
                               time="%.3f" % (c.get("time") or 0))
            outcome = c["outcome"]
            if outcome in ("failed", "error"):
                f = ET.SubElement(tc, "failure" if outcome == "failed" else "error",
                                  message=_text(c.get("message") or outcome))
                if c.get("text"):
                    f.text = _text(c["text"])
            elif outcome in ("skipped", "todo"):
                reason = c.get("message") or ""
                if outcome == "todo":
                    reason = "TODO" + (": " + reason if reason else "")
                ET.SubElement(tc, "skipped", message=_text(reason))
            if c.get("output"):
                ET.SubElement(tc, "system-out").text = _text(c["output"])
        if s.get("output"):
            ET.SubElement(el, "system-out").text = _text(s["output"])
        for k in totals:
            totals[k] += counts[k]
        total_time += s.get("time") or 0
    for k, v in totals.items():
        root.set(k, str(v))
    root.set("time", "%.3f" % total_time)
    return root


def write(path, suites):
    root = build(suites)
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
