"""A published entity URL keeps answering after the entity loses its page."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import copy_project
from dossier.site import dossier_json


def _build(root):
    result = subprocess.run([sys.executable, "-m", "dossier.cli", "build", "-q", "--project", str(root)],
                            cwd=root, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return dossier_json.load_folder(root / "docs")


def test_entity_that_falls_below_the_threshold_keeps_a_page(tmp_path):
    root = copy_project(tmp_path)
    first = _build(root)
    before = {e["id"]: e for e in first["entities"] if e["shared"]}
    # Remove seed 003: entities that only 002 and 003 shared lose their page.
    (root / "seeds" / "003_16282a16f6079523.txt").unlink()
    for note in (root / "seeds" / "notes").glob("*.md"):
        if "003_" in note.read_text(encoding="utf-8"):
            note.unlink()
    second = _build(root)
    still_shared = {e["id"] for e in second["entities"] if e["shared"]}
    lost = sorted(set(before) - still_shared)
    assert lost, "removing an article should cost some entity its page"
    for entity_id in lost:
        page = (root / "docs" / "entities" / f"{entity_id}.md").read_text(encoding="utf-8")
        assert "earlier build" in page
