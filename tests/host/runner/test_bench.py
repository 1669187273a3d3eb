import importlib.util
import io
import json
import os
import tempfile
import unittest
from contextlib import redirect_stdout
from unittest import mock

from tests.host.runner import support  # noqa: F401
from doorbell import bench, config

# tools/bench.py is a script, not a module of the package: load it by path.
_spec = importlib.util.spec_from_file_location("bench_tool", os.path.join(support.TOP, "tools", "bench.py"))
bench_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_tool)


class NumberTest(unittest.TestCase):
    def test_values(self):
        self.assertEqual(bench.number("517384"), 517384)
        self.assertEqual(bench.number(" 0x10 "), 16)
        self.assertEqual(bench.number("1.5"), 1.5)
        self.assertIsInstance(bench.number("7"), int)
        for bad in ("", "fast", "1,5", "nan", "inf"):
            with self.assertRaises(bench.BenchError, msg=bad):
                bench.number(bad)

    def test_figures_take_bench_facts_only(self):
        facts = {"arch": "x86_64", "cpu.online": "2", "bench.a_ns": "12", "bench.b_per_sec": "3.5"}
        self.assertEqual(bench.figures(facts), {"bench.a_ns": 12, "bench.b_per_sec": 3.5})
        self.assertEqual(bench.figures({"arch": "x86_64"}), {})
        # A name is a label, not a figure; a malformed number is an error.
        self.assertEqual(bench.figures({"bench.msix_device": "e1000e", "bench.a_ns": "7"}), {"bench.a_ns": 7})
        with self.assertRaisesRegex(bench.BenchError, "bench.a_ns"):
            bench.figures({"bench.a_ns": "1,5"})


class MedianTest(unittest.TestCase):
    def test_odd_and_even(self):
        self.assertEqual(bench.median([3]), 3)
        self.assertEqual(bench.median([5, 1, 3]), 3)
        self.assertEqual(bench.median([4, 1, 3, 2]), 2.5)
        self.assertEqual(bench.median([1, 3, 9, 5]), 4)
        self.assertIsInstance(bench.median([1, 3, 9, 5]), int)
        self.assertEqual(bench.median([1.0, 2.0]), 1.5)

    def test_unsorted_input_is_not_reordered(self):
        values = [9, 1, 5]
        s = bench.summarize(values)
        self.assertEqual(s, {"median": 5, "min": 1, "max": 9, "runs": [9, 1, 5]})
        self.assertEqual(values, [9, 1, 5])

    def test_empty(self):
        with self.assertRaises(bench.BenchError):
            bench.median([])


class AggregateTest(unittest.TestCase):
    def test_three_runs(self):
        runs = [{"bench.x_ns": 10, "bench.y_per_sec": 100},
                {"bench.x_ns": 30, "bench.y_per_sec": 90},
                {"bench.x_ns": 20, "bench.y_per_sec": 95}]
        agg = bench.aggregate(runs)
        self.assertEqual(list(agg), ["bench.x_ns", "bench.y_per_sec"])
        self.assertEqual(agg["bench.x_ns"], {"median": 20, "min": 10, "max": 30, "runs": [10, 30, 20]})
        self.assertEqual(agg["bench.y_per_sec"]["median"], 95)
        json.dumps(agg)  # the shape bench.json stores

    def test_disagreeing_runs_fail(self):
        with self.assertRaisesRegex(bench.BenchError, "run 2 lacks bench.y"):
            bench.aggregate([{"bench.x": 1, "bench.y": 2}, {"bench.x": 1}])
        with self.assertRaisesRegex(bench.BenchError, "run 3 adds bench.z"):
            bench.aggregate([{"bench.x": 1}, {"bench.x": 2}, {"bench.x": 3, "bench.z": 4}])

    def test_nothing_to_aggregate(self):
        with self.assertRaises(bench.BenchError):
            bench.aggregate([])
        with self.assertRaisesRegex(bench.BenchError, "no bench"):
            bench.aggregate([{}, {}])

    def test_units_and_table(self):
        self.assertEqual(bench.unit("bench.msi_irqs_per_sec_cpu1"), "/s")
        self.assertEqual(bench.unit("bench.msix_irqs_per_sec"), "/s")
        self.assertEqual(bench.unit("bench.affinity_ns"), "ns")
        self.assertEqual(bench.unit("bench.msix_duplicates"), "")
        lines = bench.table("x86-bench", bench.aggregate([{"bench.a_ns": 2}, {"bench.a_ns": 4}]), 2)
        self.assertEqual(lines[0], "x86-bench (2 runs)")
        self.assertRegex(lines[2], r"bench\.a_ns +3 +2 +4  ns")


