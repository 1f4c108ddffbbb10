"""What a reader of the seed dossier sees in Chromium (#18): the home and graph pages, a search
that forgives a misspelled name and shows clean snippets, no page wider than a phone, dates that
never wrap in tables. Same browser setup as tests/test_browser.py (the system's Chromium, every
request that would leave localhost blocked).

The site is the seed dossier with one more article whose title and outlet are very long (so a
table's date column is squeezed at desktop width), one renamed article id (a redirect page) and
one retired entity id (a retired entity page): one page of every generated kind.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import sys
import threading

import pytest
import yaml

from conftest import run
from test_browser import CHROMIUM, CHROMIUM_ARGS, RENAMED, NEW_ID, Session, _QuietHandler, sync_playwright  # noqa: F401
from test_publish import copy_project
from dossier.site import dossier_json

pytestmark = pytest.mark.slow

LONG_ARTICLE = """---
title: "Russia’s reaction to the certification of the United States presidential election results by the Electoral College, as reported from Moscow and Washington with comments from the Kremlin"
date: 2020-12-16
source: "The International Weekly Review of Eastern European and Central Asian Affairs (online edition)"
---

Vladimir Putin congratulated Joe Biden a day after the Electoral College vote, the Kremlin said.

Alexey Navalny, the opposition leader, had congratulated Biden weeks earlier.
"""


@pytest.fixture(scope="module")
def reader_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("reader")
    www = base / "www"
    www.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(www)))
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    root = copy_project(base / "project", site_url=f"{origin}/dossier/")
    (root / "seeds" / "long.md").write_text(LONG_ARTICLE, encoding="utf-8")
    first = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(base / "first")], root)
    assert first.returncode == 0, first.stderr
    (root / "seeds" / f"{RENAMED}.meta.yml").write_text(f"id: {NEW_ID}\n", encoding="utf-8")
    registry = yaml.safe_load((root / "dossier-ids.yml").read_text(encoding="utf-8"))
    registry["entities"]["boris-yeltsin"] = ["Boris Yeltsin"]  # published once, no longer shared
    (root / "dossier-ids.yml").write_text(yaml.safe_dump(registry, allow_unicode=True), encoding="utf-8")
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(www / "dossier")], root)
    assert result.returncode == 0, result.stderr
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    index = dossier_json.load_folder(www / "dossier")
    yield f"{origin}/dossier/", origin, index, www / "dossier"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _session(browser, origin, **options) -> Session:
    return Session(browser.new_context(**options), origin + "/")


@pytest.fixture
def desktop(browser, reader_site):
    session = _session(browser, reader_site[1], viewport={"width": 1280, "height": 800})
    yield session
    try:
        session.check()
    finally:
        session.context.close()


@pytest.fixture
def phone(browser, reader_site):
    session = _session(browser, reader_site[1], viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                       device_scale_factor=2)
    yield session
    try:
        session.check()
    finally:
        session.context.close()


def _every_kind(index) -> list[str]:
    """One page of every generated kind."""
    article = next(a for a in index["articles"] if a["input"].endswith("long.md"))
    entity = next(e for e in index["entities"] if e["shared"])
    return ["", "articles/", article["url"], "entities/", entity["url"], "graph/", "compare/", "notes/",
            "notes/unanchored/", "build-report/", "entities/boris-yeltsin/"]


def _search(page, query: str) -> list[dict]:
    page.keyboard.press("s")
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    page.wait_for_timeout(300)
    return page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item')].map(item => ({
        href: item.querySelector('a').getAttribute('href'), text: item.innerText}))""")


def _entity_pages_carry_search_terms(site_dir, index) -> bool:
    """Whether the entity page template places the `search-terms` slot (dossier/site/search_terms.py)."""
    navalny = next(e for e in index["entities"] if e["id"] == "alexey-navalny")
    return "dossier-search-terms" in (site_dir / navalny["url"] / "index.html").read_text(encoding="utf-8")


def test_a_misspelled_name_finds_the_entity_page(desktop, reader_site):
    base, _, index, site_dir = reader_site
    assert _entity_pages_carry_search_terms(site_dir, index)
    page = desktop.page
    for typed in ("Navalni", "Nawalny", "Navalnyi"):
        page.goto(base)
        results = _search(page, typed)
        assert results[0]["href"].startswith(f"{base}entities/alexey-navalny/"), (typed, results[:3])
    page.locator(".md-search-result__link").first.click()
    page.wait_for_url(f"{base}entities/alexey-navalny/**")
    assert page.locator(".md-content h1").first.inner_text().strip().rstrip("¶").strip() == "Alexey Navalny"
    # The spellings are for the search only: readers do not see them on the page.
    assert not page.locator(".dossier-search-terms").is_visible()


def test_search_snippets_carry_no_note_markers(desktop, reader_site):
    base, _, index, site_dir = reader_site
    page = desktop.page
    page.goto(base)
    results = _search(page, "Vijay")
    texts = " ".join(r["text"] for r in results)
    assert "Vijay" in texts
    assert "⚙" not in texts and not re.search(r"Vijay\s*\d", texts), texts


