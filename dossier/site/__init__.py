"""The site: everything that turns computed records into pages (Markdown with front matter) and
into dossier.json. Computing stages never render; this layer never computes findings.

    inputs.py        SiteInputs: the one record the site reads (what the stages computed)
    registry.py      page kinds and section contributors, registered by the modules below
    templating.py    templates (templates/), escaping helpers for untrusted text
    markup.py        writing untrusted text into Markdown; untrusted.py: note bodies to safe HTML

    article_page.py  articles/<id>.md           entity_page.py    entities/<id>.md
    index_pages.py   articles/, entities/ indexes, build-report.md
    compare_page.py  compare.md (with charts.py, descriptor_tables.py: also entity-page sections)
    notes.py         notes/ pages, and highlights and sections on article and entity pages
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
from . import (article_page, compare_page, descriptor_tables, dossier_json, entity_page, feed,  # noqa: F401  (they register)
               graph_page, home_page, index_pages, notes, redirect_pages, search_terms, static)
from .inputs import SiteInputs
from . import registry


def render_site(site: SiteInputs, cache=None) -> dict[str, str]:
    """Every generated file's content. With a `cache` (a StageCache), the pages of `stored` kinds
    are kept under the fingerprint of their record and made again only when it changes."""
    additions = registry.gather(site, cache)
    outputs: dict[str, str] = {}
    storing = cache is not None and cache.path is not None
    for kind in registry.PAGE_KINDS:
        memo: dict = {}
        for path, record in kind.pages(site, additions, outputs):
            if kind.stored and storing:
                key = record_key((kind.name, record), site.known_keys)
                content = cache.get(key)
                if content is None:
                    content = kind.render(record, memo)
                    cache.put(key, content)
            else:
                content = kind.render(record, memo)
            outputs[path] = content
    return outputs
