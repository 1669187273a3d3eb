import dataclasses
import os
import tempfile
import unittest

from tests.host.runner import support  # noqa: F401
from doorbell import boot, config, esp, multiboot, qemu


def load_text(text):
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
        f.write(text)
    try:
        return config.load(f.name)
    finally:
        os.unlink(f.name)


class ConfigFileTest(unittest.TestCase):
    def test_repository_file_loads(self):
        configs = config.load()
        names = [c.name for c in configs]
        for n in ("x86-iommu", "x86-noiommu", "arm-its-smmu", "arm-noits"):
            self.assertIn(n, names)
        self.assertEqual(config.default_for("x86_64", configs).name, "x86-iommu")
        self.assertEqual(config.default_for("aarch64", configs).name, "arm-its-smmu")
        for c in configs:
            # An arch fact, where a configuration states one, matches its arch.
            self.assertEqual(c.facts.get("arch", c.arch), c.arch)

    def test_inherit_merges_tables(self):
        cs = load_text('[a]\narch="x86_64"\nmachine="q35"\ndefault=true\nfacts={arch="x86_64"}\n'
                       'guest={k="v"}\n[b]\ninherit="a"\nicount=true\nfacts={dmar="absent"}\n')
        b = config.get("b", cs)
        self.assertTrue(b.icount)
        self.assertFalse(b.default)
        self.assertEqual(b.facts, {"arch": "x86_64", "dmar": "absent"})
        self.assertEqual(b.guest, {"k": "v"})

    def test_errors(self):
        for text in ('[a]\narch="x86_64"\n', '[a]\narch="mips"\nmachine="m"\n',
                     '[a]\narch="x86_64"\nmachine="q35"\nbogus=1\n', '[a]\ninherit="zz"\n',
                     '[a]\narch="x86_64"\nmachine="q35"\nsmp=true\n',
                     '[a]\narch="x86_64"\nmachine="q35"\nverdict="error"\n',
                     '[a]\narch="x86_64"\nmachine="q"\ndefault=true\n[b]\narch="x86_64"\nmachine="q"\ndefault=true\n'):
            with self.assertRaises(config.ConfigError, msg=text):
                load_text(text)

    def test_cpu_and_tables(self):
        cs = load_text('[a]\narch="x86_64"\nmachine="q35"\ncpu="max,hypervisor=off"\n'
                       'tables=["acpi/x.aml"]\nqemu=["-acpitable", "file={build}/acpi/y.aml"]\n')
        from doorbell import boot
        a = boot.with_build_paths(config.get("a", cs), "/b")
        self.assertEqual(a.cpu, "max,hypervisor=off")
        self.assertEqual(a.tables, ["/b/acpi/x.aml"])
        self.assertEqual(a.qemu, ["-acpitable", "file=/b/acpi/y.aml"])
        with self.assertRaises(config.ConfigError):
            load_text('[a]\narch="x86_64"\nmachine="q35"\ntables=[1]\n')

    def test_select(self):
        cs = config.load()
        self.assertEqual([c.name for c in config.select("arm-its-smmu,arm-no*", cs)],
                         ["arm-its-smmu", "arm-noits"])
        self.assertTrue(all(c.arch == "aarch64" for c in config.select("arm-*", cs)))
        self.assertEqual(len(config.select("*", cs)), len(cs))


class EmulatorTest(unittest.TestCase):
    def test_expand_overlay(self):
        cs = load_text('[a]\narch="x86_64"\nmachine="q35"\nfacts={x="1", y="2"}\n'
                       '[a.on."10.0"]\nfacts={y="3"}\ntodos=["vtd.cfi"]\n'
                       '[b]\ninherit="a"\n[b.on."10.0"]\nabsent="no such device"\n')
        a72, a10, b72, b10 = config.expand(cs)
        self.assertEqual((a72.label, a10.label), ("a@7.2", "a@10.0"))
        self.assertEqual(a72.facts, {"x": "1", "y": "2"})
        self.assertEqual(a10.facts, {"x": "1", "y": "3"})
        self.assertEqual((a72.todos, a10.todos), ([], ["vtd.cfi"]))
        self.assertEqual((b72.absent, b10.absent), ("", "no such device"))
        self.assertEqual(b10.facts, {"x": "1", "y": "3"})

    def test_overlay_errors(self):
        for text in ('[a]\narch="x86_64"\nmachine="q35"\n[a.on."9.9"]\nsmp=2\n',
                     '[a]\narch="x86_64"\nmachine="q35"\n[a.on."10.0"]\nbogus=2\n',
                     '[a]\narch="x86_64"\nmachine="q35"\n[a.on."10.0"]\nabsent=""\n'):
            with self.assertRaises(config.ConfigError):
                load_text(text)

    def test_10_command(self):
        cfg = config.for_emulator(config.get("x86-iommu"), "10.0")
        argv = qemu.command(cfg, "/tmp/esp.img", build="/b")
        self.assertEqual(argv[:3], ["/b/qemu-10.0/usr/bin/qemu-system-x86_64", "-L", "/b/qemu-10.0/usr/share/qemu"])

    def test_guest_gets_the_version(self):
        cfg = config.Config(name="c", arch="x86_64", machine="q35")
        self.assertIn("qemu_version=10.0.2\n", esp.config_text(boot.guest_config_items(cfg, qemu_version="10.0.2")))


