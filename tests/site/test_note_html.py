"""Note bodies are untrusted Markdown rendered in isolation (dossier.site.untrusted.note_html).

The classes tested here, each in many forms of our own (issue #13, findings 1 and 2):
- a note defines something for the rest of the page: abbreviations, link references, footnotes,
  in any container Markdown has (list item, nested list, quote, table, indented, after text);
- a note puts text into an attribute that Material's tooltips render as HTML (link titles of
  every syntax, image titles);
- a note breaks the page around it (unclosed code fence, unclosed HTML, unbalanced markup);
- a note loads or runs anything (raw HTML, images, dangerous schemes in every spelling).
"""

from __future__ import annotations

import html
import itertools
import re
from html.parser import HTMLParser

import markdown
import pytest

from dossier.site import untrusted

# The extensions of the project's mkdocs.yml: the page around the note.
PAGE_EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "pymdownx.details", "pymdownx.superfences",
                   "tables", "toc", "footnotes"]

HTML_PAYLOADS = [
    "<img src=x onerror=alert(document.domain)>",
    "<svg/onload=alert(1)>",
    '"><script>alert(2)</script>',
    "<a href=javascript:alert(3)>x</a>",
    "&lt;img src=x onerror=alert(4)&gt;",
    "&#60;img src=x onerror=alert(5)&#62;",
    "<details open ontoggle=alert(6)>",
]

# Markdown that defines something for the whole page, or puts text in a title attribute.
DEFINERS = [
    "*[Biden]: {p}",
    "*[Biden Harris]: {p}",
    "*[ Biden ]:{p}",
    "[r]: https://example.org/ ({p})",
    '[r]: https://example.org/ "{p}"',
    "[r]: https://example.org/ '{p}'",
    '[r]: <https://example.org/> "{p}"',
    "[r]:\n    https://example.org/\n    ({p})",
    '[see](https://example.org/ "{p}")',
    "[see](<https://example.org/> '{p}')",
    "[see](#p-1 ({p}))",
    '![pic](https://example.org/a.png "{p}")',
    "[^1]: {p}",
    "[see][r]\n\n[r]: #x ({p})",
]

# Where the definition stands in the note.
CONTAINERS = [
    "{d}",
    "- {d}",
    "* item\n    * {d}",
    "1. {d}",
    "> {d}",
    "> - {d}",
    "   {d}",
    "Some text first.\n\n{d}",
    "| a | b |\n|---|---|\n| {d} | x |",
    "- item\n\n    {d}",
]


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag


