"""The hostile dossier of tests/test_hostile.py, opened in a real browser: no dialog opens and no
request leaves the local server, on the pages, with every element hovered and focused, and in
the search results (which Material renders from the index as HTML).

Needs Chromium (/usr/bin/chromium, or $DOSSIER_CHROMIUM) and Playwright (never `playwright
install`): skipped cleanly when either is missing, unless DOSSIER_BROWSER_TESTS=require.
"""

from __future__ import annotations

import functools
import json
import os
import re
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path(os.environ.get("DOSSIER_CHROMIUM") or "/usr/bin/chromium")
try:
    from playwright import sync_api
except ImportError:  # pragma: no cover - depends on the machine
    sync_api = None
_MISSING = ("Playwright is not installed" if sync_api is None
            else "" if CHROMIUM.is_file() else f"Chromium is not installed at {CHROMIUM}")
if _MISSING:
    # .ci/run sets DOSSIER_BROWSER_TESTS=require where it installed a browser (see test_browser.py).
    if os.environ.get("DOSSIER_BROWSER_TESTS") == "require":
        pytest.fail(f"browser tests required but {_MISSING}", pytrace=False)
    pytest.skip(f"{_MISSING}: browser tests skipped", allow_module_level=True)

from test_hostile import PAYLOADS, built_hostile_site, make_project, mkdocs_build  # noqa: E402
from dossier.site import dossier_json

pytestmark = pytest.mark.slow

ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps", "--no-first-run",
        "--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions"]

