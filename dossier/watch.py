"""`dossier build --watch`: build again whenever something in the input folder changes.

For renderers that run no MkDocs plugin (Zensical's `zensical serve`, or `mkdocs serve` of pages
written beforehand): they watch the docs folder, and the emitter rewrites only the pages whose
content changed, so they re-render only those. The process stays up between builds, so each
build after the first also skips Python's start, the imports, the word lists and reading the
stored results back from disk.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable, Iterable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

QUIET_PERIOD = 0.1  # seconds without a change before building (as MkDocs waits): a save is several events, ms apart


class _Changes(FileSystemEventHandler):
    def __init__(self, ignored: Iterable[Path]):
        self.ignored = [p.resolve() for p in ignored]
        self.pending = threading.Event()
        self.last = 0.0

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write") or (event.is_directory and event.event_type == "modified"):
            return  # reading a file, or a folder's time changing with its files, changes nothing
        paths = [Path(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        if all(self._ignored(p) for p in paths):
            return
        self.last = time.monotonic()
        self.pending.set()

    def _ignored(self, path: Path) -> bool:
        path = path.resolve()
        return any(path == i or i in path.parents for i in self.ignored)


class _Notify(_Changes):
    def __init__(self, ignored: Iterable[Path], on_change: Callable[[], None]):
        super().__init__(ignored)
        self.on_change = on_change

    def on_any_event(self, event: FileSystemEvent) -> None:
        super().on_any_event(event)
        if self.pending.is_set():
            self.pending.clear()
            self.on_change()


def observe(folder: Path, on_change: Callable[[], None], ignored: Iterable[Path] = ()):
    """Call `on_change` on each change under `folder` (not under `ignored`), from the operating
    system's file events (inotify, FSEvents, ReadDirectoryChangesW): at once, where polling
    would see it up to a polling interval later. The observer started, or None when the
    system refuses one (e.g. inotify's limit of watches reached)."""
    observer = Observer()
    try:
        observer.schedule(_Notify(ignored, on_change), str(folder), recursive=True)
        observer.start()
    except OSError:
        return None
    return observer


def watch(folder: Path, rebuild: Callable[[], None], ignored: Iterable[Path] = (),
          stop: threading.Event | None = None) -> None:
    """Call `rebuild` after each burst of changes under `folder`, until `stop` is set (or Ctrl-C).
    Changes under `ignored` (the build's own output) never trigger a build."""
    changes = _Changes(ignored)
    observer = Observer()
    observer.schedule(changes, str(folder), recursive=True)
    observer.start()
    try:
        while stop is None or not stop.is_set():
            if not changes.pending.wait(0.2):
                continue
            while time.monotonic() - changes.last < QUIET_PERIOD:
                time.sleep(0.05)
            changes.pending.clear()
            rebuild()
    finally:
        observer.stop()
        observer.join()
