"""The emitter under crashes, signals, locks and failing disks (issue #13 findings 6, 7 and the
low ones): the docs folder is always old or new, never a page mistaken for a hand edit, never a
traceback for a disk the user cannot write to."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dossier import emit as emit_module
from dossier.emit import MANIFEST, PENDING, EmitError, emit

ROOT = Path(__file__).resolve().parent.parent


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".dossier")}


# A child process that emits and is killed with SIGKILL at a chosen point of the transaction.
CHILD = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from dossier import emit as e
point = sys.argv[2]
docs = Path(sys.argv[1])
real_write, real_replace = e._write_manifest, os.replace
replaced = []
def write(folder, files, name=e.MANIFEST):
    if name == e.MANIFEST and point == "before-manifest":
        os.kill(os.getpid(), signal.SIGKILL)
    return real_write(folder, files, name)
def replace(src, dst):
    real_replace(src, dst)
    replaced.append(dst)
    if point == "mid-renames" and len(replaced) == 3:
        os.kill(os.getpid(), signal.SIGKILL)
e._write_manifest = write
e.os.replace = replace
e.emit({{f"articles/{{i}}.md": f"second {{i}}\\n" for i in range(6)}}, docs)
"""


@pytest.mark.parametrize("point", ["before-manifest", "mid-renames"])
def test_kill_9_during_the_transaction_never_turns_pages_into_hand_edits(tmp_path, point):
    docs = tmp_path / "docs"
    emit({f"articles/{i}.md": f"first {i}\n" for i in range(6)}, docs)
    child = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT)), str(docs), point],
                           capture_output=True, text=True, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert (docs / PENDING).is_file()  # the interrupted transaction is visible
    third = {f"articles/{i}.md": f"third {i}\n" for i in range(6)}
    result = emit(third, docs)
    assert not result.problems, [str(p) for p in result.problems]
    assert _files(docs) == {k: v.encode() for k, v in third.items()}
    assert not (docs / PENDING).exists()
    assert json.loads((docs / MANIFEST).read_text(encoding="utf-8"))["files"].keys() == third.keys()


def test_a_page_edited_by_hand_after_a_crash_is_still_protected(tmp_path):
    docs = tmp_path / "docs"
    emit({"a.md": "first\n"}, docs)
    subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT)), str(docs), "before-manifest"],
                   capture_output=True, timeout=60)
    (docs / "articles" / "0.md").write_text("my own words\n", encoding="utf-8")
    result = emit({f"articles/{i}.md": f"third {i}\n" for i in range(6)}, docs)
    assert (docs / "articles" / "0.md").read_text(encoding="utf-8") == "my own words\n"
    assert any("edited by hand" in p.message for p in result.problems)


def test_staging_leftovers_of_a_killed_build_are_removed(tmp_path):
    docs = tmp_path / "docs"
    emit({"a.md": "a\n"}, docs)
    for name in (".dossier-staging-abc123", ".dossier-staging-zzz"):
        (docs / name).mkdir()
        (docs / name / "0.tmp").write_text("half", encoding="utf-8")
    emit({"a.md": "a\n"}, docs)
    assert not [p for p in docs.iterdir() if p.name.startswith(".dossier-staging")]


SIGTERM_CHILD = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from dossier import emit as e
docs = Path(sys.argv[1])
# As from a terminal: a test run under nohup would pass on SIGHUP ignored, and a build that
# ignores the signal rightly goes on.
signal.signal(getattr(signal, sys.argv[2]), signal.SIG_DFL)
real_replace = os.replace
sent = []
def replace(src, dst):
    if str(dst).endswith(".md") and not sent:
        sent.append(1)
        os.kill(os.getpid(), getattr(signal, sys.argv[2]))
    real_replace(src, dst)
