import os
import tempfile
import unittest

from tests.host.runner import support  # noqa: F401
from doorbell import screen

GREEN, WHITE, GREY = b"\x30\xd0\x30", b"\xff\xff\xff", b"\xc0\xc0\xc0"


def render(width, height, verdict_line, counts_line, rows, vsx=4, csx=2):
    """A last screen drawn the way drivers/video/fbcon_final.c draws it, as PPM bytes."""
    font = screen.load_font()
    pix = [bytearray(width * 3) for _ in range(height)]

    def draw(x, y, text, sx, color):
        for c in text:
            ink = screen.glyph_ink(font[c], sx, 2 * sx)
            w = 8 * sx
            for j in range(16 * sx):
                for i in range(w):
                    if ink[j * w + i]:
                        pix[y + j][(x + i) * 3:(x + i) * 3 + 3] = color
            x += w

    draw(0, screen.VERDICT_Y, verdict_line, vsx, GREEN)
    draw(0, screen.COUNTS_Y, counts_line, csx, WHITE)
    for r, text in enumerate(rows):
        draw(0, screen.TEXT_Y + 16 * r, text, 1, GREY)
    return b"P6\n# made by a test\n%d %d\n255\n" % (width, height) + b"".join(bytes(p) for p in pix)


SERIAL = ["BdsDxe: starting Boot0001", "TAP version 14", "# doorbell 0.1 on x86_64", "1..2",
          "ok 1 - boot.one", "ok 2 - boot.two # SKIP no device", "# tests: 1 passed, 0 failed, 1 skipped, 0 todo",
          "# doorbell: end verdict=pass exit=0", "# screen: drawn in 30000 us (text ring 900 us for 4000 bytes); waiting for the go-ahead"]
COUNTS = {"passed": 1, "failed": 0, "skipped": 1, "todo": 0}


class ScreenTest(unittest.TestCase):
    def decode(self, data):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "s.ppm")
            with open(path, "wb") as f:
                f.write(data)
            return screen.decode_file(path)

    def test_font_has_every_printable_glyph_once(self):
        font = screen.load_font()
        self.assertEqual(len(font), 95)
        self.assertEqual(len({tuple(r) for r in font.values()}), 95)
        self.assertEqual(font[" "], [0] * 8)

    def test_wrap_mirrors_the_guest(self):
        self.assertEqual(screen.wrap("abcdefghij", 4), ["abcd", "efgh", "ij"])
        self.assertEqual(screen.wrap("abcd", 4), ["abcd"])
        self.assertEqual(screen.wrap("", 4), [""])
        self.assertEqual(screen.wrap("a\tb\r", 20), ["a       b"])
        # The guest sees bytes: the two of U+00E9's UTF-8 are two cells.
        self.assertEqual(screen.wrap("\x01\u00e9", 20), ["???"])
        self.assertEqual(len(screen.wrap("x" * 19 + "\u00a7", 20)), 2)

    def test_live_rows_jump_like_the_guest_grid(self):
        lines = ["TAP version 14"] + ["l%d" % i for i in range(1, 5)]
        # 4 rows: TAP l1 l2 l3, then l3's newline jumps 2: l2 l3 l4 and the cursor row.
        self.assertEqual(screen.live_rows(lines, 20, 4), ["l2", "l3", "l4", ""])
        self.assertEqual(screen.live_rows(lines[:2], 10, 4), ["TAP versio", "n 14", "l1", ""])

    def test_live_markers_in_order(self):
        rows = ["# screen: live marker %d of 3" % i for i in (2, 3)] + ["# screen: live check", ""]
        serial = ["TAP version 14"] + ["# screen: live marker %d of 3" % i for i in (1, 2, 3)] + \
            ["# screen: live check"]
        decoded = {"width": 40 * 8, "height": 4 * 16, "rows": rows}
        self.assertEqual(screen.compare_live(decoded, serial), [])
        decoded["rows"] = [rows[1], rows[0]] + rows[2:]
        problems = screen.compare_live(decoded, serial)
        self.assertIn("live screen markers [3, 2] are not in order through 3", problems)

    def test_expected_rows_from_tap_start_to_the_sentinel(self):
        rows = screen.expected_rows(SERIAL, 60, 4)
        self.assertEqual(rows, ["ok 1 - boot.one", "ok 2 - boot.two # SKIP no device",
                                "# tests: 1 passed, 0 failed, 1 skipped, 0 todo",
                                "# doorbell: end verdict=pass exit=0"])
        self.assertEqual(screen.expected_rows(SERIAL, 60, 9)[:3], ["", "", "TAP version 14"])  # fewer lines than room
        # 40 columns: the counts line takes two rows
        self.assertEqual(screen.expected_rows(SERIAL, 40, 3), ["# tests: 1 passed, 0 failed, 1 skipped,", "0 todo",
                                                               "# doorbell: end verdict=pass exit=0"])

    def test_ring_shape_follows_the_guest_clamps(self):
        self.assertEqual(screen.ring_shape(1280, 800, 43), (160, 43))
        self.assertEqual(screen.ring_shape(3840, 2160, 128), (256, 128))
        self.assertEqual(screen.ring_shape(3840, 4000, 243), (256, 159))

    def test_decodes_and_agrees(self):
        rows = screen.expected_rows(SERIAL, 40, 3)
        d = self.decode(render(320, 160, "verdict: pass", screen.counts_line(COUNTS), rows, vsx=3, csx=1))
        self.assertEqual(d["verdict_line"], "verdict: pass")
        self.assertEqual(d["counts_line"], "passed 1  failed 0  skipped 1  todo 0")
        self.assertEqual(d["rows"], rows)
        self.assertEqual(screen.compare(d, SERIAL, "pass", COUNTS), [])

    def test_mismatches_are_named(self):
        rows = screen.expected_rows(SERIAL, 40, 3)
        rows[0] = rows[0].replace("1 passed", "2 passed")
        d = self.decode(render(320, 160, "verdict: fail", "passed 2  failed 0  skipped 1  todo 0", rows,
                               vsx=3, csx=1))
        problems = screen.compare(d, SERIAL, "pass", COUNTS)
        self.assertEqual(len(problems), 3, problems)
        self.assertIn("verdict line", problems[0])
        self.assertIn("counts line", problems[1])
        self.assertIn("text row 0", problems[2])

    def test_unknown_ink_is_not_a_character(self):
        data = bytearray(render(64, 128, "", "", ["ab"]))
        header = len(data) - 64 * 128 * 3
        data[header + (screen.TEXT_Y * 64 + 3) * 3] ^= 0xff  # one stray pixel in the 'a' cell
        d = self.decode(bytes(data))
        self.assertEqual(d["rows"][0], screen.UNKNOWN + "b")

    def test_bad_ppm(self):
        with self.assertRaises(screen.ScreenError):
            self.decode(b"P5\n2 2\n255\n" + b"\0" * 4)
        with self.assertRaises(screen.ScreenError):
            self.decode(b"P6\n2 2\n255\n" + b"\0" * 5)


if __name__ == "__main__":
    unittest.main()
