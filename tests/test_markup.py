"""Untrusted text written into Markdown must display exactly as written and never become markup."""

from __future__ import annotations

import html
import re

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.site import markup

EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "pymdownx.details", "tables", "toc"]


def render(md_text: str) -> str:
    return markdown.markdown(md_text, extensions=EXTENSIONS)


def visible_text(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


HOSTILE = [
    "*bold* and _italic_ and **strong**",
    "# not a heading",
    "1. not a list",
    "- not a bullet",
    "> not a quote",
    "<b>bold</b> <script>alert(1)</script>",
    "[a](b) and ![img](javascript:alert(1))",
    "`code` and ```fence```",
    "&amp; stays &amp; and &lt;b&gt;",
    "??? note \"not a details block\"",
    "!!! warning \"not an admonition\"",
    "{: #injected .class onclick=alert(1) }",
    "| a | b |",
    "    four spaces are not code",
    "\\*escaped\\* backslashes",
    "<img src=x onerror=alert(1)>",
    "*[HTML]: not an abbreviation",
]


def test_hostile_lines_render_literally_as_one_paragraph():
    for line in HOSTILE:
        rendered = render(markup.text(line))
        tags = set(re.findall(r"</?([a-zA-Z0-9]+)", rendered))
        assert tags == {"p"}, (line, rendered)
        assert visible_text(rendered) == line.strip(), (line, rendered)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80))
def test_any_text_round_trips_through_markdown(value):
    value = value.strip()
    if not value:
        return
    rendered = render(markup.text(value))
    assert set(re.findall(r"</?([a-zA-Z0-9]+)", rendered)) <= {"p"}
    # Markdown folds runs of white space; the characters themselves all come through.
    assert visible_text(rendered).split() == value.split()


def test_link_title_cannot_break_out_of_the_attribute():
    title = 'He said "hi" <script>alert(1)</script>'
    rendered = render(markup.link("Putin", "x.md", title))
    assert rendered.count("<a ") == 1 and "<script" not in rendered
    # The value the browser reads is HTML-escaped text: Material's tooltips insert it as HTML.
    value = html.unescape(re.search(r'title="([^"]*)"', rendered).group(1))
    assert value == 'He said "hi" &lt;script&gt;alert(1)&lt;/script&gt;'
    assert html.unescape(value) == title


def test_yaml_string_round_trips():
    import yaml

    for value in ['A "quoted": title', "Putin’s #1: [x]", "multi\nline", "- not a list"]:
        assert yaml.safe_load(f"title: {markup.yaml_string(value)}")["title"] == value


@given(st.text(alphabet=st.characters(max_codepoint=0x3000), max_size=200))
def test_text_inline_replaces_exactly_the_table_characters(value):
    assert markup.text_inline(value) == value.translate(markup._ENTITY_TABLE)
