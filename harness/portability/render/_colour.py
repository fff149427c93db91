"""The page colours its SQL in the browser, when a collapsed block is first opened.

A big project's report holds megabytes of SQL that nobody opens all of: colouring it in
Python (a span per token) was most of the page's run time and size. The script tokenizes
each text node of ``pre.highlight code`` (so ``mark.diff`` runs stay as they are) with the
token rules and word lists of ``_sqldiff`` and pygments' CSS classes, styled by the
pygments stylesheet the page inlines.
"""

from __future__ import annotations

import functools
import json

from pygments.token import STANDARD_TYPES, Keyword, Name

from ._sqldiff import KIND_TYPES, SQL_DATATYPES, SQL_KEYWORDS, SQL_TOKEN

# _sqldiff.SQL_TOKEN in JavaScript's syntax: one group per kind, in the same order.
_KINDS = sorted(SQL_TOKEN.groupindex, key=SQL_TOKEN.groupindex.get)
_TOKEN = (r"""/(\s+)|(--[^\n]*)|('(?:[^']|'')*')|("[^"]*"|`[^`]*`)|(\d+(?:\.\d+)?(?![\p{L}\p{N}_$]))"""
          r"""|([\p{L}_][\p{L}\p{N}_$#]*)|([(),;.])|([\s\S])/gu""")


def _classes() -> list:
    """The CSS class of each group (none for whitespace; words are looked up)."""
    return [None if kind in ("space", "word") else STANDARD_TYPES[KIND_TYPES[kind]] for kind in _KINDS]


@functools.cache
def script() -> str:
    words = {STANDARD_TYPES[Keyword]: sorted(SQL_KEYWORDS), STANDARD_TYPES[Name.Builtin]: sorted(SQL_DATATYPES)}
    return f"""<script>
(function () {{
  var TOKEN = {_TOKEN}, CLASSES = {json.dumps(_classes())};
  var WORDS = {json.dumps(words, separators=(",", ":"))}, KIND = new Map();
  Object.keys(WORDS).forEach(function (css) {{ WORDS[css].forEach(function (w) {{ KIND.set(w, css); }}); }});
  var WORD = {_KINDS.index("word") + 1};
  function esc(t) {{ return t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); }}
  function html(text) {{
    var out = '', m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text))) {{
      var group = 1; while (m[group] === undefined) group++;
      var css = group === WORD ? (KIND.get(m[0].toUpperCase()) || {json.dumps(STANDARD_TYPES[Name])})
                               : CLASSES[group - 1];
      out += css ? '<span class="' + css + '">' + esc(m[0]) + '</span>' : esc(m[0]);
    }}
    return out;
  }}
  function colour(root) {{
    root.querySelectorAll('pre.highlight > code:not([data-coloured])').forEach(function (code) {{
      var walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT), nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      nodes.forEach(function (node) {{
        if (!node.nodeValue.trim()) return;
        var range = document.createRange();
        range.selectNode(node);
        node.parentNode.replaceChild(range.createContextualFragment(html(node.nodeValue)), node);
      }});
      code.dataset.coloured = '';
    }});
  }}
  document.addEventListener('portability:filled', function (e) {{ colour(e.target); }});
  colour(document);
}})();
</script>"""
