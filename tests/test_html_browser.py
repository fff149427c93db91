"""index.html in a real headless browser, as a person sees it: the findings first, identical
targets grouped under one header, only the unavailable target's row in red (computed styles,
not just the DOM), the side-by-side DDL built when a section is opened, and a screenshot
at 1400 px that is a picture, not a blank.

Playwright drives the system Chromium (``executable_path``); no browser is downloaded.
``--save-screenshot PATH`` also writes the screenshot there (the README's picture).
"""

from __future__ import annotations

import collections
import io
import json
import shutil
import struct
import zlib

import pytest
from django.core.management import call_command

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Two PostgreSQL versions whose pots DDL is identical (one grouped column), and the live
# "oracle" alias, which has no server here: unavailable.
TARGETS = ("sqlite", "postgresql-14", "postgresql-15", "mariadb-10.11", "oracle-19", "oracle")
WIDTH, HEIGHT = 1400, 1000
WARN_RGB, WARN_BG = "rgb(180, 35, 24)", "rgb(253, 236, 234)"
KEYWORD_RGB = "rgb(0, 128, 0)"  # pygments' default style: Keyword is bold #008000


@pytest.fixture(scope="module")
def browser(report_dir):  # the report first: Django refuses to run inside playwright's event loop
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]'")
    found = next(filter(None, map(shutil.which, BROWSERS)), None)
    if not found:
        pytest.skip(f"no headless browser: none of {', '.join(BROWSERS)} is on PATH "
                    "(Debian: apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        # --no-sandbox: Chromium's sandbox refuses to run as root (CI containers).
        chromium = p.chromium.launch(executable_path=found, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    call_command("portability", "report", "--targets", *TARGETS, "--apps", "pots",
                 "--output", str(out), stdout=io.StringIO())
    return out


@pytest.fixture
def page(browser, report_dir):
    tab = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
    tab.goto((report_dir / "index.html").as_uri(), wait_until="load")
    yield tab
    tab.close()


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


def test_findings_come_first_and_only_the_unavailable_row_is_red(page, report_dir):
    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    assert [t["name"] for t in report["targets"] if t["status"] != "ok"] == ["oracle"]
    findings, ddl = (page.locator(f"#{name}").bounding_box() for name in ("findings", "ddl"))
    assert findings["y"] < HEIGHT and findings["y"] < ddl["y"]  # on the first screen, above the DDL
    assert page.locator("#findings tbody tr").count() == len(report["findings"]) > 0

    rows = page.evaluate("""() => [...document.querySelectorAll('#targets tbody tr')].map(tr => ({
        target: tr.cells[0].textContent,
        cells: [...tr.cells].map(c => { const s = getComputedStyle(c);
            return {color: s.color, weight: s.fontWeight, background: s.backgroundColor}; })}))""")
    assert [r["target"] for r in rows] == list(TARGETS)
    for row in rows:
        if row["target"] == "oracle":
            assert all(c["background"] == WARN_BG for c in row["cells"]), row
            assert any(c["color"] == WARN_RGB for c in row["cells"]), row
        else:
            assert all(c["background"] != WARN_BG and c["color"] != WARN_RGB
                       and int(c["weight"]) < 600 for c in row["cells"][1:]), row


def test_identical_targets_share_a_header(page):
    headers = page.locator("#columns thead th").all_inner_texts()
    assert not headers  # collapsed: built only when opened
    page.locator("#columns details summary").first.click()
    headers = page.locator("#columns details thead th").first.evaluate(
        "th => [...th.parentElement.cells].map(c => c.innerText)")
    assert "PostgreSQL 14 · 15" in headers, headers
    assert any("unavailable" in h for h in headers)  # the unavailable target keeps its own


def test_ddl_is_built_when_opened_one_column_per_group(page, report_dir):
    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    models = list(dict.fromkeys(f"{t['app']}.{t['model']}" for t in report["tables"]))
    blocks = page.locator("details.ddl-model")
    assert blocks.count() == len(models) > 0
    assert page.locator(".side-by-side").count() == 0  # nothing built before it is opened
    page.evaluate("() => document.querySelectorAll('details.ddl-model').forEach(d => d.open = true)")
    page.wait_for_function(
        f"() => document.querySelectorAll('details.ddl-model .side-by-side').length == {len(models)}")
    for i in range(len(models)):
        columns = blocks.nth(i).locator(".side-by-side > .target-column")
        targets = columns.evaluate_all("cs => cs.map(c => c.dataset.targets)")
        assert targets == ["sqlite", "postgresql-14 postgresql-15", "mariadb-10.11", "oracle-19",
                           "oracle"]
        assert all("CREATE TABLE" in t for t in columns.all_inner_texts()[:4])
    # Coloured once built, with pygments' default style; a marked difference keeps its mark.
    keyword = page.locator("details.ddl-model pre.highlight code span.k", has_text="CREATE").first
    assert keyword.evaluate("k => getComputedStyle(k).color") == KEYWORD_RGB
    assert page.locator("details.ddl-model mark.diff > span.nb").count() > 0
    assert page.locator("details.ddl-model pre.highlight > code:not([data-coloured])").count() == 0


def test_evidence_link_opens_its_section(page):
    link = page.locator("#findings a[href^='#columns-']").first
    target = link.get_attribute("href")[1:]
    link.click()
    assert page.locator(f"[id='{target}']").evaluate("d => d.open")
    page.locator(f"[id='{target}'] table").wait_for()  # built on opening (maybe inflated first)
    # A row inside a collapsed table (the probes matrix): built, opened, scrolled to.
    probe = page.locator("#findings a[href^='#probe-']").first.get_attribute("href")[1:]
    page.locator(f"#findings a[href='#{probe}']").first.click()
    row = page.locator(f"tr[id='{probe}']")
    row.wait_for(state="visible")
    assert row.count() == 1


def test_screenshot_at_1400_px(page, tmp_path, request):
    shot = page.screenshot()
    width, height, pixels = png_rows(shot, limit=400)  # the title, summary and findings
    assert (width, height) == (WIDTH, HEIGHT)
    colours = collections.Counter(pixels)
    background, count = colours.most_common(1)[0]
    assert len(colours) > 20  # anti-aliased text, headings, table borders
    assert count / len(pixels) < 0.97, f"almost only {background.hex()}"
    saved = request.config.getoption("--save-screenshot")
    if saved:
        with open(saved, "wb") as f:
            f.write(shot)
