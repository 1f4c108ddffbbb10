"""Findings: kinds, evidence, confidence and levels; the records for the article pages (what
each paragraph shares) and for word choice per outlet. On the seeds, NewsWCL50 and news copy of
our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier import compare
from dossier.compare.findings import MARK_CONFIDENCE, finding_id
from dossier.readers import read_folder
from news import article, entities

ROOT = Path(__file__).resolve().parents[2]
NEWSWCL50 = ROOT.parent / "shared" / "corpora" / "newswcl50" / "articles"


def test_seed_comparison_keeps_its_three_statements_and_marks_only_the_sure_findings(seed_dossier):
    _, _, c, s = seed_dossier
    # the tweet and Biden's statement (000, 001) and Putin's telegram (003 quotes, 002 paraphrases), with both versions
    assert sorted(sorted(g.articles) for g in c.quote_groups) == sorted(
        [sorted([s["000"], s["001"]])] * 2 + [sorted([s["002"], s["003"]])])
    assert all(len(g.members) == 2 and g.alignments[0].relation == "collated" for g in c.quote_groups)
    marked = {(f.kind, f.text) for f in c.findings if f.level == "marked"}
    assert ("changed-quotation", "Vijay") in marked
    assert ("contradicting-descriptor", "Serbia's") in marked
    # rewordings wait for review, cosmetic differences and excerpts are records only
    levels = {f.kind: f.level for f in c.findings}
    assert levels["cosmetic-quotation"] == "info" and levels["excerpted-quotation"] == "info"
    assert all(f.level != "marked" for f in c.findings if f.kind == "reworded-quotation")
    for f in c.findings:
        assert 0 < f.confidence <= 1
        assert (f.level == "marked") == (f.kind in ("changed-quotation", "censored-quotation", "contradicting-descriptor")
                                         and f.confidence >= MARK_CONFIDENCE)


def test_finding_ids_are_stable_and_keep_the_old_scheme(seed_dossier):
    articles, entities_, c, s = seed_dossier
    vijay = next(f for f in c.findings if f.text == "Vijay")
    assert vijay.id == finding_id("quote", s["001"], s["000"], "@JoeBiden", "Vijay")
    again = compare.compare(list(reversed(articles)), entities_)
    assert [f.id for f in again.findings] == [f.id for f in c.findings]
    assert len({f.id for f in c.findings}) == len(c.findings)


def test_review_findings_are_ranked(seed_dossier):
    _, _, c, _ = seed_dossier
    review = sorted((f for f in c.findings if f.level == "review"), key=lambda f: f.rank)
    assert review and [f.rank for f in review] == list(range(1, len(review) + 1))
    assert all(f.rank == 0 for f in c.findings if f.level != "review")


def test_each_finding_carries_its_evidence(seed_dossier):
    articles, _, c, _ = seed_dossier
    text = {a.id: a.text for a in articles}
    for f in c.findings:
        assert all(piece in text[f.article][f.start : f.end] for piece in f.text.split(" … "))
        assert f.paragraph is not None and f.message
        if f.other_start is not None and f.other_text:
            assert all(piece in text[f.other_article][f.other_start : f.other_end] for piece in f.other_text.split(" … "))


def test_censoring_and_a_different_speaker_are_found_in_news_copy():
    a = article("a", 'The senator called the nominee "a lying motherfucker who should never hold office," witnesses said.',
                source="Outlet A")
    b = article("b", 'The senator called the nominee "a lying motherf***er who should never hold office," one aide said.',
                date="2024-05-03", source="Outlet B")
    c1 = article("c", '"Depending on the weather at the harbor, passengers may need to wait in Calais for hours," said Ines Varga.',
                 source="Outlet A")
    d1 = article("d", '"Depending upon the weather at the harbor, passengers may need to wait in Calais for hours," Tom Reddick said.',
                 date="2024-05-03", source="Outlet B")
    arts = [a, b, c1, d1]
    c = compare.compare(arts, entities(arts, {"varga": ["Ines Varga"], "reddick": ["Tom Reddick"]}))
    censored = [f for f in c.findings if f.kind == "censored-quotation"]
    assert [(f.text, f.other_text, f.level) for f in censored] == [("motherf***er", "motherfucker", "marked")]
    speaker = [f for f in c.findings if f.kind == "different-speaker"]
    assert [(f.text, f.other_text, f.level) for f in speaker] == [("Tom Reddick", "Ines Varga", "review")]


def test_versions_given_to_different_people_with_few_words_in_common_yield_no_finding():
    a = article("a", 'Mr. Alvarez told him that Mr. Hale "hadn\'t done anything wrong" in meeting the bankers.')
    b = article("b", 'Okafor recalled that Alvarez said "it would be useful to learn if some lender did something, '
                     'but that he hadn\'t done anything," according to the notes.', date="2024-05-03")
    c = compare.compare([a, b], entities([a, b], {"alvarez": ["Mr. Alvarez", "Alvarez"], "okafor": ["Okafor"]}))
    assert not [f for f in c.findings if f.kind != "different-speaker" and f.level != "info"]


def test_paragraph_records_list_the_other_versions_and_findings(seed_dossier):
    _, _, c, s = seed_dossier
    vijay = next(f for f in c.findings if f.text == "Vijay")
    record = next(r for r in c.paragraphs if r.article == s["001"] and r.paragraph == vijay.paragraph)
    quote = next(i for i in record.items if i.kind == "quotation" and i.start <= vijay.start < i.end)
    assert vijay.id in quote.findings
    assert [(v.article, v.paragraph) for v in quote.others] == [(s["000"], vijay.other_paragraph)]
    shared = [i for r in c.paragraphs if r.article == s["002"] for i in r.items if i.kind == "passage"]
    assert shared and all(v.article != s["002"] for i in shared for v in i.others)


def test_word_choice_per_outlet():
    arts = [
        article("a", "North Korean dictator Kim Jong Un declared the pause. Kim said the launches had ended.", source="Fox News"),
        article("b", "Mr. Kim, the North's leader, announced the halt on Saturday. Kim Jong-un spoke to the party.",
                source="The New York Times"),
        article("c", "Rocket Man Kim Jong Un declared the pause, the president wrote.", source="Fox News", date="2024-05-03"),
    ]
    c = compare.compare(arts, entities(arts, {"kim": ["Kim Jong Un", "Kim Jong-un", "Mr. Kim", "Kim", "Rocket Man"]}))
    choice = {w.outlet: w for w in c.word_choice if w.entity == "kim"}
    assert set(choice) == {"Fox News", "The New York Times"}
    assert {x.text for x in choice["The New York Times"].names} == {"Mr. Kim", "Kim Jong-un"}
    assert {x.text: x.count for x in choice["Fox News"].names} == {"Kim Jong Un": 2, "Kim": 1, "Rocket Man": 1}
    assert "North Korean dictator" in {x.text for x in choice["Fox News"].labels}
    assert choice["Fox News"].articles == ("a", "c")


@pytest.mark.skipif(not NEWSWCL50.is_dir(), reason="NewsWCL50 is not in ../shared/corpora")
def test_newswcl50_changed_name_is_marked_and_nothing_cosmetic_changes_meaning(tmp_path):
    from dossier.config import Config
    from dossier import build, readers

    config = Config(project_root=tmp_path, input_dir=NEWSWCL50, docs_dir=tmp_path / "docs", cache=False)
    _, articles, registry, _ = readers.load_project(config)
    ents, _ = build.resolve_entities(config, articles, build.recognize_all(articles, config), registry)
    c = compare.compare(articles, ents)
    marked = [(f.kind, f.text, f.other_text) for f in c.findings if f.level == "marked"]
    assert ("changed-quotation", "Wendy", "Debbie") in marked  # Reuters' misprint of Trump's tweet (3-dnc-lawsuit)
    for f in c.findings:
        if f.kind == "changed-quotation":
            assert "name" not in f.reasons or f.text.lower() != f.other_text.lower()
    assert len([f for f in c.findings if f.level == "marked"]) <= 5  # quiet by default
