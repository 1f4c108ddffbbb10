"""The site: everything that turns computed records into pages (Markdown with front matter) and
into dossier.json. Computing stages never render; this layer never computes findings.

    inputs.py        SiteInputs: the one record the site reads (what the stages computed)
    registry.py      page kinds and section contributors, registered by the modules below
    templating.py    templates (templates/), escaping helpers for untrusted text
    markup.py        writing untrusted text into Markdown; untrusted.py: note bodies to safe HTML

    article_page.py  articles/<id>.md           entity_page.py    entities/<id>.md
    index_pages.py   articles/, entities/ indexes, build-report.md
    compare_page.py  compare.md: the stories by outlet (compare_refs.py: names and links of those pages)
    story_page.py    compare/<story>.md, one per story (with charts.py, descriptor_tables.py: also entity-page sections)
    word_choice.py   outlets/<outlet>.md, and the word-choice section of entity pages
    paragraph_asides.py  beside an article's paragraphs: what other articles share or quote of them
    notes.py         notes/ pages (notes/review.md: findings to review), highlights and sections on article and entity pages
    feed.py          feed.json, feed.xml, scripts under assets/, wiki-link snippets on pages
    dossier_json.py  dossier.json (with compare_json.py, notes_json.py)
    redirect_pages.py  redirects for renamed ids, pages for retired entity ids
    home_page.py     index.md: counts, stories, top entities, latest notes (yields to a hand-written one)
    graph_page.py    graph.md: who appears with whom, a static SVG
    static.py        the site's stylesheet and small scripts under assets/dossier/
    search_terms.py  near-spellings of entity names, hidden on entity pages for a forgiving search

`render_site` runs every page kind in its order and returns {docs-relative path: content}.
"""

from __future__ import annotations

from ..cache import record_key
from ..model import Article
from . import (article_page, compare_page, descriptor_tables, dossier_json, entity_page, feed,  # noqa: F401  (they register)
               graph_page, home_page, index_pages, notes, paragraph_asides, redirect_pages, search_terms, static,
               story_page, word_choice)
from .html import Urls
from .inputs import SiteInputs
from . import registry


# In a long-running process (`mkdocs serve`, `dossier build --watch`) the pages of the last
# build, with the record each was made from: a record equal to the last one (unchanged
# entities and articles are the very same objects there, so the comparison is mostly identity
# checks) gives the same page without fingerprinting the record again.
_LAST: dict[tuple[str, str], tuple[object, str | None, str]] = {}


def render_site(site: SiteInputs, cache=None, defer: bool = False, made_by: dict[str, str] | None = None) -> dict[str, str]:
    """Every generated file's content. With a `cache` (a StageCache), the pages of `stored` kinds
    are kept under the fingerprint of their record and made again only when it changes. With
    `defer`, the `deferred` kinds are left out (the first phase of a rebuild). `made_by`, when
    given, is filled with each file's page kind."""
    from ..cache import StageCache

    additions = registry.gather(site, cache)
    outputs: dict[str, str] = {}
    storing = cache is not None and cache.path is not None
    remember = StageCache.remember
    last = _LAST if remember else {}
    kept: dict[tuple[str, str], tuple[object, str | None, str]] = {}
    for kind in registry.PAGE_KINDS:
        if defer and kind.deferred:
            continue
        memo: dict = {}
        for path, record in kind.pages(site, additions, outputs):
            if made_by is not None:
                made_by[path] = kind.name
            if kind.stored:
                previous = last.get((kind.name, path))
                key = None
                if previous is not None and previous[0] == record and (previous[1] is not None or not storing):
                    key, content = previous[1], previous[2]
                elif storing:
                    key = record_key((kind.name, record), site.known_keys, (Article,))
                    content = cache.get(key)
                    if content is None:
                        content = kind.render(record, memo)
                else:
                    content = kind.render(record, memo)
                if storing:
                    cache.put(key, content)  # kept on disk for the next process too
                if remember:
                    kept[(kind.name, path)] = (record, key, content)
            else:
                content = kind.render(record, memo)
            outputs[path] = content
    if remember:
        _LAST.clear()
        _LAST.update(kept)
    return outputs


def is_deferred(kind_name: str) -> bool:
    """Whether pages of this kind wait for the second phase of a rebuild (see `PageKind`)."""
    return any(kind.name == kind_name and kind.deferred for kind in registry.PAGE_KINDS)
