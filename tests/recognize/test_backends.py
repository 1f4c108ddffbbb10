"""The registry of recognizer backends, and a backend that is neither built in nor spaCy.

The resolver types entities by the kind of evidence each mention carries (`Mention.evidence_kind`),
never by the wording of `Mention.evidence`: a backend that writes its evidence in other words
still gives people the type `person` (issue #14, defect 2).
"""

from __future__ import annotations

import re

import pytest

from dossier import build, config, recognize
from dossier.model import Article, Evidence, Mention
from dossier.recognize import registry


def test_the_registry_lists_the_backends_and_refuses_unknown_names():
    assert recognize.names()[:2] == ("builtin", "spacy")
    assert recognize.backend("builtin").recognizer(None) is recognize.recognize
    with pytest.raises(ValueError, match="must be one of builtin, spacy.*'stanza'"):
        recognize.backend("stanza")
    with pytest.raises(ValueError, match="already registered"):
        recognize.register(recognize.backend("builtin"))


NAMES = re.compile(r"\b(?:Navalny|Alexei Navalny|Kremlin)\b")


def find_with_other_words(article: Article) -> list[Mention]:
    """A stand-in for another library: it finds a few names and explains its types in its own
    words (German here), choosing the `Evidence` kind that fits."""
    found = []
    for start, end, _kind in recognize.zones(article):
        for match in NAMES.finditer(article.text, start, end):
            if match.group() == "Kremlin":
                found.append(Mention(article.id, match.start(), match.end(), match.group(), "organization",
                                     "Organisationswort", Evidence.ORGANIZATION_WORD))
            else:
                found.append(Mention(article.id, match.start(), match.end(), match.group(), "person",
                                     "Anrede 'Herr' davor", Evidence.TITLE))
    return recognize.non_overlapping(found)


@pytest.fixture
def other_backend():
    backend = recognize.register(recognize.Backend(
        name="other-words", recognizer=lambda cfg: find_with_other_words, stage="recognize-other-words",
        code=("dossier.model",), parallel=False))
    yield backend
    del registry.BACKENDS[backend.name]


def test_a_backend_with_its_own_evidence_words_still_types_people(project, other_backend):
    cfg = config.load(project, recognizer="other-words")
    cfg.validate()
    result = build.build(cfg)
    by_name = {e.name: e for e in result.dossier.entities}
    navalny = next(e for name, e in by_name.items() if "Navalny" in name)
    assert navalny.shared and navalny.type == "person", "typed by the evidence kind, not by its wording"
    assert by_name["Kremlin"].type == "organization"
    assert all(not m.evidence.startswith(("title", "role", "given name", "gazetteer", "spaCy"))
               for e in result.dossier.entities for m in e.mentions)