def fake_result(name, facts, verdict="pass", log=None):
    return {"config": name, "verdict": verdict, "expected_verdict": "pass", "ok": verdict == "pass",
            "reasons": [] if verdict == "pass" else ["timeout after 120 s"], "counts": {"passed": 1, "failed": 0,
            "skipped": 0, "todo": 0}, "tests": [], "facts": facts, "wall_s": 1.0, "tap_start_s": 0.5,
            "log": log or "/nonexistent", "command": None, "tail": []}


class ToolTest(unittest.TestCase):
    """tools/bench.py with boots replaced: selection, bench.json and the exit status."""

    def run_tool(self, results, runs=3, configs="x86-bench"):
        calls = []

        def fake_boot(cfg, build, out=None):
            calls.append(cfg.name if configs == "x86-bench" else "%s@%s" % (cfg.name, cfg.emulator))
            return results[len(calls) - 1]

        with tempfile.TemporaryDirectory() as d:
            buf = io.StringIO()
            with mock.patch.object(bench_tool.boot, "boot", fake_boot), \
                    mock.patch.object(bench_tool, "qemu_version", lambda b: "7.2.test"), redirect_stdout(buf):
                rc = bench_tool.main(["--build", d, "--runs", str(runs), "--configs", configs])
            with open(os.path.join(d, "bench.json"), encoding="utf-8") as f:
                data = json.load(f)
        return rc, data, buf.getvalue(), calls

    def test_bench_config_exists_and_is_selected(self):
        names = [c.name for c in config.select(bench.CONFIG_PATTERNS)]
        self.assertIn("x86-bench", names)
        cfg = config.get("x86-bench")
        self.assertFalse(cfg.icount)
        self.assertEqual(cfg.guest.get("bench"), "on")
        self.assertEqual(cfg.tests, "bench.*")

    def test_three_runs_written(self):
        results = [fake_result("x86-bench", {"arch": "x86_64", "bench.a_ns": str(v)}) for v in (5, 3, 4)]
        rc, data, out, calls = self.run_tool(results)
        self.assertEqual(rc, 0, out)
        self.assertEqual(calls, ["x86-bench"] * 3)
        self.assertEqual(data["x86-bench"], {"bench.a_ns": {"median": 4, "min": 3, "max": 5, "runs": [5, 3, 4]}})
        self.assertEqual(data["qemu"], {"qemu-system-x86_64": "7.2.test"})
        self.assertIn("date", data)
        self.assertNotIn("failures", data)

    def test_failed_boot_exits_non_zero_with_reason(self):
        results = [fake_result("x86-bench", {"bench.a_ns": "5"}), fake_result("x86-bench", {}, verdict="error")]
        rc, data, out, calls = self.run_tool(results)
        self.assertEqual(rc, 1)
        self.assertEqual(len(calls), 2)  # the third boot is not attempted
        self.assertNotIn("x86-bench", data)
        self.assertIn("timeout after 120 s", out)
        self.assertTrue(any("run 2: boot verdict error" in f for f in data["failures"]))

    def test_absent_config_boots_where_it_applies(self):
        """The nested figures exist on 10.0 only: booted there whatever --qemu says, and said so."""
        self.assertTrue(config.for_emulator(config.get("arm-bench-nested-direct"), "7.2").absent)
        results = [fake_result("arm-bench-nested-direct", {"bench.msi_irqs_per_sec_cpu0": "7"})]
        rc, data, out, calls = self.run_tool(results, runs=1, configs="arm-bench-nested-direct")
        self.assertEqual(rc, 0, out)
        self.assertEqual(calls, ["arm-bench-nested-direct@10.0"])
        self.assertEqual(data["qemu"], {"qemu-system-aarch64@10.0": "7.2.test"})
        self.assertIn("on QEMU 10.0", out)

    def test_nested_designs_are_benched(self):
        names = [c.name for c in config.select(bench.CONFIG_PATTERNS)]
        for design in ("bypass", "s1", "direct", "rmr", "s2"):
            cfg = config.get("arm-bench-nested-" + design)
            self.assertIn(cfg.name, names)
            self.assertFalse(cfg.icount)
            self.assertEqual(cfg.tests, "bench.msi")

    def test_missing_figure_fails(self):
        results = [fake_result("x86-bench", {"bench.a_ns": "5"}), fake_result("x86-bench", {})]
        rc, data, out, _ = self.run_tool(results, runs=2)
        self.assertEqual(rc, 1)
        self.assertIn("run 2 lacks bench.a_ns", out)


if __name__ == "__main__":
    unittest.main()
