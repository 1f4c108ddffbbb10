"""Publishing outputs: the feed of the dossier's articles and the link snippets for wikis.

- `feed.json` (JSON Feed 1.1) and `feed.xml` (RSS 2.0) list the articles, newest first;
  articles without a date come last.
- `assets/dossier/iframe-worker.js` lets the offline copy's search run from disk without
  fetching Material's usual polyfill from a CDN (mkdocs.yml lists it under `extra.polyfills`).
- `assets/dossier/permalinks.js` (mkdocs.yml's `extra_javascript`): a click on a paragraph's ¶
  also copies the paragraph's address.
- Every article and entity page ends with ready-to-paste links to it in Markdown, MediaWiki
  and Confluence wiki markup, shown in code blocks so that they display exactly as they will
  be pasted.

URLs are absolute when `site_url` is set in mkdocs.yml (what a wiki or a feed reader needs);
without it they are paths relative to the site's root, and the snippets say so.

Titles and names are untrusted: each snippet escapes them for its own markup, the code block
fence is longer than any backtick run in the content, and control characters are removed.
"""

from __future__ import annotations

import html
import json
import re
import string
from datetime import datetime, timezone
from functools import partial
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape as xml_escape

from ..cache import stored
from ..model import Article
from .inputs import SiteInputs
from .registry import Contribution, as_is, contributor, page_kind
from .templating import asset, render_page

FEED_JSON = "feed.json"
FEED_XML = "feed.xml"
OFFLINE_WORKER = "assets/dossier/iframe-worker.js"
PERMALINKS_SCRIPT = "assets/dossier/permalinks.js"
FEED_ITEMS = 100  # most recent articles in the feed
SUMMARY_CHARS = 300

_CONTROL = {c: " " for c in range(0x20)}
_CONTROL.update({0x7F: " ", 0x2028: " ", 0x2029: " ", 0x85: " "})
# Characters that are markup in each target. Everything else is left as is, for readability.
# Markdown: backslash escapes that both CommonMark and Python-Markdown honour; the characters
# that only CommonMark lets a backslash escape become character references instead.
_MARKDOWN_BACKSLASH = set("\\`*_[]")
_MARKDOWN_REFERENCE = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "|": "&#124;", "~": "&#126;"}
_CONFLUENCE_SPECIAL = set(string.punctuation) - set(".,'\"/")


def _clean(value: str) -> str:
    return " ".join(value.translate(_CONTROL).split())


