import unittest

from tests.host.runner import support  # noqa: F401
from doorbell import tap, verdict


def guest(verdict_word, code, points="ok 1 - a\n", plan=1, facts="# fact arch=x86_64\n"):
    return tap.parse("noise\nTAP version 14\n%s1..%d\n%s# doorbell: end verdict=%s exit=%d\n" %
                     (facts, plan, points, verdict_word, code))


class StatusMappingTest(unittest.TestCase):
    def test_x86_isa_debug_exit(self):
        self.assertEqual(verdict.status_to_verdict("x86_64", 1), "pass")
        self.assertEqual(verdict.status_to_verdict("x86_64", 3), "fail")
        self.assertEqual(verdict.status_to_verdict("x86_64", 5), "error")
        for s in (0, 2, 4, 7, 255, -9, None):
            self.assertIsNone(verdict.status_to_verdict("x86_64", s), s)

    def test_arm64_semihosting(self):
        self.assertEqual(verdict.status_to_verdict("aarch64", 0), "pass")
        self.assertEqual(verdict.status_to_verdict("aarch64", 1), "fail")
        self.assertEqual(verdict.status_to_verdict("aarch64", 2), "error")
        for s in (3, 5, -15, None):
            self.assertIsNone(verdict.status_to_verdict("aarch64", s), s)

    def test_round_trip(self):
        for arch in ("x86_64", "aarch64"):
            for v in ("pass", "fail", "error"):
                self.assertEqual(verdict.status_to_verdict(arch, verdict.verdict_to_status(arch, v)), v)

    def test_unknown_arch(self):
        with self.assertRaises(ValueError):
            verdict.status_to_verdict("riscv64", 0)


class FactCheckTest(unittest.TestCase):
    def test_match_mismatch_missing(self):
        checks = verdict.check_facts({"arch": "x86_64", "dmar": "present", "cpus": 2},
                                     {"arch": "x86_64", "dmar": "absent", "cpus": "0x2"})
        self.assertEqual(checks, [("arch", "x86_64", "x86_64", True), ("cpus", 2, "0x2", True),
                                  ("dmar", "present", "absent", False)])
        self.assertEqual(verdict.check_facts({"x": "1"}, {}), [("x", "1", None, False)])

    def test_bool_and_alternatives(self):
        self.assertTrue(verdict.check_facts({"ir": True}, {"ir": "on"})[0][3])
        self.assertFalse(verdict.check_facts({"ir": False}, {"ir": "1"})[0][3])
        self.assertTrue(verdict.check_facts({"v": ["a", "b"]}, {"v": "b"})[0][3])

    def test_missing_ok_for_a_subset(self):
        self.assertEqual(verdict.check_facts({"x": "1", "y": "2"}, {"y": "3"}, missing_ok=True),
                         [("y", "2", "3", False)])


class DecideTest(unittest.TestCase):
    def test_pass(self):
        o = verdict.decide("x86_64", guest("pass", 0), 1, False, {"arch": "x86_64"})
        self.assertEqual((o.verdict, o.reasons), ("pass", []))

    def test_fail(self):
        o = verdict.decide("aarch64", guest("fail", 1, "not ok 1 - a\n"), 1, False, {})
        self.assertEqual(o.verdict, "fail")

    def test_fact_mismatch_is_a_failure(self):
        o = verdict.decide("x86_64", guest("pass", 0), 1, False, {"arch": "aarch64"})
        self.assertEqual(o.verdict, "fail")
        self.assertIn("fact arch", o.reasons[0])

    def test_missing_fact_is_a_failure(self):
        o = verdict.decide("x86_64", guest("pass", 0, facts=""), 1, False, {"arch": "x86_64"})
        self.assertEqual(o.verdict, "fail")

    def test_no_sentinel_is_a_crash(self):
        t = tap.parse("TAP version 14\n1..2\nok 1 - a\n")
        o = verdict.decide("x86_64", t, 0, False, {})
        self.assertEqual(o.verdict, "error")
        self.assertIn("crashed", o.reasons[0])

    def test_status_disagrees_with_sentinel(self):
        o = verdict.decide("x86_64", guest("pass", 0), 3, False, {})
        self.assertEqual(o.verdict, "error")
        self.assertIn("sentinel", o.reasons[0])

    def test_status_without_verdict(self):
        o = verdict.decide("x86_64", guest("pass", 0), 0, False, {})
        self.assertEqual(o.verdict, "error")

    def test_timeout(self):
        o = verdict.decide("aarch64", tap.parse("firmware only\n"), -15, True, {})
        self.assertEqual(o.verdict, "error")
        self.assertIn("timeout", o.reasons[0])

    def test_no_tap(self):
        o = verdict.decide("aarch64", tap.parse("firmware only\n"), 0, False, {})
        self.assertEqual(o.verdict, "error")

    def test_guest_harness_error(self):
        o = verdict.decide("x86_64", guest("error", 2), 5, False, {})
        self.assertEqual(o.verdict, "error")

    def test_sentinel_pass_with_failed_points(self):
        o = verdict.decide("x86_64", guest("pass", 0, "not ok 1 - a\n"), 1, False, {})
        self.assertEqual(o.verdict, "error")

    def test_sentinel_exit_inconsistent(self):
        o = verdict.decide("x86_64", guest("fail", 0, "not ok 1 - a\n"), 3, False, {})
        self.assertEqual(o.verdict, "error")

    def test_missing_planned_points(self):
        o = verdict.decide("x86_64", guest("pass", 0, plan=3), 1, False, {})
        self.assertEqual(o.verdict, "error")
        self.assertIn("planned", o.reasons[0])

    def test_todo_and_skip_do_not_fail(self):
        pts = "ok 1 - a # SKIP x\nnot ok 2 - b # TODO known\n"
        o = verdict.decide("aarch64", guest("pass", 0, pts, plan=2), 0, False, {})
        self.assertEqual(o.verdict, "pass")

    def test_bail_out(self):
        t = tap.parse("TAP version 14\n1..1\nBail out! broken\n# doorbell: end verdict=error exit=2\n")
        o = verdict.decide("x86_64", t, 5, False, {})
        self.assertEqual(o.verdict, "error")



