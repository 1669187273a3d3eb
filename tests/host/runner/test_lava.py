import json
import os
import re
import shlex
import subprocess
import sys
import unittest

from tests.host.runner import support  # noqa: F401
from doorbell import config, emulator, lava, qemu, tap

try:
    import yaml
except ImportError:  # python3-yaml comes with `tools/setup.sh lava`
    yaml = None

TOOLS = os.path.join(support.TOP, "tools")

SERIAL = """\
BdsDxe: starting Boot0001 "UEFI QEMU HARDDISK QM00001 "
doorbell: interrupt-delivery test harness
doorbell: leaving boot services
TAP version 14
# doorbell 0.1 on x86_64: interrupt-delivery test harness
# fact arch=x86_64
# fact bench.affinity_ns=812
# fact bench.ims_fires_per_sec_x1000=5123
# fact bench.vtd_remapped_vs_direct=1.042
# fact bench.msix_device=igb
# fact bench.vtd_irte_write_ticks=7400
1..6
ok 1 - acpi.overrides # SKIP no table files in \\doorbell\\acpi\\ on the ESP (smp=1)
ok 2 - boot.exception
# msi.stress: 100000 interrupts
# fact msi.stress_irqs_per_sec=13350
ok 3 - msi.stress
not ok 4 - msi.deliver
  ---
  expected: 1
  got: 0
  ...
ok 5 - vtd.cfi # TODO [qemu-ir-cfi, QEMU 7.2-10.0] the CFI bit is ignored
not ok 6 - vtd.faults # TODO [qemu-ir-fault-record, QEMU 7.2-7.2] no fault record
# tests: 2 passed, 1 failed, 1 skipped, 2 todo
# doorbell: end verdict=fail exit=1
"""

EXPECTED = [
    {"case": "bench.affinity_ns", "result": "pass", "measurement": "812", "units": "ns"},
    {"case": "bench.ims_fires_per_sec_x1000", "result": "pass", "measurement": "5123", "units": "per_sec_x1000"},
    {"case": "bench.vtd_remapped_vs_direct", "result": "pass", "measurement": "1.042"},
    {"case": "bench.vtd_irte_write_ticks", "result": "pass", "measurement": "7400", "units": "ticks"},
    {"case": "acpi.overrides", "result": "skip"},
    {"case": "boot.exception", "result": "pass"},
    {"case": "msi.stress_irqs_per_sec", "result": "pass", "measurement": "13350", "units": "per_sec"},
    {"case": "msi.stress", "result": "pass"},
    {"case": "msi.deliver", "result": "fail"},
    {"case": "vtd.cfi", "result": "unknown"},
    {"case": "vtd.faults", "result": "unknown"},
]


class MonitorPatternTest(unittest.TestCase):
    def test_every_point_and_measurement(self):
        # Serial through a pty arrives as \r\r\n; \r\n and \n as well.
        for nl in ("\r\r\n", "\r\n", "\n"):
            text = SERIAL.replace("\n", nl)
            start = text.index(lava.TAP_START)
            got, ended = lava.monitor_matches(text[start + len(lava.TAP_START):])
            self.assertTrue(ended, repr(nl))
            self.assertEqual(got, EXPECTED, repr(nl))

    def test_same_count_as_the_runner(self):
        got, _ = lava.monitor_matches(SERIAL)
        points = tap.parse(SERIAL).points
        cases = [g for g in got if "measurement" not in g]
        self.assertEqual([c["case"] for c in cases], [p.name for p in points])
        self.assertEqual([lava.OUTCOME_OF_RESULT[c["result"]] for c in cases], [p.outcome for p in points])

    def test_an_unfinished_line_is_not_taken(self):
        # The directive may still be on its way: nothing is recorded before the line ends.
        self.assertEqual(lava.monitor_matches("ok 1 - acpi.overrides")[0], [])
        self.assertEqual(lava.monitor_matches("ok 1 - acpi.overrides # SKIP x\n")[0],
                         [{"case": "acpi.overrides", "result": "skip"}])

    def test_units_never_left_unmatched(self):
        # LAVA's server stores units as text that may be empty, never null.
        pat = re.compile(lava.MONITOR_PATTERN, re.DOTALL)
        for m in pat.finditer(SERIAL):
            self.assertIsNotNone(m.group("units"))
            self.assertIn(m.group("result"), lava.FIXUPDICT)

    def test_the_end_line_ends_the_monitor(self):
        got, ended = lava.monitor_matches("ok 1 - a\n# doorbell: end verdict=pass exit=0\nok 2 - b\n")
        self.assertTrue(ended)
        self.assertEqual(got, [{"case": "a", "result": "pass"}])
        self.assertFalse(lava.monitor_matches("ok 1 - a\n")[1])

    def test_the_boot_prompt_leaves_the_tap_header(self):
        i = SERIAL.index(lava.BOOT_PROMPT)
        self.assertLess(SERIAL.index(lava.KERNEL_START_MESSAGE), i)
        self.assertIn(lava.TAP_START, SERIAL[i + len(lava.BOOT_PROMPT):])


