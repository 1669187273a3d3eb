import os
import tempfile
import unittest
import xml.etree.ElementTree as ET

from tests.host.runner import support  # noqa: F401
from doorbell import junit

SUITES = [
    {"name": "x86-iommu", "time": 12.5, "properties": {"fact.arch": "x86_64"}, "cases": [
        {"name": "irq.one", "outcome": "passed"},
        {"name": "irq.two", "outcome": "failed", "message": "not ok 2", "text": "got: 0\nexpected: <1> & \x01"},
        {"name": "irq.three", "outcome": "skipped", "message": "no IOMMU"},
        {"name": "vtd.cfi", "outcome": "todo", "message": "QEMU ignores CFI"},
        {"name": "runner.boot", "outcome": "error", "message": "timeout"},
    ]},
    {"name": "host/acpi/test_dmar", "time": 0.1, "cases": []},
]


class JunitTest(unittest.TestCase):
    def test_well_formed_and_counts(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "junit.xml")
            junit.write(path, SUITES)
            root = ET.parse(path).getroot()
        self.assertEqual(root.tag, "testsuites")
        self.assertEqual(root.get("tests"), "5")
        self.assertEqual(root.get("failures"), "1")
        self.assertEqual(root.get("errors"), "1")
        self.assertEqual(root.get("skipped"), "2")
        suites = root.findall("testsuite")
        self.assertEqual([s.get("name") for s in suites], ["x86-iommu", "host/acpi/test_dmar"])
        cases = suites[0].findall("testcase")
        self.assertEqual(cases[1].find("failure").get("message"), "not ok 2")
        self.assertIn("expected: <1> &", cases[1].find("failure").text)
        self.assertEqual(cases[2].find("skipped").get("message"), "no IOMMU")
        self.assertIn("TODO", cases[3].find("skipped").get("message"))
        self.assertIsNotNone(cases[4].find("error"))
        self.assertEqual(suites[0].find("properties/property").get("value"), "x86_64")


if __name__ == "__main__":
    unittest.main()
