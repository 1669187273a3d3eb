"""The guest's last screen read back as text: a QEMU screendump (PPM) decoded cell by cell with
the guest's own font (drivers/video/fbcon_font.c), and compared with the serial report.

The layout mirrors drivers/video/fbcon_final.h: the verdict line in the band at y 0 (64 pixels
high, each font pixel a 4 x 8 block or smaller), the counts in the band at y 64 (32 pixels, 2 x 4
or 1 x 2), the console text from y 112 in 8 x 16 cells. The background is black; any other pixel
is ink. A cell reads as a character only when its ink matches that glyph exactly.

While the run goes on the screen is the live console instead (drivers/video/fbcon_live.h): text
rows in 8 x 16 cells from y 0, filled from the top; a line that needs the row below the last one
first moves the newest half of the rows to the top (a jump of rows - rows // 2), so the live
screen after a given serial line is known exactly (`live_rows`).
"""

import os
import re

from . import TOP_DIR

FONT_C = os.path.join(TOP_DIR, "drivers", "video", "fbcon_font.c")
FONT_FIRST, FONT_GLYPHS, FONT_W, FONT_H = 0x20, 95, 8, 8
CELL_W, CELL_H = 8, 16
VERDICT_Y, VERDICT_MAX_SX = 0, 4
COUNTS_Y, COUNTS_MAX_SX = 64, 2
TEXT_Y = 112
TEXT_MAX_COLS, TEXT_MAX_ROWS = 256, 160  # the guest's text ring (drivers/video/fbcon_text.h)
UNKNOWN = "\ufffd"  # a cell whose ink is no glyph

_ROW_RE = re.compile(r"^\s*0x([0-9a-fA-F]{2}),")


class ScreenError(Exception):
    pass


def load_font(path=FONT_C):
    """{character: [8 row bytes]} from the C source, one `0x.., /* row */` line per row."""
    with open(path, encoding="utf-8") as f:
        rows = [int(m.group(1), 16) for m in (_ROW_RE.match(line) for line in f) if m]
    if len(rows) != FONT_GLYPHS * FONT_H:
        raise ScreenError("%s: %d glyph rows, expected %d" % (path, len(rows), FONT_GLYPHS * FONT_H))
    return {chr(FONT_FIRST + g): rows[g * FONT_H:(g + 1) * FONT_H] for g in range(FONT_GLYPHS)}


def glyph_ink(rows, sx, sy):
    """The ink of one glyph drawn with each font pixel an sx x sy block: bytes of 0/1, row-major."""
    out = bytearray()
    for bits in rows:
        line = bytearray()
        for col in range(FONT_W):
            line += bytes([1 if bits & (0x80 >> col) else 0]) * sx
        out += bytes(line) * sy
    return bytes(out)


def read_ppm(path):
    """(width, height, RGB bytes) of a binary PPM (P6, maxval 255), as QEMU's screendump writes."""
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:
        while pos < len(data) and data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while end < len(data) and not data[end:end + 1].isspace():
            end += 1
        if end == pos:
            raise ScreenError("%s: truncated PPM header" % path)
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P6" or fields[3] != b"255":
        raise ScreenError("%s: not a P6 PPM with maxval 255" % path)
    width, height = int(fields[1]), int(fields[2])
    pixels = data[pos + 1:pos + 1 + width * height * 3]
    if len(pixels) != width * height * 3:
        raise ScreenError("%s: %d bytes of pixels, expected %d" % (path, len(pixels), width * height * 3))
    return width, height, pixels


def ink_rows(width, height, pixels):
    """One bytes object per scan line: 1 where the pixel is not black."""
    rows = []
    stride = width * 3
    for y in range(height):
        line = pixels[y * stride:(y + 1) * stride]
        rows.append(bytes(1 if line[i] | line[i + 1] | line[i + 2] else 0 for i in range(0, stride, 3)))
    return rows


