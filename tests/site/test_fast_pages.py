"""The article and entity pages' fast route (issue #17): what the MkDocs plugin makes without a
Markdown pass equals what a Markdown renderer makes of the same file, the search entries equal
Material's, and the HTML nests whatever the links and highlights."""

from __future__ import annotations

import html as html_module
import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser

from dossier import build, config
from dossier.model import Article, Paragraph
from dossier.link import Link
from dossier.site import html as site_html, search
from dossier.site.article_page import paragraph_html
from dossier.site.inputs import EntityRef
from dossier.site.registry import Highlight

from conftest import copy_project

EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "pymdownx.details", "pymdownx.superfences",
              "tables", "toc"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("fast") / "project")
    dossier = build.generate(config.load(root))
    pages = {path: text for path, text in dossier.outputs.items()
             if path.startswith(("articles/", "entities/", "compare", "outlets/", "notes/review")) and "render: html" in text}
    assert len(pages) > 10
    return pages


def _body(page: str) -> str:
    return page.split("---\n", 2)[2]


def _material_entries(content: str, url: str, title: str) -> list[dict]:
    """What Material's search plugin makes of a page (its parser, its section rules)."""
    parser = Parser()
    parser.feed(content)
    parser.close()
    found = []
    for section in parser.data:
        if section.is_excluded():
            continue
        location = url + ("#" + section.id if section.id else "")
        found.append({"location": location, "title": "".join(section.title).strip() or title,
                      "text": "".join(section.text).strip()})
    return found


def test_fast_html_is_what_markdown_makes_of_the_same_file(generated):
    for path, page in generated.items():
        fast = site_html.to_html(_body(page), permalink=True)
        slow = markdown.markdown(_body(page), extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})

        def norm(text: str) -> str:
            text = re.sub(r"\s+", " ", text)
            # Python-Markdown orders a heading's attributes its own way
            text = re.sub(r'<(h\d) ([^>]*)>', lambda m: f"<{m.group(1)} {' '.join(sorted(m.group(2).split()))}>", text)
            return html_module.unescape(text).strip()

        assert norm(fast.html) == norm(slow), path
        ids = [t["id"] for t in fast.toc] + [c["id"] for t in fast.toc for c in t["children"]]
        assert ids and all(f'id="{i}"' in fast.html for i in ids)


def test_search_entries_are_materials(generated):
    for path, page in generated.items():
        content = site_html.to_html(_body(page), permalink=True).html
        url = path[:-3] + "/"
        assert search.entries(content, url, "T") == _material_entries(content, url, "T"), path


class _Nesting(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


@settings(max_examples=300)
@given(st.data())
def test_links_and_highlights_always_nest(data):
    text = "Vladimir Putin met Joe Biden and Alexey Navalny in Moscow on Monday."
    article = Article("a", "a.txt", text, "t", False, None, None, (Paragraph(1, 0, len(text), "body"),))
    spans = []
    for _ in range(data.draw(st.integers(0, 4))):
        start = data.draw(st.integers(0, len(text) - 1))
        spans.append((start, data.draw(st.integers(start + 1, len(text)))))
    links = []
    for _ in range(data.draw(st.integers(0, 4))):
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        if not any(s < end and start < e for s, e in [(l.start, l.end) for l in links]):
            links.append(Link(start, end, "e"))
    # Highlights as notes make them: nested or disjoint (site/notes.py clips overlaps).
    marks = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if marks and start < marks[-1][1] and not end <= marks[-1][1]:
            continue
        marks.append((start, end))
    highlights = [Highlight(s, e, "<mark>", "</mark><sup>1</sup>") for s, e in marks]
    entity = EntityRef("e", "Putin", "person", None, 2)
    out = paragraph_html(article, article.paragraphs[0], sorted(links, key=lambda l: l.start), {"e": entity}, highlights)
    checker = _Nesting()
    checker.feed(f"<p>{out}</p>")
    assert not checker.errors and not checker.stack, out
    assert html_module.unescape(re.sub(r"<sup>1</sup>", "", re.sub(r"<[^>]+>", "", re.sub(r"<sup>1</sup>", "", out)))) == text


def test_a_highlight_and_a_link_on_the_same_words_nest():
    text = "Congratulations to Vijay and Kamala."
    article = Article("a", "a.txt", text, "t", False, None, None, (Paragraph(1, 0, len(text), "body"),))
    start = text.index("Vijay")
    out = paragraph_html(article, article.paragraphs[0], [Link(start, start + 5, "e")],
                         {"e": EntityRef("e", "Joe Biden", "person", None, 3)},
                         [Highlight(start, start + 5, '<mark id="m">', "</mark><sup>1</sup>")])
    assert '<mark id="m"><a href="../../entities/e/" title="Person · 3 articles">Vijay</a></mark><sup>1</sup>' in out


@pytest.mark.parametrize("directory_urls,source,target,expected", [
    (True, "articles/a.md", "entities/b.md", "../../entities/b/"),
    (True, "entities/b.md", "articles/a.md", "../../articles/a/"),
    (True, "articles/a.md", "notes/unanchored.md", "../../notes/unanchored/"),
    (True, "articles/a.md", "notes/index.md", "../../notes/"),
    (True, "compare.md", "articles/a.md", "../articles/a/"),
    (False, "articles/a.md", "entities/b.md", "../entities/b.html"),
    (False, "compare.md", "articles/a.md", "articles/a.html"),
])
def test_links_are_the_urls_mkdocs_would_make(directory_urls, source, target, expected):
    assert site_html.Urls(directory_urls).link(source, target) == expected


def test_no_line_of_article_text_becomes_a_heading_in_either_route(tmp_path):
    """A line of input text written like a heading line (`## x { #id }`), after a soft line
    break or any character that ends a line somewhere, stays text in both routes."""
    root = copy_project(tmp_path / "project")
    lines = ["\n", "\r", "\r\n", "\u2028", "\x85", "\x1e"]
    body = "".join(f"Putin answered.{sep}## Injected {i} {{ #notes data-search-exclude }}{sep}Biden said more. "
                   for i, sep in enumerate(lines))
    (root / "seeds" / "z-injected.txt").write_text(f"Injected\n\n{body}\n", encoding="utf-8", newline="")
    outputs = build.generate(config.load(root)).outputs
    page = next(text for path, text in outputs.items() if path.startswith("articles/z") or "Injected 0" in text
                and path.startswith("articles/"))
    fast = site_html.to_html(_body(page), permalink=True)
    slow = markdown.markdown(_body(page), extensions=EXTENSIONS)
    for rendered in (fast.html, slow):
        assert "Injected 0" in html_module.unescape(rendered)
        assert not re.search(r"<h\d[^>]*>[^<]*Injected \d", rendered), rendered
    assert not any("Injected " in t["name"] for t in fast.toc)
