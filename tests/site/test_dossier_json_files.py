"""dossier.json stays small (#17: no output file grows with the whole dossier's text): it is an
index, each article has a file with its mentions and per-paragraph records, and each list that
grows with the dossier is in parts of bounded size. `load` gives back the whole document."""

from __future__ import annotations

import json

import pytest

from dossier import build, config
from dossier.site import dossier_json

from conftest import copy_project


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("split") / "project")
    made = build.generate(config.load(root)).outputs
    made["<root>"] = root
    return made


def test_the_index_names_every_file_and_every_file_is_made(outputs):
    data = json.loads(outputs["dossier.json"])
    assert data["schema"] == 2
    made = {path for path in outputs if str(path).startswith("dossier/")}
    named = {a["file"] for a in data["articles"]} | {p for paths in data["parts"].values() for p in paths}
    assert named == made
    for a in data["articles"]:
        assert a["file"] == f"dossier/articles/{a['id']}.json"
        assert json.loads(outputs[a["file"]])["article"] == a["id"]
    assert set(data["parts"]) == set(dossier_json.SPLIT_LISTS)
    for key, paths in data["parts"].items():
        for n, path in enumerate(paths, 1):
            part = json.loads(outputs[path])
            assert part["key"] == key and part["part"] == n and part["items"]


def test_no_growing_list_is_left_in_the_index(outputs):
    data = json.loads(outputs["dossier.json"])
    assert "paragraphs" not in data and "notes" not in data and "quotations" not in data
    assert "pairs" not in data["similarity"] and "mentions" not in data["timeline"]
    for e in data["entities"]:
        assert "mentions" not in e and "articles" not in e
        assert e["article_count"] >= 1 and e["mention_count"] >= e["article_count"]


def test_load_gives_the_whole_document_with_mentions_that_point_into_the_text(outputs):
    whole = dossier_json.load(outputs.__getitem__)
    index = json.loads(outputs["dossier.json"])
    assert len(whole["entities"]) == len(index["entities"]) and whole["notes"] and whole["quotations"]
    assert whole["similarity"]["pairs"] and whole["timeline"]["mentions"] and whole["paragraphs"]
    inputs = {a["id"]: a["input"] for a in whole["articles"]}
    for e in whole["entities"]:
        assert len(e["mentions"]) == e["mention_count"] and len(e["articles"]) == e["article_count"]
        assert {m["article"] for m in e["mentions"]} == set(e["articles"])
        assert e["mentions"] == sorted(e["mentions"], key=lambda m: (m["article"], m["start"], m["end"]))
    # every mention's text is at its offsets in the input file (the contract's invariant)
    project = outputs["<root>"]
    for e in whole["entities"]:
        for m in e["mentions"]:
            text = (project / inputs[m["article"]]).read_text(encoding="utf-8-sig")
            assert text[m["start"]:m["end"]] == m["text"]


def test_a_long_list_is_cut_into_parts_in_order(monkeypatch):
    monkeypatch.setattr(dossier_json, "PART_BYTES", 100)
    items = [{"n": i, "text": "word " * (i % 7)} for i in range(60)]
    parts = list(dossier_json._parts("findings", items))
    assert len(parts) > 5
    assert [p for p, _ in parts] == [f"dossier/parts/findings-{n}.json" for n in range(1, len(parts) + 1)]
    back = [item for _, text in parts for item in json.loads(text)["items"]]
    assert back == items
    assert all(len(text) < 100 + 200 for _, text in parts)  # one item may pass the bound, never two
