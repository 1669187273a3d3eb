"""doorbell-acpi, the host tool (tools/doorbell-acpi/): exact output, exit statuses, --json on the corpus.

The tool is BUILD/host/doorbell-acpi (`make host-build`); BUILD is $DOORBELL_BUILD, else build/.
"""

import glob
import json
import os
import subprocess
import tempfile
import unittest

from tests.host.runner import support

BUILD = os.environ.get("DOORBELL_BUILD", os.path.join(support.TOP, "build"))
TOOL = os.path.join(BUILD, "host", "doorbell-acpi")
CORPUS = os.path.join(support.TOP, "..", "shared", "corpus", "acpi")
TABLE_DIRS = ("APIC", "DMAR", "FACP", "IORT", "IVRS", "MCFG")


def run(*args):
    p = subprocess.run([TOOL] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    return p.returncode, p.stdout.decode("latin-1"), p.stderr.decode("latin-1")


def corpus(rel):
    return os.path.join(CORPUS, rel)


LENOVO_DMAR = "DMAR/Lenovo-IdeaPadFlex_15_20309-D19FB82D46CF.dat"
LENOVO_DMAR_OUT = """# DMAR: 1 error, 0 warnings, 0 info
# finding error DMAR+0x38: [dmar.drhd-base-zero] DRHD register base is 0: it must be the unit's register address (VT-d §8.3)
#   linux: "DMAR: [Firmware Bug]: Your BIOS is broken; DMAR reported at address 0!"; the kernel is tainted (TAINT_FIRMWARE_WORKAROUND, 'I'); the DMAR is not used: no DMA remapping and no interrupt remapping
#   linux-override: intel_iommu=off (quiets it; the table stays broken)
# fact acpi.table_count=1
# fact acpi.tables=DMAR
# fact dmar.count=1
# fact dmar.flags=0x00
# fact dmar.intr_remap=0
# fact dmar.x2apic_opt_out=0
# fact dmar.dma_ctrl_platform_opt_in=0
# fact dmar.experimental_ims_bit=3
# fact dmar.experimental_ims_opt_in=0
# fact dmar.host_address_width=39
# fact dmar.drhd_count=1
# fact dmar.drhd_bases=0x0
# fact dmar.rmrr_count=2
# fact dmar.atsr_count=0
# fact dmar.satc_count=0
# fact dmar.sidp_count=0
# doorbell-acpi: 1 table from 1 file: 1 error, 0 warnings, 0 info: exit 1
"""


@unittest.skipUnless(os.access(TOOL, os.X_OK), "doorbell-acpi not built (make host-build)")
@unittest.skipUnless(os.path.isdir(CORPUS), "no ACPI corpus")
class DoorbellAcpiTest(unittest.TestCase):
    maxDiff = None

    def test_one_table_exact(self):
        rc, out, err = run("--no-dump", corpus(LENOVO_DMAR))
        self.assertEqual((rc, err), (1, ""))
        self.assertEqual(out.encode("latin-1").decode("utf-8"), LENOVO_DMAR_OUT)

    def test_clean_table_exits_0_and_has_no_other_tables_facts(self):
        rc, out, err = run("--no-dump", corpus("IORT/QEMU-virt-default.dat"))
        self.assertEqual(rc, 0, err)
        self.assertNotIn("# finding", out)
        self.assertNotIn("=none\n# fact dmar", out)
        for family in ("dmar.", "madt.", "fadt.", "mcfg.", "ivrs.", "hpet.", "spcr."):
            self.assertNotIn("# fact " + family, out)
        self.assertIn("# fact iort.present=1\n", out)
        self.assertNotIn("policy.ims", out)  # only with --policy
        self.assertTrue(out.endswith("# doorbell-acpi: 1 table from 1 file: 0 errors, 0 warnings, 0 info: exit 0\n"))

    def test_repeated_findings_fold_with_a_count(self):
        rc, out, _ = run("--no-dump", corpus("APIC/EVGA-X299_MICRO-4B645993A72D.dat"))
        line = ("# finding info APIC+0x228: [madt.struct-type-unknown] structure type 0x7f (reserved) "
                "skipped by its length 12 (x 28)\n")
        self.assertIn(line, out)
        self.assertEqual(out.count("[madt.struct-type-unknown]"), 1)
        self.assertIn(" 28 info: exit %d\n" % rc, out)

    def test_several_files_name_the_file_on_each_finding(self):
        a, b = corpus(LENOVO_DMAR), corpus("DMAR/Lenovo-ThinkPad_E15_Gen_2_20TD0005MH-188EB681251A.dat")
        rc, out, _ = run("--no-dump", a, b)
        self.assertEqual(rc, 1)
        self.assertIn("# DMAR (%s): 1 error, 0 warnings, 0 info\n" % a, out)
        self.assertIn("# DMAR (%s): 1 error, 0 warnings, 0 info (checked alone: the first DMAR given is the one "
                      "the platform uses)\n" % b, out)
        self.assertIn("# finding error DMAR+0x38 (%s): [dmar.drhd-base-zero]" % a, out)
        self.assertIn("# finding error DMAR+0x68 (%s): [dmar.drhd-base-zero]" % b, out)

    def test_any_number_of_files(self):
        files = sorted(glob.glob(corpus("DMAR/*.dat")))
        self.assertGreater(len(files), 64)
        rc, out, err = run("--no-dump", *files)
        self.assertEqual(err, "")
        self.assertNotIn("ENOSPC", out)
        self.assertNotIn("not listed", out)
        self.assertIn("# doorbell-acpi: %d tables from %d files:" % (len(files), len(files)), out)
        self.assertEqual(out.count("[dmar.drhd-base-zero]"), 2)

    def test_pre6_fadt_vendor_bytes_do_not_make_a_vm(self):
        rc, out, _ = run("--no-dump", "--policy", corpus("FACP/lenovo-thinkpad-x13s-391802a1.dat"))
        self.assertEqual(rc, 0)
        self.assertIn("# fact fadt.hypervisor_vendor_status=no-field\n", out)
        self.assertIn("# fact fadt.hypervisor_vendor=none\n", out)
        self.assertIn("# fact platform.kind=unknown\n", out)
        self.assertNotIn("platform.kind=virtual", out)
        self.assertIn("# doorbell-acpi: policy: platform unknown, ims refused, x2apic none, intremap off "
                      "(not part of the exit status)\n", out)

    def test_bad_input_exit_2_with_a_message(self):
        with tempfile.TemporaryDirectory() as d:
            junk = os.path.join(d, "junk.bin")
            with open(junk, "wb") as f:
                f.write(b"hello, not a table\n")
            self.assertEqual(run(junk), (2, "", "doorbell-acpi: %s: neither a raw ACPI table nor an acpidump dump\n"
                                         % junk))
            short = os.path.join(d, "short.dat")
            with open(short, "wb") as f:
                f.write(b"DMAR\x10\x00\x00\x00" + bytes(8))
            self.assertEqual(run(short)[0:2], (2, ""))
            self.assertIn("DMAR: not an ACPI table (-EINVAL)", run(short)[2])
        self.assertEqual(run("/nonexistent/x.dat"),
                         (2, "", "doorbell-acpi: /nonexistent/x.dat: No such file or directory\n"))
        for args in (["--ims-bit", "9", "x"], ["--arch", "mips", "x"], ["--bogus", "x"], [], ["--diff", "a"],
                     ["--diff", "a", "b", "c"], ["--coverage"]):
            rc, out, err = run(*args)
            self.assertEqual((rc, out), (2, ""), args)
            self.assertTrue(err.startswith("doorbell-acpi: "), err)
            self.assertIn("usage: doorbell-acpi", err)
        rc, out, err = run("--help")
        self.assertEqual((rc, err), (0, ""))
        self.assertIn("--json", out)

    def test_json_escapes_what_a_path_holds(self):
        with tempfile.TemporaryDirectory() as d:
            name = os.path.join(d.encode(), b'q"b\\s\nt\t\x01\xff\xc2\xa7.dat')
            with open(corpus(LENOVO_DMAR), "rb") as src, open(name, "wb") as dst:
                dst.write(src.read())
            p = subprocess.run([TOOL, "--json", name, corpus(LENOVO_DMAR)], stdout=subprocess.PIPE, timeout=60)
            doc = json.loads(p.stdout.decode("ascii"))
            self.assertEqual(doc["findings"][0]["file"], name[:-6].decode("latin-1") + "\u00a7.dat")
            self.assertEqual(p.returncode, 1)

    def test_json_content(self):
        rc, out, _ = run("--json", corpus(LENOVO_DMAR))
        doc = json.loads(out)
        self.assertEqual(doc["findings"], [{
            "file": corpus(LENOVO_DMAR), "table": "DMAR", "instance": 1, "offset": 0x38, "severity": "error",
            "id": "dmar.drhd-base-zero",
            "message": "DRHD register base is 0: it must be the unit's register address (VT-d \u00a78.3)",
            "linux": ("\"DMAR: [Firmware Bug]: Your BIOS is broken; DMAR reported at address 0!\"; the kernel is "
                      "tainted (TAINT_FIRMWARE_WORKAROUND, 'I'); the DMAR is not used: no DMA remapping and no "
                      "interrupt remapping"),
            "linux_override": "intel_iommu=off (quiets it; the table stays broken)", "count": 1}])
        self.assertEqual(doc["facts"]["dmar.drhd_bases"], "0x0")
        self.assertNotIn("policy", doc)
        self.assertEqual(doc["verdict"], {"errors": 1, "warnings": 0, "info": 0, "exit_status": 1})

    def test_json_parses_on_every_corpus_file(self):
        files = sorted(f for d in TABLE_DIRS + tuple("badsum/" + x for x in TABLE_DIRS)
                       for f in glob.glob(corpus(d + "/*.dat")))
        self.assertGreater(len(files), 2000)
        bad = []
        for f in files:
            p = subprocess.run([TOOL, "--json", "--policy", f], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=60)
            try:
                doc = json.loads(p.stdout)
                why = "" if doc["verdict"]["exit_status"] == p.returncode and "platform.kind" in doc["policy"] \
                    else "verdict or policy missing"
            except ValueError as e:
                why = "not JSON: %s" % e
            if why or p.returncode not in (0, 1):
                bad.append("%s: rc %d %s %r" % (f, p.returncode, why, p.stderr[:200]))
        self.assertEqual(bad, [])


if __name__ == "__main__":
    unittest.main()