class CommandTest(unittest.TestCase):
    def test_device_and_job_make_the_runners_command(self):
        for name in ("x86-iommu", "arm-its-smmu", "arm-noits"):
            cfg = config.for_emulator(config.get(name), emulator.DEFAULT)
            try:
                argv = qemu.command(cfg, "/tmp/esp.img")
                dev = lava.device(cfg.arch, emulator.DEFAULT, "build")
            except qemu.QemuError:
                self.skipTest("no firmware installed")
            params = dev["actions"]["boot"]["methods"]["qemu"]["parameters"]
            job = lava.qemu_job(cfg, "file:///tmp/esp.img")
            image_arg = job["actions"][0]["deploy"]["images"]["esp"]["image_arg"]
            # LAVA: which(command), the device's options, the job's image_arg with {esp} put in,
            # joined with spaces and split again by pexpect (shell-like).
            line = " ".join([argv[0]] + params["options"] + [image_arg.replace("{esp}", "/tmp/esp.img")])
            self.assertEqual(shlex.split(line), argv)
            self.assertEqual(os.path.basename(argv[0]), params["command"])

    def test_the_guest_halts_under_lava(self):
        self.assertEqual(lava.GUEST_EXIT, "halt")


class YamlTest(unittest.TestCase):
    @unittest.skipIf(yaml is None, "python3-yaml not installed")
    def test_round_trip(self):
        cfg = config.for_emulator(config.get("x86-iommu"), emulator.DEFAULT)
        for obj in (lava.qemu_job(cfg, "file:///tmp/esp.img"), lava.board_job(cfg, "file:///tmp/d.img"),
                    {"a": [1, {"b": None, "c": []}], "on": "off", "d": {}, "e": "x: y", "f": "#"}):
            self.assertEqual(yaml.safe_load(lava.to_yaml(obj)), obj)

    def test_templates_are_up_to_date(self):
        p = subprocess.run([sys.executable, os.path.join(TOOLS, "lava.py"), "templates", "--check"],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)


class CompareTest(unittest.TestCase):
    def lava_results(self, text):
        got, _ = lava.monitor_matches(text)
        out = [{"definition": "doorbell-x", "case": g["case"].replace(".", "_"), "result": g["result"],
                "extra": {"test_case_id": g["case"]}, "measurement": g.get("measurement"),
                "units": g.get("units", "")} for g in got]
        return out + [{"definition": "lava", "case": "job", "result": "pass"}]

    def test_agree_but_a_failure_is_reported(self):
        t = tap.parse(SERIAL)
        problems = lava.compare(self.lava_results(SERIAL), t.points, t.facts)
        self.assertEqual(problems, ["msi.deliver failed"])

    def test_a_missing_point_and_a_wrong_result(self):
        good = SERIAL.replace("not ok 4 - msi.deliver", "ok 4 - msi.deliver")
        t = tap.parse(good)
        res = self.lava_results(good)
        self.assertEqual(lava.compare(res, t.points, t.facts), [])
        dropped = [r for r in res if r.get("extra", {}).get("test_case_id") != "boot.exception"]
        self.assertEqual(lava.compare(dropped, t.points, t.facts),
                         ["TAP point 2 boot.exception (passed) is not in LAVA's results"])
        res[5]["result"] = "skip"
        self.assertIn("boot.exception: LAVA says skip, the runner passed", lava.compare(res, t.points, t.facts))

    def test_job_result_and_counts(self):
        t = tap.parse(SERIAL)
        res = self.lava_results(SERIAL)
        res[-1] = {"definition": "lava", "case": "job", "result": "fail", "error_type": "Infrastructure",
                   "error_msg": "Connection closed"}
        self.assertIn("LAVA's job result is fail (Infrastructure: Connection closed)",
                      lava.compare(res, t.points, t.facts))
        self.assertEqual(lava.counts(res), {"passed": 2, "failed": 1, "skipped": 1, "todo": 2, "measurements": 5})

    def test_read_log(self):
        log = "\n".join([
            '{"dt": "1", "lvl": "target", "msg": "ok 1 - a"}',
            '{"dt": "2", "lvl": "results", "msg": {"definition": "doorbell-x", "case": "a", "result": "pass"}}',
            '- {"dt": "3", "lvl": "info", "msg": "x"}',
            'not a record',
        ])
        results, serial = lava.read_log(log, json.loads)
        self.assertEqual(serial, ["ok 1 - a"])
        self.assertEqual(results, [{"definition": "doorbell-x", "case": "a", "result": "pass"}])


if __name__ == "__main__":
    unittest.main()