def base_url(site_url: str | None) -> str:
    """The site's address ending with '/', or '' when site_url is not set."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/"


def page_url(site_url: str | None, path: str) -> str:
    """Absolute URL of a site-relative path when site_url is set, else the path itself.

    Encoded so that no character of it ends a link in Markdown, MediaWiki or Confluence markup.
    """
    return quote(base_url(site_url) + path, safe=":/?#@!$&'*+,;=%~")


# --- link snippets -----------------------------------------------------------------------------


def markdown_link(title: str, url: str) -> str:
    label = "".join("\\" + c if c in _MARKDOWN_BACKSLASH else _MARKDOWN_REFERENCE.get(c, c) for c in _clean(title))
    return f"[{label}]({url})"


def mediawiki_link(title: str, url: str) -> str:
    # <nowiki> keeps '' [[ {{ ]] literal; entities stay decoded inside it, so < & > are written
    # as entities and no title can close the <nowiki> element.
    label = _clean(title).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"[{url} <nowiki>{label}</nowiki>]"


def confluence_link(title: str, url: str) -> str:
    # Confluence wiki markup shows any character preceded by a backslash literally.
    label = "".join("\\" + c if c in _CONFLUENCE_SPECIAL else c for c in _clean(title))
    return f"[{label}|{url}]"


def snippets_html(kind: str, title: str, path: str, site_url: str | None) -> str:
    """The 'Link to this page' section of an article or entity page. The snippets are shown as
    text (HTML-escaped in plain code boxes), exactly as they will be pasted."""
    url = page_url(site_url, path)
    blocks = [{"label": label, "content": snippet} for label, snippet in (
        ("Markdown", markdown_link(title, url)),
        ("MediaWiki", mediawiki_link(title, url)),
        ("Confluence wiki markup", confluence_link(title, url)))]
    return render_page("link-snippets.page.j2", kind=kind, blocks=blocks, absolute=bool(site_url),
                       paragraphs=kind == "article").rstrip("\n")


def _snippets(cache, *args) -> str:
    # Kept between builds: one template per page adds up at thousands of pages.
    return stored(cache, ("snippets", *args), partial(snippets_html, *args))


@contributor("article", "link snippets", order=90)
def article_link_snippets(site: SiteInputs, cache) -> dict[str, Contribution]:
    """The last section of every article page: ready-to-paste links to it for wikis."""
    return {a.id: Contribution(section=_snippets(cache, "article", a.title, f"articles/{a.id}/", site.site_url))
            for a in site.articles}


@contributor("entity", "link snippets", order=90)
def entity_link_snippets(site: SiteInputs, cache) -> dict[str, Contribution]:
    return {e.id: Contribution(section=_snippets(cache, "entity", e.name, f"entities/{e.id}/", site.site_url))
            for e in site.shared}


# --- feeds -------------------------------------------------------------------------------------


def feed_order(articles: list[Article]) -> list[Article]:
    """Newest first; articles without a date last, by title."""
    dated = sorted((a for a in articles if a.date), key=lambda a: (a.date, a.title.casefold(), a.id), reverse=True)
    undated = sorted((a for a in articles if not a.date), key=lambda a: (a.title.casefold(), a.id))
    return (dated + undated)[:FEED_ITEMS]


def _summary(article: Article) -> str:
    for paragraph in article.body_paragraphs():
        text = _clean(article.text[paragraph.start:paragraph.end])
        if text and text != _clean(article.title):
            if len(text) > SUMMARY_CHARS:
                text = text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"
            return text
    return ""


def _datetime(date: str) -> datetime | None:
    try:
        return datetime.strptime(date, "%Y-%m-%d").replace(tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return None


def site_name(project_root: Path) -> str:
    """mkdocs.yml's site_name, read without executing any tag."""
    from .. import yamlsafe

    try:
        data = yamlsafe.load_config((project_root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
        name = data.get("site_name") if isinstance(data, dict) else None
    except (OSError, UnicodeDecodeError, yamlsafe.YamlError):
        name = None
    return _clean(str(name)) if name else "News dossier"


def json_feed(articles: list[Article], title: str, site_url: str | None) -> str:
    feed: dict = {"version": "https://jsonfeed.org/version/1.1", "title": title}
    if site_url:
        feed["home_page_url"] = base_url(site_url)
        feed["feed_url"] = page_url(site_url, FEED_JSON)
    items = []
    for article in feed_order(articles):
        url = page_url(site_url, f"articles/{article.id}/")
        item: dict = {"id": url, "url": url, "title": _clean(article.title)}
        summary = _summary(article)
        item["content_text"] = summary
        if summary:
            item["summary"] = summary
        published = _datetime(article.date) if article.date else None
        if published:
            item["date_published"] = published.isoformat().replace("+00:00", "Z")
        if article.source:
            item["authors"] = [{"name": _clean(article.source)}]
        items.append(item)
    feed["items"] = items
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"


def rss_feed(articles: list[Article], title: str, site_url: str | None) -> str:
    def tag(name: str, value: str) -> str:
        return f"<{name}>{xml_escape(_xml_text(value))}</{name}>"

    home = base_url(site_url) or "./"
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">', "<channel>",
             tag("title", title), tag("link", home), tag("description", f"Articles of {title}")]
    if site_url:
        lines.append(f'<atom:link href="{xml_escape(page_url(site_url, FEED_XML))}" rel="self" type="application/rss+xml"/>')
    for article in feed_order(articles):
        url = page_url(site_url, f"articles/{article.id}/")
        lines.append("<item>")
        lines.append(tag("title", _clean(article.title)))
        lines.append(tag("link", url))
        lines.append(f'<guid isPermaLink="{"true" if site_url else "false"}">{xml_escape(url)}</guid>')
        published = _datetime(article.date) if article.date else None
        if published:
            lines.append(tag("pubDate", format_datetime(published, usegmt=True)))
        if article.source:
            lines.append(tag("category", _clean(article.source)))
        summary = _summary(article)
        if summary:
            # A feed reader reads <description> as HTML: the text is HTML-escaped first, so
            # markup in an article shows as text there too.
            lines.append(tag("description", html.escape(summary, quote=False)))
        lines.append("</item>")
    lines += ["</channel>", "</rss>"]
    return "\n".join(lines) + "\n"


def _xml_text(value: str) -> str:
    # XML 1.0 forbids most control characters even as references.
    return "".join(c for c in value if c in "\t\n\r" or ord(c) >= 0x20 and not 0xD800 <= ord(c) <= 0xDFFF
                   and c not in "\ufffe\uffff")


def outputs(articles: list[Article], project_root: Path, site_url: str | None) -> dict[str, str]:
    title = site_name(project_root)
    return {FEED_JSON: json_feed(articles, title, site_url), FEED_XML: rss_feed(articles, title, site_url),
            OFFLINE_WORKER: asset("iframe-worker.js"), PERMALINKS_SCRIPT: asset("permalinks.js")}


@page_kind("feeds-and-assets", order=80, render=as_is)
def _feeds_and_assets(site: SiteInputs, additions, made):
    yield from outputs(list(site.articles), site.project_root, site.site_url).items()
