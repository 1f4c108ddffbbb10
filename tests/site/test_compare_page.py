"""The comparison's pages on the real seed dossier: the overview of stories by outlet, one page per
story, the review page, the asides beside an article's paragraphs, word choice on entity pages
and a page per outlet. Input text stays inert, and the pages build with MkDocs --strict."""

from __future__ import annotations

import html
import re
import sys

import pytest
import yaml

from dossier import build, config
from dossier.site import html as site_html
from dossier.site import dossier_json

from conftest import copy_project, run

STORY = "compare/story-putin-congratulates-u-s-president-elect-biden.md"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    """The seed project built in memory: {path: content}, and the dossier."""
    root = copy_project(tmp_path_factory.mktemp("compare") / "project")
    dossier = build.generate(config.load(root))
    return root, dossier.outputs, dossier


def _text(page: str) -> str:
    """What a reader sees of a page (tags dropped, references resolved)."""
    page = page.replace("<q>", "“").replace("</q>", "”")  # quoted words: marks drawn by the browser
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_overview_shows_stories_by_outlet_and_links_each_story(seeds):
    _, out, dossier = seeds
    page = out["compare.md"]
    assert "render: html" in page and "exclude: true" in page  # the overview is not searched; story pages are
    assert "Stories by outlet" in page and 'href="../compare/story-putin-congratulates-u-s-president-elect-biden/"' in page
    # an outlet column (The Moscow Times, linked to its page) and the articles whose outlet is unknown
    assert '<a href="../outlets/the-moscow-times/">The Moscow Times</a>' in page and "Outlet unknown" in page
    # each covering outlet's cell links its article with the day it was published
    moscow = next(a for a in dossier.articles if a.source == "The Moscow Times")
    assert f'<a href="../articles/{moscow.id}/">15 Dec</a>' in page
    assert "A1" not in _text(page)


def test_the_seed_story_page_shows_all_three_statements_with_their_versions(seeds):
    _, out, _ = seeds
    page = out[STORY]
    text = _text(page)
    for group in ("qg-1", "qg-2", "qg-3"):
        assert f"{{ #{group} }}" in page  # a heading (and a search section) per statement
    assert "Congratulations to @JoeBiden" in text and "Congratulations to Vijay" in text  # the tweet's two versions
    assert "Once again, the Kremlin has used a favourite weapon" in text and "a favorite weapon" in text
    assert "For my part, I am ready for interaction" in text and "for his part, he is ready" in text
    # the change of meaning is spelled out, and the collations are collapsed
    assert "“@JoeBiden” → “Vijay” (changes meaning: name)" in text
    assert page.count('<details class="note" data-search-exclude><summary>Collation of') == 3
    # articles named by outlet and date, never A1…
    assert "The Moscow Times, 2020-12-15" in text and not re.search(r"\bA\d\b", text)


def test_story_findings_are_listed_with_confidence_and_are_searchable(seeds):
    _, out, _ = seeds
    page = out[STORY]
    findings = page[page.index("## Findings { #findings }"):page.index("## Quotations")]
    text = _text(findings)
    assert "Changed quotation · confidence 0.95 · marked in the text" in text and "has “Vijay”" in text
    assert "Contradicting descriptor · confidence 0.90" in text and "says “Serbia's”" in text
    assert "Reworded quotation" in text and "waits for review" in text
    # marked findings link to their note on the article; review ones to the review page
    assert re.search(r'href="\.\./\.\./articles/[^"]+/#note-auto-quote-[^"]+">note</a>', findings)
    assert 'href="../../notes/review/#note-auto-reword-' in findings
    # the findings and the quotations are search sections; the bulky tables are not
    assert "{ #findings data-search-exclude }" not in page and "{ #quotations data-search-exclude }" not in page
    assert "{ #passages data-search-exclude }" in page and "{ #timeline data-search-exclude }" in page


def test_review_page_ranks_the_findings_that_wait_with_evidence_and_commands(seeds):
    _, out, dossier = seeds
    page = out["notes/review.md"]
    waiting = sorted((n for n in dossier.notes.notes if n.to_review), key=lambda n: n.rank)
    assert waiting and all(n.level == "review" for n in waiting)
    positions = [page.index(f'id="{n.html_id}"') for n in waiting]
    assert positions == sorted(positions)  # by rank
    for n in waiting:
        assert f"dossier note confirm {n.finding}" in page and f"dossier note dismiss {n.finding}" in page
    text = _text(page)
    assert "1 · Reworded quotation · confidence 0.95" in text and "“elections”" in text and "“election”" in text


def test_notes_index_opens_with_analysts_notes_and_only_counts_the_findings_to_review(seeds):
    _, out, dossier = seeds
    index = out["notes/index.md"]
    waiting = [n for n in dossier.notes.notes if n.to_review]
    assert f"[{len(waiting)} waiting on the review page](review.md)" in index
    for n in waiting:
        assert n.html_id not in index  # not listed here
    # the analysts' notes come first, then the findings marked in the text
    assert index.index("## By kind") < index.index("## Findings marked in the text")
    assert "### Fact check" in index[:index.index("## Findings marked in the text")]


