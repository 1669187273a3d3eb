"""doorbell as a LAVA job: device files, job definitions and LAVA's results read back.

The QEMU command LAVA runs is the runner's (qemu.command): the device file holds the binary and
qemu.device_args (what every boot on the arch shares), the job's ESP image holds
qemu.config_args as its `image_arg`, with `{esp}` where LAVA puts the downloaded image.

The guest boots with `exit=halt` in its config: it prints its end line and halts, so LAVA's
monitor sees the whole report and ends the test on the end line, and LAVA ends QEMU itself (an
isa-debug-exit or semihosting exit would close the connection under LAVA's feet).

Results, in LAVA's words (one monitor, one pattern, see MONITOR_PATTERN):
  ok N - name                 -> test case `name`, pass
  not ok N - name             -> fail
  ok N - name # SKIP reason   -> skip
  ok N - name # TODO reason   -> unknown: a known platform gap, neither a pass nor a failure
  # fact bench.x_ns=123       -> a measurement (pass) with the key's unit suffix as units;
  # fact <a>.stress_...=N        likewise for the stress rates (msi.stress_*, its.stress_*)
The end line `# doorbell: end verdict=... exit=N` ends the monitor.
"""

import json
import re
import shlex

from . import qemu

# LAVA's names for the arches (the job's context.arch, the device's available_architectures).
LAVA_ARCH = {"x86_64": "amd64", "aarch64": "arm64"}
QEMU_COMMAND = {"x86_64": "qemu-system-x86_64", "aarch64": "qemu-system-aarch64"}

# What the EFI stage prints on the serial console before the kernel's TAP report
# (boot/efi_main.c): the boot action waits for these, the test action's monitor for the rest.
KERNEL_START_MESSAGE = "doorbell: interrupt-delivery test harness"
BOOT_PROMPT = "doorbell: leaving boot services"
TAP_START = "TAP version 14"
END_PATTERN = r"# doorbell: end verdict=(?:pass|fail|error) exit=-?[0-9]+"

# The guest's config for a LAVA boot: print the end line, then halt (kernel/exit.c).
GUEST_EXIT = "halt"

# The device type a board farm gives its UEFI x86_64 machines that boot from a USB stick.
BOARD_DEVICE_TYPE = "uefi-usb-x86_64"

# TAP outcome (the `result` group) -> LAVA result. A TODO is `unknown`: LAVA has no TODO, and a
# known gap is neither a pass nor a failure; its reason stays in the log.
FIXUPDICT = {"ok": "pass", "not ok": "fail", "SKIP": "skip", "TODO": "unknown", "fact": "pass"}
# LAVA result -> the runner's outcome name (tap.TestPoint.outcome).
OUTCOME_OF_RESULT = {"pass": "passed", "fail": "failed", "skip": "skipped", "unknown": "todo"}

# Facts that are measured rates and times, reported as LAVA measurements: bench.* and the
# stress tests' rates (msi.stress_irqs_per_sec, its.stress_irqs_per_sec), numeric values only.
MEASURED_FACT = r"(?:bench\.|[a-z0-9_]+\.stress_)[A-Za-z0-9_.]+"
NUMBER = r"-?[0-9]+(?:\.[0-9]+)?"
UNITS = r"ns|us|ms|ticks|per_sec"

# One regular expression (Python's, as pexpect compiles it) that LAVA's monitor matches against the
# serial stream. LAVA reads the named groups result, test_case_id, measurement and units, each may
# appear once; they are captured by lookaheads from the start of the line, so that one group can
# find its text where the line type puts it. The line must be complete (its end seen), so that a
# point is never taken before its directive has arrived.
_LINE_START = r"(?<![^\r\n])"
_KIND = r"(?=(?:not ok|ok) [0-9]+ - |# fact %s=%s\r*\n)" % (MEASURED_FACT, NUMBER)
_CASE = r"(?=[^\r\n]*?(?:(?<= - )|(?<=# fact ))(?P<test_case_id>[^\s#=]+))"
_NO_DIRECTIVE = r"(?![^\r\n]*# (?:SKIP|TODO)\b)"
_RESULT = (r"(?=[^\r\n]*?(?P<result>(?<=# )(?:SKIP|TODO)\b|(?<![^\r\n])not ok%s|(?<![^\r\n])ok%s"
           r"|(?<=# )fact\b))" % (_NO_DIRECTIVE, _NO_DIRECTIVE))
