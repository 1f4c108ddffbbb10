"""The comparison's part of dossier.json: offsets that point at the text, a deterministic order,
and no offsets into text extracted from HTML."""

from __future__ import annotations

import json
import random
from dataclasses import replace

from dossier import compare
from dossier.site import compare_json


def test_to_json_offsets_and_determinism(seed_dossier):
    articles, entities, c, _ = seed_dossier
    data = compare_json.comparison_json(c)
    text = {a.id: a.text for a in articles}
    for q in data["quotations"]:
        assert text[q["article"]][q["start"] : q["end"]].startswith(q["text"][:20])
        for a, b in q["parts"]:
            assert text[q["article"]][a:b] in q["text"]
    for d in data["descriptors"]["descriptors"]:
        assert text[d["article"]][d["start"] : d["end"]] == d["text"]
    for d in data["timeline"]["mentions"]:
        assert text[d["article"]][d["start"] : d["end"]] == d["text"]
    for g in data["quotation_groups"]:
        for al in g["alignments"]:
            base = next(m for m in g["members"] if m["id"] == al["base"])
            for ch in al["changes"]:
                if ch["base_start"] is not None:
                    assert text[base["article"]][ch["base_start"] : ch["base_end"]] == ch["base_text"]
    shuffled = list(articles)
    random.Random(4).shuffle(shuffled)
    again = compare_json.comparison_json(compare.compare(shuffled, entities))
    assert json.dumps(again, sort_keys=True) == json.dumps(data, sort_keys=True)
    assert set(data) == {"quotations", "quotation_groups", "shared_passages", "descriptors", "timeline", "similarity", "coverage",
                         "article_labels", "stories", "findings", "word_choice", "paragraphs"}
    for f in data["findings"]:
        # the words as written; the parts of a quotation its attribution interrupts are joined by " … "
        assert all(piece in text[f["article"]][f["start"] : f["end"]] for piece in f["text"].split(" … "))
        if f["other"]["start"] is not None and f["other"]["text"]:
            other = text[f["other"]["article"]][f["other"]["start"] : f["other"]["end"]]
            assert all(piece in other for piece in f["other"]["text"].split(" … "))
    for r in data["paragraphs"]:
        for item in r["items"]:
            assert text[r["article"]][item["start"] : item["end"]]


def test_no_offsets_into_text_extracted_from_html(seed_dossier):
    articles, entities, _, s = seed_dossier
    # seed 003 as if it had been read from a saved web page
    as_html = [replace(a, format="html") if a.id == s["003"] else a for a in articles]
    data = compare_json.comparison_json(compare.compare(as_html, entities))
    quoted = [q for q in data["quotations"] if q["article"] == s["003"]]
    assert quoted and all(q["start"] is None and q["parts"] is None and q["text"] for q in quoted)
    assert all(q["start"] is not None for q in data["quotations"] if q["article"] != s["003"])
    group = next(g for g in data["quotation_groups"] if s["003"] in g["articles"])
    assert all(c["base_start"] is None for al in group["alignments"] for c in al["changes"])
    assert all(d["start"] is None for d in data["timeline"]["mentions"] if d["article"] == s["003"])
