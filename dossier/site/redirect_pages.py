"""Pages that keep old addresses working: redirects for renamed ids, and a page for each entity
id published earlier that no longer has a page of its own."""

from __future__ import annotations

import re

from .index_pages import sort_articles
from .inputs import SiteInputs
from .registry import as_is, page_kind
from .templating import render_template

_SLUG_PATH = re.compile(r"(?:[a-z0-9][a-z0-9-]*/)+")


def page_address(rel: str) -> str:
    """The URL path (directory URLs) of a generated file: "articles/x.md" -> "articles/x/"."""
    if rel.endswith(".md"):
        stem = rel[:-3]
        return "" if stem == "index" else (stem[:-5] if stem.endswith("/index") else stem + "/")
    return rel.removesuffix("index.html")


def redirect_pages(redirects: dict[str, str], pages_made=None) -> dict[str, str]:
    """Static pages that send an old URL to its new one (ids are slugs: safe in a URL).

    The redirects come from dossier-ids.yml, a file beside mkdocs.yml that anyone may edit:
    an entry that is not a pair of slug paths is skipped, so it cannot inject HTML or a URL, and
    a redirect never takes the address of a page of this build (`pages_made`)."""
    taken = {page_address(rel) for rel in pages_made or ()}
    pages_: dict[str, str] = {}
    for old, new in sorted(redirects.items()):
        if not (_SLUG_PATH.fullmatch(str(old)) and _SLUG_PATH.fullmatch(str(new))):
            continue
        if old in taken:
            continue
        depth = old.strip("/").count("/") + 1
        target = "../" * depth + new
        pages_[old.strip("/") + "/index.html"] = render_template("redirect.html.j2", target=target).rstrip() + "\n"
    return pages_


def retired_entity_pages(site: SiteInputs) -> dict[str, str]:
    """Pages for entity ids published earlier that no longer have a page of their own (the
    entity fell under `min_articles`, or its articles were removed): a wiki link to them lands on
    a page that says what happened instead of a 404."""
    by_id = site.by_id
    articles = site.article_index
    result: dict[str, str] = {}
    for entity_id, names in sorted(site.registry.entities.items()):
        entity = by_id.get(entity_id)
        if entity is not None and entity.shared:
            continue
        mentioned = [articles[a] for a in (entity.articles if entity else ()) if a in articles]
        result[f"entities/{entity_id}.md"] = render_template(
            "entity-retired.md.j2", entity_id=entity_id, entity_name=entity.name if entity else (names[0] if names else entity_id),
            names=names, articles=sort_articles(mentioned))
    return result


@page_kind("redirects", order=90, render=as_is)
def _redirects(site: SiteInputs, additions, made):
    # Last: a redirect never takes the address of a page made by the kinds before it.
    yield from redirect_pages(site.registry.redirects, made).items()
    yield from retired_entity_pages(site).items()
