"""Pages written as HTML blocks between Markdown headings, and the fast route from them to HTML.

The article and entity pages (nearly all of a dossier's pages) are written by `dossier build` as
Markdown files whose body is made of two kinds of lines only:

- heading lines, always in the form `## Text { #id }` (with `data-search-exclude` or not), so
  that any Markdown renderer (MkDocs, Zensical) builds the page's table of contents from them;
- raw HTML blocks, separated by blank lines and with no blank line inside, which Markdown
  renderers pass through untouched. Every text in them is HTML-escaped, and every link is the
  final relative URL of its target (computed here, as MkDocs would for a `.md` link).

Under the MkDocs plugin the same file needs no Markdown parsing at all: `to_html` turns the
heading lines into the headings Python-Markdown's `toc` extension would make (id, permalink)
and leaves the blocks as they are, and returns the table of contents. That is what makes the
plugin's render of a large dossier several times faster, with the same content as the Markdown
route by construction.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import markup

# A heading line as the templates write it: level, text (Markdown-escaped), id, attributes.
HEADING = re.compile(r"^(#{1,6}) (.*?) \{ #([A-Za-z0-9_-]+)((?: [a-z-]+)*) \}$", re.M)
# The same with the line break before it (the body is given one in front and one at the end): a pattern that
# starts with a literal is searched for at C speed, where `^` with re.M would be tried at every
# character (several seconds at 10,000 articles).
_HEADING_LINE = re.compile(r"\n(#{1,6}) (.*?) \{ #([A-Za-z0-9_-]+)((?: [a-z-]+)*) \}(?=\n)")
_BLANK_RUN = re.compile(r"\n[ \t]*(?=\n)")
_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


# Characters that end a line somewhere (Python's splitlines, Python-Markdown, browsers' CR):
# inside a block they become "\n", so no renderer sees a line the dossier did not write.
_SEPARATORS = re.compile("\r\n?|[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _inert(escaped: str) -> str:
    # "#" as a reference: no line of input text can be a heading line (`## x { #id }`), for
    # the plugin's `to_html` or for a Markdown renderer.
    return escaped.replace("#", "&#35;")


def text(value: str) -> str:
    """Untrusted text inside an HTML block: escaped, one kind of line break, never a blank line
    (which would end the raw HTML block in the Markdown route) and never a heading line."""
    return _BLANK_RUN.sub("", _inert(html.escape(_SEPARATORS.sub("\n", value), quote=False)))


def one_line(value: str) -> str:
    """Untrusted text for a table cell, list item or title: escaped and on one line."""
    return _inert(html.escape(_LINE_BREAKS.sub(" ", value), quote=False))


def attribute(value: str) -> str:
    """Untrusted text in a double-quoted attribute. A `title` is inserted by Material's tooltips
    into the page as HTML: use `tooltip_attribute` for those."""
    return html.escape(_LINE_BREAKS.sub(" ", value), quote=True)


def tooltip_attribute(value: str) -> str:
    """Text for a `title` attribute that Material's tooltips turn into HTML: escaped twice, so
    the browser's attribute value is itself escaped text (`&lt;`, never `<`)."""
    return markup.link_title(value)


def heading(level: int, title: str, ident: str, search: bool = True) -> str:
    """A heading line (see the module docstring): Markdown-escaped text and an explicit id."""
    attributes = "" if search else " data-search-exclude"
    return f"{'#' * level} {markup.text(_LINE_BREAKS.sub(' ', title))} {{ #{ident}{attributes} }}"


@dataclass(frozen=True)
class Urls:
    """Final relative URLs between generated pages, as MkDocs makes them from `.md` links."""

    directory_urls: bool = True

    @lru_cache(maxsize=65_536)
    def page(self, rel: str) -> str:
        """The URL (from the site root) of a docs-relative file: "articles/x.md" -> "articles/x/"."""
        if not rel.endswith(".md"):
            return rel
        stem = rel[:-3]
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index":
            return ""
        return (stem[: -len("index")] if stem.endswith("/index") else stem + "/")

    @lru_cache(maxsize=65_536)
    def _up(self, source: str) -> str:
        """The way from a page's URL up to the site root ("../../" from "articles/x/")."""
        return "../" * self.page(source).count("/")

    def link(self, source: str, target: str, anchor: str = "") -> str:
        """The relative URL from the page of `source` to `target` (both docs-relative paths), as
        MkDocs makes it from a `.md` link (through the site root: pages link across folders)."""
        url = self._up(source) + self.page(target)
        if not url:
            url = "./"
        return f"{url}#{anchor}" if anchor else url


@dataclass
class Rendered:
    html: str
    toc: list[dict] = field(default_factory=list)  # Python-Markdown toc tokens: level, id, name, children


def to_html(body: str, permalink: str | bool = True, permalink_title: str = "Permanent link") -> Rendered:
    """The HTML and table of contents of a page body written as this module describes."""
    tokens: list[dict] = []

    def replace(match: re.Match) -> str:
        level, title, ident, attributes = len(match.group(1)), match.group(2), match.group(3), match.group(4)
        extra = "".join(f" {a}" for a in attributes.split())
        link = ""
        if permalink:
            symbol = "&para;" if permalink is True else html.escape(str(permalink))
            link = f'<a class="headerlink" href="#{ident}" title="{html.escape(permalink_title)}">{symbol}</a>'
        tokens.append({"level": level, "id": ident, "name": title, "html": title, "children": []})
        return f'\n<h{level} id="{ident}"{extra}>{title}{link}</h{level}>'

    rendered = _HEADING_LINE.sub(replace, f"\n{body.strip()}\n")[1:-1]
    return Rendered(rendered, _nest(tokens))


def _nest(flat: list[dict]) -> list[dict]:
    """Flat heading tokens nested by level, as Python-Markdown's toc extension nests them."""
    root: list[dict] = []
    stack: list[dict] = []
    for token in flat:
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root