class OutcomeListTest(unittest.TestCase):
    POINTS = ("ok 1 - a.x # SKIP no device\nok 2 - b.y # TODO [gap] seen\nok 3 - c.z\n"
              "ok 4 - d.w # SKIP absent\n")

    def outcomes(self, skips, todos, points=POINTS):
        t = tap.parse("TAP version 14\n1..4\n" + points)
        return [(w, ok) for w, ok, _ in verdict.check_outcomes(t.points, skips, todos)]

    def test_lists_that_match(self):
        self.assertEqual(self.outcomes(["a.*", "d.w"], ["b.y"]), [("skips and todos", True)])

    def test_unexpected_skip_and_todo(self):
        self.assertEqual(self.outcomes(["a.*"], []), [("skip d.w", False), ("todo b.y", False)])

    def test_expected_outcome_that_did_not_happen(self):
        # c.z passed where a TODO was claimed; a.x skipped where a TODO was claimed.
        got = self.outcomes(["a.x", "d.w"], ["b.y", "c.z"])
        self.assertEqual(got, [("todo c.z", False)])
        got = self.outcomes(["a.x", "d.w", "c.z"], ["b.y"])
        self.assertEqual(got, [("skip c.z", False)])

    def test_optional_pattern(self):
        self.assertEqual(self.outcomes(["a.x", "d.w"], ["b.y", "?c.*"]), [("skips and todos", True)])
        self.assertEqual(self.outcomes(["a.x", "d.w"], ["?b.*"]), [("skips and todos", True)])

    def test_decide_fails_on_a_list_mismatch(self):
        t = guest("pass", 0, points="ok 1 - a # SKIP none\n")
        o = verdict.decide("x86_64", t, 1, False, {"arch": "x86_64"}, skips=[], todos=[])
        self.assertEqual(o.verdict, "fail")
        self.assertIn("a is SKIP (none), not in the configuration's skips", o.reasons)
        o = verdict.decide("x86_64", t, 1, False, {"arch": "x86_64"}, skips=["a"], todos=[])
        self.assertEqual(o.verdict, "pass")
        o = verdict.decide("x86_64", t, 1, False, {"arch": "x86_64"})  # unchecked
        self.assertEqual(o.verdict, "pass")

    def test_report_violations_are_errors(self):
        t = guest("pass", 0, facts="# fact arch=x86_64\n# fact arch=aarch64\n")
        o = verdict.decide("x86_64", t, 1, False, {})
        self.assertEqual(o.verdict, "error")
        self.assertTrue(any("reported twice" in r for r in o.reasons))
        t = guest("pass", 0, points="ok 2 - b\nok 1 - a\n", plan=2)
        self.assertEqual(verdict.decide("x86_64", t, 1, False, {}).verdict, "error")


class ImageBootTest(unittest.TestCase):
    """A guest without an exit device halts after its end line; the runner stopped QEMU (-15)."""
    POINTS = "ok 1 - a\nnot ok 2 - gap.x\nnot ok 3 - gap.y\n"

    def test_end_line_decides_and_listed_failures_pass(self):
        t = guest("fail", 1, points=self.POINTS, plan=3)
        o = verdict.decide("x86_64", t, -15, False, {}, skips=[], todos=[], fails=["gap.x", "?gap.y"],
                           halts=True)
        self.assertEqual((o.verdict, o.reasons, o.status_verdict), ("pass", [], None))
        o = verdict.decide("aarch64", t, -15, False, {}, skips=[], todos=[], fails=["gap.x", "?gap.y", "?gap.z"],
                           halts=True)
        self.assertEqual(o.verdict, "pass")

    def test_unlisted_failure_and_listed_pass(self):
        t = guest("fail", 1, points=self.POINTS, plan=3)
        o = verdict.decide("x86_64", t, -15, False, {}, skips=[], todos=[], fails=["gap.x"], halts=True)
        self.assertEqual(o.verdict, "fail")
        self.assertIn("1 test points failed", o.reasons)
        self.assertIn("gap.y is NOT OK (), not in the configuration's fails", o.reasons)
        t = guest("pass", 0)
        o = verdict.decide("x86_64", t, -15, False, {}, skips=[], todos=[], fails=["a"], halts=True)
        self.assertEqual(o.reasons, ["a is expected NOT OK, got passed"])

    def test_without_halts_the_status_still_counts(self):
        t = guest("pass", 0)
        self.assertEqual(verdict.decide("x86_64", t, -15, False, {}).verdict, "error")
        self.assertEqual(verdict.decide("x86_64", t, -15, False, {}, halts=True).verdict, "pass")

    def test_halted_guest_without_end_line(self):
        t = tap.parse("TAP version 14\n1..1\nok 1 - a\n")
        o = verdict.decide("x86_64", t, -9, True, {}, halts=True)
        self.assertEqual(o.verdict, "error")
        self.assertTrue(any("timeout" in r for r in o.reasons))

    def test_expected_failure_patterns(self):
        self.assertTrue(verdict.expected_failure("vtd.cfi", ["?msix.*", "vtd.cfi"]))
        self.assertTrue(verdict.expected_failure("msix.mask", ["?msix.*"]))
        self.assertFalse(verdict.expected_failure("msix.mask", None))


if __name__ == "__main__":
    unittest.main()
