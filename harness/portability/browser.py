"""``report --open``: show index.html in the user's browser, when there is a screen to show it on."""

from __future__ import annotations

import os
import sys
import webbrowser
from pathlib import Path


def display_missing(platform: str = sys.platform, environ=os.environ) -> str | None:
    """Why no browser window can open here, or None when one can (macOS and Windows always)."""
    if platform.startswith(("darwin", "win")):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return "no display (neither DISPLAY nor WAYLAND_DISPLAY is set)"


def open_report(page: Path, platform: str = sys.platform, environ=os.environ,
                opener=webbrowser.open) -> str:
    """Open ``page``; what to tell the user, either way."""
    uri = page.resolve().as_uri()
    why = display_missing(platform, environ)
    if why is None:
        if opener(uri):
            return f"Opened {page}"
        why = "no browser found (webbrowser could not start one)"
    return f"Not opened: {why}. The report is at {page}"
