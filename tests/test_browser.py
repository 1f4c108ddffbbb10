"""The built seed dossier in a real browser: headless Chromium driven by Playwright.

The site is built for a sub-path (site_url http://127.0.0.1:<port>/dossier/) and served on
localhost; every request that would leave localhost is recorded and blocked. The offline copy
is opened from disk. The browser is Debian's chromium package (never downloaded by Playwright):
`.ci/run` installs it. Without it, or without Playwright, these tests are skipped, unless
DOSSIER_BROWSER_TESTS=require (set by `.ci/run`), which turns a missing browser into a failure.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import sys
import threading
from pathlib import Path

import pytest
import yaml

from conftest import run
from test_publish import copy_project
from dossier.site import dossier_json

pytestmark = pytest.mark.slow

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _chromium() -> str | None:
    candidates = [os.environ.get("DOSSIER_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                  shutil.which("chromium-browser")]
    return next((c for c in candidates if c and Path(c).is_file()), None)


try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

CHROMIUM = _chromium()
_MISSING = "Playwright is not installed" if sync_playwright is None else ("Chromium is not installed" if CHROMIUM is None else "")
if _MISSING:
    if os.environ.get("DOSSIER_BROWSER_TESTS") == "require":
        pytest.fail(f"browser tests required but {_MISSING} (run .ci/run as root to install it)", pytrace=False)
    pytest.skip(f"{_MISSING}: browser tests skipped", allow_module_level=True)


RENAMED, NEW_ID = "000_4573a53139b8635d.txt", "navalny-congratulates-biden"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The seed dossier built under the sub-path /dossier/ and served on 127.0.0.1."""
    base = tmp_path_factory.mktemp("browser")
    www = base / "www"
    www.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(www)))
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    root = copy_project(base / "project", site_url=f"{origin}/dossier/")
    # A first build records the ids; then one article's id is changed on purpose, so the
    # published site also has a redirect from its old address.
    first = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(base / "first")], root)
    assert first.returncode == 0, first.stderr
    (root / "seeds" / f"{RENAMED}.meta.yml").write_text(f"id: {NEW_ID}\n", encoding="utf-8")
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(www / "dossier")], root)
    assert result.returncode == 0, result.stderr
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    index = dossier_json.load_folder(www / "dossier")
    index["redirects"] = yaml.safe_load((root / "dossier-ids.yml").read_text(encoding="utf-8"))["redirects"]
    yield f"{origin}/dossier/", origin, index
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Session:
    """A browser page that records console errors and every request, blocking outside ones."""

    def __init__(self, context, allowed: str):
        self.context = context
        self.allowed = allowed
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.errors: list[str] = []
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.allowed) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def check(self):
        assert self.outside == [], f"requests left localhost: {self.outside}"
        assert self.errors == [], f"console errors: {self.errors}"
        assert all(u.startswith((self.allowed, "data:", "blob:")) for u in self.requests), self.requests


@pytest.fixture
def session(browser, served):
    base, origin, _ = served
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    session = Session(context, origin + "/")
    yield session
    try:
        session.check()
    finally:
        context.close()


def test_the_guard_sees_and_blocks_a_request_to_an_outside_host(session, served):
    base, _, _ = served
    session.page.goto(base)
    session.page.evaluate("fetch('https://example.org/tracker.js').catch(() => null)")
    session.page.wait_for_timeout(200)
    assert session.outside == ["https://example.org/tracker.js"]
    session.outside.clear()
    session.errors.clear()  # the blocked request's own console error
    session.requests[:] = [u for u in session.requests if "example.org" not in u]


def _entity(index, name):
    return next(e for e in index["entities"] if e["name"] == name or name in e["aliases"])


def _search_and_open(page, query: str, href: str, url: str) -> None:
    """Open Material's search with its key, type `query`, click the result whose link holds `href`."""
    page.keyboard.press("s")
    page.keyboard.type(query)
    result = page.locator(f".md-search-result__link[href*='{href}']").first
    result.wait_for(timeout=15000)
    result.click()
    page.wait_for_url(url)


def _heading(page) -> str:
    return page.locator(".md-content h1").first.inner_text().strip().rstrip("¶").strip()  # without the toc permalink


