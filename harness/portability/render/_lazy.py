"""Collapsed bodies of the HTML page, kept inert until their ``<details>`` is first opened.

A body is the text of a ``<script type="text/x-lazy">``: the browser neither parses nor
lays it out on load. A large body is stored deflated and base64-encoded (the page of a big
project shrinks tenfold, and reading it was most of its opening time), and inflated by the
browser's own DecompressionStream when opened. Equal bodies give equal bytes.
"""

from __future__ import annotations

import base64
import re
import zlib

COMPRESS_FROM = 16 * 1024  # characters; smaller bodies stay plain text
_IDS = re.compile(r'\bid="([^"]+)"')


def deflate(text: str) -> str:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)  # raw deflate: DecompressionStream('deflate-raw')
    return base64.b64encode(packer.compress(text.encode("utf-8")) + packer.flush()).decode("ascii")


def inflate(data: str) -> str:
    return zlib.decompress(base64.b64decode(data), -15).decode("utf-8")


def lazy(body: str) -> str:
    """``body`` inert. Escaped data never holds a literal "</script" (``<`` is always
    ``&lt;``); the replace is belt and braces. A compressed body lists the ids inside it,
    so a link to one can find it."""
    if len(body) < COMPRESS_FROM:
        return '<script type="text/x-lazy">' + body.replace("</script", "<\\/script") + "</script>"
    ids = " ".join(_IDS.findall(body))
    return (f'<script type="text/x-lazy" data-encoding="deflate-raw" data-ids="{ids}">'
            f"{deflate(body)}</script>")


# Builds a body on first opening, and opens the <details> a link points into.
SCRIPT = """<script>
(function () {
  function text(lazy) {
    if (!lazy.dataset.encoding) return Promise.resolve(lazy.textContent);
    var bytes = Uint8Array.from(atob(lazy.textContent), function (c) { return c.charCodeAt(0); });
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Response(stream).text();
  }
  function fill(details) {
    var lazy = details.querySelector(':scope > script[type="text/x-lazy"]');
    if (!lazy) return Promise.resolve();
    if (!lazy.filling) {
      lazy.filling = text(lazy).then(function (html) {
        lazy.insertAdjacentHTML('afterend', html); lazy.remove();
        details.dispatchEvent(new CustomEvent('portability:filled', {bubbles: true}));
      });
    }
    return lazy.filling;
  }
  document.addEventListener('toggle', function (e) {
    if (e.target.open) fill(e.target);
  }, true);
  function holds(lazy, id) {
    return lazy.dataset.encoding ? (' ' + lazy.dataset.ids + ' ').indexOf(' ' + id + ' ') >= 0
                                 : lazy.textContent.indexOf('id="' + id + '"') >= 0;
  }
  function show(el) {
    var opening = [];
    for (var d = el.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) {
      d.open = true; opening.push(fill(d));
    }
    Promise.all(opening).then(function () { el.scrollIntoView(); });
  }
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (el) return show(el);
    // Inside a body not built yet: build the one that holds it, then show it.
    var held = [].find.call(document.querySelectorAll('script[type="text/x-lazy"]'),
                            function (s) { return holds(s, id); });
    if (!held) return;
    var details = held.parentElement;
    details.open = true;
    fill(details).then(function () { var found = document.getElementById(id); if (found) show(found); });
  }
  window.addEventListener('hashchange', reveal);
  reveal();
})();
</script>"""
