import unittest

from tests.host.runner import support  # noqa: F401
from doorbell import tap

FIRMWARE = ("\x1b[2J\x1b[01;01H\x1b[=3h\x1b[2J\x1b[01;01HBdsDxe: loading Boot0001 \"UEFI\" from PciRoot(0x0)\r\n"
            "BdsDxe: starting Boot0001\r\n1..99\r\nok 1 - not a test\r\ndoorbell: banner\r\n")

GOOD = """TAP version 14
# doorbell 0.1 on x86_64
# fact arch=x86_64
# fact config=x86-iommu
1..5
# boot.one: the first
ok 1 - boot.one
not ok 2 - irq.two
  ---
  message: 'MSI not delivered'
  got: 0
  expected: 1
  ...
ok 3 - iommu.three # SKIP no IOMMU
not ok 4 - vtd.cfi # TODO QEMU 7.2 ignores GCMD.CFI
ok 5 - last
# fact late=yes
# doorbell: end verdict=fail exit=1
"""


class TapParserTest(unittest.TestCase):
    def test_plan_points_directives(self):
        r = tap.parse(GOOD)
        self.assertEqual(r.version, 14)
        self.assertEqual(r.plan, 5)
        self.assertEqual([p.outcome for p in r.points], ["passed", "failed", "skipped", "todo", "passed"])
        self.assertEqual(r.points[2].name, "iommu.three")
        self.assertEqual(r.points[2].reason, "no IOMMU")
        self.assertEqual(r.points[3].reason, "QEMU 7.2 ignores GCMD.CFI")
        self.assertEqual(r.counts, {"passed": 2, "failed": 1, "skipped": 1, "todo": 1})
        self.assertEqual(r.problems, [])
        self.assertEqual(r.missing_points(), [])

    def test_yaml_block(self):
        r = tap.parse(GOOD)
        self.assertEqual(r.points[1].yaml, "message: 'MSI not delivered'\ngot: 0\nexpected: 1")
        self.assertEqual(r.points[0].yaml, "")
        self.assertFalse(r.open_yaml)

    def test_facts_and_sentinel(self):
        r = tap.parse(GOOD)
        self.assertEqual(r.facts, {"arch": "x86_64", "config": "x86-iommu", "late": "yes"})
        self.assertEqual(r.sentinel, ("fail", 1))

    def test_comments_before_a_point_belong_to_it(self):
        r = tap.parse(GOOD)
        self.assertEqual(r.points[0].before, ["# boot.one: the first"])

    def test_firmware_noise_is_not_tap(self):
        r = tap.parse(FIRMWARE + GOOD)
        self.assertEqual(r.plan, 5)
        self.assertEqual(len(r.points), 5)
        self.assertEqual(r.preamble_lines, 5)
        self.assertEqual(r.problems, [])

    def test_version_line_after_escape_codes(self):
        r = tap.parse("\x1b[0m\x1b[2JTAP version 14\r\n1..1\r\nok 1 - a\r\n")
        self.assertEqual(r.version, 14)
        self.assertEqual(r.counts["passed"], 1)

    def test_no_tap_at_all(self):
        r = tap.parse(FIRMWARE)
        self.assertEqual(r.version, 0)
        self.assertEqual(r.points, [])
        self.assertIsNone(r.sentinel)

    def test_truncated_output(self):
        cut = GOOD[: GOOD.index("  got: 0")]
        r = tap.parse(cut)
        self.assertIsNone(r.sentinel)
        self.assertEqual(len(r.points), 2)
        self.assertEqual(r.missing_points(), [3, 4, 5])
        self.assertIn("output ends inside a YAML block", r.problems)
        self.assertEqual(r.points[1].yaml, "message: 'MSI not delivered'")

    def test_truncated_mid_line(self):
        r = tap.parse("TAP version 14\n1..2\nok 1 - a\nok 2 - b")
        self.assertEqual(r.counts["passed"], 2)

    def test_unclosed_yaml_ends_at_next_point(self):
        r = tap.parse("TAP version 14\n1..2\nnot ok 1 - a\n  ---\n  x: 1\nok 2 - b\n")
        self.assertEqual(r.points[0].yaml, "x: 1")
        self.assertEqual(r.counts, {"passed": 1, "failed": 1, "skipped": 0, "todo": 0})
        self.assertTrue(any("not closed" in p for p in r.problems))

    def test_out_of_sequence_and_duplicates(self):
        r = tap.parse("TAP version 14\n1..3\nok 1 - a\nok 3 - c\nok 3 - c\n")
        self.assertTrue(any("out of sequence" in p for p in r.problems))
        self.assertTrue(any("reported twice" in p for p in r.problems))
        self.assertEqual(r.missing_points(), [2])

    def test_bail_out(self):
        r = tap.parse("TAP version 14\n1..3\nok 1 - a\nBail out! invariant broken: irq chain\n")
        self.assertEqual(r.bailed_out, "invariant broken: irq chain")

    def test_point_without_number_or_name(self):
        r = tap.parse("TAP version 14\nok\nnot ok\n1..2\n")
        self.assertEqual([p.number for p in r.points], [1, 2])
        self.assertEqual(r.plan, 2)

    def test_escaped_hash_in_name(self):
        r = tap.parse("TAP version 14\n1..1\nok 1 - count \\# of vectors\n")
        self.assertEqual(r.points[0].name, "count # of vectors")
        self.assertEqual(r.points[0].directive, "")

    def test_skip_plan(self):
        r = tap.parse("TAP version 14\n1..0 # SKIP no devices\n")
        self.assertEqual(r.plan, 0)
        self.assertEqual(r.plan_skip_reason, "no devices")

    def test_cmocka_style(self):
        out = ("1..3\nok 1 - a\nnot ok 2 - b\n# 0x1 != 0x2\n# t.c:7: error: Failure!\n"
               "not ok 3 # SKIP c\n# not ok - grp\n")
        r = tap.parse(out, require_version=False)
        self.assertEqual([(p.name, p.outcome) for p in r.points], [("a", "passed"), ("b", "failed"),
                                                                   ("c", "skipped")])
        self.assertEqual(r.points[1].diagnostics, ["# 0x1 != 0x2", "# t.c:7: error: Failure!"])

    def test_fact_reported_twice_differently(self):
        r = tap.parse("TAP version 14\n# fact a=1\n# fact a=2\n1..0\n")
        self.assertEqual(r.facts["a"], "2")
        self.assertTrue(any("reported twice" in p for p in r.problems))

    def test_incremental_feed_equals_whole(self):
        p = tap.TapParser()
        for line in (FIRMWARE + GOOD).splitlines(keepends=True):
            p.feed(line)
        r = p.finish()
        self.assertEqual(r.counts, tap.parse(FIRMWARE + GOOD).counts)



class DurationTest(unittest.TestCase):
    def test_duration_from_yaml(self):
        t = tap.parse("TAP version 14\n1..3\nok 1 - a\n  ---\n  duration_ms: 12.345\n  ...\n"
                      "not ok 2 - b\n  ---\n  duration_ms: 0.500\n  failures:\n  - at: x\n  ...\nok 3 - c # SKIP no\n")
        self.assertEqual([p.duration_ms for p in t.points], [12.345, 0.5, None])


if __name__ == "__main__":
    unittest.main()
