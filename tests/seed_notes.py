"""The seed dossier's notes, loaded as the build loads them: shared by the notes tests
(tests/notes) and the notes pages tests (tests/site)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dossier import notes, readers

ROOT = Path(__file__).resolve().parents[1]
SERBIA = "seeds/notes/002-438d2bf8bcbd74dd-serbia-s-navalny.md"
VIJAY = "seeds/notes/001-3b55a7257ded003e-vijay.md"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A copy of the seed dossier (articles and notes) to edit."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def load(root: Path, comparison=None, entities=()):
    articles, problems = readers.read_folder(root / "seeds", root)
    assert not [p for p in problems if p.severity == "error"]
    return articles, notes.load_and_anchor(root / "seeds" / "notes", articles, list(entities), root, comparison)


def by_file(note_set, name: str) -> notes.Note:
    return next(n for n in note_set.notes if n.file == name)