class Decoder:
    def __init__(self, font=None):
        self.font = font or load_font()
        self._tables = {}

    def table(self, sx, sy):
        key = (sx, sy)
        if key not in self._tables:
            self._tables[key] = {glyph_ink(rows, sx, sy): ch for ch, rows in self.font.items()}
        return self._tables[key]

    def line(self, ink, y, sx, sy):
        """The characters of the text line whose cells start at y, trailing blanks dropped."""
        table = self.table(sx, sy)
        w, h = FONT_W * sx, FONT_H * sy
        if y + h > len(ink):
            return ""
        width = len(ink[0]) if ink else 0
        out = []
        for x in range(0, width - w + 1, w):
            cell = b"".join(ink[y + j][x:x + w] for j in range(h))
            out.append(table.get(cell, UNKNOWN))
        return "".join(out).rstrip(" ")

    def band(self, ink, y, max_sx):
        """The line in a band drawn at the largest scale that reads with no unknown cell."""
        for sx in range(max_sx, 0, -1):
            text = self.line(ink, y, sx, 2 * sx)
            if text and UNKNOWN not in text:
                return text
        return self.line(ink, y, 1, 2)

    def live(self, width, height, pixels):
        """The live screen's text rows, top first: {"width", "height", "rows"}."""
        ink = ink_rows(width, height, pixels)
        rows = [self.line(ink, r * CELL_H, 1, 2) for r in range(height // CELL_H)]
        return {"width": width, "height": height, "rows": rows}

    def screen(self, width, height, pixels):
        """{"width", "height", "verdict_line", "counts_line", "rows": [text rows, top first]}."""
        ink = ink_rows(width, height, pixels)
        rows = [self.line(ink, TEXT_Y + r * CELL_H, 1, 2) for r in range(max(0, (height - TEXT_Y) // CELL_H))]
        return {"width": width, "height": height, "verdict_line": self.band(ink, VERDICT_Y, VERDICT_MAX_SX),
                "counts_line": self.band(ink, COUNTS_Y, COUNTS_MAX_SX), "rows": rows}


def decode_file(path, decoder=None):
    return (decoder or Decoder()).screen(*read_ppm(path))


def wrap(line, cols):
    """The rows a line takes in the guest's text ring (drivers/video/fbcon_text.c)."""
    rows, cur = [], [""]

    def put(ch):
        if len(cur[0]) == cols:  # wrap only when something follows
            rows.append(cur[0])
            cur[0] = ""
        cur[0] += ch

    for c in line:
        if c == "\r":
            continue
        if c == "\t":
            put(" ")
            while len(cur[0]) % 8 and len(cur[0]) < cols:
                put(" ")
            continue
        if " " <= c <= "~":
            put(c)
        else:  # the guest sees bytes: one '?' for each byte of the character's UTF-8
            for _ in c.encode("utf-8", "surrogateescape"):
                put("?")
    rows.append(cur[0])
    return rows


def guest_lines(serial_lines):
    """The lines the guest's console wrote, from the last `TAP version 14` through the sentinel."""
    start = None
    for i, line in enumerate(serial_lines):
        if line.strip() == "TAP version 14":
            start = i
    if start is None:
        return []
    out = []
    for line in serial_lines[start:]:
        out.append(line)
        if line.startswith("# doorbell: end verdict="):
            break
    return out


def expected_rows(serial_lines, cols, room):
    """The text rows the last screen should show: the newest `room` rows, blank-padded on top."""
    rows = []
    for line in guest_lines(serial_lines):
        rows += wrap(line, cols)
    rows = [r.rstrip(" ") for r in rows[-room:]] if room else []
    return [""] * (room - len(rows)) + rows


def ring_shape(width, height, room):
    """(columns, rows shown) of the guest's text ring on a screen of that size: the ring is the
    screen's size clamped to its maxima, the newest row (the cursor's) is never shown."""
    cols = max(1, min(width // CELL_W, TEXT_MAX_COLS))
    ring_rows = max(1, min(height // CELL_H, TEXT_MAX_ROWS))
    return cols, min(room, ring_rows - 1)


def counts_line(counts):
    if counts is None:
        return "no counts: the run ended before its tests"
    return "passed %d  failed %d  skipped %d  todo %d" % (counts["passed"], counts["failed"],
                                                           counts["skipped"], counts["todo"])


def compare(decoded, serial_lines, verdict, counts):
    """Problems (strings; none when the screen says what the serial port said). `counts` is the
    TAP parser's, or None when the run printed no `# tests:` line."""
    problems = []
    want = "verdict: %s" % verdict
    if decoded["verdict_line"] != want:
        problems.append("screen verdict line %r, serial says %r" % (decoded["verdict_line"], want))
    want = counts_line(counts)
    if decoded["counts_line"] != want:
        problems.append("screen counts line %r, serial says %r" % (decoded["counts_line"], want))
    cols, shown = ring_shape(decoded["width"], decoded["height"], len(decoded["rows"]))
    rows = expected_rows(serial_lines, cols, shown) + [""] * (len(decoded["rows"]) - shown)
    for i, (got, exp) in enumerate(zip(decoded["rows"], rows)):
        if got != exp:
            problems.append("screen text row %d reads %r, serial says %r" % (i, got, exp))
            if len(problems) >= 5:
                problems.append("(more rows differ)")
                break
    return problems


def live_rows(serial_lines, cols, rows):
    """The live screen's rows (trailing blanks dropped) once the guest printed these lines, from
    `TAP version 14` on: the guest's grid (drivers/video/fbcon_grid.c), jumps included."""
    jump = rows - rows // 2
    grid = [""]

    def newline():
        if len(grid) == rows:
            del grid[:jump]
        grid.append("")

    for line in guest_lines(serial_lines):
        for k, piece in enumerate(wrap(line, cols)):
            if k:
                newline()
            grid[-1] = piece
        newline()
    return [r.rstrip(" ") for r in grid] + [""] * (rows - len(grid))


LIVE_MARKER_RE = re.compile(r"^# screen: live marker (\d+) of (\d+)$")


def compare_live(decoded, serial_lines):
    """Problems of a screendump taken while the guest waited after `serial_lines` (its last line
    the request): every row as the grid puts it, and the marker lines there, in order, ending
    with the last one just above the request."""
    problems = []
    cols = max(1, min(decoded["width"] // CELL_W, TEXT_MAX_COLS))
    rows = max(1, min(decoded["height"] // CELL_H, TEXT_MAX_ROWS))
    want = live_rows(serial_lines, cols, rows) + [""] * (len(decoded["rows"]) - rows)
    for i, (got, exp) in enumerate(zip(decoded["rows"], want)):
        if got != exp:
            problems.append("live screen row %d reads %r, serial says %r" % (i, got, exp))
            if len(problems) >= 5:
                problems.append("(more rows differ)")
                break
    seen = [(int(m.group(1)), int(m.group(2))) for m in map(LIVE_MARKER_RE.match, decoded["rows"]) if m]
    if not seen:
        problems.append("live screen shows no marker line")
    else:
        numbers = [n for n, _ in seen]
        total = seen[-1][1]
        if numbers != list(range(numbers[0], numbers[0] + len(numbers))) or numbers[-1] != total:
            problems.append("live screen markers %s are not in order through %d" % (numbers, total))
    return problems
