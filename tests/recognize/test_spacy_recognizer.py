"""The optional spaCy recognizer (`recognizer: spacy`).

Without spaCy or without the model, choosing it is a configuration error that says what to install,
and nothing is downloaded. With spaCy installed (it is not in the test extra: these tests skip
where it is absent), a model made here from a blank English pipeline and an entity ruler stands in
for a trained one, so the test needs no download: the mentions it finds are linked, typed and
cached like the built-in recognizer's, and boilerplate is never read.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dossier import build, config
from dossier.site import dossier_json


def test_choosing_spacy_without_spacy_is_a_clear_configuration_error(project, monkeypatch):
    monkeypatch.setitem(sys.modules, "spacy", None)  # as on a machine without spaCy
    cfg = config.load(project, recognizer="spacy")
    with pytest.raises(ValueError, match="needs spaCy, which is not installed"):
        cfg.validate()


def test_an_unknown_recognizer_is_refused_by_the_command_line(project):
    done = subprocess.run([sys.executable, "-m", "dossier.cli", "build", "--project", str(project),
                           "--recognizer", "stanza"], capture_output=True, text=True)
    assert done.returncode == 2 and "stanza" in done.stderr
    assert not (project / "docs" / "dossier.json").exists()


def test_a_missing_model_is_named_and_never_downloaded(project):
    pytest.importorskip("spacy")
    done = subprocess.run([sys.executable, "-m", "dossier.cli", "build", "--project", str(project),
                           "--recognizer", "spacy"], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(project), "NO_PROXY": "*",
                               "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"})
    # en_core_web_sm is not installed here (the model is not on PyPI); if it were, this builds.
    import spacy.util

    if spacy.util.is_package("en_core_web_sm"):
        assert done.returncode == 0, done.stderr
    else:
        assert done.returncode == 2, done.stderr
        assert "'en_core_web_sm' is not installed" in done.stderr and "never downloads" in done.stderr
        assert not (project / "docs" / "dossier.json").exists()


@pytest.fixture
def ruler_model(tmp_path):
    """A spaCy model folder: a blank English pipeline whose entity ruler knows the seeds' names."""
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "PERSON", "pattern": "Alexei Navalny"},
        {"label": "PERSON", "pattern": "Alexey Navalny"},
        {"label": "PERSON", "pattern": "Navalny"},
        {"label": "PERSON", "pattern": "Joe Biden"},
        {"label": "PERSON", "pattern": "Biden"},
        {"label": "ORG", "pattern": "Kremlin"},
        {"label": "GPE", "pattern": "Moscow"},
        {"label": "GPE", "pattern": "Russia"},
        {"label": "NORP", "pattern": "Russian"},
        {"label": "DATE", "pattern": "Sunday"},
    ])
    folder = tmp_path / "ruler-model"
    nlp.to_disk(folder)
    return folder


def test_spacy_mentions_are_resolved_linked_and_typed(project, ruler_model):
    cfg = config.load(project, recognizer="spacy", spacy_model=str(ruler_model))
    cfg.validate()
    result = build.build(cfg)
    assert not result.emitted.problems
    data = dossier_json.load_folder(project / "docs")
    by_name = {e["name"]: e for e in data["entities"]}
    navalny = next(e for e in data["entities"] if "Navalny" in e["name"])
    assert navalny["type"] == "person" and navalny["shared"]
    assert by_name["Kremlin"]["type"] == "organization"
    assert by_name["Moscow"]["type"] == "place"
    # NORP and DATE are not names
    assert "Russian" not in by_name and "Sunday" not in by_name
    texts = {a.id: a.text for a in result.dossier.articles}
    boiler = {a.id: [(p.start, p.end) for p in a.paragraphs if p.kind == "boilerplate"] for a in result.dossier.articles}
    for entity in result.dossier.entities:
        for m in entity.mentions:
            assert texts[m.article][m.start:m.end] == m.text and m.evidence.startswith("spaCy ")
            assert not any(s <= m.start < e for s, e in boiler[m.article]), "boilerplate is never read"
    page = next((project / "docs" / "articles").glob("*.md")).read_text(encoding="utf-8")
    assert "../entities/" in page


def test_spacy_results_are_cached_apart_from_the_builtin_ones(project, ruler_model, monkeypatch):
    from dossier.recognize import builtin, spacy_backend

    cfg = config.load(project, recognizer="spacy", spacy_model=str(ruler_model))
    first = build.build(cfg)
    calls = []
    original = spacy_backend.recognize
    monkeypatch.setattr(spacy_backend, "recognize", lambda a, model: calls.append(a.id) or original(a, model))
    again = build.build(cfg)
    assert calls == [] and [e.id for e in again.dossier.entities] == [e.id for e in first.dossier.entities]
    builtin_calls = []
    builtin_recognize = builtin.recognize
    monkeypatch.setattr(builtin, "recognize", lambda a: builtin_calls.append(a.id) or builtin_recognize(a))
    build.build(config.load(project))
    assert len(builtin_calls) == len(first.dossier.articles), "the built-in recognizer never gets spaCy's results"
