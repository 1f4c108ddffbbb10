"""A new user's own dossier (#18), as the README's "Start your own dossier" says, read in Chromium.

`dossier new` makes the project; the articles stay in a folder outside it (the plugin's `input`
names that folder by its full path); MkDocs builds the site for a sub-path. The site has the
user's title and nothing of the seed dossier (no Navalny, no About pages, no retired entity
pages, nothing in search but the user's dossier), and no absolute path anywhere in it.
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import re
import shlex
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT, run
from test_browser import CHROMIUM, CHROMIUM_ARGS, Session, _QuietHandler, sync_playwright
from dossier.site import dossier_json

pytestmark = pytest.mark.slow

TITLE = "Floods in Valencia, October 2024"
ARTICLES = {
    "the-coastal-herald.md": """---
title: Floods leave scores dead around Valencia
date: 2024-10-30
source: The Coastal Herald
---

Torrential rain flooded towns south of Valencia on Tuesday night, and the regional government said dozens of people had died.

Carlos Mazón, the president of the Valencian regional government, said the emergency alert reached phones after the water had already entered Paiporta.

Prime Minister Pedro Sánchez promised that the central government would send soldiers to help.

The weather agency AEMET had issued a red warning for the province of Valencia on Tuesday morning.
""",
    "daily-record.md": """---
title: Anger grows over late flood warnings
date: 2024-11-02
source: The Daily Record
---

Residents of Paiporta asked why the warning came so late, as the death toll rose across the province of Valencia.

Carlos Mazón defended his government's response and blamed the forecasts.

AEMET said it had warned the regional authorities on Tuesday morning.

Pedro Sánchez visited the area on Sunday with King Felipe VI.
""",
    "river-news.txt": """date 2024-11-04 Protesters throw mud at officials in Paiporta

Protesters threw mud at King Felipe VI, Pedro Sánchez and Carlos Mazón during a visit to Paiporta on Sunday.

The visit was cut short. Pedro Sánchez left the town while the king stayed to speak with residents of Valencia.
""",
}
# Words of the seed dossier and of this repository's About pages: none may reach the user's site.
SEED_WORDS = ("Navalny", "Navalny, Putin", "Kremlin", "how-it-works", "Security, limits", "entities.yml reference",
              "Publishing and linking", "Moscow Times")


def _inbox(base: Path) -> Path:
    """The user's articles, in a folder of their own outside the project and this repository."""
    inbox = base / "home" / "casefiles-5e1d" / "valencia"
    inbox.mkdir(parents=True)
    for name, text in ARTICLES.items():
        (inbox / name).write_text(text, encoding="utf-8")
    return inbox


def _readme_block() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Start your own dossier", 1)[1]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


def test_the_readme_steps_make_a_site_of_the_users_articles(tmp_path):
    """The README's three commands, as written (the `.venv` of the README being the Python that
    runs the tests, the saved articles a folder here, and `serve` a build)."""
    checkout = tmp_path / "dossier"
    checkout.mkdir()
    saved = _inbox(tmp_path)
    python = shlex.quote(sys.executable)
    block = (_readme_block().replace(".venv/bin/dossier", f"{python} -m dossier.cli")
             .replace("~/saved-articles", shlex.quote(str(saved)))
             .replace(".venv/bin/mkdocs serve -f ../my-story/mkdocs.yml",
                      f"{python} -m mkdocs build --strict -f ../my-story/mkdocs.yml -d ../www"))
    assert block.count("\n") == 3 and "dossier.cli new ../my-story" in block
    result = run(block, checkout, shell=True)
    assert result.returncode == 0, result.stdout + result.stderr
    home = (tmp_path / "www" / "index.html").read_text(encoding="utf-8")
    assert f"<title>{TITLE}</title>" in html.unescape(home) or TITLE in html.unescape(home)
    index = dossier_json.load_folder(tmp_path / "www")
    assert sorted(a["input"] for a in index["articles"]) == sorted(f"articles/{n}" for n in ARTICLES)