class CommandTest(unittest.TestCase):
    def test_x86_command(self):
        cfg = config.get("x86-iommu")
        argv = qemu.command(cfg, "/tmp/esp.img", "-d int -D '/tmp/a b.log'")
        self.assertEqual(argv[0], "/usr/bin/qemu-system-x86_64")
        self.assertIn("isa-debug-exit,iobase=0xf4,iosize=0x04", argv)
        self.assertIn("intel-iommu,intremap=on", argv)
        self.assertEqual(argv[-4:], ["-d", "int", "-D", "/tmp/a b.log"])
        self.assertIn("-nodefaults", argv)
        self.assertNotIn("-icount", argv)

    def test_arm_command(self):
        cfg = config.get("arm-noits")
        argv = qemu.command(cfg, "/tmp/esp.img")
        self.assertEqual(argv[0], "/usr/bin/qemu-system-aarch64")
        self.assertIn("enable=on,target=native", argv)
        self.assertIn("menu=on,splash-time=0", argv)
        self.assertNotIn("isa-debug-exit,iobase=0xf4,iosize=0x04", argv)

    def test_image_command(self):
        cfg = config.image_for("x86_64")
        self.assertEqual(cfg.name, "x86-usb")
        argv = qemu.command(cfg, "/tmp/stick.img")
        self.assertNotIn("isa-debug-exit,iobase=0xf4,iosize=0x04", argv)
        self.assertIn("format=raw,if=none,id=stick,snapshot=on,file=/tmp/stick.img", argv)
        self.assertEqual(argv[-4:], qemu.USB_STICK)
        self.assertIn("intel-iommu,intremap=on", argv)  # the default configuration's devices
        cfg = config.image_for("aarch64")
        argv = qemu.command(cfg, "/tmp/stick.img")
        self.assertNotIn("enable=on,target=native", argv)
        self.assertEqual(argv[-4:], qemu.USB_STICK)
        with self.assertRaises(qemu.QemuError):
            qemu.command(cfg, "/tmp/stick.img", disk="virtio")

    def test_image_configurations(self):
        for name, parent in (("x86-usb", "x86-iommu"), ("arm-usb", "arm-its-smmu")):
            cfg, base = config.get(name), config.get(parent)
            self.assertTrue(cfg.image)
            self.assertEqual((cfg.machine, cfg.qemu, cfg.smp), (base.machine, base.qemu, base.smp))
            self.assertEqual(cfg.todos, [])  # the platform is unnamed: a gap is a failure
            self.assertEqual(cfg.facts["config"], "usb-stick")
            for series in ("7.2", "10.0"):
                self.assertEqual(config.for_emulator(cfg, series).todos, [])
            # make test boots the stick on 7.2 only
            self.assertEqual([config.for_emulator(cfg, s).matrix for s in ("7.2", "10.0")], [True, False])
        with self.assertRaises(config.ConfigError):
            load_text('[a]\narch = "x86_64"\nmachine = "q35"\nimage = true\ntests = "boot.*"\n')
        with self.assertRaises(config.ConfigError):
            load_text('[a]\narch = "x86_64"\nmachine = "q35"\nfails = [1]\n')

    def test_guest_config_lines(self):
        cfg = config.Config(name="c", arch="x86_64", machine="q35", guest={"ims": "forced", "acpi_dump": True})
        text = esp.config_text(boot.guest_config_items(cfg, tests="irq.*,vtd.*"))
        self.assertEqual(text, "config=c\nexit=qemu\ntests=irq.*,vtd.*\nacpi_dump=on\nicount=off\nims=forced\n")
        self.assertIn("acpi_dump=off", esp.config_text(boot.guest_config_items(cfg, acpi_dump=False)))

    def test_screen_configuration(self):
        for name, device in (("x86-screen", "VGA"), ("arm-screen", "ramfb")):
            for series in ("7.2", "10.0"):
                cfg = config.for_emulator(config.get(name), series)
                self.assertTrue(cfg.screen)
                self.assertFalse(cfg.absent)
                argv = qemu.command(cfg, "/tmp/esp.img", build="/b", qmp="/b/results/s.qmp")
                self.assertIn(device, argv)
                self.assertEqual(argv[argv.index("-qmp") + 1], "unix:/b/results/s.qmp,server=on,wait=off")
                self.assertIn("screen=wait\n", esp.config_text(boot.guest_config_items(cfg)))
                self.assertEqual(cfg.facts["fb.console"], "on")
        plain = config.get("x86-iommu")
        self.assertFalse(plain.screen)
        self.assertNotIn("-qmp", qemu.command(plain, "/tmp/esp.img"))
        self.assertNotIn("screen=wait\n", esp.config_text(boot.guest_config_items(plain)))



