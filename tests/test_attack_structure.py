"""Attack (after #13): article text that turns into page structure (headings, ids, search).

An article page is HTML blocks between heading lines (`site/html.py`); under the MkDocs plugin,
`html.to_html` turns every line of the page that looks like `## Text { #id attrs }` into a
heading. Article text keeps its line breaks inside a paragraph, and `templating.tidy` splits the
page with `str.splitlines()`, which also breaks lines at CR, \\x0b, \\x0c, \\x1c-\\x1e, \\x85,
U+2028 and U+2029 (CR line endings are kept on purpose). So a paragraph such as

    Joe Biden answered<CR>## Injected { #notes data-search-exclude }<CR>and more.

puts `<h2 id="notes" data-search-exclude>Injected</h2>` into the article page: a heading the
article does not have, in the table of contents, with an id that the page's own "Notes" section
uses (the notes' ↩ links and the notes index land on it), and `data-search-exclude`, which
takes the rest of the article out of the search index. The text is not shown as written.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dossier import build, config
from dossier.site import html as site_html, search as site_search

SEPARATORS = {"CR": "\r", "FS": "\x1c", "RS": "\x1e", "NEL": "\x85", "LS": "\u2028", "VT": "\x0b"}


def _article_html(tmp_path: Path, text: str) -> tuple[str, list]:
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - dossier:\n      input: seeds\n", encoding="utf-8")
    (root / "seeds" / "c.txt").write_text(text, encoding="utf-8", newline="")
    dossier = build.generate(config.load(root))
    (page,) = [v for k, v in dossier.outputs.items() if k.startswith("articles/") and not k.endswith("index.md")]
    rendered = site_html.to_html(page.split("---\n", 2)[2])
    return rendered.html, rendered.toc


@pytest.mark.parametrize("sep", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_article_text_never_becomes_a_heading(tmp_path, sep):
    text = (f"Story c\n\nVladimir Putin congratulated Joe Biden, the Kremlin in Moscow said. Joe Biden answered{sep}"
            f"## Injected {{ #notes data-search-exclude }}{sep}and more words that search must find.\n")
    page, toc = _article_html(tmp_path, text)
    assert not re.search(r"<h\d[^>]*>Injected", page), "article text made a heading"
    names = [t["name"] for t in toc] + [c["name"] for t in toc for c in t["children"]]
    assert "Injected" not in names
    entries = site_search.entries(page, "articles/x/", "Story c")
    assert any("search must find" in e["text"] for e in entries)
