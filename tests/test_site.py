"""The seed dossier end to end: `dossier build`, `mkdocs build --strict`, and what a reader gets."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest

from conftest import copy_project
from dossier.site import dossier_json

def run(args, cwd, timeout=300):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seed dossier built both ways: `dossier build` to disk and `mkdocs build --strict`."""
    root = copy_project(tmp_path_factory.mktemp("seed-dossier"))
    generated = run([sys.executable, "-m", "dossier.cli", "build", "--project", str(root)], root)
    assert generated.returncode == 0, generated.stderr
    rendered = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"),
                    "-d", str(root / "site")], root)
    assert rendered.returncode == 0, rendered.stderr
    return root, generated, rendered


@pytest.fixture(scope="module")
def index(built):
    root = built[0]
    return dossier_json.load_folder(root / "docs")


def test_mkdocs_strict_build_has_no_warnings(built):
    _, _, rendered = built
    assert not re.search(r"^WARNING\s+-", rendered.stderr, re.M), rendered.stderr


def test_dossier_json_is_published_and_identical_to_the_generated_one(built):
    root = built[0]
    assert (root / "site" / "dossier.json").read_bytes() == (root / "docs" / "dossier.json").read_bytes()
    assert dossier_json.load_folder(root / "site") == dossier_json.load_folder(root / "docs")


def test_dossier_json_follows_the_contract(built, index):
    root = built[0]
    assert index["schema"] == 2 and index["generator"].startswith("dossier ")
    assert len(index["articles"]) == 4
    article_ids = [a["id"] for a in index["articles"]]
    assert article_ids == sorted(article_ids) and len(set(article_ids)) == 4
    for article in index["articles"]:
        assert set(article) >= {"id", "title", "date", "source", "input", "page", "url", "words"}
        assert (root / article["input"]).is_file()
        assert (root / "docs" / article["page"]).is_file()
        assert (root / "site" / article["url"] / "index.html").is_file()
        assert article["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", article["date"])
        assert article["words"] > 100
    entity_ids = [e["id"] for e in index["entities"]]
    assert entity_ids == sorted(entity_ids) and len(set(entity_ids)) == len(entity_ids)
    for entity in index["entities"]:
        assert entity["type"] in ("person", "organization", "place", "other")
        assert (entity["url"] is not None) == entity["shared"]
        if entity["shared"]:
            assert (root / "site" / entity["url"] / "index.html").is_file()
            assert len({m["article"] for m in entity["mentions"]}) >= 2


def test_every_mention_offset_points_at_its_text(built, index):
    root = built[0]
    inputs = {a["id"]: (root / a["input"]).read_bytes().decode("utf-8-sig") for a in index["articles"]}
    count = 0
    for entity in index["entities"]:
        for mention in entity["mentions"]:
            assert inputs[mention["article"]][mention["start"] : mention["end"]] == mention["text"]
            count += 1
    assert count > 50


def _entity_named(index, name):
    return next((e for e in index["entities"] if e["name"] == name or name in e["aliases"]), None)


def test_both_spellings_of_navalny_are_one_shared_entity(index):
    alexey = _entity_named(index, "Alexey Navalny")
    alexei = _entity_named(index, "Alexei Navalny")
    assert alexey is not None and alexey is alexei and alexey["shared"]
    assert alexey["type"] == "person"
    assert len({m["article"] for m in alexey["mentions"]}) >= 3


def test_nothing_in_seed_003_boilerplate_is_a_mention_or_a_link(built, index):
    root = built[0]
    from dossier.readers import read_file

    article = read_file(root / "seeds" / "003_16282a16f6079523.txt", root).article
    article_id = next(a["id"] for a in index["articles"] if a["input"].endswith("003_16282a16f6079523.txt"))
    boilerplate = [(p.start, p.end) for p in article.paragraphs if p.kind == "boilerplate"]
    assert boilerplate
    for entity in index["entities"]:
        for m in entity["mentions"]:
            if m["article"] == article_id:
                assert not any(s <= m["start"] < e for s, e in boilerplate), m
    page = (root / "site" / "articles" / article_id / "index.html").read_text(encoding="utf-8")
    for block in re.findall(r'<p class="dossier-boilerplate" id="p-\d+">(.*?)</p>|<p id="p-\d+" class="dossier-boilerplate">(.*?)</p>', page, re.S):
        text = "".join(block)
        assert "/entities/" not in text


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if attrs.get(key):
                self.hrefs.append(attrs[key])