class OverrideTest(unittest.TestCase):
    def test_smp_cpu_and_raw_options(self):
        cfg = config.Config(name="c", arch="x86_64", machine="q35", smp=2,
                            facts={"cpu.online": 2, "its.collections": "2", "policy.ims": "refused", "x": "2"})
        c, unchecked = config.with_overrides(cfg, smp=4)
        self.assertEqual((c.smp, c.facts["cpu.online"], c.facts["its.collections"], c.facts["x"]), (4, 4, 4, "2"))
        self.assertEqual(unchecked, [])
        c, unchecked = config.with_overrides(cfg, cpu="max,hypervisor=off")
        self.assertEqual(c.cpu, "max,hypervisor=off")
        self.assertNotIn("policy.ims", c.facts)
        self.assertIn("cpu.online", c.facts)
        self.assertIn("policy.ims (CPU=max,hypervisor=off)", unchecked)
        c, unchecked = config.with_overrides(cfg, qemu_extra="-d int")
        self.assertEqual(c.facts, {})
        self.assertFalse(c.outcomes_checked)
        self.assertIn("x (QEMU_EXTRA)", unchecked)
        with self.assertRaises(config.ConfigError):
            config.with_overrides(cfg, smp=0)
        c, _ = config.with_overrides(cfg, tests="boot.*")
        self.assertFalse(c.facts_required)
        self.assertTrue(config.with_overrides(cfg)[0].facts_required)


class InheritedOverlayTest(unittest.TestCase):
    def test_child_keys_shadow_inherited_overlays(self):
        cs = load_text('[a]\narch="x86_64"\nmachine="q35"\ntodos=["x"]\nfacts={f="1", g="1"}\n'
                       '[a.on."10.0"]\ntodos=["y"]\nsmp=4\nfacts={f="2", g="2"}\n'
                       '[b]\ninherit="a"\ntodos=["z"]\nfacts={f="3"}\n')
        b10 = config.for_emulator(config.get("b", cs), "10.0")
        self.assertEqual(b10.todos, ["z"])  # the child's own list, not the parent's 10.0 one
        self.assertEqual(b10.smp, 4)  # what the child does not set still follows the overlay
        self.assertEqual(b10.facts, {"f": "3", "g": "2"})


if __name__ == "__main__":
    unittest.main()