# Fire every inline handler the page has (there should be none): an element that carries an
# on* attribute gets that event, so a handler that needs a hover or focus runs now if it exists.
PROVOKE = """() => {
  let fired = 0;
  for (const el of document.querySelectorAll("*")) {
    for (const attr of Array.from(el.attributes)) {
      if (attr.name.toLowerCase().startsWith("on")) {
        try { el.dispatchEvent(new Event(attr.name.slice(2).toLowerCase())); fired++; } catch (e) {}
      }
    }
  }
  for (const d of document.querySelectorAll("details")) { d.open = !d.open; }
  return fired;
}"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root, site, result = built_hostile_site(tmp_path_factory)
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser_page(served):
    site, base = served
    dialogs: list[str] = []
    outside: list[str] = []
    errors: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        context = browser.new_context(service_workers="block")
        page = context.new_page()

        def on_dialog(dialog):
            dialogs.append(f"{page.url}: {dialog.type} {dialog.message!r}")
            dialog.dismiss()

        def on_request(request):
            parts = urlsplit(request.url)
            if parts.scheme in ("http", "https", "ws", "wss", "ftp") and parts.netloc != urlsplit(base).netloc:
                outside.append(f"{page.url}: {request.url}")
            elif parts.scheme in ("javascript", "vbscript", "file"):
                outside.append(f"{page.url}: {request.url}")

        page.on("dialog", on_dialog)
        context.on("request", on_request)
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.set_default_timeout(15_000)
        yield page, base, site, dialogs, outside
        context.close()
        browser.close()


def _pages_to_visit(site: Path) -> list[str]:
    """The pages of entities, notes, indexes, comparison and report, and the article pages made
    from front matter, which carry every payload in their title, text, source and notes. (The
    other article pages repeat the payloads by other routes; test_hostile.py parses every page.)"""
    data = dossier_json.load_folder(site)
    skipped = {a["url"] for a in data["articles"] if not re.fullmatch(r"seeds/h\d{3}\.md", a["input"])}
    urls = []
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        url = "" if rel == "." else rel + "/"
        if rel.startswith(("assets", "search")) or url in skipped:
            continue
        urls.append(url)
    return urls


def test_the_browser_sees_what_it_should(browser_page):
    """A control: a payload that does run, and an image from elsewhere, are both noticed."""
    page, base, site, dialogs, outside = browser_page
    page.set_content('<img src=x onerror="alert(1)"><img src="http://127.0.0.2:9/p.gif">'
                     '<span onmouseover="alert(2)">hover</span>')
    page.wait_for_timeout(500)
    assert page.evaluate(PROVOKE) == 2
    page.wait_for_timeout(200)
    assert any("'1'" in d for d in dialogs) and any("'2'" in d for d in dialogs) and outside, (dialogs, outside)
    dialogs.clear()
    outside.clear()


def test_no_dialog_and_no_outside_request_on_any_page(browser_page):
    page, base, site, dialogs, outside = browser_page
    urls = _pages_to_visit(site)
    assert len(urls) > len(PAYLOADS)
    for url in urls:
        page.goto(base + url, wait_until="load")
        page.evaluate(PROVOKE)
    page.wait_for_timeout(500)
    assert not dialogs, dialogs[:10]
    assert not outside, outside[:10]


HOVER = """(i) => {
  const els = Array.from(document.querySelectorAll(".md-content [title], .md-content abbr"));
  if (i >= els.length) return null;
  els[i].scrollIntoView({block: "center"});
  const r = els[i].getBoundingClientRect();
  return [r.left + r.width / 2, r.top + r.height / 2];
}"""


def test_tooltips_run_nothing(browser_page):
    """Material's tooltips insert a title into the page as HTML: hover every titled element (links
    to entities with curated descriptions, note markers, abbreviations) on a sample of pages."""
    page, base, site, dialogs, outside = browser_page
    data = dossier_json.load_folder(site)
    articles = [a["url"] for a in sorted(data["articles"], key=lambda a: a["input"]) if a["input"].startswith("seeds/h")]
    entities = [e["url"] for e in data["entities"] if e["shared"]]
    hovered = 0
    for url in articles[:10] + entities[:4]:
        page.goto(base + url, wait_until="load")
        for i in range(60):
            point = page.evaluate(HOVER, i)
            if point is None:
                break
            page.mouse.move(*point)
            page.wait_for_timeout(40)
            hovered += 1
        page.mouse.move(0, 0)
    page.wait_for_timeout(300)
    assert hovered > 50
    assert not dialogs, dialogs[:10]
    assert not outside, outside[:10]


@pytest.mark.parametrize("query", ["script alert", "img onerror", "javascript", "svg onload", "Putin"])
def test_search_results_run_nothing(browser_page, query):
    page, base, site, dialogs, outside = browser_page
    page.goto(base + "?q=" + query, wait_until="load")
    search = page.locator("input.md-search__input")
    if not search.count():
        pytest.skip("the theme has no search box")
    search.first.fill(query)
    page.keyboard.press("End")
    try:
        page.wait_for_selector(".md-search-result__item", timeout=8_000)
    except sync_api.TimeoutError:
        pass
    page.evaluate(PROVOKE)
    page.wait_for_timeout(300)
    assert not dialogs, dialogs[:10]
    assert not outside, outside[:10]


# Issue #13, findings 1 and 2: a note that defines an abbreviation or a link title whose text
# Material's tooltips insert as HTML. Each form is a note body (and a title, tag, source...) of
# its own small dossier, whose every titled element is hovered on every article page and on the
# "Unanchored notes" page.
NOTE_ATTACKS = [
    "- *[Biden]: <img src=x onerror=alert(document.domain)>",
    "*[Joe Biden]: <img src=x onerror=alert(11)>",
    "> - *[Putin]: <svg onload=alert(12)>",
    "1. first\n   *[Kremlin]: <img src=x onerror=alert(13)>",
    "[r]: https://example.org/ (<img src=x onerror=alert(5)>)\n\nsee [r]",
    "[r]: https://example.org/ '<img src=x onerror=alert(14)>'\n\n- [r][]",
    "[see](https://example.org/ \"<svg onload=alert(15)>\")",
    "![pic](https://example.org/a.png (<img src=x onerror=alert(16)>))",
]


@pytest.fixture(scope="module")
def note_attack_site(tmp_path_factory):
    forms = [p.replace("\\n", "\n") for p in NOTE_ATTACKS]
    forms += [f"Plain note {i} about Biden." for i in range(24 - len(forms))]  # make_project wants 22+
    root = make_project(tmp_path_factory.mktemp("note-attacks") / "project", forms)
    notes = root / "seeds" / "notes"
    for i, attack in enumerate(NOTE_ATTACKS):  # unanchored: shown on notes/unanchored/
        (notes / f"orphan{i}.md").write_text(
            f"---\narticle: seeds/h000.md\nselector: {{exact: 'words that are nowhere'}}\n---\n"
            f"{attack.replace(chr(92) + 'n', chr(10))}\n\nBiden and Putin.\n", encoding="utf-8")
    site = root / "site"
    done = mkdocs_build(root, site)
    assert done.returncode == 0, done.stderr[-4000:]
    return site


def test_notes_cannot_put_markup_in_a_tooltip(browser_page, note_attack_site):
    page, _, _, dialogs, outside = browser_page
    handler = functools.partial(_QuietHandler, directory=str(note_attack_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        urls = ["notes/unanchored/"] + [p.parent.relative_to(note_attack_site).as_posix() + "/"
                                        for p in sorted((note_attack_site / "articles").glob("*/index.html"))]
        hovered = 0
        for url in urls:
            page.goto(base + url, wait_until="load")
            for i in range(200):
                point = page.evaluate(HOVER, i)
                if point is None:
                    break
                page.mouse.move(*point)
                page.wait_for_timeout(30)
                hovered += 1
            page.evaluate(PROVOKE)
            page.mouse.move(0, 0)
        page.wait_for_timeout(300)
        assert hovered > 20
        assert not dialogs, dialogs[:10]
        leaked = [o for o in outside if not o.split(": ", 1)[1].startswith(base)]  # this server is not outside
        assert not leaked, leaked[:10]
    finally:
        outside.clear()
        server.shutdown()
        server.server_close()
