"""QEMU command lines and a bounded run that streams the serial output line by line."""

import os
import shlex
import signal
import subprocess
import threading
import time

from . import emulator, multiboot
from .tap import clean_line

QEMU_BINARY = emulator.BINARY
BINARY_ARCHES = tuple(emulator.BINARY)
ICOUNT = ["-icount", "shift=7,sleep=off"]

# Firmware, first match wins. Each entry is (code, vars or None); vars None means -bios code.
# Measured on QEMU 7.2: -bios QEMU_EFI.fd reaches the boot loader ~0.5 s sooner than the AAVMF pflash
# pair. On x86 the difference is larger: with OVMF.fd as -bios (the ovmf package's combined image; the
# variables live in RAM, nothing is emulated flash) the first guest line comes at 3.6-4.0 s against
# 5.2-6.5 s with OVMF_CODE_4M.fd + OVMF_VARS_4M.fd as pflash, on 7.2 and 10.0 alike (docs/platform.md).
FIRMWARE = {
    "x86_64": [
        ("/usr/share/ovmf/OVMF.fd", None),
        ("/usr/share/OVMF/OVMF_CODE_4M.fd", "/usr/share/OVMF/OVMF_VARS_4M.fd"),
        ("/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_VARS.fd"),
    ],
    "aarch64": [
        ("/usr/share/qemu-efi-aarch64/QEMU_EFI.fd", None),
        ("/usr/share/AAVMF/AAVMF_CODE.fd", "/usr/share/AAVMF/AAVMF_VARS.fd"),
    ],
}

# How the ESP is attached. Measured on QEMU 7.2 (TAP line, mean of 6 interleaved boots): q35's built-in
# AHCI 4.0 s, virtio-blk-pci 4.35 s; on arm virt virtio-mmio and virtio-blk-pci are equal within noise
# (~0.6 s). The defaults also add no PCI device to what the guest enumerates.
DISKS = {
    "virtio": ["-device", "virtio-blk-pci,drive=esp"],
    "ahci": ["-device", "ide-hd,drive=esp,bus=ide.0"],  # q35's built-in AHCI controller
    "mmio": ["-device", "virtio-blk-device,drive=esp"],  # arm virt's virtio-mmio transports
}
DEFAULT_DISK = {"x86_64": "ahci", "aarch64": "mmio"}
# The USB stick image (tools/doorbell/image.py): a removable USB mass-storage device behind xHCI, as a
# stick in a real machine's port. Both firmwares boot it through their removable-media path.
USB_STICK = ["-device", "qemu-xhci,id=xhci", "-device", "usb-storage,bus=xhci.0,drive=stick,removable=on"]


class QemuError(Exception):
    pass


def firmware_args(arch):
    env_code = os.environ.get("DOORBELL_FW_CODE")
    candidates = [(env_code, os.environ.get("DOORBELL_FW_VARS") or None)] if env_code else FIRMWARE[arch]
    for code, vars_ in candidates:
        if os.path.isfile(code) and (vars_ is None or os.path.isfile(vars_)):
            if vars_ is None:
                return ["-bios", code]
            # snapshot=on: writes to the variable store go to a temporary overlay (works on 7.2),
            # so parallel runs share the read-only system copy.
            return ["-drive", "if=pflash,format=raw,readonly=on,file=" + code,
                    "-drive", "if=pflash,format=raw,snapshot=on,file=" + vars_]
    raise QemuError("no UEFI firmware for %s found (tried %s); run tools/setup.sh %s" %
                    (arch, ", ".join(c for c, _ in candidates), arch))


def base_args(series=emulator.DEFAULT, build="build"):
    """What every boot shares, whatever its firmware: the emulator's data files, TCG, no default
    devices, the serial console on stdio, no monitor."""
    return emulator.get(series).data_args(build) + \
        ["-accel", "tcg", "-nodefaults", "-nographic", "-serial", "stdio", "-monitor", "none"]