_MEASUREMENT = r"(?:(?=# fact [^\r\n=]*=(?P<measurement>%s)\r*\n))?" % NUMBER
# units is never left unmatched: LAVA's server stores a test case's units as text that may be
# empty but not null, so a test point (or a fact without a unit suffix) captures "".
_UNITS = (r"(?=(?:# fact [^\r\n=]*?_(?=(?:%s)(?:_x1000)?=)|[^\r\n]*?(?=\r*\n))(?P<units>(?:%s)(?:_x1000)?|))"
          % (UNITS, UNITS))
_REST = r"[^\r\n]*(?=\r*\n)"
MONITOR_PATTERN = _LINE_START + _KIND + _CASE + _RESULT + _MEASUREMENT + _UNITS + _REST


def monitor_matches(text):
    """What LAVA's monitor records from `text` (serial output with its line ends), in order: the
    same pattern and the same mapping as LAVA (its TestMonitorAction), for the host tests."""
    pat = re.compile(MONITOR_PATTERN, re.DOTALL)
    end = re.compile(END_PATTERN, re.DOTALL)
    out = []
    pos = 0
    while True:
        m = pat.search(text, pos)
        e = end.search(text, pos)
        if e and (m is None or e.start() <= m.start()):
            return out, True
        if m is None:
            return out, False
        g = m.groupdict()
        rec = {"case": g["test_case_id"], "result": FIXUPDICT.get(g["result"], g["result"])}
        if g.get("measurement") is not None:
            rec["measurement"] = g["measurement"]
        if g.get("units"):
            rec["units"] = g["units"]
        out.append(rec)
        pos = m.end()


def qemu_args_text(args):
    """Arguments as one string that LAVA joins into its command line (pexpect splits it again)."""
    return " ".join(shlex.quote(a) for a in args)


def device(arch, series, build, binary=None):
    """A LAVA device dictionary for the `qemu` device type that runs doorbell's QEMU for `arch`."""
    return {
        "device_type": "qemu",
        "available_architectures": [LAVA_ARCH[arch]],
        "constants": {
            "kernel-start-message": KERNEL_START_MESSAGE,
            "shutdown-message": "# doorbell: end verdict=",
            "default-shell-prompt": "doorbell-has-no-shell",
            "spawn_maxread": 4096,
            "failure_retry": 1,
            "boot_retry": 1,
            # Required by LAVA's device schema; doorbell runs no shell, so nothing uses them.
            "posix": {
                "lava_test_sh_cmd": "/bin/sh",
                "lava_test_results_dir": "/lava-%s",
                "lava_test_shell_file": "~/.bashrc",
            },
        },
        "actions": {
            "deploy": {"methods": {"image": {"parameters": {}}}},
            "boot": {
                "connections": {"serial": None},
                "methods": {
                    "qemu": {
                        "parameters": {
                            "command": binary or QEMU_COMMAND[arch],
                            "options": [shlex.quote(a) for a in qemu.device_args(arch, series, build)],
                        }
                    }
                },
            },
        },
        "timeouts": {
            "actions": {"apply-overlay-image": {"minutes": 2}},
            "connections": {"lava-test-monitor": {"minutes": 5}},
        },
    }


