"""Shared code of doorbell's host tools: configurations, ESP image, QEMU, TAP, verdicts, JUnit."""

import os
import sys

TOOLS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOP_DIR = os.path.dirname(TOOLS_DIR)

if sys.version_info < (3, 11):
    sys.exit("doorbell tools need Python 3.11 or newer (tomllib); this is %s" % sys.version.split()[0])
