"""The DDL files, ``ddl/<target>/<app>/<migration>.sql`` and ``.backwards.sql``: exactly what
``sqlmigrate`` (``--backwards``) prints, one file per render.

Files are written as renders arrive, by a thread of their own, while the render goes on:
creating a file costs far more than computing its text on some disks (a new directory entry
on a journalled file system), and a large project has tens of thousands. A file that already
holds the same text is left alone; a changed one is replaced whole (``files.write_file``). What an
earlier run left and this one did not write is removed when the run is through.
"""

from __future__ import annotations

import os
import queue
import threading
from pathlib import Path

from .files import write_file


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
    """The DDL files of one run under ``root``: :meth:`add` as renders arrive, :meth:`finish`
    once all have (it waits for the writes, removes what earlier runs left, and raises
    ValueError when two renders named the same file)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.paths: dict[Path, None] = {}  # in the order added
        self.clashes: list[str] = []
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
            self._queue.put((path, file_text(text)))

    def finish(self) -> list[Path]:
        """The files of this run, once written, in the order they were added."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
        if self._error is not None:
            raise self._error
        _prune(self.root, set(self.paths))
        if self.clashes:
            raise ValueError("several DDL rows for the same file: " + ", ".join(self.clashes))
        return list(self.paths)

    def _write(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is not None:
                continue  # drain: finish() reports the first error
            path, text = item
            try:
                if path.parent not in self._folders:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    self._folders.add(path.parent)
                write_file(path, text)
            except BaseException as exc:  # noqa: BLE001 - finish() raises it in the caller's thread
                self._error = exc


def _prune(root: Path, keep: set[Path]) -> None:
    """Remove what an earlier run left under ``root``, so the tree reflects this run only."""
    if not root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames + [d for d in dirnames if Path(dirpath, d).is_symlink()]:
            path = Path(dirpath, name)
            if path not in keep:
                path.unlink()
        if Path(dirpath) != root and not os.listdir(dirpath):
            os.rmdir(dirpath)