@pytest.fixture(scope="module")
def own_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("newuser")
    inbox = _inbox(base)
    project = base / "work" / "valencia-dossier"
    made = run([sys.executable, "-m", "dossier.cli", "new", str(project), "--title", TITLE, "--description",
                "How the press covered the deadly floods around Valencia."], base)
    assert made.returncode == 0, made.stderr
    mkdocs_yml = project / "mkdocs.yml"
    # The articles stay where they are: `input` names their folder by its full path.
    mkdocs_yml.write_text(mkdocs_yml.read_text(encoding="utf-8").replace("input: articles", f"input: {json.dumps(str(inbox))}"),
                          encoding="utf-8")
    www = base / "www"
    www.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(www)))
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    mkdocs_yml.write_text(mkdocs_yml.read_text(encoding="utf-8") + f"\nsite_url: {origin}/story/\n", encoding="utf-8")
    built = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(www / "story")], project)
    assert built.returncode == 0, built.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"{origin}/story/", origin, www / "story", base, project
    server.shutdown()
    server.server_close()


def _texts(site: Path):
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js", ".css", ".txt", ".md"):
            text = path.read_text(encoding="utf-8", errors="replace")
            yield path.relative_to(site).as_posix(), text + "\n" + html.unescape(text) + "\n" + text.replace("\\/", "/")


def test_no_absolute_path_anywhere_in_the_site_or_dossier_json(own_site):
    _, _, site, base, _ = own_site
    leaks = [rel for rel, text in _texts(site) if str(base) in text or "casefiles-5e1d" in text]
    assert leaks == []
    index = dossier_json.load_folder(site)
    assert sorted(a["input"] for a in index["articles"]) == sorted(f"valencia/{n}" for n in ARTICLES)


def test_nothing_of_the_seed_dossier_or_this_repository(own_site):
    _, _, site, _, project = own_site
    found = {word: rel for rel, text in _texts(site) for word in SEED_WORDS if word in text}
    assert found == {}
    assert not any((site / about).exists() for about in ("how-it-works", "comparison", "annotating", "security",
                                                          "publishing", "entities-yml"))
    entities = {p.name for p in (site / "entities").iterdir() if p.is_dir()}
    index = dossier_json.load_folder(site)
    assert entities == {e["id"] for e in index["entities"] if e["shared"]}  # no retired seed entity pages
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert {d["location"].split("/")[0] for d in search["docs"]} <= {"articles", "entities", "notes", "build-report",
                                                                       "compare", "outlets"}
    assert sorted(p.name for p in project.iterdir()) == [".dossier-cache", ".github", ".gitignore", "README.md",
                                                         "articles", "docs", "dossier-ids.yml", "mkdocs.yml",
                                                         "requirements.txt"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def test_the_site_has_the_users_title_and_works(browser, own_site):
    base, origin, _, _, _ = own_site
    session = Session(browser.new_context(viewport={"width": 1280, "height": 800}), origin + "/")
    try:
        page = session.page
        page.goto(base)
        assert page.title() == TITLE
        assert page.locator(".md-header__topic").first.inner_text().strip() == TITLE
        assert page.locator(".md-content h1").first.inner_text().strip().rstrip("¶").strip() == TITLE
        assert "How the press covered the deadly floods" in page.locator(".md-content").inner_text()
        counts = [c.split()[0] for c in page.locator(".dossier-counts p").all_inner_texts()]
        assert counts[:2] == ["3", "2"]  # articles; outlets (the text file names none)
        nav = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item").all_inner_texts()
        assert [n.strip().split("\n")[0] for n in nav] == ["Home", "Articles", "Entities", "Who appears with whom",
                                                           "Comparison", "Notes", "Build report"]
        # Every section of the home page opens.
        for name in ("Articles", "Entities", "Who appears with whom", "Comparison", "Notes", "Build report"):
            page.goto(base)
            page.locator(".md-content").get_by_role("link", name=name, exact=True).first.click()
            page.wait_for_load_state("networkidle")
            assert page.url.startswith(base) and page.url != base, name
        # Search finds the user's names, and nothing of the seed dossier.
        page.goto(base)
        page.keyboard.press("s")
        page.keyboard.type("Paiporta")
        page.locator(".md-search-result__item").first.wait_for(timeout=15000)
        page.keyboard.press("Escape")
        page.goto(base)
        page.keyboard.press("s")
        page.keyboard.type("Navalny")
        page.locator(".md-search-result__meta").wait_for(timeout=15000)
        page.wait_for_timeout(500)
        assert page.locator(".md-search-result__item").count() == 0
        session.check()
    finally:
        session.context.close()
