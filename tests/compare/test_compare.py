"""The comparison stage on the seed dossier and on the MEANTIME corpus."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from dossier import compare
from dossier.readers import read_file, read_folder
from dossier.model import Entity, Mention

ROOT = Path(__file__).resolve().parents[2]
MEANTIME = ROOT.parent / "shared" / "corpora" / "meantime" / "articles"


@pytest.fixture(scope="module")
def meantime():
    articles = []
    for path in sorted(MEANTIME.rglob("*.md")):
        a = read_file(path, ROOT).article
        articles.append(replace(a, id=f"{path.parent.name}-{path.stem}"))
    return articles


@pytest.fixture(scope="module")
def meantime_comparison(meantime):
    return compare.compare(meantime, [])


def _group_with(comparison, article_ids: set[str], text: str):
    for g in comparison.quote_groups:
        if set(g.articles) == article_ids and any(text in m.text for m in g.members):
            return g
    return None


def test_seed_tweet_group_and_its_meaning_changes(seed_dossier):
    _, _, c, s = seed_dossier
    g = _group_with(c, {s["000"], s["001"]}, "Congratulations to")
    assert g is not None
    assert [m.kind for m in g.members] == ["quote", "quote"]
    assert g.base.article == s["000"]  # the dated article comes first
    assert {m.speaker_entity for m in g.members} == {"alexey-navalny"}
    changes = g.alignments[0].meaning_changes
    pairs = {(ch.base_text, ch.witness_text) for ch in changes}
    assert ("@JoeBiden", "Vijay") in pairs
    assert any("Looking forward" in ch.base_text and "who hopes what" in ch.reasons for ch in changes)
    assert all("favour" not in ch.base_text for ch in changes)


def test_seed_biden_statement_group(seed_dossier):
    _, _, c, s = seed_dossier
    g = _group_with(c, {s["000"], s["001"]}, "Once again, the Kremlin")
    assert g is not None and [m.kind for m in g.members] == ["quote", "quote"]
    spelling = [ch for ch in g.alignments[0].changes if ch.base_text == "favourite"]
    assert spelling and spelling[0].witness_text == "favorite" and spelling[0].kind == "cosmetic"


def test_seed_putin_telegram_quoted_and_paraphrased(seed_dossier):
    articles, _, c, s = seed_dossier
    g = _group_with(c, {s["002"], s["003"]}, "special responsibility for global security")
    assert g is not None
    kinds = {m.article: m.kind for m in g.members}
    assert kinds == {s["003"]: "quote", s["002"]: "paraphrase"}
    assert g.base.speaker_entity == "vladimir-putin"
    para = next(m for m in g.members if m.kind == "paraphrase")
    text = {a.id: a.text for a in articles}[s["002"]]
    assert all(text[a:b] for a, b in para.parts)
    assert "Russian-American cooperation" in para.text  # the telegram's consecutive parts stay together
    # its last, short part is carried on by its place after the others, and "my" → "his" is flagged
    assert "For my part" in g.base.text and "for his part" in para.text
    person = [c for c in g.alignments[0].meaning_changes if "person" in c.reasons]
    assert any(c.base_text == "my" and c.witness_text == "his" for c in person)
    # every quotation of the telegram in 003 belongs to the group
    group_of = {q: x.id for x in c.quote_groups for m in x.members for q in m.quotes}
    in_003 = [q for q in c.quotes if q.article == s["003"]]
    assert len(in_003) == 3 and {group_of.get(q.id) for q in in_003} == {g.id}


def test_groups_never_join_one_article_with_itself(meantime_comparison):
    c = meantime_comparison
    for g in c.quote_groups:
        assert len(g.articles) >= 2
        assert len(g.articles) == len(g.members)


def test_seed_descriptors_and_contradiction(seed_dossier):
    _, _, c, s = seed_dossier
    navalny = {(d.article, d.text) for d in compare.descriptors_for(c, "alexey-navalny")}
    assert (s["000"], "Russian opposition leader") in navalny
    assert (s["000"], "Putin’s most visible opponent") in navalny
    assert (s["002"], "Serbia's") in navalny
    contra = [x for x in c.contradictions if x.entity == "alexey-navalny" and x.kind == "nationality"]
    assert contra and {contra[0].first.nationality, contra[0].second.nationality} == {"Russia", "Serbia"}
    # consistent descriptors are not flagged
    assert not [x for x in c.contradictions if x.entity == "vladimir-putin"]


def test_seed_shared_passages(seed_dossier):
    articles, _, c, s = seed_dossier
    linked = {frozenset(m.article for m in p.members) for p in c.passages}
    assert frozenset({s["000"], s["001"]}) in linked
    assert frozenset({s["002"], s["003"]}) in linked
    shares = {x.article: x for x in c.shares}
    for x in shares.values():
        assert 0 <= x.derived_words <= x.shared_words <= x.words
    # same-day and undated articles: nobody is said to derive from the other
    assert shares[s["003"]].derived_words == 0
    assert all(src.direction == "unknown" for src in shares[s["001"]].sources)


def test_a_spun_later_copy_is_found_and_derived(meantime):
    original = next(a for a in meantime if a.id == "airbus-100911")
    body = original.content_paragraphs()[1:]
    # A "spun" copy: every paragraph loses every fifth word, published a week later.
    spun = []
    for p in body:
        words = original.text[p.start : p.end].split()
        spun.append(" ".join(w for i, w in enumerate(words) if i % 5 != 3))
    path_text = "\n\n".join(spun)
    copy = replace(original, id="copy", text=path_text, date="2008-03-08", title="Copy", title_span=None,
                   paragraphs=_paragraphs(path_text))
    others = [a for a in meantime if a.id.startswith("apple-")][:10]
    c = compare.compare([original, copy] + others, [])
    shares = {x.article: x for x in c.shares}
    assert shares["copy"].derived_share > 0.6
    assert shares["airbus-100911"].derived_words == 0
    assert shares["copy"].sources[0].article == "airbus-100911" and shares["copy"].sources[0].direction == "from"
    for p in c.passages:
        ids = {m.article for m in p.members}
        assert ids <= {"copy", "airbus-100911"} or not ids & {"copy", "airbus-100911"}


def _paragraphs(text: str):
    from dossier.model import BODY, Paragraph

    out, pos = [], 0
    for n, chunk in enumerate(text.split("\n\n"), 1):
        start = text.index(chunk, pos)
        out.append(Paragraph(n, start, start + len(chunk), BODY))
        pos = start + len(chunk)
    return tuple(out)


def test_meantime_passages_stay_within_a_topic(meantime_comparison):
    c = meantime_comparison
    assert c.passages  # the stock-market articles reuse each other's sentences
    for p in c.passages:
        topics = {m.article.split("-")[0] for m in p.members}
        assert len(topics) == 1, p


def test_coverage_and_single_article_entities(seed_dossier):
    _, entities, c, s = seed_dossier
    coverage = {x.entity: dict(x.counts) for x in c.coverage}
    assert set(coverage) == {e.id for e in entities if e.shared}
    assert coverage["alexey-navalny"][s["000"]] == sum(1 for e in entities if e.id == "alexey-navalny" for m in e.mentions if m.article == s["000"])
    single = dict(c.single_article)
    assert single[s["001"]] == ("mikhail-gorbachev",)


def _gold_dossier():
    """MEANTIME with its gold entities (proper-name mentions), offsets straight from gold.json."""
    gold = json.loads((MEANTIME.parent / "gold.json").read_text(encoding="utf-8"))
    articles = {}
    for path in sorted(MEANTIME.rglob("*.md")):
        rel = path.relative_to(MEANTIME).as_posix()
        articles[rel] = replace(read_file(path, ROOT).article, id=rel[:-3].replace("/", "-"))
    chains: dict[str, list[Mention]] = {}
    for rel, mentions in gold["articles"].items():
        for m in mentions:
            if m["proper"]:
                chains.setdefault(m["chain"], []).append(Mention(articles[rel].id, m["start"], m["end"], m["text"]))
    entities = []
    for chain, mentions in sorted(chains.items()):
        mentions.sort(key=lambda m: (m.article, m.start))
        shared = len({m.article for m in mentions}) >= 2
        entities.append(Entity(chain.lower(), gold["chains"][chain]["name"], "other", (), tuple(mentions), shared))
    return list(articles.values()), entities


def test_meantime_descriptors_with_gold_entities():
    articles, entities = _gold_dossier()
    c = compare.compare(articles, entities)
    text = {a.id: a.text for a in articles}
    jobs = next(e.id for e in entities if e.name == "Steve Jobs")
    found = compare.descriptors_for(c, jobs)
    assert len({d.article for d in found}) >= 8
    assert any(d.text == "the chief executive officer of Apple Inc." and d.form == "apposition" for d in found)
    assert {d.office for d in found if d.office} == {"chief executive"}
    for d in c.descriptors:
        assert text[d.article][d.start : d.end] == d.text
        assert d.text.split()[0].lower() not in {"when", "while", "after", "and", "but"}
    assert not [x for x in c.contradictions if x.entity == jobs]


def test_different_offices_contradict(seed_dossier, grouped_entities):
    articles, _, _, s = seed_dossier
    # seed 002 with one word changed, same length so that every offset stays valid
    changed = []
    for a in articles:
        if a.id == s["002"]:
            assert "the US President Donald Trump" in a.text
            a = replace(a, text=a.text.replace("the US President Donald Trump", "the US Spokesman Donald Trump"))
        changed.append(a)
    entities = grouped_entities(changed)
    c = compare.compare(changed, entities)
    offices = [x for x in c.contradictions if x.entity == "donald-trump" and x.kind == "office"]
    assert offices and {offices[0].first.office, offices[0].second.office} == {"president", "spokesperson"}
    # "US President-elect" and "President-elect" describe Biden alike: no flag
    assert not [x for x in c.contradictions if x.entity == "joe-biden"]
