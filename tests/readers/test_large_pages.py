"""A saved page too large for the extractor is read in linear time, block by block, with a
warning (issue #13 finding 9: "HTML with 100,000 <p>" took 128 s in trafilatura, whose XPath
`//p//text()` costs the square of the nodes it finds; a paragraph of thousands of links or spans
costs as much). Time itself is measured by benchmarks/shapes.py; these tests check behaviour."""

from __future__ import annotations

import pytest

from dossier.readers import read_file
from dossier.readers.formats.saved_html import MAX_EXTRACTED_ELEMENTS

N = MAX_EXTRACTED_ELEMENTS + 500
HEAD = ("<head><title>The Long Page</title><meta property='og:site_name' content='Long Times'>"
        "<style>p { color: red }</style><script>var secret = 'script text';</script></head>")

SHAPES = {
    "paragraphs": "".join(f"<p>Paragraph {i} of a long page.</p>" for i in range(N)),
    "links in one paragraph": "<p>" + "".join(f"<a href='/x{i}'>link {i}</a> and " for i in range(N)) + "end.</p>",
    "spans in one paragraph": "<p>" + "".join(f"<span>word{i}</span> " for i in range(N)) + "end.</p>",
    "table rows": "<table>" + "".join(f"<tr><td>Cell {i}</td><td>value</td></tr>" for i in range(N // 2)) + "</table>",
    "list items": "<ul>" + "".join(f"<li>Item {i} of a list</li>" for i in range(N)) + "</ul>",
    "lines": "<p>" + "".join(f"Line {i} of a poem<br>" for i in range(N)) + "</p>",
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_a_page_over_the_limit_is_read_block_by_block_with_a_warning(tmp_path, shape):
    body = SHAPES[shape]
    html = (f"<!doctype html><html lang='en'>{HEAD}<body><nav><a href='/'>Home</a></nav><article>"
            f"<!-- a comment, not text --><h1>The Long Page</h1>{body}"
            f"<script>document.write('more script text')</script><svg><text>svg text</text></svg>"
            f"</article><p>Tail <b>bold</b> end.</p></body></html>")
    (tmp_path / "long.html").write_text(html, encoding="utf-8")
    loaded = read_file(tmp_path / "long.html", tmp_path)
    article = loaded.article
    assert article is not None, loaded.problems
    (warning,) = [p for p in loaded.problems if "block by block" in p.message]
    assert warning.severity == "warning" and f"{MAX_EXTRACTED_ELEMENTS:,}" in warning.message
    text = article.text
    for hidden in ("script text", "color: red", "svg text", "a comment"):
        assert hidden not in text
    assert article.title == "The Long Page" and article.source == "Long Times"
    assert "Tail bold end." in text.splitlines()
    last = N - 1
    expected = {"paragraphs": f"Paragraph {last} of a long page.", "links in one paragraph": f"link {last} and",
                "spans in one paragraph": f"word{last} end.", "table rows": f"Cell {N // 2 - 1}",
                "list items": f"Item {last} of a list", "lines": f"Line {last} of a poem"}[shape]
    assert expected in text
    if shape in ("paragraphs", "list items", "lines"):
        assert len(article.paragraphs) >= N  # one paragraph per block, as the extractor gives them


def test_a_page_under_the_limit_still_goes_through_the_extractor(tmp_path):
    body = "".join(f"<p>Paragraph {i} says something about Moscow and Berlin.</p>" for i in range(200))
    html = (f"<!doctype html><html>{HEAD}<body><nav>" + "".join(f"<a href='/s{i}'>Section {i}</a>" for i in range(50))
            + f"</nav><article><h1>The Long Page</h1>{body}</article></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    loaded = read_file(tmp_path / "page.html", tmp_path)
    assert not [p for p in loaded.problems if "block by block" in p.message]
    assert "Section 7" not in loaded.article.text  # the extractor removed the menu
