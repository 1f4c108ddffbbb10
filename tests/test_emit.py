"""The emitter never loses what a person wrote, and rewrites only what changed."""

from __future__ import annotations

import json
import os

import pytest

from dossier import emit as emit_module
from dossier.emit import MANIFEST, emit, safe_relative


def test_writes_then_leaves_unchanged_files_alone(tmp_path):
    outputs = {"articles/a.md": "# A\n", "dossier.json": "{}\n"}
    first = emit(outputs, tmp_path)
    assert sorted(first.written) == ["articles/a.md", "dossier.json"]
    before = os.stat(tmp_path / "articles" / "a.md").st_mtime_ns
    second = emit(outputs, tmp_path)
    assert second.written == [] and sorted(second.unchanged) == ["articles/a.md", "dossier.json"]
    assert os.stat(tmp_path / "articles" / "a.md").st_mtime_ns == before


def test_hand_written_page_is_never_overwritten(tmp_path):
    (tmp_path / "compare.md").write_text("# My own comparison\n", encoding="utf-8")
    result = emit({"compare.md": "# Generated\n"}, tmp_path)
    assert (tmp_path / "compare.md").read_text(encoding="utf-8") == "# My own comparison\n"
    (problem,) = result.problems
    assert "hand-written" in problem.message and problem.path.endswith("compare.md")


def test_generated_page_edited_by_hand_is_kept(tmp_path):
    emit({"entities/putin.md": "# Putin\n"}, tmp_path)
    (tmp_path / "entities" / "putin.md").write_text("# Putin\n\nMy notes.\n", encoding="utf-8")
    result = emit({"entities/putin.md": "# Vladimir Putin\n"}, tmp_path)
    assert "My notes." in (tmp_path / "entities" / "putin.md").read_text(encoding="utf-8")
    assert result.problems and "edited by hand" in result.problems[0].message
    # Dropped from the output later, it is still not deleted.
    emit({}, tmp_path)
    assert (tmp_path / "entities" / "putin.md").exists()


def test_stale_generated_files_are_removed(tmp_path):
    emit({"articles/a.md": "A\n", "articles/b.md": "B\n"}, tmp_path)
    result = emit({"articles/a.md": "A\n"}, tmp_path)
    assert result.removed == ["articles/b.md"]
    assert not (tmp_path / "articles" / "b.md").exists()
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert list(manifest["files"]) == ["articles/a.md"]


@pytest.mark.parametrize("path", ["../escape.md", "/etc/passwd", "articles/../../x.md", ".hidden/x.md", ""])
def test_paths_outside_the_docs_folder_are_refused(tmp_path, path):
    with pytest.raises(ValueError):
        safe_relative(path)
    docs = tmp_path / "docs"
    result = emit({path: "x"}, docs)
    assert result.written == [] and result.problems
    assert not (tmp_path / "escape.md").exists()


def test_no_staging_folder_is_left_behind(tmp_path):
    emit({"a.md": "a"}, tmp_path)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".dossier-staging")] == []


@pytest.mark.parametrize("syncfs_available", [True, False])
def test_staged_pages_reach_the_disk_before_they_replace_the_old_ones(tmp_path, monkeypatch, syncfs_available):
    order: list[str] = []
    real_replace = os.replace
    monkeypatch.setattr(emit_module, "_syncfs", lambda folder: order.append("syncfs") or syncfs_available)
    real_fsync = os.fsync
    monkeypatch.setattr(emit_module.os, "fsync", lambda fd: order.append("fsync") or real_fsync(fd))
    monkeypatch.setattr(emit_module.os, "replace",
                        lambda a, b: order.append("replace " + os.path.basename(b)) or real_replace(a, b))
    outputs = {f"articles/{i}.md": f"# page {i}\n" for i in range(5)}
    result = emit(outputs, tmp_path / "docs")
    assert sorted(result.written) == sorted(outputs)
    first_page = next(i for i, step in enumerate(order) if step.endswith(".md"))
    before = order[:first_page]
    # The pending manifest (the transaction's intent) is synced and in place before any page moves.
    pending = ["fsync", "replace .dossier-manifest.json.pending"]
    if syncfs_available:
        assert before == ["syncfs"] + pending, "one file-system sync for the whole batch"
    else:
        assert before == ["syncfs"] + ["fsync"] * 5 + pending, "else every staged file is synced"
    assert (tmp_path / "docs" / "articles" / "3.md").read_text(encoding="utf-8") == "# page 3\n"


def test_unchanged_files_are_not_read_again(tmp_path, monkeypatch):
    from pathlib import Path

    outputs = {f"articles/{i}.md": f"# {i}\n" for i in range(5)}
    status = tmp_path / "cache" / "status.json"
    emit(outputs, tmp_path / "docs", status_file=status)
    read = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or original(self))
    outputs["articles/3.md"] = "# three\n"
    result = emit(outputs, tmp_path / "docs", status_file=status)
    assert result.written == ["articles/3.md"] and len(result.unchanged) == 4
    assert read == [], "a file whose status is the one recorded when it was written is not read"


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(tmp_path):
    status = tmp_path / "cache" / "status.json"
    emit({"entities/putin.md": "# Putin\n"}, tmp_path / "docs", status_file=status)
    path = tmp_path / "docs" / "entities" / "putin.md"
    before = os.stat(path)
    path.write_text("# Putix\n", encoding="utf-8")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the old modification time
    result = emit({"entities/putin.md": "# Vladimir Putin\n"}, tmp_path / "docs", status_file=status)
    assert path.read_text(encoding="utf-8") == "# Putix\n"
    assert result.problems and "edited by hand" in result.problems[0].message