class MultibootTest(unittest.TestCase):
    """boot = "multiboot": doorbell.mb on SeaBIOS, the config and tables as -initrd modules."""

    def mb_config(self, **kw):
        cs = load_text('[a]\narch="x86_64"\nmachine="q35"\nboot="multiboot"\n'
                       'qemu=["-device", "intel-iommu,intremap=on"]\n')
        return dataclasses.replace(config.get("a", cs), **kw)

    def test_default_is_uefi(self):
        self.assertEqual(config.get("x86-iommu").boot, "uefi")
        self.assertEqual(config.Config(name="c", arch="x86_64", machine="q35").boot, "uefi")

    def test_errors(self):
        for text in ('[a]\narch="x86_64"\nmachine="q35"\nboot="bios"\n',
                     '[a]\narch="aarch64"\nmachine="virt"\nboot="multiboot"\n',
                     '[a]\narch="x86_64"\nmachine="q35"\nimage=true\nboot="multiboot"\n',
                     '[a]\narch="x86_64"\nmachine="q35"\nscreen=true\nboot="multiboot"\n'):
            with self.assertRaises(config.ConfigError, msg=text):
                load_text(text)
        with self.assertRaises(config.ConfigError):
            config.with_boot(config.get("arm-noits"), "multiboot")

    def test_command(self):
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "x86_64"))
            mb = os.path.join(d, "x86_64", "doorbell.mb")
            open(mb, "wb").close()
            argv = qemu.command(self.mb_config(), None, "-d int", build=d,
                                modules=["/r/config", "/r/dmar.aml"])
            self.assertEqual(argv[0], "/usr/bin/qemu-system-x86_64")
            i = argv.index("-kernel")
            self.assertEqual(argv[i:i + 4], ["-kernel", mb, "-initrd", "/r/config,/r/dmar.aml"])
            self.assertIn("isa-debug-exit,iobase=0xf4,iosize=0x04", argv)
            self.assertIn("intel-iommu,intremap=on", argv)
            self.assertEqual(argv[-2:], ["-d", "int"])
            for word in ("-bios", "-drive", "-boot"):
                self.assertNotIn(word, argv)  # SeaBIOS, QEMU's default; no ESP
            self.assertFalse(any("OVMF" in a or "pflash" in a for a in argv))
            with self.assertRaises(esp.EspError):  # QEMU would split the path at the comma
                qemu.command(self.mb_config(), None, build=d, modules=["/r/a,b"])
            with self.assertRaises(qemu.QemuError):
                qemu.command(self.mb_config(), None, build=d, disk="ahci")
            with self.assertRaises(esp.EspError):  # not built
                qemu.command(self.mb_config(), None, build=os.path.join(d, "none"))
            self.assertNotIn("-initrd", qemu.command(self.mb_config(), None, build=d))

    def test_modules(self):
        with tempfile.TemporaryDirectory() as d:
            table = os.path.join(d, "dmar-flags-0x09.aml")
            with open(table, "wb") as f:
                f.write(b"DMAR")
            out = os.path.join(d, "x86-a@7.2.modules")
            items = boot.guest_config_items(self.mb_config(), qemu_version="7.2.22")
            paths = multiboot.write_modules(out, items, [table])
            self.assertEqual([os.path.basename(p) for p in paths], ["config", "dmar-flags-0x09.aml"])
            with open(paths[0], encoding="ascii") as f:
                self.assertEqual(f.read(), esp.config_text(items))
            with open(paths[1], "rb") as f:
                self.assertEqual(f.read(), b"DMAR")
            self.assertEqual(multiboot.write_modules(out, items), [paths[0]])  # stale tables go
            self.assertEqual(os.listdir(out), ["config"])
            for bad in ([table, table], [os.path.join(d, "missing.aml")]):
                with self.assertRaises(esp.EspError):
                    multiboot.write_modules(out, items, bad)

    def test_boot_path_override(self):
        cfg = config.with_boot(config.get("x86-iommu"), "multiboot")
        self.assertEqual((cfg.name, cfg.boot), ("x86-iommu", "multiboot"))
        self.assertEqual(cfg.facts, config.get("x86-iommu").facts)

    def test_uefi_path_stays_tested(self):
        """The default x86 configuration and at least one more in the matrix boot through OVMF."""
        configs = config.load()
        self.assertEqual(config.default_for("x86_64", configs).boot, "uefi")
        uefi = [c.name for c in configs if c.arch == "x86_64" and c.boot == "uefi" and c.matrix]
        self.assertGreaterEqual(len(uefi), 2, uefi)


class SlowestTest(unittest.TestCase):
    def test_icount_boots_left_out(self):
        def result(label, icount, ms):
            return {"config": label, "label": label, "icount": icount,
                    "tests": [{"name": "t", "duration_ms": ms}, {"name": "u", "duration_ms": None}]}
        rs = [result("a", False, 12.0), result("b", True, 34000.0), result("c", False, 40.0)]
        self.assertEqual(boot.slowest_tests(rs), [(40.0, "c", "t"), (12.0, "a", "t")])
        self.assertEqual(boot.slowest_tests(rs, 1), [(40.0, "c", "t")])
