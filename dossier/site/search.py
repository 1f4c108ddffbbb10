"""Search entries for the pages the dossier renders itself.

Material's search plugin parses every page's HTML again (with Python's HTMLParser) to cut it
into sections, one per heading with an id, dropping what is marked `data-search-exclude` (and the
whole section of an excluded heading), keeping a few tags (paragraphs, lists, code, sub- and
superscripts) and escaping the text. For the article and entity pages this module makes the same
entries from the same HTML with one regular-expression pass over its tags: the HTML is the
dossier's own and well formed, so no general parser is needed. The plugin gives these entries to
the search index instead of letting it parse the page, and keeps them between the builds of
`mkdocs serve --dirty`, so that the index stays whole when only some pages are rendered again.
`tests/site/test_search_entries.py` checks that they equal Material's on real pages.
"""

from __future__ import annotations

import html
import re

KEEP = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s[^>]*)?)/?>")
_ID = re.compile(r'\bid="([^"]*)"')
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col", "embed", "param", "track"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _Section:
    __slots__ = ("id", "title", "text", "excluded")

    def __init__(self, ident: str | None, excluded: bool = False):
        self.id, self.title, self.text, self.excluded = ident, [], [], excluded


def entries(content: str, url: str, page_title: str) -> list[dict]:
    """The search entries of a page's HTML: [{"location", "title", "text"}], one per section,
    as Material's search plugin makes them."""
    sections: list[_Section] = []
    section: _Section | None = None
    heading_open = False
    permalink = False
    skip: list[str] = []  # names of the excluded elements we are inside, innermost last
    in_pre = 0
    pos = 0

    def data(text: str) -> None:
        nonlocal section
        if not text:
            return
        if not in_pre:
            text = text.replace("\n", " ") if not text.isspace() else " "
        if section is None:
            section = _Section(None)
            sections.append(section)
        if heading_open:
            if not permalink:
                section.title.append(html.escape(text, quote=False))
        elif text.isspace():
            if not section.text or not section.text[-1].isspace() or in_pre:
                section.text.append(text)
        else:
            section.text.append(html.escape(text, quote=False))

    for match in _TAG.finditer(content):
        if not skip:
            data(html.unescape(content[pos:match.start()]))
        pos = match.end()
        closing, tag, attributes = match.group(1), match.group(2).lower(), match.group(3)
        if tag in _VOID:
            continue
        if skip:
            if closing and tag == skip[-1]:
                skip.pop()
            elif not closing and tag == skip[-1]:
                skip.append(tag)
            continue
        if closing:
            if tag in _HEADINGS and heading_open:
                heading_open = False
            elif tag == "a" and permalink:
                permalink = False
            elif tag == "pre":
                in_pre = max(0, in_pre - 1)
            if tag in KEEP and section is not None and not heading_open:
                _close(section.text, tag)
            continue
        if tag in _HEADINGS:
            ident = _ID.search(attributes)
            if ident:
                section = _Section(ident.group(1) if sections else None, "data-search-exclude" in attributes)
                sections.append(section)
                heading_open = True
                continue
        if section is None:
            section = _Section(None)
            sections.append(section)
        if "data-search-exclude" in attributes:
            skip.append(tag)
            continue
        if tag == "a" and heading_open and 'class="headerlink"' in attributes:
            permalink = True
        if tag == "pre":
            in_pre += 1
        if tag in KEEP and not heading_open:
            section.text.append(f"<{tag}>")
    if not skip:
        data(html.unescape(content[pos:]))
    result = []
    for s in sections:
        if s.excluded:
            continue
        location = f"{url}#{s.id}" if s.id else url
        result.append({"location": location, "title": "".join(s.title).strip() or page_title,
                       "text": "".join(s.text).strip()})
    return result


def _close(pieces: list[str], tag: str) -> None:
    """Close a kept element, or drop it when nothing but white space was written in it."""
    opening = f"<{tag}>"
    try:
        index = len(pieces) - 1 - pieces[::-1].index(opening)
    except ValueError:
        return
    if all(p.isspace() for p in pieces[index + 1:]):
        del pieces[index:]
    else:
        pieces.append(f"</{tag}>")
