import unittest

from tests.host.runner import support  # noqa: F401
from doorbell import qemu

# A stand-in for a guest that halts after its end line: the process never exits by itself.
HALTING = ["sh", "-c", "echo 'TAP version 14'; echo '# doorbell: end verdict=pass exit=0'; exec sleep 30"]


class RunTest(unittest.TestCase):
    def test_done_stops_a_halted_guest(self):
        res = qemu.run(HALTING, 20, on_line=lambda t, line: line.startswith("# doorbell: end") or None)
        self.assertTrue(res.done)
        self.assertEqual((res.stopped, res.timed_out), ("", False))
        self.assertLess(res.wall, 10)
        self.assertEqual([line for _, line in res.lines][-1], "# doorbell: end verdict=pass exit=0")

    def test_a_reason_stops_with_that_reason(self):
        res = qemu.run(HALTING, 20, on_line=lambda t, line: "firmware shell" if "TAP" in line else None)
        self.assertEqual((res.stopped, res.done), ("firmware shell", False))

    def test_timeout_without_end_line(self):
        res = qemu.run(["sh", "-c", "exec sleep 30"], 0.5)
        self.assertTrue(res.timed_out)
        self.assertFalse(res.done)


if __name__ == "__main__":
    unittest.main()
