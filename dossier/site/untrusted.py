"""Markdown written by a user (note bodies), rendered to HTML that cannot run script.

A note body is Markdown, but it is never pasted into a page's Markdown: a page-level Markdown
parser would let it define abbreviations (`*[Biden]: <img …>`), link references or raw HTML for
the whole page, and an unclosed code fence would swallow the rest of the page. Instead:

1. each body is converted by its own Markdown instance (reset for every body, so its reference
   definitions stay in it), with raw HTML switched off and no extension that defines anything
   for the page (no abbr, no attr_list, no md_in_html, no snippets);
2. images become links to the image (a note cannot make a reader's browser load anything);
   headings become bold paragraphs (a note cannot add to the page's outline);
3. the HTML is cleaned by nh3 (Rust's ammonia) with a strict allow-list: a few text tags, and
   one attribute, `href`, limited to http, https, mailto and relative addresses. No `title`
   attribute survives, so nothing a note says can reach Material's tooltips, which insert a
   title into the page as HTML;
4. every punctuation mark that starts a Markdown construct becomes a character reference, so
   even a page renderer that parses the block as Markdown again finds nothing to interpret.

The result is one raw HTML block, wrapped in `<div class="dossier-note-body">`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from functools import lru_cache

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {"p", "br", "em", "strong", "b", "i", "code", "pre", "ul", "ol", "li", "blockquote", "a", "hr",
                "table", "thead", "tbody", "tr", "th", "td", "del", "sub", "sup"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["fenced_code", "tables", "sane_lists"]
MAX_BODY = 100_000  # characters of a note body rendered; the rest is cut (and said so)


class _Inert(Treeprocessor):
    """Images become links to their address; headings become bold paragraphs."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img":
                    link = etree.Element("a", {"href": child.get("src", "")})
                    link.text = child.get("alt") or child.get("src") or "image"
                    link.tail = child.tail
                    parent.insert(list(parent).index(child), link)
                    parent.remove(child)
                elif child.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    child.tag = "p"
                    child.attrib.clear()
                    strong = etree.SubElement(child, "strong")
                    strong.text, child.text = child.text, None
                    for grandchild in list(child):
                        if grandchild is not strong:
                            child.remove(grandchild)
                            strong.append(grandchild)


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    # Raw HTML, block and inline, is text: `<b>` shows as "<b>".
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_Inert(md), "dossier-inert", 0)
    return md


_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def _only_allowed(tag: str, attribute: str, value: str) -> str | None:
    # ammonia keeps `lang` and `title` on every tag unless told otherwise: a title is exactly
    # what Material's tooltips would insert as HTML.
    if attribute == "href":
        # ammonia reads "java script:" as a relative address; a browser drops tabs and line
        # breaks from a URL. Judge the scheme with every invisible character removed.
        scheme = _SCHEME.match(_INVISIBLE.sub("", value))
        if scheme and scheme.group(1).lower() not in URL_SCHEMES:
            return None
    if attribute in ALLOWED_ATTRIBUTES.get(tag, ()) or (tag, attribute) == ("a", "rel"):
        return value
    return None


# Text between tags: character references are kept; the punctuation that starts a Markdown
# construct (emphasis, links, abbreviations, code, attribute lists, headings, tables, emoji,
# mentions) becomes a reference. Sentence punctuation stays as written.
_PUNCTUATION = "*_[]!<>`\\#|{}:~=^@+"
_TEXT_PIECE = re.compile(r"(&#?\w+;)|([" + re.escape(_PUNCTUATION) + r"])")
_TAG = re.compile(r"(<[^>]*>)")


def _inert_text(html: str) -> str:
    pieces = _TAG.split(html)
    for i in range(0, len(pieces), 2):  # even pieces are text, odd ones tags
        pieces[i] = _TEXT_PIECE.sub(lambda m: m.group(1) or f"&#{ord(m.group(2))};", pieces[i])
    return "".join(pieces)


def note_html(body: str) -> str:
    """A note body (untrusted Markdown) as a safe HTML block, or "" when it is empty."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(c if c in "\n\t" or (ord(c) >= 0x20 and ord(c) != 0x7F) else " " for c in text)
    cut = len(text) > MAX_BODY
    text = text[:MAX_BODY]
    if not text.strip():
        return ""
    md = _converter()
    try:
        rendered = md.reset().convert(text)
    finally:
        md.reset()
    if cut:
        rendered += "<p><em>(The rest of this note is longer than a page can show; it is in its file.)</em></p>"
    clean = nh3.clean(rendered, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                      link_rel="noopener noreferrer nofollow", strip_comments=True,
                      attribute_filter=_only_allowed)
    # No blank line inside the block (one could end a raw HTML block of the page): a line break
    # followed by a blank line becomes a character reference, the same text inside <pre>.
    clean = re.sub(r"\n(?=[ \t]*\n)", "&#10;", clean.strip())
    return f'<div class="dossier-note-body">{_inert_text(clean)}</div>' if clean else ""