e.os.replace = replace
e.emit({{f"articles/{{i}}.md": f"new {{i}}\\n" for i in range(50)}}, docs)
print("not reached")
"""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_sigterm_during_the_renames_waits_until_every_file_is_new(tmp_path, name):
    docs = tmp_path / "docs"
    emit({f"articles/{i}.md": f"old {i}\n" for i in range(50)}, docs)
    child = subprocess.run([sys.executable, "-c", SIGTERM_CHILD.format(root=str(ROOT)), str(docs), name],
                           capture_output=True, text=True, timeout=60)
    assert child.returncode == -getattr(signal, name) and "not reached" not in child.stdout
    assert _files(docs) == {f"articles/{i}.md": f"new {i}\n".encode() for i in range(50)}
    assert not (docs / PENDING).exists()


def test_two_builds_into_one_docs_folder_take_turns(tmp_path):
    fcntl = pytest.importorskip("fcntl")
    docs = tmp_path / "docs"
    emit({"a.md": "a\n"}, docs)
    with open(docs / emit_module.LOCK, "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        done = threading.Event()
        thread = threading.Thread(target=lambda: (emit({"a.md": "b\n"}, docs), done.set()))
        thread.start()
        time.sleep(0.5)
        assert not done.is_set() and (docs / "a.md").read_text() == "a\n"  # waiting for the lock
    thread.join(30)
    assert done.is_set() and (docs / "a.md").read_text() == "b\n"


def test_a_docs_folder_that_cannot_be_written_is_one_clear_error(tmp_path):
    docs = tmp_path / "docs"
    docs.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(EmitError) as caught:
        emit({"a.md": "a\n"}, docs, display_root=tmp_path)
    assert "docs" in str(caught.value) and str(tmp_path) not in str(caught.value)


def test_a_full_disk_leaves_the_previous_output(tmp_path, monkeypatch):
    import errno

    docs = tmp_path / "docs"
    emit({f"p{i}.md": f"old {i}\n" for i in range(5)}, docs)
    before = _files(docs)
    real_open = open
    opened = []

    def full(path, mode="r", *args, **kwargs):
        if "w" in mode and ".dossier-staging" in str(path):
            opened.append(path)
            if len(opened) == 3:
                raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", full)
    with pytest.raises(EmitError, match="No space left"):
        emit({f"p{i}.md": f"new {i}\n" for i in range(5)}, docs)
    monkeypatch.undo()
    assert _files(docs) == before
    assert not [p for p in docs.iterdir() if p.name.startswith(".dossier-staging")]


def test_lone_surrogates_are_written_as_replacement_characters(tmp_path):
    result = emit({"a.md": "before \udc80 after\n"}, tmp_path)
    assert result.written == ["a.md"]
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "before \ufffd after\n"


def test_the_command_says_it_cannot_write_and_exits_3(project):
    from conftest import run

    docs = project / "docs"
    for path in sorted(docs.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    docs.rmdir()
    docs.write_text("not a folder", encoding="utf-8")
    done = run([sys.executable, "-m", "dossier.cli", "build", "--quiet"], cwd=project)
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr and "cannot write the generated pages" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_registry_that_cannot_be_read_is_reported_and_not_written_over(project):
    from dossier import build, config

    (project / "dossier-ids.yml").mkdir()  # a folder where the file should be
    result = build.build(config.load(project))
    (problem,) = [p for p in result.problems if p.path == "dossier-ids.yml"]
    assert problem.severity == "error" and "not written over" in problem.message and "a folder" in problem.message
    assert (project / "dossier-ids.yml").is_dir() and not any((project / "dossier-ids.yml").iterdir())
    assert (project / "docs" / "dossier.json").is_file()


def test_a_registry_that_cannot_be_written_is_a_reported_problem(project, monkeypatch):
    import errno

    from dossier import build, config, emit

    replace = emit.os.replace

    def full_disk(src, dst):  # the disk fills up just as the registry is written
        if str(dst).endswith("dossier-ids.yml"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return replace(src, dst)

    monkeypatch.setattr(emit.os, "replace", full_disk)
    result = build.build(config.load(project))
    assert any(p.path == "dossier-ids.yml" and "cannot record the ids" in p.message for p in result.problems)
    assert not (project / "dossier-ids.yml").exists()
