"""Notes on pages (dossier.site.notes, dossier.site.notes_json): highlights and note boxes on
article pages, notes on entity pages, the notes index and dossier.json. On the real seed dossier."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import markdown

from dossier import notes
from dossier.model import Entity, Mention
from dossier.site import notes as site_notes, notes_json

from conftest import article_page_with_notes
from seed_notes import ROOT, SERBIA, VIJAY, by_file, load, project  # noqa: F401  (project: a fixture)

EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "pymdownx.details", "tables", "toc"]


# --- the seed notes -----------------------------------------------------------------------------------


def test_seed_notes_render_on_article_pages_and_index():
    articles, note_set = load(ROOT)
    by_id = {a.id: a for a in articles}
    vijay = by_file(note_set, VIJAY)
    page = article_page_with_notes(note_set, by_id[vijay.article])
    rendered = markdown.markdown(page.split("---", 2)[2], extensions=EXTENSIONS)
    mark = re.search(r'<mark class="dossier-note[^"]*" id="(mark-[^"]+)">Vijay</mark>', rendered)
    assert mark, "the passage is highlighted"
    assert f'id="{vijay.html_id}"' in rendered, "the note is on the page"
    assert f'href="#{vijay.html_id}"' in rendered and f'href="#{mark.group(1)}"' in rendered
    assert "Machine-translation artefact" in rendered and "<em>“Congratulations to @JoeBiden" in html.unescape(rendered)
    generated = site_notes.generated_pages(note_set, articles)
    index = generated["notes/index.md"]
    assert f"../articles/{vijay.article}.md#{vijay.html_id}" in index
    assert "## By kind" in index and "## By article" in index and "### Fact check (1)" in index
    assert "Every note is anchored" in generated["notes/unanchored.md"]


def test_every_link_in_the_notes_index_points_at_a_note_on_its_page():
    articles, note_set = load(ROOT)
    rendered = {a.id: article_page_with_notes(note_set, a) for a in articles}
    index = site_notes.generated_pages(note_set, articles)["notes/index.md"]
    targets = re.findall(r"\]\(\.\./articles/([^)#]+)\.md#([^)\s]+)\)", index)
    assert len(targets) == 2 * len(note_set.notes)  # by kind and by article
    for article_id, anchor in targets:
        assert f'id="{anchor}"' in rendered[article_id]


def test_notes_on_a_shared_entity_show_on_its_page():
    articles, note_set0 = load(ROOT)
    serbia = by_file(note_set0, SERBIA)
    article = next(a for a in articles if a.id == serbia.article)
    start = article.text.index("Navalny", serbia.anchor.start)
    navalny = Entity("alexey-navalny", "Alexey Navalny", "person", (), (Mention(article.id, start, start + 7, "Navalny"),),
                     shared=True)
    _, note_set = load(ROOT, entities=[navalny])
    assert by_file(note_set, SERBIA).entities == ("alexey-navalny",)
    section = site_notes.entity_contribution(note_set, "alexey-navalny").section
    assert f"../../articles/{article.id}/#{serbia.html_id}" in section and "Fact check" in section
# --- dossier.json ---------------------------------------------------------------------------------------------


def test_json_has_resolved_anchors_in_a_stable_order():
    articles, note_set = load(ROOT)
    data = notes_json.to_json(note_set)
    assert json.loads(json.dumps(data)) == data
    items = data["notes"]
    assert [(n["article"], n["anchor"]["start"]) for n in items] == sorted((n["article"], n["anchor"]["start"]) for n in items)
    vijay = next(n for n in items if n["file"] == VIJAY)
    text = next(a for a in articles if a.id == vijay["article"]).text
    a = vijay["anchor"]
    assert a["method"] == "exact" and text[a["start"]:a["end"]] == a["exact"] == "Vijay" and a["paragraph"] == "p-3"
    assert vijay["url"] == f"articles/{vijay['article']}/#note-{vijay['id']}"
    _, again = load(ROOT)
    assert notes_json.to_json(again) == data

# --- where a passage stands: headline, boilerplate, several paragraphs, overlaps -----------------------------


def _note_file(folder: Path, name: str, article: str, exact: str) -> None:
    (folder / f"{name}.md").write_text(
        f"---\narticle: {article}\nkind: context\nauthor: T\ndate: 2026-12-01\nselector:\n  exact: {json.dumps(exact)}\n---\nBody of {name}.\n",
        encoding="utf-8")


def _rendered_article(project: Path, article_input: str):
    articles, note_set = load(project)
    assert not [p for p in note_set.problems if p.severity == "error"], note_set.problems
    article = next(a for a in articles if a.input == article_input)
    page = article_page_with_notes(note_set, article)
    return page, markdown.markdown(page.split("---", 2)[2], extensions=EXTENSIONS), note_set


def test_notes_in_headline_boilerplate_and_across_paragraphs(project):
    folder = project / "seeds" / "notes"
    a003 = "seeds/003_16282a16f6079523.txt"
    _note_file(folder, "headline", a003, "After Electoral College Confirmation")
    _note_file(folder, "boilerplate", a003, "Support The Moscow Times!")
    _note_file(folder, "two-paragraphs", a003, "Contribute today\n\nPutin Congratulates")
    page, rendered, note_set = _rendered_article(project, a003)
    ids = set(re.findall(r'id="([^"]+)"', rendered))
    for name in ("headline", "boilerplate", "two-paragraphs"):
        assert f"note-{name}" in ids
    for target in re.findall(r'href="#([^"]+)"', rendered):
        assert target in ids, f"link to a missing anchor #{target}"
    headline = by_file(note_set, "seeds/notes/headline.md")
    article = note_set.articles[headline.article]
    assert article.paragraph_at(headline.anchor.start).kind == "headline"
    assert 'id="mark-headline"' not in rendered  # shown as the title: its back link goes to the title
    assert '<a href="#p-' in page.split('id="note-headline"', 1)[1].split("</div>", 1)[0]
    assert rendered.count('id="mark-boilerplate"') == 1  # highlighted inside the collapsed block
    assert rendered.count("<mark") == rendered.count("</mark>")


def test_overlapping_and_nested_passages_keep_markup_balanced(project):
    folder = project / "seeds" / "notes"
    a002 = "seeds/002_438d2bf8bcbd74dd.txt"
    _note_file(folder, "outer", a002, "just like the alleged attempt with Serbia's Navalny")
    _note_file(folder, "crossing", a002, "Serbia's Navalny, or activities in Syria")
    _note_file(folder, "nested", a002, "alleged attempt")
    page, rendered, note_set = _rendered_article(project, a002)
    assert rendered.count("<mark") == rendered.count("</mark>")
    ids = set(re.findall(r'id="([^"]+)"', rendered))
    for name in ("outer", "crossing", "nested"):
        assert f"note-{name}" in ids and f'href="#note-{name}"' in rendered
    for target in re.findall(r'href="#([^"]+)"', rendered):
        assert target in ids, f"link to a missing anchor #{target}"


def test_hostile_front_matter_fields_stay_text(project):
    (project / "seeds" / "notes" / "hostile.md").write_text(
        '---\narticle: seeds/001_3b55a7257ded003e.txt\nkind: "<b>x</b>"\ntitle: "a\\n\\n</div><script>alert(1)</script>"\n'
        'author: "A\\n\\n# B"\ndate: 2026-12-01\ntags: ["<i>", "ok"]\nselector: {exact: "Vijay"}\n---\nThe body.\n',
        encoding="utf-8")
    page, rendered, note_set = _rendered_article(project, "seeds/001_3b55a7257ded003e.txt")
    assert "<script" not in rendered and "<b>" not in rendered and "<i>" not in rendered
    block = rendered.split('id="note-hostile"', 1)[1].split("</div>", 1)[0]
    assert "The body." in block  # the title's "</div>" did not close the box early
    assert "</div><script>alert(1)</script>" in html.unescape(block)  # it is shown as text
    assert by_file(note_set, "seeds/notes/hostile.md").author == "A # B"