def _minutes(seconds):
    return max(1, -(-int(seconds) // 60))


def qemu_job(cfg, esp_url, job_name=None):
    """The job for LAVA's `qemu` device type that boots configuration `cfg` (expanded for its
    emulator) from the ESP at `esp_url`, and records its TAP points and measurements."""
    timeout = _minutes(cfg.timeout)
    return {
        "device_type": "qemu",
        "job_name": job_name or "doorbell %s" % cfg.label,
        "priority": "medium",
        "visibility": "public",
        "timeouts": {
            "job": {"minutes": timeout + 5},
            "action": {"minutes": timeout},
            "connection": {"minutes": timeout},
        },
        "context": {"arch": LAVA_ARCH[cfg.arch]},
        "actions": [
            {"deploy": {
                "to": "tmpfs",
                "timeout": {"minutes": 2},
                "images": {"esp": {
                    "url": esp_url,
                    "image_arg": qemu_args_text(qemu.config_args(cfg, "{esp}")),
                }},
            }},
            {"boot": {
                "method": "qemu",
                "media": "tmpfs",
                "timeout": {"minutes": 2},
                # The EFI stage's last line: the kernel's TAP report is left for the monitor.
                "prompts": [BOOT_PROMPT],
            }},
            {"test": {
                "timeout": {"minutes": timeout},
                "monitors": [monitor(cfg.name)],
            }},
        ],
    }


def monitor(name):
    return {
        "name": "doorbell-%s" % name,
        "start": TAP_START,
        "end": END_PATTERN,
        "pattern": MONITOR_PATTERN,
        "fixupdict": dict(FIXUPDICT),
    }


def board_job(cfg, image_url, device_type=BOARD_DEVICE_TYPE, job_name=None):
    """A job for a real UEFI machine in a board farm that boots doorbell from a USB stick holding
    the GPT image (build/doorbell.img, `make image`). As farms do it: the device's flasher commands
    write the image to the stick through a USB(-SD) mux and hand the stick to the machine
    (`deploy: to: flasher`, {IMAGE} in the device's commands), then the machine is power-cycled
    and its firmware boots the stick's \\EFI\\BOOT loader on its own (`boot: method: minimal`,
    no boot loader to drive); the boot waits for the EFI stage's lines and the monitor is the same
    as under QEMU. The guest halts after its end line (no `exit` in the image's config) and LAVA
    powers the machine off. Not run here (no board): tools/lava/README.md says what the farm's
    device dictionary provides (tools/lava/devices/uefi-board-example.yaml)."""
    timeout = _minutes(cfg.timeout)
    return {
        "device_type": device_type,
        "job_name": job_name or "doorbell %s on a UEFI board" % cfg.name,
        "priority": "medium",
        "visibility": "public",
        "timeouts": {
            "job": {"minutes": timeout + 20},
            "action": {"minutes": timeout},
            "connection": {"minutes": timeout},
        },
        "actions": [
            {"deploy": {
                "to": "flasher",
                "timeout": {"minutes": 10},
                "images": {"image": {"url": image_url}},
            }},
            {"boot": {
                "method": "minimal",
                "timeout": {"minutes": 5},
                "prompts": [BOOT_PROMPT],
            }},
            {"test": {
                "timeout": {"minutes": timeout},
                "monitors": [monitor(cfg.name)],
            }},
        ],
    }


# --- YAML out, without a YAML library: block mappings and lists, strings as JSON strings (a
# JSON string is a valid YAML double-quoted scalar).

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


def _scalar(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    s = str(v)
    if _PLAIN.match(s) and s.lower() not in _RESERVED:
        return s
    return json.dumps(s)


def to_yaml(obj, indent=0):
    """Block-style YAML for dicts, lists and scalars."""
    pad = " " * indent
    lines = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            key = _scalar(k)
            if isinstance(v, (dict, list)) and v:
                lines.append("%s%s:" % (pad, key))
                lines.append(to_yaml(v, indent + 2))
            elif isinstance(v, dict):
                lines.append("%s%s: {}" % (pad, key))
            elif isinstance(v, list):
                lines.append("%s%s: []" % (pad, key))
            else:
                lines.append(("%s%s: %s" % (pad, key, _scalar(v))).rstrip())
    elif isinstance(obj, list):
        for v in obj:
            if isinstance(v, (dict, list)) and v:
                inner = to_yaml(v, indent + 2)
                lines.append("%s- %s" % (pad, inner.lstrip()))
            else:
                lines.append("%s- %s" % (pad, _scalar(v)))
    else:
        lines.append(pad + _scalar(obj))
    return "\n".join(lines)


# --- LAVA's results, read back from lava-run's log (one YAML mapping per line).

def read_log(text, load):
    """(results, serial lines) from lava-run's log: the `results` records in order and the
    serial output LAVA saw (its `target` lines). `load` parses one record (yaml.safe_load; lava-run
    writes each as a flow mapping, `- ` in front when it writes to a server)."""
    results, target = [], []
    for line in text.splitlines():
        line = line[2:] if line.startswith("- ") else line
        if not line.startswith("{"):
            continue
        try:
            rec = load(line)
        except Exception:  # noqa: BLE001 - a torn line is not a result
            continue
        if not isinstance(rec, dict):
            continue
        if rec.get("lvl") == "results" and isinstance(rec.get("msg"), dict):
            results.append(rec["msg"])
        elif rec.get("lvl") == "target":
            msg = rec.get("msg")
            target.append(msg if isinstance(msg, str) else str(msg))
    return results, target


def compare(lava_results, points, facts, failures_expected=False):
    """Holds LAVA's recorded results to the runner's reading of the same boot. `points` are
    tap.TestPoint, `facts` the runner's facts; a failed point is a problem unless
    `failures_expected` (a configuration whose expected verdict is fail). Returns a list of
    problems (empty: they agree)."""
    problems = []
    job = [r for r in lava_results if r.get("definition") == "lava" and r.get("case") == "job"]
    if not job:
        problems.append("LAVA recorded no job result")
    elif job[-1].get("result") != "pass":
        problems.append("LAVA's job result is %s (%s: %s)" % (job[-1].get("result"), job[-1].get("error_type"),
                                                             job[-1].get("error_msg")))
    monitor = [r for r in lava_results if r.get("definition", "").startswith("doorbell-")]
    by_id = {}
    for r in monitor:
        tcid = (r.get("extra") or {}).get("test_case_id", r.get("case"))
        if tcid in by_id:
            problems.append("LAVA recorded %s twice" % tcid)
        by_id[tcid] = r
    for p in points:
        r = by_id.pop(p.name, None)
        if r is None:
            problems.append("TAP point %d %s (%s) is not in LAVA's results" % (p.number, p.name, p.outcome))
            continue
        got = OUTCOME_OF_RESULT.get(r.get("result"), r.get("result"))
        if got != p.outcome:
            problems.append("%s: LAVA says %s, the runner %s" % (p.name, r.get("result"), p.outcome))
        if r.get("result") == "fail" and not failures_expected:
            problems.append("%s failed" % p.name)
    measured = re.compile(r"^%s$" % MEASURED_FACT)
    for key, value in facts.items():
        if not measured.match(key) or not re.match(r"^%s$" % NUMBER, value):
            continue
        r = by_id.pop(key, None)
        if r is None:
            problems.append("measurement %s=%s is not in LAVA's results" % (key, value))
        elif r.get("measurement") is None or float(r["measurement"]) != float(value):
            problems.append("measurement %s: LAVA has %s, the guest printed %s" % (key, r.get("measurement"), value))
    for tcid in by_id:
        problems.append("LAVA recorded %s, which the runner did not see" % tcid)
    return problems


def counts(lava_results):
    """LAVA's monitor results counted as the runner counts TAP points (measurements apart)."""
    out = {"passed": 0, "failed": 0, "skipped": 0, "todo": 0, "measurements": 0}
    for r in lava_results:
        if not r.get("definition", "").startswith("doorbell-"):
            continue
        if r.get("measurement") is not None:
            out["measurements"] += 1
        else:
            out[OUTCOME_OF_RESULT.get(r.get("result"), "failed")] += 1
    return out
