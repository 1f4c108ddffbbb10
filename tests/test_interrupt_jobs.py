"""Ctrl-C during `dossier build --jobs 2` prints one line and exits 130, at whatever moment it
comes: no traceback, no process left behind, no hang (issue #13 finding 11).

The build runs in its own process group, as under a terminal, and gets SIGINT when a marker says
where it is: the stages are being imported, a pool is starting, its workers are started but idle,
the workers reading articles or recognizing names are busy (each article is slowed down so that
they stay busy), or they are done while the parent still takes their results; and Ctrl-C twice. Both the whole group (what a terminal's
Ctrl-C does) and the parent alone (`kill -INT`) are tried. The waits are generous and the test
asserts outcomes only, never how long anything took."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Runs `dossier build` with a marker written to stderr when the chosen moment comes. The slowed
# functions are looked up by name at call time, in the parent and (after fork) in the workers.
DRIVER = r'''
import concurrent.futures, os, sys, time
moment, root = sys.argv[1], sys.argv[2]
parent = os.getpid()
marked = []

def mark(text):
    if not marked:
        marked.append(1)
        os.write(2, f"MARK {text}\n".encode())

if moment == "importing":  # the stages are being imported, before any build starts
    class SlowImport:
        def find_spec(self, name, path=None, target=None):
            if name == "dossier.build":
                mark("importing")
                time.sleep(0.5)
            return None
    sys.meta_path.insert(0, SlowImport())
    from dossier.cli import main
    sys.argv = [sys.argv[0], "build", "--jobs", "2", "--project", root, "--quiet"]
    main()

from dossier import build
from dossier.readers import input_file

read_file = input_file.read_file
from dossier.recognize import builtin as builtin_recognizer
recognize_one = builtin_recognizer.recognize

def slow_read_file(*args, **kwargs):
    if os.getpid() != parent:
        if moment in ("reading", "twice"):
            mark(moment)
        time.sleep(0.03)
    return read_file(*args, **kwargs)

def slow_recognize(article):
    if os.getpid() != parent:
        if moment == "recognizing":
            mark("recognizing")
        time.sleep(0.03)
    return recognize_one(article)

input_file.read_file = slow_read_file
builtin_recognizer.recognize = slow_recognize  # looked up when the build starts
if moment == "started":  # the workers exist, idle, before any work reaches them
    original_launch = concurrent.futures.ProcessPoolExecutor._launch_processes
    def launched(self):
        original_launch(self)
        mark("started")
        time.sleep(0.5)
    concurrent.futures.ProcessPoolExecutor._launch_processes = launched
if moment == "draining":  # the workers are done and idle; the parent is still taking their results
    from dossier import progress
    advance = progress.Progress.advance
    calls = []
    def slow_advance(self, n=1):
        calls.append(n)
        if len(calls) > 40:
            mark("draining")
            time.sleep(0.05)
        return advance(self, n)
    progress.Progress.advance = slow_advance
if moment == "starting":
    original_init = concurrent.futures.ProcessPoolExecutor.__init__
    def starting(self, *args, **kwargs):
        mark("starting")
        time.sleep(0.5)
        return original_init(self, *args, **kwargs)
    concurrent.futures.ProcessPoolExecutor.__init__ = starting

from dossier.cli import main
sys.argv = [sys.argv[0], "build", "--jobs", "2", "--project", root, "--quiet"]
main()
'''


@pytest.fixture(scope="module")
def big_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("interrupt")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    seeds = root / "seeds"
    shutil.copytree(ROOT / "seeds", seeds, ignore=shutil.ignore_patterns("notes"))
    names = ["Vladimir Putin", "Joe Biden", "Alexei Navalny", "Angela Merkel", "the Kremlin", "Moscow", "Berlin"]
    for i in range(240):
        body = " ".join(f"{names[(i + k) % len(names)]} spoke on day {k} of case {i}." for k in range(30))
        (seeds / f"case-{i:03d}.txt").write_text(f"Case {i} in Moscow\n\n{body}\n", encoding="utf-8")
    (root / "driver.py").write_text(DRIVER, encoding="utf-8")
    return root


def _interrupt(root: Path, moment: str, whole_group: bool) -> tuple[int, str]:
    shutil.rmtree(root / ".dossier-cache", ignore_errors=True)  # every article is read and recognized again
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_MKDOCS_2_WARNING": "1"}
    stderr_path = root / f"stderr-{moment}-{whole_group}.txt"
    with open(stderr_path, "w+b") as stderr:
        child = subprocess.Popen([sys.executable, str(root / "driver.py"), moment, str(root)], cwd=root, env=env,
                                 stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True)
        try:
            deadline = time.monotonic() + 240
            while b"MARK" not in stderr_path.read_bytes():
                assert child.poll() is None, f"ended before {moment}: {stderr_path.read_text(errors='replace')}"
                assert time.monotonic() < deadline, f"never reached {moment}"
                time.sleep(0.02)
            time.sleep(0.2)
            for _ in range(2 if moment == "twice" else 1):  # "twice": Ctrl-C pressed again while stopping
                if whole_group:
                    os.killpg(child.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
                else:
                    os.kill(child.pid, signal.SIGINT)
                time.sleep(0.05)
            try:
                code = child.wait(timeout=120)
            except subprocess.TimeoutExpired:
                pytest.fail(f"no exit 120 s after Ctrl-C ({moment}): {stderr_path.read_text(errors='replace')[-3000:]}")
            # No worker is left running in the group once the build has exited.
            for _ in range(100):
                try:
                    os.killpg(child.pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.1)
            else:
                pytest.fail("worker processes outlived the build")
        finally:
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            child.wait()
    return code, stderr_path.read_text(encoding="utf-8", errors="replace")


@pytest.mark.parametrize("whole_group", [True, False], ids=["Ctrl-C", "kill -INT"])
@pytest.mark.parametrize("moment", ["importing", "starting", "started", "reading", "recognizing", "draining", "twice"])
def test_ctrl_c_with_worker_processes_exits_130_without_a_traceback(big_project, moment, whole_group):
    code, stderr = _interrupt(big_project, moment, whole_group)
    assert "Traceback" not in stderr, stderr[-3000:]
    if moment == "twice" and code == -signal.SIGINT:
        code = 128 + signal.SIGINT  # the second Ctrl-C ended the exit at once: a shell sees 130 too
    assert code == 130, stderr[-3000:]
    assert stderr.count("interrupted:") == 1
