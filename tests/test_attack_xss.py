"""Attack (after #13): script in the built site through a page title that is not HTML-escaped.

MkDocs themes insert a page's front-matter `title:` into the page as HTML (Material's header,
<title>, and the navigation when the page is listed). Article and entity pages escape it
(`templating.page_title`), but the page kept for a *retired* entity id (an entity that had a
page in an earlier build, `redirect_pages.retired_entity_pages`) writes `title: {{ yaml(name) }}`:
the name, as YAML, not escaped. The name comes from untrusted input by two routes:

- `dossier-ids.yml` (anyone may edit it): `entities: {ghost: ['<img src=x onerror=alert(1)>']}`;
- `entities.yml`: a curated `name:` with markup, for an entity that was shared in one build
  (so its id was recorded) and mentioned in fewer than `min_articles` articles in the next
  (an article removed): no edit of dossier-ids.yml at all.

Reproduced in Chromium: the dialog opens on page load, no hover needed. With the id `index`
(`entities: {index: [...]}`) the retired page also replaces the Entities list (see
test_attack_overwrite.py), whose title then runs on every page that shows it.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path

import pytest
import yaml

from dossier import build, config

from test_hostile import check_site, mkdocs_build

pytestmark = pytest.mark.slow

ARTICLE = "Vladimir Putin congratulated Joe Biden, the Kremlin in Moscow said.\n"
PAYLOAD = "<img src=x onerror=alert(document.domain)>"
MKDOCS = """site_name: t
theme:
  name: material
  font: false
  features: [content.tooltips, search.suggest, search.highlight]
plugins:
  - search
  - dossier:
      input: seeds
markdown_extensions: [abbr, admonition, attr_list, md_in_html, pymdownx.details, pymdownx.superfences, tables,
                      {toc: {permalink: true}}]
"""


def _project(root: Path, registry: str | None = None, curation: str | None = None) -> Path:
    (root / "seeds" / "notes").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    for name in ("a", "b", "c"):
        (root / "seeds" / f"{name}.txt").write_text(f"Article {name}.\n\n{ARTICLE}", encoding="utf-8")
    if registry is not None:
        (root / "dossier-ids.yml").write_text(registry, encoding="utf-8")
    if curation is not None:
        (root / "seeds" / "entities.yml").write_text(curation, encoding="utf-8")
    return root


def _front_matter_titles(outputs: dict[str, str]) -> dict[str, str]:
    titles = {}
    for rel, content in outputs.items():
        if not rel.endswith(".md") or not isinstance(content, str) or not content.startswith("---\n"):
            continue
        meta = yaml.safe_load(content.split("---\n", 2)[1]) or {}
        if isinstance(meta, dict) and "title" in meta:
            titles[rel] = str(meta["title"])
    return titles


def test_every_front_matter_title_is_html_escaped_retired_entity_from_registry(tmp_path):
    registry = yaml.safe_dump({"entities": {"ghost": [PAYLOAD, "<svg onload=alert(2)>"]}}, allow_unicode=True)
    root = _project(tmp_path / "p", registry=registry)
    dossier = build.generate(config.load(root))
    assert "entities/ghost.md" in dossier.outputs
    titles = _front_matter_titles(dossier.outputs)
    markup = {rel: t for rel, t in titles.items() if "<" in t or ">" in t}
    assert not markup, markup  # a theme inserts these as HTML


def test_every_front_matter_title_is_html_escaped_retired_entity_from_curation(tmp_path):
    root = _project(tmp_path / "p", curation=yaml.safe_dump({"Joe Biden": {"name": PAYLOAD}}, allow_unicode=True))
    build.build(config.load(root))  # the entity is shared: its id is recorded in dossier-ids.yml
    (root / "seeds" / "b.txt").unlink()
    (root / "seeds" / "c.txt").unlink()  # now in one article only: a retired page
    dossier = build.generate(config.load(root))
    titles = _front_matter_titles(dossier.outputs)
    markup = {rel: t for rel, t in titles.items() if "<" in t or ">" in t}
    assert not markup, markup


def test_retired_entity_pages_run_nothing_in_the_built_site(tmp_path):
    registry = yaml.safe_dump({"entities": {"ghost": [PAYLOAD]}}, allow_unicode=True)
    root = _project(tmp_path / "p", registry=registry)
    site = root / "site"
    done = mkdocs_build(root, site)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (site / "entities" / "ghost" / "index.html").is_file()
    problems = check_site(site)
    assert not problems, problems[:10]


# --- the same in Chromium -----------------------------------------------------------------------------

CHROMIUM = Path(os.environ.get("DOSSIER_CHROMIUM") or "/usr/bin/chromium")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_retired_entity_page_opens_no_dialog_in_chromium(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.is_file():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    registry = yaml.safe_dump({"entities": {"ghost": [PAYLOAD]}}, allow_unicode=True)
    root = _project(tmp_path / "p", registry=registry)
    site = root / "site"
    assert mkdocs_build(root, site).returncode == 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    dialogs: list[str] = []
    outside: list[str] = []
    try:
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--headless"], headless=True)
            context = browser.new_context(service_workers="block")
            page = context.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            context.on("request", lambda r: outside.append(r.url) if not r.url.startswith((base, "data:")) else None)
            for url in ("entities/ghost/", "entities/", ""):
                page.goto(base + url)
                page.wait_for_timeout(500)
            context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert not dialogs and not [u for u in outside if re.match(r"https?:", u)], (dialogs, outside)


# --- feed.xml: RSS 2.0 defines <description> as HTML ----------------------------------------------


def test_feed_descriptions_are_text_for_a_feed_reader(tmp_path):
    """RSS 2.0 (and every feed reader) reads <description> as HTML: an article whose first
    paragraph says `<img src=https://tracker.example/p.gif onerror=alert(1)>` makes readers load
    the image (an outside request) or run the handler where the reader does not sanitize. The
    summary must be HTML-escaped text inside the XML (or CDATA of escaped text)."""
    import xml.etree.ElementTree as ET

    root = _project(tmp_path / "p")
    (root / "seeds" / "d.txt").write_text(
        "Hostile summary\n\nJoe Biden <img src=https://tracker.example/p.gif onerror=alert(1)> met Vladimir Putin.\n",
        encoding="utf-8")
    dossier = build.generate(config.load(root))
    channel = ET.fromstring(dossier.outputs["feed.xml"]).find("channel")
    descriptions = [item.findtext("description") or "" for item in channel.iter("item")]
    assert any("tracker.example" in d for d in descriptions)
    assert not [d for d in descriptions if re.search(r"<[a-zA-Z]", d)], descriptions
