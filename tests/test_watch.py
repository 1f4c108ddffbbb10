"""`dossier build --watch` builds again after an edit, once per burst, never after its own writes."""

from __future__ import annotations

import pytest

import signal
import subprocess
import sys
import threading
import time

from dossier import watch

pytestmark = pytest.mark.slow



def _wait_for(condition, timeout=20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_one_build_per_burst_of_changes_and_none_for_ignored_paths(tmp_path):
    (tmp_path / "out").mkdir()
    builds = []
    stop = threading.Event()
    thread = threading.Thread(target=watch.watch, args=(tmp_path, lambda: builds.append(time.monotonic())),
                              kwargs={"ignored": [tmp_path / "out"], "stop": stop})
    thread.start()
    try:
        time.sleep(0.5)  # the observer is up
        for i in range(5):  # an editor's save: several writes in a row
            (tmp_path / "a.md").write_text(f"version {i}\n", encoding="utf-8")
        assert _wait_for(lambda: len(builds) == 1)
        time.sleep(1.0)
        assert len(builds) == 1, "one build for one burst"
        (tmp_path / "out" / "page.md").write_text("generated\n", encoding="utf-8")
        time.sleep(1.0)
        assert len(builds) == 1, "the build's own output does not trigger a build"
        (tmp_path / "notes").mkdir()
        (tmp_path / "notes" / "n.md").write_text("a note\n", encoding="utf-8")
        assert _wait_for(lambda: len(builds) == 2), "a change in a subfolder (notes) does"
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_the_watch_command_rebuilds_an_edited_article(project):
    process = subprocess.Popen([sys.executable, "-m", "dossier.cli", "build", "--watch", "-p", str(project)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True)
    reader.start()
    try:
        assert _wait_for(lambda: any(line.startswith("watching") for line in lines), 120), lines
        assert sum(" files written" in line for line in lines) == 1
        index = (project / "docs" / "dossier.json").read_text(encoding="utf-8")
        seed = sorted((project / "seeds").glob("002*.txt"))[0]
        seed.write_text(seed.read_text(encoding="utf-8") + "\nThe Kremlin said nothing more on Friday evening.\n",
                        encoding="utf-8")
        # Two phases, as under `mkdocs serve`: the edited article's pages first, then the rest.
        assert _wait_for(lambda: sum(" files written" in line for line in lines) >= 2, 120), lines
        pages = [p.read_text(encoding="utf-8") for p in (project / "docs" / "articles").glob("*.md")]
        assert any("Friday evening" in page for page in pages)
        assert _wait_for(lambda: sum(" files written" in line for line in lines) == 3, 120), lines
        assert (project / "docs" / "dossier.json").read_text(encoding="utf-8") != index  # the second phase
        time.sleep(1.5)
        assert sum(" files written" in line for line in lines) == 3, "its own writes start no build"
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=60)
    assert code == 0 and any("stopped watching" in line for line in lines), lines


def test_observe_reports_writes_at_once_and_not_reads_or_ignored_paths(tmp_path):
    """What `mkdocs serve` uses to watch the input folder (#17: an edit starts the rebuild at once)."""
    (tmp_path / "out").mkdir()
    article = tmp_path / "a.md"
    article.write_text("first\n", encoding="utf-8")
    seen = []
    observer = watch.observe(tmp_path, lambda: seen.append(time.monotonic()), ignored=[tmp_path / "out"])
    assert observer is not None
    try:
        time.sleep(0.3)
        article.read_text(encoding="utf-8")  # the build reads every article: no change
        (tmp_path / "out" / "page.md").write_text("generated\n", encoding="utf-8")  # its own output
        (tmp_path / "out" / "page.md").unlink()
        time.sleep(0.5)
        assert seen == []
        written = time.monotonic()
        article.write_text("second\n", encoding="utf-8")
        assert _wait_for(lambda: seen)
        assert seen[0] - written < 0.5  # no polling interval: the event itself
        (tmp_path / "new.txt").write_text("x", encoding="utf-8")  # a new article
        count = len(seen)
        assert _wait_for(lambda: len(seen) > count)
    finally:
        observer.stop()
        observer.join()
