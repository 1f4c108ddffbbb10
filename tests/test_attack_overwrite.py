"""Attack (after #13): what a person wrote is replaced, and reserved ids still reach pages.

1. `dossier-ids.yml` may still give the reserved id `index` (#13 finding 8):
   `articles: {a.txt: {id: index}}` gives the article the id `index`, so `articles/index.md` is
   made twice (the article's page is lost under the list of articles); an entity id `index`
   that no longer has a page becomes a *retired entity page* at `entities/index.md`, which
   replaces the list of entities. No problem is reported in either case.
2. A `dossier-ids.yml` the build cannot read (a merge conflict left in it, one typo) is reported
   as "id registry ignored, ids may change", and then overwritten with a new registry: the ids,
   redirects and retired entities a person committed are gone from the file they must fix.
3. `dossier note confirm|dismiss` rewrites `notes/decisions.yml` ("safe to edit by hand"):
   the comments a person wrote are dropped; an entry written as a list makes the command print
   a traceback (ValueError from `dict(value)`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dossier import build, config

ARTICLE = "Vladimir Putin congratulated Joe Biden, the Kremlin in Moscow said.\n"


def _project(tmp_path: Path, registry: str | None = None) -> Path:
    root = tmp_path / "project"
    (root / "seeds" / "notes").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - dossier:\n      input: seeds\n", encoding="utf-8")
    for name in ("a", "b"):
        (root / "seeds" / f"{name}.txt").write_text(f"Article {name}.\n\n{ARTICLE}", encoding="utf-8")
    if registry is not None:
        (root / "dossier-ids.yml").write_text(registry, encoding="utf-8")
    return root


def test_a_recorded_article_id_index_is_refused(tmp_path):
    registry = yaml.safe_dump({"articles": {"a.txt": {"id": "index", "sha256": ""}}})
    root = _project(tmp_path, registry)
    dossier = build.generate(config.load(root))
    ids = {a.input: a.id for a in dossier.articles}
    assert ids["seeds/a.txt"] != "index"
    assert any("index" in p.message and "dossier-ids" in p.path for p in dossier.problems), \
        [str(p) for p in dossier.problems]


def test_a_recorded_entity_id_index_does_not_replace_the_entities_list(tmp_path):
    registry = yaml.safe_dump({"entities": {"index": ["Somebody Gone"]}})
    root = _project(tmp_path, registry)
    dossier = build.generate(config.load(root))
    assert dossier.made_by.get("entities/index.md") == "entities-index"
    assert "# Entities" in dossier.outputs["entities/index.md"]


def test_an_unreadable_id_registry_is_not_overwritten(tmp_path):
    root = _project(tmp_path)
    build.build(config.load(root))
    registry = root / "dossier-ids.yml"
    # What a person committed: a hand-chosen id and a redirect, then a merge left a marker.
    data = yaml.safe_load(registry.read_text(encoding="utf-8"))
    data["articles"]["a.txt"]["id"] = "our-permanent-address"
    data["redirects"] = {"articles/old-address/": "articles/our-permanent-address/"}
    text = yaml.safe_dump(data, sort_keys=False).replace("articles:\n", "articles:\n<<<<<<< HEAD\n", 1)
    registry.write_text(text, encoding="utf-8")
    result = build.build(config.load(root))
    assert any(p.path.endswith("dossier-ids.yml") for p in result.problems)
    assert registry.read_text(encoding="utf-8") == text


def _with_findings(tmp_path: Path) -> tuple[Path, str]:
    """A copy of the project's seeds, which give automatic findings; one finding id."""
    from conftest import copy_project

    root = copy_project(tmp_path / "copy")
    dossier = build.generate(config.load(root))
    findings = sorted({n.finding for n in dossier.notes.notes if n.automatic})
    if not findings:
        pytest.skip("the seeds give no automatic finding")
    return root, findings[0]


def _dismiss(root: Path, finding: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dossier.cli", "note", "dismiss", finding, "-p", str(root)],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_recording_a_decision_keeps_what_a_person_wrote_in_decisions_yml(tmp_path):
    root, finding = _with_findings(tmp_path)
    decisions = root / "seeds" / "notes" / "decisions.yml"
    decisions.write_text("# Reviewed with the desk on 2026-01-10.\nsome-old-finding: confirmed  # Alice checked the tape\n",
                         encoding="utf-8")
    done = _dismiss(root, finding)
    assert done.returncode == 0, done.stderr[-1500:]
    text = decisions.read_text(encoding="utf-8")
    assert "Reviewed with the desk" in text and "Alice checked the tape" in text, text


@pytest.mark.slow
def test_recording_a_decision_next_to_a_malformed_entry_is_one_message(tmp_path):
    root, finding = _with_findings(tmp_path)
    (root / "seeds" / "notes" / "decisions.yml").write_text("some-old-finding: [confirmed, by-alice]\n", encoding="utf-8")
    done = _dismiss(root, finding)
    assert "Traceback" not in done.stderr, done.stderr[-1500:]
