"""Curation file: reading it safely, and each action applied to the seed dossier."""

from __future__ import annotations

import pytest

from dossier.recognize import recognize
from dossier.resolve import Curation, load_curation, parse_curation, resolve


@pytest.fixture(scope="module")
def seed_mentions(seed_articles):
    return {a.id: recognize(a) for a in seed_articles}


def _apply(seed_articles, seed_mentions, yaml_text):
    curation, problems = parse_curation(yaml_text)
    assert not [p for p in problems if p.severity == "error"], problems
    return resolve(seed_articles, seed_mentions, curation)


def _named(entities, name):
    return [e for e in entities if e.name == name]


def _seed(seed_articles, prefix):
    return next(a for a in seed_articles if a.input.split("/")[-1].startswith(prefix))


def test_missing_file_is_empty(tmp_path):
    curation, problems = load_curation(tmp_path / "entities.yml")
    assert not curation and problems == []


def test_malformed_yaml_is_a_problem_with_a_line(tmp_path):
    path = tmp_path / "entities.yml"
    path.write_text("Vladimir Putin:\n  type: person\n  aliases: [Putin\nNovichok:\n  ignore: true\n", encoding="utf-8")
    curation, problems = load_curation(path)
    assert not curation
    assert len(problems) == 1 and problems[0].severity == "error"
    assert problems[0].line is not None and problems[0].line >= 3
    assert "entities.yml" in problems[0].path


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "42\n", "Putin: [1, 2]\n", "? [a]\n: b\n"])
def test_wrong_shapes_never_crash(text):
    curation, problems = parse_curation(text)
    assert problems


def test_unknown_fields_and_bad_values_are_reported_with_lines():
    text = "Vladimir Putin:\n  type: robot\n  colour: red\n  aliases: Putin\n"
    curation, problems = parse_curation(text)
    lines = {p.line for p in problems}
    assert {2, 3} <= lines
    (d,) = curation.decisions
    assert d.ref == "Vladimir Putin" and d.type is None and d.aliases == ("Putin",)


def test_rename_and_pinned_id(seed_articles, seed_mentions):
    entities = _apply(seed_articles, seed_mentions, "Alexey Navalny:\n  name: Alexei Navalny\n  id: alexey-navalny\n")
    e = next(e for e in entities if e.id == "alexey-navalny")
    assert e.name == "Alexei Navalny" and e.shared
    assert "Alexey Navalny" in e.aliases and "Alexei Navalny" not in e.aliases
    # without the pinned id the id follows the name
    entities = _apply(seed_articles, seed_mentions, "Alexey Navalny:\n  name: Alexei A. Navalny\n")
    assert any(e.id == "alexei-a-navalny" for e in entities)


def test_type_and_description(seed_articles, seed_mentions):
    entities = _apply(seed_articles, seed_mentions,
                      "Novichok:\n  type: other\n  description: A family of nerve agents.\n"
                      "Kremlin:\n  type: place\n")
    (novichok,) = _named(entities, "Novichok")
    assert novichok.description == "A family of nerve agents."
    (kremlin,) = _named(entities, "Kremlin")
    assert kremlin.type == "place"


def test_ignore(seed_articles, seed_mentions):
    before = resolve(seed_articles, seed_mentions)
    assert _named(before, "Novichok")
    entities = _apply(seed_articles, seed_mentions, "Novichok:\n  ignore: true\n")
    assert not _named(entities, "Novichok")
    assert len(entities) == len(before) - 1


def test_block_a_merge(seed_articles, seed_mentions):
    entities = _apply(seed_articles, seed_mentions, "Alexey Navalny:\n  not same as: [Alexei Navalny]\n")
    a = _named(entities, "Alexey Navalny")
    b = _named(entities, "Alexei Navalny")
    assert a and b and a[0] is not b[0]


def test_merge_two_entities(seed_articles, seed_mentions):
    before = resolve(seed_articles, seed_mentions)
    assert _named(before, "Kremlin") and _named(before, "Moscow")
    entities = _apply(seed_articles, seed_mentions, "Kremlin:\n  same as: Moscow\n")
    (kremlin,) = _named(entities, "Kremlin")
    assert "Moscow" in kremlin.aliases and not _named(entities, "Moscow")
    assert next(m for m in kremlin.merges if m.alias == "Moscow").rule == "curation"
    assert len(entities) == len(before) - 1


def test_add_and_remove_aliases(seed_articles, seed_mentions):
    entities = _apply(seed_articles, seed_mentions,
                      "Vladimir Putin:\n  remove aliases: [Vladimir]\n"
                      "Joe Biden:\n  aliases: [president-elect]\n")
    (putin,) = _named(entities, "Vladimir Putin")
    assert "Vladimir" not in putin.aliases and "Putin" in putin.aliases
    (biden,) = _named(entities, "Joe Biden")
    assert "president-elect" in biden.aliases
    assert next(m for m in biden.merges if m.alias == "president-elect").rule == "curation"


def test_add_an_entity_the_recognizer_missed(seed_articles, seed_mentions):
    entities = _apply(seed_articles, seed_mentions,
                      "Russian state television:\n  type: organization\n  aliases: [Russian state]\n")
    (tv,) = _named(entities, "Russian state television")
    a0 = _seed(seed_articles, "000")
    start = a0.text.index("Russian state television")
    assert any(m.article == a0.id and m.start == start for m in tv.mentions)
    assert tv.type == "organization"
    assert "Russian state" in tv.aliases  # 001: "The responsibility lies with the Russian state."
    assert tv.shared


def test_curation_persists_across_rebuilds(tmp_path, seed_articles, seed_mentions):
    path = tmp_path / "entities.yml"
    path.write_text("Alexey Navalny:\n  name: Alexei Navalny\n  id: navalny\n", encoding="utf-8")
    first = resolve(seed_articles, seed_mentions, load_curation(path)[0])
    second = resolve(seed_articles, seed_mentions, load_curation(path)[0])
    assert [e.id for e in first] == [e.id for e in second]
    assert any(e.id == "navalny" and e.name == "Alexei Navalny" for e in second)


def test_empty_curation_changes_nothing(seed_articles, seed_mentions):
    assert resolve(seed_articles, seed_mentions, Curation()) == resolve(seed_articles, seed_mentions)
