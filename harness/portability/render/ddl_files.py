"""The DDL files, ``ddl/<target>/<app>/<migration>.sql`` and ``.backwards.sql``: exactly what
``sqlmigrate`` (``--backwards``) prints, one file per render.

Files are written as renders arrive, by a thread of their own, while the render goes on:
creating a file costs far more than computing its text on some disks (a new directory entry
on a journalled file system), and a large project has tens of thousands. They go into a new
tree beside the old one, which takes the old one's place only when the whole report is
through (:meth:`DDLFiles.finish`): a run that fails leaves the previous tree as it was.
"""

from __future__ import annotations

import contextlib
import os
import queue
import secrets
import shutil
import threading
import time
from pathlib import Path

# A new tree older than this, beside ddl/, was left by a run that was cut short.
STALE_SECONDS = 3600


def _part(name: str) -> str:
    """One path component from report data: no separators, never "." or ".."."""
    clean = name.replace("/", "_").replace("\\", "_").replace("\0", "_")
    return "_" if clean in ("", ".", "..") else clean


def ddl_path(root: Path, target: str, app: str, migration: str, suffix: str = ".sql") -> Path:
    """``suffix``: ".sql" for forwards, ".backwards.sql" for what sqlmigrate --backwards prints."""
    return root / _part(target) / _part(app) / f"{_part(migration)}{suffix}"


def file_text(sql: str) -> str:
    return sql if not sql or sql.endswith("\n") else sql + "\n"


class DDLFiles:
    """The DDL files of one run under ``root``: :meth:`add` as renders arrive; :meth:`finish`
    once the report is through (the new tree takes the old one's place; ValueError when two
    renders named the same file), or :meth:`abort` (the old tree stays)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.paths: dict[Path, None] = {}  # in the order added
        self.clashes: list[str] = []
        self._new = self.root.with_name(f".{self.root.name}.{secrets.token_hex(6)}.tmp")
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._folders: set[Path] = set()

    def add(self, target: str, app: str, migration: str, sql: str | None, backwards_sql: str | None) -> None:
        """A render's files (no file where its text is None: not rendered)."""
        for text, suffix in ((sql, ".sql"), (backwards_sql, ".backwards.sql")):
            if text is None:
                continue
            path = ddl_path(self.root, target, app, migration, suffix)
            if path in self.paths:
                self.clashes.append(f"{target}/{app}/{migration}{suffix}")
            self.paths[path] = None
            if self._thread is None:
                self._thread = threading.Thread(target=self._write, name="ddl-files", daemon=True)
                self._thread.start()
            self._queue.put((self._new / path.relative_to(self.root), file_text(text)))

    def finish(self) -> list[Path]:
        """The files of this run, in the order added, once the new tree holds them all and
        has taken the old one's place."""
        self._join()
        if self._error is not None:
            self.abort()
            raise self._error
        old = self.root.with_name(f".{self.root.name}.{secrets.token_hex(6)}.old")
        if self.root.exists():
            os.replace(self.root, old)
        if self._thread is not None:
            os.replace(self._new, self.root)
        shutil.rmtree(old, ignore_errors=True)
        for stale in self.root.parent.glob(f".{self.root.name}.*.*"):  # left by runs cut short
            with contextlib.suppress(OSError):
                if time.time() - stale.stat().st_mtime > STALE_SECONDS:
                    shutil.rmtree(stale, ignore_errors=True)
        if self.clashes:
            raise ValueError("several DDL rows for the same file: " + ", ".join(self.clashes))
        return list(self.paths)

    def abort(self) -> None:
        """Forget this run's files: the tree stays as the last finished run left it."""
        self._join()
        shutil.rmtree(self._new, ignore_errors=True)

    def _join(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()

    def _write(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is not None:
                continue  # drain: finish() reports the first error
            path, text = item
            try:
                if path.parent not in self._folders:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    self._folders.add(path.parent)
                with open(path, "w", encoding="utf-8", newline="") as f:  # a new tree: no one reads it yet
                    f.write(text)
            except BaseException as exc:  # noqa: BLE001 - finish() raises it in the caller's thread
                self._error = exc
