"""dossier.json stays small: the comparison's per-paragraph records are one file per article,
named in dossier.json (issue #17: no output file grows with the whole dossier's text)."""

from __future__ import annotations

import json

from dossier import build, config

from conftest import copy_project


def test_paragraph_records_are_one_file_per_article(tmp_path):
    root = copy_project(tmp_path / "project")
    outputs = build.generate(config.load(root)).outputs
    data = json.loads(outputs["dossier.json"])
    assert "paragraphs" not in data and data["paragraph_files"]
    ids = {a["id"] for a in data["articles"]}
    for article, path in data["paragraph_files"].items():
        assert article in ids and path == f"dossier/paragraphs/{article}.json"
        part = json.loads(outputs[path])
        assert part["article"] == article and part["paragraphs"]
        assert all(r["article"] == article and r["items"] for r in part["paragraphs"])