def test_no_page_is_wider_than_a_phone(phone, reader_site):
    base, _, index, _ = reader_site
    page = phone.page
    for path in _every_kind(index):
        response = page.goto(base + path)
        assert response.ok, path
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
        # Tables reflow instead of scrolling sideways inside the page.
        sideways = page.evaluate("""() => [...document.querySelectorAll('.md-content table, .md-typeset__scrollwrap')]
            .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.tagName + ' ' + e.scrollWidth + '/' + e.clientWidth)""")
        assert sideways == [], (path, sideways)


def test_a_reflowed_table_labels_every_cell(phone, reader_site):
    base, _, _, _ = reader_site
    page = phone.page
    page.goto(base + "articles/")
    page.wait_for_load_state("networkidle")
    assert page.locator("table.dossier-reflow").count() == 1
    first_row = page.locator("table.dossier-reflow tbody tr").first
    labels = first_row.evaluate("row => [...row.children].map(c => c.getAttribute('data-label'))")
    assert labels == ["Date", "Title", "Source", "Words", "Shared entities"]
    # Wide again (the phone turned), the table is a table again.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_timeout(300)
    assert page.locator("table.dossier-reflow").count() == 0


_WRAPPED_DATES = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('.md-content'), NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    if (!node.parentElement.closest('td, th')) continue;
    for (const m of node.textContent.matchAll(/\\d{4}-\\d{2}(-\\d{2})?/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) out.push(m[0]);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("width", [1280, 1024])
def test_dates_never_wrap_in_tables(browser, reader_site, width):
    base, origin, index, _ = reader_site
    session = _session(browser, origin, viewport={"width": width, "height": 800})
    try:
        page = session.page
        dates = 0
        for path in _every_kind(index):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate(_WRAPPED_DATES) == [], (width, path)
            dates += page.locator(".dossier-date").count()
        assert dates > 10  # the check saw the dates it guards
        session.check()
    finally:
        session.context.close()


def test_the_home_page_summarizes_and_links_the_sections(desktop, reader_site):
    base, _, index, _ = reader_site
    page = desktop.page
    page.goto(base)
    assert page.locator(".md-content h1").first.inner_text().strip().startswith("Navalny, Putin and the 2020 US election")
    counts = page.locator(".dossier-counts p").all_inner_texts()
    assert [c.split()[0] for c in counts] == [str(len(index["articles"])), "2",
                                              str(sum(e["shared"] for e in index["entities"])), "5"]
    page.get_by_role("link", name="Who appears with whom").first.click()
    page.wait_for_url(f"{base}graph/")
    page.go_back()
    page.locator(".md-content table a[href*='entities/']").first.click()
    page.wait_for_url(f"{base}entities/*/")


def test_a_circle_of_the_graph_opens_its_entity_page(desktop, reader_site):
    base, _, _, _ = reader_site
    page = desktop.page
    page.goto(base + "graph/")
    node = page.locator("svg.dossier-graph [data-entity='alexey-navalny']")
    assert node.get_attribute("role") == "link"
    node.locator("circle").click()
    page.wait_for_url(f"{base}entities/alexey-navalny/")
    page.go_back()
    page.locator("svg.dossier-graph [data-entity='kremlin']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}entities/kremlin/")


# --- where a page belongs, and entity previews (#18) ---------------------------------------------------


def _article_url(base, index, input_end):
    article = next(a for a in index["articles"] if a["input"].endswith(input_end))
    return base + article["url"], article


def test_an_article_page_shows_where_it_belongs(desktop, reader_site):
    base, _, index, _ = reader_site
    url, article = _article_url(base, index, "002_438d2bf8bcbd74dd.txt")
    page = desktop.page
    page.goto(url)
    # The sidebar marks the list of articles as the place of this page.
    active = page.locator(".md-nav--primary .md-nav__item--active > .md-nav__link").first
    assert active.inner_text().strip() == "Articles"
    # The trail above the title leads back to that list.
    trail = page.locator(".dossier-trail a").first
    assert trail.inner_text().strip() == "Articles"
    trail.click()
    page.wait_for_url(f"{base}articles/")
    # Previous and next within the story, by date.
    page.goto(url)
    older = [a for a in index["articles"] if (a["date"] or "9999") < article["date"]]
    pager = page.locator(".dossier-story-pager")
    assert pager.count() == 1
    if older:
        previous = page.locator(".dossier-story-pager__previous")
        assert previous.count() == 1
        previous.click()
        page.wait_for_load_state()
        assert page.url != url and "/articles/" in page.url


def test_an_entity_link_previews_the_entity_on_hover_and_on_focus(desktop, reader_site):
    base, _, index, _ = reader_site
    url, _ = _article_url(base, index, "000_4573a53139b8635d.txt")
    page = desktop.page
    page.goto(url)
    link = page.locator('.md-content a[href*="/entities/alexey-navalny/"]').first
    link.hover()
    tooltip = page.locator(".md-tooltip--active, .md-tooltip2--active").first
    tooltip.wait_for(timeout=5000)
    text = tooltip.inner_text()
    assert "Person" in text and "articles" in text and "Navalny" in text and "“" in text, text
    page.mouse.move(0, 0)
    page.wait_for_timeout(300)
    # Keyboard: focusing the link shows the same preview.
    link.focus()
    page.locator(".md-tooltip--active, .md-tooltip2--active").first.wait_for(timeout=5000)
    # No request left the site for it (the session checks every request at the end).
