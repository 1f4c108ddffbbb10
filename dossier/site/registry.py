"""The two registries of the site layer: page kinds and section contributors.

A *page kind* makes a family of generated files (article pages, entity pages, the indexes,
dossier.json, the feeds...). It lists its pages as (path, record) pairs, where the record is
exactly what its renderer reads, and renders one record to the file's content. When a kind is
`stored`, its pages are kept between builds under the fingerprint of their record
(`cache.record_key`): a page is made again exactly when something it shows changed.

A *section contributor* adds to the pages of another kind without that kind knowing about it:
notes add highlights and a section to article pages, the comparison adds descriptor tables to
entity pages and, beside an article's paragraphs, *asides* (HTML blocks keyed by paragraph
anchor, placed right after the paragraph: what other articles share or quote of it), the
wiki-link snippets close both. Contributions become part of the page's record,
so they are part of its key too.

Adding a kind of page or a section means one module that registers itself here (and is
imported by `dossier/site/__init__.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from .inputs import SiteInputs


@dataclass(frozen=True)
class Highlight:
    """A span of an article decorated with markup that a contributor provides (notes)."""

    start: int
    end: int
    before: str  # Markdown/HTML placed before the span; must not contain input text unescaped
    after: str


@dataclass(frozen=True)
class Contribution:
    highlights: tuple[Highlight, ...] = ()
    section: str = ""  # Markdown, appended to the page's slot
    # HTML blocks placed right after one paragraph of an article page, by paragraph anchor
    # ("p-3"): what the comparison has to say beside that paragraph. Each must be one raw HTML
    # block (no blank line inside) with every input text escaped.
    asides: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Additions:
    """What the contributors give one page: highlights in its text and Markdown per slot."""

    highlights: tuple[Highlight, ...] = ()
    slots: tuple[tuple[str, str], ...] = ()
    asides: tuple[tuple[str, str], ...] = ()  # (paragraph anchor, HTML), in contributor order

    def slot(self, name: str) -> str:
        return next((text for slot, text in self.slots if slot == name), "")

    def aside(self, anchor: str) -> str:
        """The HTML placed after the paragraph `anchor` (every contributor's, in order)."""
        return "\n".join(html for at, html in self.asides if at == anchor)


@dataclass(frozen=True)
class Contributor:
    page: str  # the page kind it adds to: "article" | "entity"
    name: str
    order: int  # sections of one slot appear in this order
    slot: str  # where the page template puts it: "sections" (the end) | "descriptors" (entity pages)
    contribute: Callable[[SiteInputs, Any], dict[str, Contribution]]  # (site, cache) -> page id -> contribution


@dataclass(frozen=True)
class PageKind:
    name: str
    order: int  # kinds run in this order; a later kind sees the files of the earlier ones
    pages: Callable[..., Iterable[tuple[str, Any]]]  # (site, additions, made) -> (path, record)
    render: Callable[[Any, dict], str | bytes]  # (record, memo shared by one build's pages of the kind)
    stored: bool = False
    # May wait for the second phase of a rebuild in a running process: the pages that show the
    # whole comparison (made again once it is computed again), not the edited article's.
    deferred: bool = False


def as_is(content, memo=None):
    """The renderer of kinds whose pages are made whole by their `pages` function."""
    return content


CONTRIBUTORS: list[Contributor] = []
PAGE_KINDS: list[PageKind] = []


def contributor(page: str, name: str, order: int, slot: str = "sections"):
    """Register `function(site, cache) -> {page id: Contribution}`."""
    def register(function):
        CONTRIBUTORS.append(Contributor(page, name, order, slot, function))
        CONTRIBUTORS.sort(key=lambda c: (c.page, c.order, c.name))
        return function
    return register


def page_kind(name: str, order: int, render: Callable, stored: bool = False, deferred: bool = False):
    """Register `pages(site, additions, made) -> iterable of (path, record)`, rendered by `render`."""
    def register(pages):
        PAGE_KINDS.append(PageKind(name, order, pages, render, stored, deferred))
        PAGE_KINDS.sort(key=lambda k: (k.order, k.name))
        return pages
    return register


@dataclass
class AdditionsBySite:
    """Every contributor's additions, per page kind and page id, gathered once per build."""

    by_page: dict[str, dict[str, Additions]] = field(default_factory=dict)

    def get(self, page: str, page_id: str) -> Additions:
        return self.by_page.get(page, {}).get(page_id, Additions())


def gather(site: SiteInputs, cache) -> AdditionsBySite:
    highlights: dict[tuple[str, str], list[Highlight]] = {}
    slots: dict[tuple[str, str], dict[str, str]] = {}
    asides: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for c in CONTRIBUTORS:
        for page_id, contribution in sorted(c.contribute(site, cache).items()):
            key = (c.page, page_id)
            if contribution.highlights:
                highlights.setdefault(key, []).extend(contribution.highlights)
            if contribution.asides:
                asides.setdefault(key, []).extend(contribution.asides)
            if contribution.section:
                texts = slots.setdefault(key, {})
                existing = texts.get(c.slot, "")
                texts[c.slot] = f"{existing}\n\n{contribution.section}" if existing else contribution.section
    result = AdditionsBySite()
    for key in sorted(highlights.keys() | slots.keys() | asides.keys()):
        page, page_id = key
        result.by_page.setdefault(page, {})[page_id] = Additions(
            tuple(highlights.get(key, ())), tuple(sorted(slots.get(key, {}).items())), tuple(asides.get(key, ())))
    return result