def test_article_paragraphs_show_what_other_articles_share_or_quote_differently(seeds):
    _, out, dossier = seeds
    vijay = next(n for n in dossier.notes.notes if n.automatic and n.passage == "Vijay")
    page = out[f"articles/{vijay.article}.md"]
    paragraph = page.index('<p id="p-3">')
    aside = page[page.index("<details", paragraph):page.index("</details>", paragraph)]
    assert page.index("</p>", paragraph) < page.index("<details", paragraph) < page.index('<p id="p-4">')
    assert 'class="dossier-aside dossier-aside--altered" data-search-exclude' in aside
    assert "altered" in _text(aside.split("</summary>")[0])
    # the other outlet's version, linked to its paragraph, the note on this page, and the collation
    other = next(a for a in dossier.articles if a.date == "2020-11-09")
    assert f'href="../../articles/{other.id}/#p-4"' in aside
    assert f'href="#{vijay.html_id}"' in aside and "Changed quotation: “Vijay” where" in html.unescape(aside)
    assert 'href="../../compare/story-putin-congratulates-u-s-president-elect-biden/#qg-1">collation</a>' in aside
    # small: the page does not grow by more than a few hundred bytes a paragraph
    assert len(aside) < 2_000


def test_entity_page_and_outlet_page_show_word_choice(seeds):
    _, out, _ = seeds
    navalny = out["entities/alexey-navalny.md"]
    section = navalny[navalny.index("{ #word-choice data-search-exclude }"):]
    text = _text(section)
    assert "Russian opposition leader (1)" in text and "Serbia's (1)" in text and "Russia’s opposition leader (1)" in text
    assert "<strong>Serbia&#x27;s (1)</strong>" in section or "<strong>Serbia's (1)</strong>" in section  # no other outlet says it
    outlet = out["outlets/the-moscow-times.md"]
    assert "kind: outlet" in outlet and "{ #word-choice }" in outlet
    assert "Vladimir Putin" in _text(outlet) and "Russian President (1)" in _text(outlet)


def test_pages_are_html_blocks_the_plugin_renders_without_markdown(seeds):
    _, out, _ = seeds
    for path in ("compare.md", STORY, "notes/review.md", "outlets/the-moscow-times.md"):
        page = out[path]
        body = page.split("---\n", 2)[2]
        assert "render: html" in page
        assert "\n\n\n" not in body
        for block in body.strip().split("\n\n"):
            assert site_html.HEADING.fullmatch(block) or block.startswith("<"), (path, block[:80])


def test_hostile_outlet_and_title_stay_text_and_the_site_builds_strict(tmp_path):
    root = copy_project(tmp_path / "project")
    hostile = '<script>alert(1)</script> *x* [y](z) {: #id } &amp;'
    (root / "seeds" / "003_16282a16f6079523.txt.meta.yml").write_text(
        yaml.safe_dump({"title": hostile, "source": hostile}), encoding="utf-8")
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")], root)
    assert result.returncode == 0, result.stderr
    pages = [tmp_path / "site" / "compare" / "index.html",
             *(tmp_path / "site" / "compare").glob("*/index.html"), *(tmp_path / "site" / "outlets").glob("*/index.html")]
    assert len(pages) >= 3
    for page in pages:
        content = page.read_text(encoding="utf-8")
        assert "<script>alert" not in content and "<script>" not in content.split("<article", 1)[-1].split("</article>")[0]
    outlet = next(p for p in pages if "outlets" in p.parts)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in outlet.read_text(encoding="utf-8")


def test_review_pages_are_paged_and_dossier_json_gives_each_finding_its_page(project, monkeypatch):
    import json

    from dossier.site import notes as site_notes

    monkeypatch.setattr(site_notes, "MAX_REVIEW_ROWS", 2)
    dossier = build.generate(config.load(project))
    out = dossier.outputs
    waiting = sorted((n for n in dossier.notes.notes if n.to_review), key=lambda n: n.rank)
    assert len(waiting) == 3 and "notes/review-2.md" in out and "notes/review-3.md" not in out
    assert f'id="{waiting[2].html_id}"' in out["notes/review-2.md"] and waiting[2].html_id not in out["notes/review.md"]
    assert 'href="../../notes/review-2/">2</a>' in out["notes/review.md"]
    notes = {n["id"]: n for n in dossier_json.load(out.__getitem__)["notes"]}
    assert notes[waiting[0].id]["url"] == f"notes/review/#{waiting[0].html_id}"
    assert notes[waiting[2].id]["url"] == f"notes/review-2/#{waiting[2].html_id}"
    assert notes[waiting[0].id]["level"] == "review" and notes[waiting[0].id]["rank"] == 1
