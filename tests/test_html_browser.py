"""index.html in a real headless browser: the DOM Chromium builds has the side-by-side DDL,
and a screenshot of the page is a picture, not a blank."""

from __future__ import annotations

import collections
import io
import json
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TARGETS = ("sqlite", "postgresql-15", "mariadb-10.11")
WINDOW = (1000, 800)
BROWSER_TIMEOUT = 60


@pytest.fixture(scope="module")
def browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(f"no headless browser: none of {', '.join(BROWSERS)} is on PATH "
                "(Debian: apt-get install chromium)")


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    call_command("portability", "report", "--offline", "--targets", *TARGETS, "--apps", "pots",
                 "--output", str(out), stdout=io.StringIO())
    return out


def headless(browser: str, tmp_path, *args: str) -> subprocess.CompletedProcess:
    # --no-sandbox: Chromium's sandbox refuses to run as root (CI containers, this machine).
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
               f"--user-data-dir={tmp_path / 'profile'}", *args]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=BROWSER_TIMEOUT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


# -- the DOM the browser built ----------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str]):
        self.tag, self.attrs, self.children = tag, attrs, []
        self.text: list[str] = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def find_all(self, tag: str, cls: str) -> list[Node]:
        found = []
        for child in self.children:
            if child.tag == tag and cls in child.classes:
                found.append(child)
            found.extend(child.find_all(tag, cls))
        return found

    def all_text(self) -> str:
        return "".join(self.text) + "".join(c.all_text() for c in self.children)


class Tree(HTMLParser):
    def __init__(self):
        super().__init__()
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        # A browser's serialization closes every element it opened, innermost first.
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].text.append(data)


def test_browser_dom_has_one_target_column_per_target_side_by_side(browser, page, tmp_path):
    dom = headless(browser, tmp_path, "--dump-dom", (page / "index.html").as_uri()).stdout
    tree = Tree()
    tree.feed(dom)
    root = tree.root
    assert "Django portability report" in root.all_text()

    report = json.loads((page / "report.json").read_text(encoding="utf-8"))
    models = list(dict.fromkeys(f"{t['app']}.{t['model']}" for t in report["tables"]))
    sections = root.find_all("section", "ddl-model")
    assert len(sections) == len(models) > 0
    for section in sections:
        grids = section.find_all("div", "side-by-side")
        assert len(grids) == 1
        columns = grids[0].find_all("div", "target-column")
        assert [c.attrs.get("data-target") for c in columns] == list(TARGETS)
        assert all("CREATE TABLE" in c.all_text() for c in columns)


# -- the screenshot ----------------------------------------------------------------------------


def png_rows(data: bytes, limit: int) -> tuple[int, int, list[bytes]]:
    """Width, height and the first ``limit`` decoded rows of an 8-bit RGB(A) PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(b"".join(idat)), width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(min(limit, height)):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, corner = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, [bytes(r[i:i + 3]) for r in rows for i in range(0, stride, bpp)]


def test_screenshot_shows_a_rendered_page(browser, page, tmp_path):
    shot = tmp_path / "page.png"
    headless(browser, tmp_path, f"--screenshot={shot}", f"--window-size={WINDOW[0]},{WINDOW[1]}",
             (page / "index.html").as_uri())
    data = shot.read_bytes()
    assert len(data) > 20_000  # a blank page of this size compresses to a few KB

    width, height, pixels = png_rows(data, limit=300)  # the title, summary and targets table
    assert (width, height) == WINDOW
    colours = collections.Counter(pixels)
    background, count = colours.most_common(1)[0]
    assert len(colours) > 20  # anti-aliased text, headings, table borders
    assert count / len(pixels) < 0.97, f"almost only {background.hex()}"
