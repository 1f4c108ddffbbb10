"""Progress of a long build: a live status line on a terminal, plain log lines otherwise.

The pipeline reports stages and per-article steps to a `Progress`; it never decides how they
are shown. Logs (CI, `mkdocs serve`) get one line when a stage starts and one when it ends.
"""

from __future__ import annotations

import logging
import sys
import time
from contextlib import contextmanager

log = logging.getLogger("dossier")


class Progress:
    """Records stage timings and logs stage boundaries."""

    def __init__(self):
        self.timings: dict[str, float] = {}
        self._stage = ""
        self._total = 0
        self._done = 0

    @contextmanager
    def stage(self, name: str, total: int = 0):
        self._stage, self._total, self._done = name, total, 0
        started = time.perf_counter()
        self.started(name, total)
        try:
            yield self
        finally:
            self.timings[name] = time.perf_counter() - started
            self.finished(name, self.timings[name])

    def advance(self, n: int = 1) -> None:
        self._done += n
        self.update(self._stage, self._done, self._total)

    # How a progress is shown: overridden by TerminalProgress.
    def started(self, name: str, total: int) -> None:
        log.info("%s…%s", name, f" ({total:,} articles)" if total else "")

    def update(self, name: str, done: int, total: int) -> None:
        pass

    def finished(self, name: str, seconds: float) -> None:
        log.debug("%s done in %.2fs", name, seconds)


class TerminalProgress(Progress):
    """One status line, rewritten in place, for a person watching a terminal."""

    def __init__(self, stream=None):
        super().__init__()
        self.stream = stream or sys.stderr
        self._last = 0.0

    def started(self, name: str, total: int) -> None:
        self._write(f"{name}…")

    def update(self, name: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last < 0.1 and done < total:
            return
        self._last = now
        width = 30
        filled = int(width * done / total) if total else 0
        self._write(f"{name:<10} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}")

    def finished(self, name: str, seconds: float) -> None:
        self._write(f"{name:<10} done in {seconds:.2f}s", end="\n")

    def _write(self, text: str, end: str = "") -> None:
        self.stream.write("\r\033[K" + text + end)
        self.stream.flush()
