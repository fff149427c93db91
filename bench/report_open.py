"""How long index.html takes to open in a headless Chromium, and how long a section takes
to build when it is opened (its body is inert text until then).

    python bench/report_open.py reports/index.html [--runs 5] [--browser /usr/bin/chromium]

It loads the page from disk (file://, no server) with playwright driving the system
Chromium, and prints, per run, the time from navigation start to the load event and to
the first contentful paint, and the time to open the largest collapsed section. A
benchmark to read, never a timed test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

TIMING = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  return {load: nav.loadEventEnd, paint: paint ? paint.startTime : null,
          bytes: nav.transferSize || nav.decodedBodySize};
}"""
OPEN_LARGEST = """async () => {
  const lazy = [...document.querySelectorAll('details > script[type="text/x-lazy"]')];
  if (!lazy.length) return null;
  const script = lazy.reduce((a, b) => (a.textContent.length >= b.textContent.length ? a : b));
  const details = script.parentElement;
  const start = performance.now();
  details.open = true;  // the page builds the body on toggle (inflating it first if deflated)
  while (script.isConnected) await new Promise(resolve => setTimeout(resolve, 1));
  document.body.offsetHeight;  // force layout of what was built
  return {ms: performance.now() - start, chars: script.textContent.length, id: details.id};
}"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--browser", default=next(filter(None, map(shutil.which, BROWSERS)), None))
    parser.add_argument("--width", type=int, default=1400)
    args = parser.parse_args(argv)
    if not args.browser:
        parser.error(f"no browser: none of {', '.join(BROWSERS)} is on PATH; pass --browser")
    from playwright.sync_api import sync_playwright

    url = args.page.resolve().as_uri()
    loads, paints = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.browser, args=["--no-sandbox"])
        for run in range(args.runs):
            page = browser.new_page(viewport={"width": args.width, "height": 900})
            page.goto(url, wait_until="load", timeout=120_000)
            timing = page.evaluate(TIMING)
            opened = page.evaluate(OPEN_LARGEST)
            loads.append(timing["load"])
            paints.append(timing["paint"] or float("nan"))
            extra = (f", opening {opened['id']} ({opened['chars']:,} chars): {opened['ms']:.0f} ms"
                     if opened else "")
            print(f"run {run + 1}: load {timing['load']:.0f} ms, first paint "
                  f"{timing['paint'] or float('nan'):.0f} ms{extra}")
            page.close()
        browser.close()
    size = args.page.stat().st_size
    print(f"{args.page} ({size / 1e6:.1f} MB): median load {statistics.median(loads):.0f} ms, "
          f"median first paint {statistics.median(paints):.0f} ms over {args.runs} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
