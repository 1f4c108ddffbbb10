"""The plugin's fast scans give what the plain regular expressions give (#17: `to_html` finds
heading lines by a literal-first pattern, and the anchor ids by a literal-first search): several
forms of page body, on the edges of the text and between blocks."""

from __future__ import annotations

import html
import re

import pytest

from dossier.mkdocs_plugin import _anchor_ids
from dossier.site import html as site_html

BODIES = [
    "## Overview { #overview }",
    "## First { #first }\n\n<p>text</p>\n\n## Last { #last }",
    "<p>before</p>\n\n### Deep { #deep data-search-exclude }\n<p>no blank line after</p>",
    "## One { #one }\n## Two { #two }\n### Three { #three }\n#### Four { #four }",
    "<p>a line that ends like a heading { #not-one }</p>\n\n<p>&#35;# not a heading { #x }</p>",
    "\n\n  ## Indented is not a heading { #indented }\n\n## Real { #real }\n\n",
    "<p>café — “quotes” ¶</p>\n\n###### Six { #six }\n",
    "",
]


def _reference(body: str, permalink, title: str) -> tuple[str, list]:
    """Python-Markdown-style headings by the `^`/`$` pattern with re.M, as before."""
    tokens = []

    def replace(match):
        level, text, ident, attributes = len(match.group(1)), match.group(2), match.group(3), match.group(4)
        extra = "".join(f" {a}" for a in attributes.split())
        link = ""
        if permalink:
            symbol = "&para;" if permalink is True else html.escape(str(permalink))
            link = f'<a class="headerlink" href="#{ident}" title="{html.escape(title)}">{symbol}</a>'
        tokens.append({"level": level, "id": ident, "name": text, "html": text, "children": []})
        return f'<h{level} id="{ident}"{extra}>{text}{link}</h{level}>'

    return site_html.HEADING.sub(replace, body.strip()), site_html._nest(tokens)


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("permalink", [True, False, "#"])
def test_to_html_finds_the_same_headings_as_the_line_pattern(body, permalink):
    rendered = site_html.to_html(body, permalink, "Link here")
    assert (rendered.html, rendered.toc) == _reference(body, permalink, "Link here")


def test_a_heading_on_the_first_and_the_last_line_is_made():
    rendered = site_html.to_html("## A { #a }\n<p>x</p>\n## B { #b }")
    assert rendered.html.startswith('<h2 id="a">') and rendered.html.endswith("</h2>")
    assert [t["id"] for t in rendered.toc] == ["a", "b"]


@pytest.mark.parametrize("text", [
    '<p id="p-1">x</p><h2 id="b">y</h2>',
    'id="start"> at the very start',
    '<div data-id="kept-as-before" xid="not" _id="not" Bid="not"></div>',
    '<a id="" href="#x">empty ids are not anchors</a><span\nid="after-newline">',
    '<p>id="in text after a space"</p><p>(id="after a bracket")</p>',
])
def test_anchor_ids_are_what_the_word_boundary_pattern_finds(text):
    assert _anchor_ids(text) == set(re.findall(r'\bid="([^"]+)"', text))