def device_args(arch, series=emulator.DEFAULT, build="build", exit_device=True):
    """The options every UEFI boot on that arch and emulator shares, whatever the configuration:
    the emulator's data files, TCG, the serial console on stdio, the firmware and, unless
    `exit_device` is False (the USB stick: no exit device, the guest halts as on a machine), the
    exit device. In LAVA's terms these are the device's (tools/lava/devices/), the rest the job's
    (config_args)."""
    if arch not in BINARY_ARCHES:
        raise QemuError("unknown arch %r" % arch)
    argv = base_args(series, build) + firmware_args(arch)
    if arch == "aarch64":
        # No boot menu wait (5 s otherwise); exit through semihosting.
        argv += ["-boot", "menu=on,splash-time=0"]
        if exit_device:
            argv += ["-semihosting-config", "enable=on,target=native"]
    elif exit_device:
        argv += ["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    return argv


def config_args(cfg, esp_image, extra="", disk=None):
    """The options of configuration `cfg`: machine, CPUs, memory, its devices, the ESP (or, for an
    image configuration, the whole disk as a USB stick), `extra`."""
    argv = ["-machine", cfg.machine, "-cpu", cfg.cpu, "-m", cfg.memory, "-smp", str(cfg.smp)]
    if cfg.icount:
        argv += ICOUNT
    argv += list(cfg.qemu)
    if cfg.image:
        if disk:
            raise QemuError("an image configuration boots from the USB stick, not %s" % disk)
        argv += ["-drive", "format=raw,if=none,id=stick,snapshot=on,file=" + esp_image] + USB_STICK
    else:
        argv += ["-drive", "format=raw,if=none,id=esp,file=" + esp_image]
        disk = disk or DEFAULT_DISK[cfg.arch]
        if disk not in DISKS:
            raise QemuError("unknown disk attachment %r (%s)" % (disk, ", ".join(DISKS)))
        argv += DISKS[disk]
    if extra:
        argv += shlex.split(extra)
    return argv


def multiboot_args(cfg, extra="", disk=None, build="build", modules=()):
    """A multiboot configuration: build/x86_64/doorbell.mb on SeaBIOS (QEMU's default BIOS: no
    -bios, no pflash) with `modules` (the config file, then the tables) and no ESP."""
    if disk:
        raise QemuError("a multiboot configuration has no ESP to attach as %s" % disk)
    argv = base_args(cfg.emulator, build)
    argv += ["-machine", cfg.machine, "-cpu", cfg.cpu, "-m", cfg.memory, "-smp", str(cfg.smp)]
    if cfg.icount:
        argv += ICOUNT
    argv += list(cfg.qemu) + multiboot.qemu_args(multiboot.image_path(build), modules)
    argv += ["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if extra:
        argv += shlex.split(extra)
    return argv


def command(cfg, esp_image, extra="", disk=None, build="build", qmp=None, modules=()):
    """The full QEMU argv for configuration `cfg` booting `esp_image` on its emulator: the binary,
    device_args, then config_args (the LAVA job runs exactly this, tools/doorbell/lava.py); with
    `qmp`, a QMP server on that unix socket path. For an image configuration `esp_image` is the
    whole disk and QEMU has no exit device. A multiboot configuration boots with `modules` and
    `esp_image` is unused (multiboot_args)."""
    emu = emulator.get(cfg.emulator)
    qmp_args = ["-qmp", "unix:%s,server=on,wait=off" % qmp] if qmp else []
    if cfg.boot == "multiboot":
        return [emu.binary(cfg.arch, build)] + qmp_args + multiboot_args(cfg, extra, disk, build, modules)
    return [emu.binary(cfg.arch, build)] + device_args(cfg.arch, cfg.emulator, build, not cfg.image) + \
        qmp_args + config_args(cfg, esp_image, extra, disk)


class RunResult:
    def __init__(self):
        self.status = None  # QEMU's exit status; negative: killed by that signal
        self.timed_out = False
        self.interrupted = False
        self.stopped = ""  # why on_line asked to stop QEMU early
        self.done = False  # on_line said the run is complete and QEMU was stopped
        self.started = False
        self.start_error = ""
        self.wall = 0.0
        self.lines = []  # (seconds since start, cleaned line)
        self.stderr = ""


def run(argv, timeout, on_line=None, log=None, show=None, feed=None):
    """Runs QEMU in its own process group, bounded by `timeout` seconds.

    With `feed` (a dict), QEMU's stdin (the serial port's input) is a pipe and feed["write"] is
    set to a function that sends bytes to it.

    Every serial line is cleaned of terminal escapes, timestamped, appended to `log` (a text file
    object), echoed to `show` (a text stream) and passed to `on_line(t, line)`; when on_line
    returns a string, QEMU is stopped early with that reason; when it returns True, the run is
    complete (a guest that halts) and QEMU is stopped (`done`). On timeout, early stop, done or
    Ctrl-C the whole process group is killed.
    """
    res = RunResult()
    t0 = time.monotonic()
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE if feed is not None else subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    except OSError as e:
        res.start_error = "cannot start %s: %s" % (argv[0], e)
        return res
    res.started = True
    if feed is not None:
        def write(data):
            try:
                proc.stdin.write(data)
                proc.stdin.flush()
            except OSError:
                pass
        feed["write"] = write
    err_chunks = []
    stop = threading.Event()

    def read_out():
        buf = b""
        fd = proc.stdout.fileno()
        while True:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            buf += chunk
            while True:
                nl = buf.find(b"\n")
                if nl < 0:
                    break
                emit(buf[:nl])
                buf = buf[nl + 1:]
        if buf:
            emit(buf)

    def emit(raw):
        t = time.monotonic() - t0
        line = clean_line(raw.decode("utf-8", "replace").rstrip("\r"))
        res.lines.append((t, line))
        if log is not None:
            log.write(line + "\n")
            log.flush()
        if show is not None:
            show.write(line + "\n")
            show.flush()
        if on_line is not None:
            why = on_line(t, line)
            if why is True:
                res.done = True
                stop.set()
            elif why and not res.stopped:
                res.stopped = why
                stop.set()

    def read_err():
        err_chunks.append(proc.stderr.read())

    readers = [threading.Thread(target=read_out, daemon=True), threading.Thread(target=read_err, daemon=True)]
    for r in readers:
        r.start()
    deadline = t0 + timeout
    try:
        while True:
            try:
                proc.wait(timeout=0.1)
                break
            except subprocess.TimeoutExpired:
                pass
            if stop.is_set():
                kill_group(proc)
                break
            if time.monotonic() >= deadline:
                res.timed_out = True
                kill_group(proc)
                break
    except KeyboardInterrupt:
        res.interrupted = True
        kill_group(proc)
    for r in readers:
        r.join(timeout=5)
    res.wall = time.monotonic() - t0
    res.status = proc.returncode
    if proc.stdin is not None:
        try:
            proc.stdin.close()
        except OSError:
            pass
    res.stderr = b"".join(c for c in err_chunks if c).decode("utf-8", "replace")
    return res


def kill_group(proc):
    """SIGTERM to QEMU's process group, SIGKILL if it has not gone after 3 s."""
    for sig, wait in ((signal.SIGTERM, 3), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue
