"""The comparison stage on the seed dossier and on the MEANTIME corpus."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from dossier import compare
from dossier.site import compare_json, compare_page, descriptor_tables
from dossier.ingest import load_all, load_article
from dossier.model import Entity, Mention

ROOT = Path(__file__).resolve().parents[1]
MEANTIME = ROOT.parent / "shared" / "corpora" / "meantime" / "articles"

# Entities built by exact-string grouping of the names as the seeds spell them, so that these
# tests do not depend on the recognizer or the resolver.
NAMES = {
    "alexey-navalny": ("person", ["Alexey Navalny", "Alexei Navalny", "Navalny"]),
    "joe-biden": ("person", ["Joe Biden", "Biden"]),
    "vladimir-putin": ("person", ["Vladimir Putin", "Putin"]),
    "donald-trump": ("person", ["Donald Trump", "Trump"]),
    "kamala-harris": ("person", ["Kamala Harris", "Harris"]),
    "xi-jinping": ("person", ["Xi Jinping"]),
    "kremlin": ("organization", ["Kremlin"]),
    "mikhail-gorbachev": ("person", ["Mikhail Gorbachev", "Gorbachev"]),
}


def grouped_entities(articles) -> list[Entity]:
    out = []
    for eid, (kind, names) in NAMES.items():
        mentions = []
        for a in articles:
            taken: list[tuple[int, int]] = []
            for p in a.content_paragraphs():
                for name in names:
                    for m in re.finditer(rf"\b{re.escape(name)}\b", a.text[p.start : p.end]):
                        s, e = p.start + m.start(), p.start + m.end()
                        if not any(s < te and ts < e for ts, te in taken):
                            taken.append((s, e))
                            mentions.append(Mention(a.id, s, e, a.text[s:e], kind))
        mentions.sort(key=lambda m: (m.article, m.start))
        shared = len({m.article for m in mentions}) >= 2
        out.append(Entity(eid, names[0], kind, tuple(sorted({m.text for m in mentions} - {names[0]})), tuple(mentions), shared))
    return out


@pytest.fixture(scope="module")
def seed_dossier():
    articles, _ = load_all(ROOT / "seeds", ROOT)
    entities = grouped_entities(articles)
    label = {a.input.split("/")[-1][:3]: a.id for a in articles}
    return articles, entities, compare.compare(articles, entities), label


@pytest.fixture(scope="module")
def meantime():
    articles = []
    for path in sorted(MEANTIME.rglob("*.md")):
        a = load_article(path, ROOT).article
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
    in_003 = [q for q in compare_json.comparison_json(c)["quotations"] if q["article"] == s["003"]]
    assert len(in_003) == 3 and {q["group"] for q in in_003} == {g.id}


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
    assert set(data) == {"quotations", "quotation_groups", "shared_passages", "descriptors", "timeline", "similarity", "coverage"}


def test_coverage_and_single_article_entities(seed_dossier):
    _, entities, c, s = seed_dossier
    coverage = {x.entity: dict(x.counts) for x in c.coverage}
    assert set(coverage) == {e.id for e in entities if e.shared}
    assert coverage["alexey-navalny"][s["000"]] == sum(1 for e in entities if e.id == "alexey-navalny" for m in e.mentions if m.article == s["000"])
    single = dict(c.single_article)
    assert single[s["001"]] == ("mikhail-gorbachev",)


def test_page_escapes_input_and_builds_strict(seed_dossier, tmp_path):
    articles, entities, _, _ = seed_dossier
    hostile = '<script>alert(1)</script> *x* [y](z) {: #id }'
    articles = [replace(articles[0], title=hostile)] + articles[1:]
    c = compare.compare(articles, entities)
    page = compare_page.render_compare_page(c, articles, entities)
    # Link titles are attributes that the Markdown renderer escapes; everywhere else the text
    # itself must be inert.
    outside_titles = re.sub(r' "[^"]*"\)', ")", page)
    assert "<script" not in outside_titles and "[y](z)" not in outside_titles
    assert "Vijay" in page and "Serbia" in page
    docs = tmp_path / "docs"
    (docs / "articles").mkdir(parents=True)
    (docs / "entities").mkdir()
    (docs / "index.md").write_text("# Dossier\n")
    (docs / "compare.md").write_text(page)
    for a in articles:
        (docs / "articles" / f"{a.id}.md").write_text("# Article\n")
    for e in entities:
        if e.shared:
            (docs / "entities" / f"{e.id}.md").write_text("# Entity\n\n" + descriptor_tables.render_descriptors(c, e.id))
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme: {name: material}\n"
        "markdown_extensions: [attr_list, md_in_html, admonition, pymdownx.details, tables]\n"
    )
    if shutil.which("mkdocs") is None:
        pytest.skip("mkdocs not installed")
    run = subprocess.run(["mkdocs", "build", "--strict", "-q"], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "site" / "compare" / "index.html").read_text()
    # Shown as text: in the page, or as HTML-escaped text in a link title (Material's tooltips
    # insert titles as HTML, so the browser must read `&lt;script&gt;` there).
    import html as html_module

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html or "&lt;script&gt;alert" in html_module.unescape(html)
    assert html.count("<svg") >= 2 and "dossier-collation" in html


def _gold_dossier():
    """MEANTIME with its gold entities (proper-name mentions), offsets straight from gold.json."""
    gold = json.loads((MEANTIME.parent / "gold.json").read_text(encoding="utf-8"))
    articles = {}
    for path in sorted(MEANTIME.rglob("*.md")):
        rel = path.relative_to(MEANTIME).as_posix()
        articles[rel] = replace(load_article(path, ROOT).article, id=rel[:-3].replace("/", "-"))
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


def test_different_offices_contradict(seed_dossier):
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


from html.parser import HTMLParser  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dossier.site import charts  # noqa: E402


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.titles: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.titles.append(data)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=40), min_size=2, max_size=4))
def test_charts_never_let_input_text_form_markup(titles):
    labels = [charts.label_of(i) for i in range(len(titles))]
    svg = charts.heatmap_svg(labels, titles, {(0, 1): 0.5}, "caption")
    svg += charts.timeline_svg([(labels[0], [("2020-11-09", "published", titles[0]), ("2020-10", "mention", titles[-1])])], "t")
    parser = _Tags()
    parser.feed(svg)
    assert parser.tags <= {"svg", "text", "rect", "title", "line", "circle"}
    shown = " ".join(parser.titles)
    for title in titles:
        visible = " ".join(title.translate({c: " " for c in range(32)}).replace("\x7f", " ").replace("\u2028", " ").replace("\u2029", " ").split())
        assert visible in shown


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