def test_search_for_an_alias_finds_the_entity_page(session, served):
    base, _, index = served
    navalny = _entity(index, "Alexei Navalny")
    assert navalny["name"] != "Alexei Navalny"  # the search is for the other spelling
    page = session.page
    page.goto(base)
    _search_and_open(page, "Alexei", f"entities/{navalny['id']}/", f"{base}entities/{navalny['id']}/**")
    assert _heading(page) == navalny["name"]


def test_clicking_an_entity_link_opens_its_page(session, served):
    base, _, index = served
    names = {e["id"]: e["name"] for e in index["entities"]}
    page = session.page
    page.goto(base + index["articles"][0]["url"])
    link = page.locator(".md-content p a[href*='/entities/']").first
    entity_id = link.get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
    link.click()
    page.wait_for_url(f"{base}entities/{entity_id}/")
    assert _heading(page) == names[entity_id]


def test_the_old_address_of_a_renamed_article_redirects_to_it(session, served):
    base, _, index = served
    (old, new), = index["redirects"].items()
    assert new == f"articles/{NEW_ID}/"
    article = next(a for a in index["articles"] if a["id"] == NEW_ID)
    page = session.page
    page.goto(base + old)
    page.wait_for_url(base + new)
    assert _heading(page) == article["title"]


def _last_paragraph_number(page) -> int:
    return page.evaluate("""() => Math.max(...[...document.querySelectorAll('.md-content p[id^="p-"]')]
        .filter(p => !p.closest('details')).map(p => +p.id.slice(2)))""")


def _in_view(page, element_id: str) -> dict:
    return page.evaluate("""id => {
        const box = document.getElementById(id).getBoundingClientRect();
        const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
        return {top: box.top, bottom: box.bottom, header, height: innerHeight, scrolled: scrollY,
                target: document.querySelector(':target')?.id};
    }""", element_id)


def test_paragraph_permalink_scrolls_to_its_paragraph(session, served):
    base, _, index = served
    page = session.page
    url = base + index["articles"][0]["url"]
    page.goto(url)
    anchor = f"p-{_last_paragraph_number(page)}"
    page.goto(f"{url}#{anchor}")
    page.wait_for_timeout(300)
    where = _in_view(page, anchor)
    assert where["scrolled"] > 0 and where["target"] == anchor
    assert where["header"] - 1 <= where["top"] < where["height"], where
    # The ¶ link of another paragraph goes to that paragraph.
    page.goto(url)
    page.locator("#p-3 .dossier-permalink").click()
    page.wait_for_url(f"{url}#p-3")
    assert _in_view(page, "p-3")["target"] == "p-3"


def test_tooltip_text_of_an_entity_link_is_shown(session, served):
    base, _, index = served
    page = session.page
    page.goto(base + index["articles"][0]["url"])
    link = page.locator(".md-content p a[href*='/entities/']").first
    title = link.get_attribute("title")
    assert title and title.split(":")[0].split(" ·")[0] in ("Person", "Organization", "Place", "Entity")
    link.hover()
    tooltip = page.get_by_role("tooltip").filter(has_text=title)
    tooltip.first.wait_for(state="visible", timeout=5000)
    assert tooltip.first.inner_text().strip() == title


def test_wiki_snippet_copy_button_copies_a_link_with_the_published_address(session, served):
    base, _, index = served
    article = index["articles"][0]
    page = session.page
    page.goto(base + article["url"])
    box = page.locator("details", has_text="Link to this article from a wiki")
    box.locator("summary").click()
    box.locator(".md-code__button, .md-clipboard").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip().startswith("[") and copied.strip().endswith(f"]({base}{article['url']})")


def test_on_a_phone_the_paragraph_link_is_visible_and_copies_its_address(browser, served):
    base, origin, index = served
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    session = Session(context, origin + "/")
    try:
        page = session.page
        url = base + index["articles"][0]["url"]
        page.goto(url + "?h=navalny")  # as reached from a search result
        permalink = page.locator("#p-3 .dossier-permalink")
        assert float(permalink.evaluate("e => getComputedStyle(e).opacity")) >= 0.5
        permalink.tap()
        page.wait_for_url(f"{url}?h=navalny#p-3")
        assert page.evaluate("navigator.clipboard.readText()") == f"{url}#p-3"
        assert page.locator("[data-md-component=dialog]").inner_text().strip() == "Link to this paragraph copied"
        session.check()
    finally:
        context.close()