def test_every_link_in_the_site_resolves(built):
    site = built[0] / "site"
    parsed: dict[Path, _Links] = {}

    def parse(path: Path) -> _Links:
        if path not in parsed:
            parser = _Links()
            parser.feed(path.read_text(encoding="utf-8"))
            parsed[path] = parser
        return parsed[path]

    checked = 0
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # served from any depth, so MkDocs gives it root-absolute links
            continue
        for href in parse(page).hrefs:
            if re.match(r"^[a-z]+:", href) or href.startswith("//"):
                assert not href.startswith(("http:", "https:")) or "fonts.googleapis" not in href
                continue
            url, fragment = urldefrag(href)
            target = (page.parent / unquote(url)).resolve() if url else page
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{page.relative_to(site)} links to missing {href}"
            assert site.resolve() in target.resolve().parents, f"{page.relative_to(site)} links outside the site: {href}"
            target_rel = target.relative_to(site.resolve()).as_posix() if target.is_absolute() else str(target)
            base = page.relative_to(site).as_posix()
            if fragment and target.suffix == ".html" and "entities" in target_rel + base + "articles":
                assert fragment in parse(target).ids, f"{page.relative_to(site)} links to missing anchor {href}"
            checked += 1
    assert checked > 100


def test_search_for_alexei_finds_navalnys_page(built, index):
    site = built[0] / "site"
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    navalny = _entity_named(index, "Alexei Navalny")
    hits = {doc["location"].split("#")[0] for doc in search["docs"] if "alexei" in (doc["title"] + " " + doc["text"]).lower()}
    assert navalny["url"] in hits


def test_entity_links_carry_a_tooltip_and_link_the_first_mention_only(built, index):
    root = built[0]
    for article in index["articles"]:
        page = (root / "site" / article["url"] / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'<a href="\.\./\.\./entities/([^/"]+)/" title="([^"]+)"', page)
        assert links, article["id"]
        body_links = [entity for entity, _ in links]
        # First mention per article: an entity is linked at most once in the text (plus the list
        # of shared entities at the end of the page, which links each once more).
        for entity in set(body_links):
            assert body_links.count(entity) <= 2
        assert all(title for _, title in links)


def test_hand_written_page_is_kept_and_reported(tmp_path):
    root = copy_project(tmp_path)
    (root / "docs" / "compare.md").write_text("# My own comparison\n", encoding="utf-8")
    result = run([sys.executable, "-m", "dossier.cli", "build", "--project", str(root)], root)
    assert result.returncode == 0
    assert "compare.md" in result.stderr and "hand-written" in result.stderr
    assert (root / "docs" / "compare.md").read_text(encoding="utf-8") == "# My own comparison\n"
    strict = run([sys.executable, "-m", "dossier.cli", "build", "--strict", "--project", str(root)], root)
    assert strict.returncode == 1


def test_missing_input_folder_is_a_usage_error(tmp_path):
    root = copy_project(tmp_path)
    result = run([sys.executable, "-m", "dossier.cli", "build", "--project", str(root), "--input", "nowhere"], root)
    assert result.returncode == 2 and "nowhere" in result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def test_mkdocs_serve_rebuilds_in_two_phases_when_an_article_changes(tmp_path):
    """An edit under `mkdocs serve` makes two builds, no more (no loop): the first shows the
    edited article with the previous comparison, the second, requested by the plugin right
    after, brings the comparison pages and dossier.json up to date."""
    root = copy_project(tmp_path)
    port = _free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload" if False else "--livereload",
                                   "-a", f"127.0.0.1:{port}", "-f", str(root / "mkdocs.yml")],
                                  cwd=root, stdout=log, stderr=subprocess.STDOUT)
    try:
        index = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and index is None:
            time.sleep(0.5)
            index = _get(f"http://127.0.0.1:{port}/dossier.json")
        assert index is not None, log_path.read_text()
        article = next(a for a in json.loads(index)["articles"] if a["input"].endswith("002_438d2bf8bcbd74dd.txt"))
        page_url = f"http://127.0.0.1:{port}/{article['url']}"
        assert "Karin von Hippel" in _get(page_url)
        time.sleep(1.5)  # let the first build's file events settle
        builds_before = log_path.read_text().count("Building documentation")
        seed = root / "seeds" / "002_438d2bf8bcbd74dd.txt"
        seed.write_text(seed.read_text(encoding="utf-8").replace("Karin von Hippel", "Karin von Hippel-Edited"), encoding="utf-8")
        deadline = time.monotonic() + 60
        page = ""
        while time.monotonic() < deadline and "Hippel-Edited" not in page:
            time.sleep(0.5)
            page = _get(page_url) or ""
        assert "Hippel-Edited" in page, log_path.read_text()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "Hippel-Edited" not in (_get(f"http://127.0.0.1:{port}/dossier.json") or ""):
            time.sleep(0.5)  # the second phase
        assert "Hippel-Edited" in _get(f"http://127.0.0.1:{port}/dossier.json") or "", log_path.read_text()
        time.sleep(4)  # a rebuild loop would show as more builds here
        rebuilds = log_path.read_text().count("Building documentation") - builds_before
        assert rebuilds == 2, log_path.read_text()
        # `mkdocs serve` generated in memory: nothing was written into docs/.
        assert not (root / "docs" / "articles").exists()
    finally:
        server.terminate()
        server.wait(timeout=20)
