"""Writing a report's files: each replaced whole, and left alone when it holds the text already."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def write_file(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` unless it holds exactly that already; replace it through a
    temporary file in the same directory, so readers never see half a file and an
    interrupted run leaves the previous version in place. Whether it wrote."""
    data = text.encode("utf-8")
    with contextlib.suppress(OSError):
        with open(path, "rb") as existing:
            if existing.read(len(data) + 1) == data:
                return False
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(tmp, flags, 0o666)  # 0o666: the umask applies, unlike mkstemp's 0o600
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return True