def test_no_console_errors_and_no_request_leaves_localhost_on_any_kind_of_page(session, served):
    base, _, index = served
    entity = next(e for e in index["entities"] if e["shared"])
    paths = ["", "articles/", "entities/", "compare/", "notes/", "publishing/", "build-report/",
             index["articles"][-1]["url"], entity["url"]]
    page = session.page
    for path in paths:
        response = page.goto(base + path)
        assert response.ok, path
        page.wait_for_load_state("networkidle")
    page.keyboard.press("s")
    page.keyboard.type("Putin")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert len(session.requests) > len(paths)
    session.check()


def test_offline_copy_works_opened_from_disk(browser, offline):
    offline_copy = offline[1]  # built once for this and tests/test_publish.py (conftest)
    index = dossier_json.load_folder(offline_copy)
    navalny = _entity(index, "Alexei Navalny")
    context = browser.new_context()
    session = Session(context, "file://")
    try:
        page = session.page
        page.goto((offline_copy / "index.html").as_uri())
        _search_and_open(page, "Alexei", f"entities/{navalny['id']}.html", f"**/entities/{navalny['id']}.html**")
        assert _heading(page) == navalny["name"]
        # From the entity page to an article, to a paragraph, to another entity: all files.
        page.locator(".md-content a[href*='articles/'][href*='#p-']").first.click()
        page.wait_for_url("**/articles/*.html#p-*")
        page.locator(".md-content p a[href*='entities/']").first.click()
        page.wait_for_url("**/entities/*.html")
        assert page.locator(".md-content h1").count() == 1
        session.check()
    finally:
        context.close()


def test_search_finds_the_comparisons_findings_and_quotations(session, served):
    """The story pages' findings and quotations are in the search index (#16): "Vijay" (a changed
    quotation) and "Serbia" (a contradicting descriptor) open the story's comparison page."""
    base, _, index = served
    story = index["stories"][0]["id"]
    page = session.page
    for query in ("Vijay", "Serbia"):
        page.goto(base)
        page.keyboard.press("s")
        page.keyboard.type(query)
        page.locator(".md-search-result__item").first.wait_for(timeout=15000)
        # a section of the story page that holds the words; Material shows more results as the
        # list scrolls
        result = page.locator(f".md-search-result__link[href*='compare/{story}/']").filter(has_text=query)
        for _ in range(20):
            if result.count():
                break
            page.locator(".md-search__scrollwrap").evaluate("e => e.scrollTop = e.scrollHeight")
            page.wait_for_timeout(300)
        result.first.click()
        page.wait_for_url(f"{base}compare/{story}/**")
        assert page.locator("#findings").is_visible()
        findings = page.locator(".dossier-findings").inner_text()
        assert query in findings  # the finding itself: "Vijay" where @JoeBiden; "Serbia's" against "Russian"


def test_an_article_paragraph_shows_the_other_outlets_versions_beside_it(session, served):
    """Beside a paragraph: a small collapsed marker; opened, it links the other article's version
    of the altered quotation (to its paragraph) and the note on the change (#16)."""
    base, _, index = served
    vijay = next(f for f in index["findings"] if f["text"] == "Vijay")
    urls = {a["id"]: a["url"] for a in index["articles"]}
    page = session.page
    url = base + urls[vijay["article"]]
    page.goto(url)
    aside = page.locator(f"#p-{vijay['paragraph']} + details.dossier-aside")
    summary = aside.locator("summary")
    assert "altered" in summary.inner_text()
    assert summary.bounding_box()["height"] < 30  # a small marker, not a box
    other = aside.locator(f"a[href*='{vijay['other']['article']}'][href$='#p-{vijay['other']['paragraph']}']").first
    assert not other.is_visible()  # collapsed
    summary.click()
    note = aside.locator("a[href^='#note-']").first
    assert other.is_visible() and "Vijay" in note.inner_text()
    note.click()
    page.wait_for_url(f"{url}#note-*")
    page.go_back()
    aside = page.locator(f"#p-{vijay['paragraph']} + details.dossier-aside")
    if not aside.evaluate("e => e.open"):
        aside.locator("summary").click()
    aside.locator(f"a[href$='#p-{vijay['other']['paragraph']}']").first.click()
    page.wait_for_url(f"{base}{urls[vijay['other']['article']]}#p-{vijay['other']['paragraph']}")
    assert _in_view(page, f"p-{vijay['other']['paragraph']}")["target"] == f"p-{vijay['other']['paragraph']}"