def elements(fragment: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(fragment)
    parser.close()
    return parser.found


def assert_inert(fragment: str) -> None:
    for tag, attrs in elements(fragment):
        assert tag in untrusted.ALLOWED_TAGS | {"div"}, (tag, fragment)
        for name, value in attrs.items():
            assert name in ("href", "rel", "class"), (name, fragment)
            if name == "class":
                assert tag == "div" and value == "dossier-note-body", fragment
            if name == "href":
                address = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
                scheme = re.match(r"^([a-z][a-z0-9+.-]*):", address)
                assert scheme is None or scheme.group(1) in ("http", "https", "mailto"), fragment


@pytest.mark.parametrize("container,definer", list(itertools.product(CONTAINERS, DEFINERS)))
def test_no_form_of_definition_or_title_survives_in_a_note(container, definer):
    for payload in HTML_PAYLOADS[:3]:
        body = container.format(d=definer.format(p=payload))
        out = untrusted.note_html(body)
        assert_inert(out)
        assert "title=" not in out and "<abbr" not in out


@pytest.mark.parametrize("payload", HTML_PAYLOADS)
@pytest.mark.parametrize("definer", DEFINERS)
def test_a_note_defines_nothing_for_the_page_around_it(definer, payload):
    """The note inside a page rendered with the page's own extensions: the article's "Biden"
    gets no abbreviation, no link title anywhere holds markup, and the page's own text after the
    note is still rendered."""
    note = untrusted.note_html("- " + definer.format(p=payload) + "\n\nBiden [r] [see][r] [^1]")
    page = (f"Biden spoke in Washington. See [r] and [^1].\n\n"
            f'<div class="admonition note" markdown>\n<p class="admonition-title">Note</p>\n\n{note}\n\n</div>\n\n'
            f"Later, Biden *spoke* again.\n")
    rendered = markdown.markdown(page, extensions=PAGE_EXTENSIONS)
    assert "<abbr" not in rendered
    for tag, attrs in elements(rendered):
        assert not any(k.startswith("on") for k in attrs), rendered
        assert "<" not in attrs.get("title", ""), rendered
        assert tag not in ("img", "svg", "script", "details", "sup"), rendered
    assert "<em>spoke</em>" in rendered  # the page after the note is intact


@pytest.mark.parametrize("breaker", [
    "```\nunclosed fence",
    "~~~python\nunclosed tilde fence",
    "<div>\nunclosed html",
    "<!-- unclosed comment",
    "<pre>",
    "    indented code\n\n    more",
    "*unbalanced **emphasis",
    "[unclosed link(",
    "</div></div></div>",
    "{: .x }\n\n</div>\n\n# injected heading",
])
def test_a_note_cannot_break_the_page_around_it(breaker):
    note = untrusted.note_html(breaker)
    assert_inert(note)
    page = (f'Before.\n\n<div class="admonition note" markdown>\n<p class="admonition-title">N</p>\n\n{note}\n\n</div>\n\n'
            f"## After {{ #after }}\n\nThe *rest* of the page.\n")
    rendered = markdown.markdown(page, extensions=PAGE_EXTENSIONS)
    assert '<h2 id="after">After' in rendered and "<em>rest</em>" in rendered, rendered
    assert "injected heading" not in re.sub(r"<p>.*?</p>", "", rendered, flags=re.S) or "<h1" not in rendered


def test_each_note_keeps_its_reference_definitions_to_itself():
    first = untrusted.note_html("See [the source][src].\n\n[src]: https://first.example/")
    second = untrusted.note_html("Also [the source][src].")
    assert 'href="https://first.example/"' in first
    assert "href" not in second and "&#91;the source&#93;" in second


@pytest.mark.parametrize("body", [
    "[x](javascript:alert(1))", "[x](JaVa\tScRiPt:alert(1))", "[x](javascript&#58;alert(1))",
    "[x](java&#x73;cript:alert(1))", "[x](&#106;avascript:alert(1))", "[x][r]\n\n[r]: javascript:alert(1)",
    "[x](<data:text/html,<script>alert(1)</script>>)", "[x](vbscript:msgbox(1))", "<javascript:alert(1)>",
    "[x]( javascript:alert(1) )", "[x](file:///etc/passwd)", "[x](jav\u0000ascript:alert(1))",
])
def test_dangerous_link_targets_lose_their_address_but_keep_their_text(body):
    out = untrusted.note_html(body)
    assert_inert(out)
    assert re.sub(r"<[^>]+>", "", out).strip()  # the text is still shown


@pytest.mark.parametrize("body", [
    "![pixel](http://127.0.0.2/pixel.gif)", "![pixel](//127.0.0.2/p.gif)", "![](https://example.org/a.png)",
    '<img src="http://127.0.0.2/p.gif">', "![a][img]\n\n[img]: http://127.0.0.2/x.png",
])
def test_images_become_links_and_load_nothing(body):
    out = untrusted.note_html(body)
    assert_inert(out)
    assert "<img" not in out


@pytest.mark.parametrize("body", HTML_PAYLOADS + [
    "<script>alert(1)</script>", "<style>@import 'http://x/y.css';</style>", "<iframe src=//x></iframe>",
    "<div markdown=1 onclick=alert(1)>*x*</div>", "Para {: onmouseover=alert(1) }", "<b onclick=alert(1)>b</b>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "<x onclick=alert(1)>click",
])
def test_raw_html_is_shown_as_text(body):
    out = untrusted.note_html(body)
    assert_inert(out)
    shown = html.unescape(re.sub(r"<[^>]+>", "", out))
    if "<" in body and not body.startswith("&"):
        assert "<" in shown  # shown as written, not silently dropped


def test_ordinary_markdown_still_works():
    out = untrusted.note_html("**Russian**, not *Serbian*: see [AP](https://apnews.com/x) & `code`\n\n"
                              "- one\n- two\n\n> quoted\n\n```\nblock\n\nwith a blank line\n```")
    for tag in ("<strong>", "<em>", "<code>", "<ul>", "<li>", "<blockquote>", "<pre>"):
        assert tag in out, (tag, out)
    assert '<a href="https://apnews.com/x"' in out and "&amp;" in out
    assert "\n\n" not in out and "blank line" in out
    shown = html.unescape(re.sub(r"<[^>]+>", "", out))
    assert "Russian, not Serbian: see AP & code" in shown


def test_headings_in_a_note_do_not_enter_the_page_outline():
    out = untrusted.note_html("# Background\n\nText.\n\n### More")
    assert "<h1" not in out and "<h3" not in out
    assert "<strong>Background</strong>" in out


def test_control_characters_and_huge_bodies():
    assert untrusted.note_html("") == "" and untrusted.note_html(" \n\n ") == ""
    out = untrusted.note_html("a\x00b\x1bc\x7fd")
    assert "\x00" not in out and "\x1b" not in out
    big = untrusted.note_html("word " * 50_000)
    assert big.count("word") <= untrusted.MAX_BODY // 5 + 1 and "longer than a page can show" in big


@pytest.mark.parametrize("body", [
    ":smile: checked", ":fontawesome-brands-twitter: source", "Seen :material-alert: here :+1:",
    "![x](https://cdn.jsdelivr.net/gh/twitter/twemoji/assets/svg/1f604.svg)",
    '<img src="https://cdn.jsdelivr.net/x.png">', "![](//cdn.example.org/x.png)",
])
def test_a_note_loads_nothing_from_elsewhere_whatever_extensions_the_site_enables(body):
    """A site may enable pymdownx.emoji (shortcodes as CDN images); a note is converted by its
    own Markdown instance, so a shortcode stays text and no note makes an element that loads."""
    out = untrusted.note_html(body)
    assert "<img" not in out and "<svg" not in out and "src=" not in out
    shown = html.unescape(re.sub(r"<[^>]+>", "", out))
    assert body.split()[0].strip("!<[]()") in shown.replace("\n", " ") or "href" in out  # kept as text or a link
