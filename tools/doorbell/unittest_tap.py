"""Runs a directory of python unittest tests and prints TAP: python3 unittest_tap.py DIR [TOP]."""

import os
import sys
import traceback
import unittest


class TapResult(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.n = 0
        print("TAP version 14", flush=True)

    def _point(self, test, ok, directive="", text=""):
        self.n += 1
        line = "%s %d - %s" % ("ok" if ok else "not ok", self.n, test.id())
        print(line + directive)
        if text:
            print("  ---")
            print("  message: |")
            for t in text.rstrip().splitlines():
                print("    " + t)
            print("  ...")
        sys.stdout.flush()

    def addSuccess(self, test):
        super().addSuccess(test)
        self._point(test, True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._point(test, False, text="".join(traceback.format_exception(*err)))

    def addError(self, test, err):
        super().addError(test, err)
        self._point(test, False, text="".join(traceback.format_exception(*err)))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._point(test, True, " # SKIP " + reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._point(test, False, " # TODO expected failure")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._point(test, True, " # TODO unexpected success")

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._point(subtest, False, text="".join(traceback.format_exception(*err)))


def main(argv):
    start = argv[1]
    top = argv[2] if len(argv) > 2 else os.getcwd()
    sys.path.insert(0, os.path.join(top, "tools"))
    suite = unittest.defaultTestLoader.discover(start, pattern="test_*.py", top_level_dir=top)
    result = TapResult()
    suite.run(result)
    print("1..%d" % result.n)  # a trailing plan: subtests can add points
    print("# doorbell: end verdict=%s exit=%d" % (("pass", 0) if result.wasSuccessful() else ("fail", 1)))
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
