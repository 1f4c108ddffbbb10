"""Publishing (#7): stable links, wiki snippets, feeds, sub-paths, the offline copy, GitHub Pages.

The deploy path is tested against a local bare git repository; nothing here uses the network.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import markdown
import pytest
import yaml

import conftest
from conftest import ROOT, documented_block, run
from dossier.site import feed
from dossier.site import dossier_json

pytestmark = pytest.mark.slow

SITE_URL = "https://wiki.example.org/team/dossier/"
HOSTILE_TITLE = "Breaking ``` ```` news]|[x](http://evil.example/) </nowiki> {{tpl}} <script>alert(1)</script> *_~ :) (i) \\ end"
HOSTILE_ARTICLE = f"""---
title: {json.dumps(HOSTILE_TITLE)}
date: 2020-11-10
source: The Example Times
---

Alexey Navalny spoke to reporters in Moscow about Joe Biden and Vladimir Putin on Tuesday.

The Kremlin said that Vladimir Putin would wait for the official results before sending his congratulations.
"""
# A new article whose title and date give the same slug as seed 003's.
SAME_TITLE_ARTICLE = """---
title: "Putin Congratulates U.S. President-Elect Biden After Electoral College Confirmation"
date: 2020-12-15
source: Another Outlet
---

Russian President Vladimir Putin congratulated Joe Biden on Tuesday, a day after the Electoral College vote.

Alexey Navalny, the Russian opposition leader, had congratulated Biden five weeks earlier.
"""
GIT_ENV = {"GIT_AUTHOR_NAME": "Dossier Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Dossier Test", "GIT_COMMITTER_EMAIL": "test@example.org"}


def copy_project(target: Path, site_url: str | None = None) -> Path:
    conftest.copy_project(target)
    if site_url:
        config = (target / "mkdocs.yml").read_text(encoding="utf-8")
        config = re.sub(r"(?m)^#?\s*site_url:.*$", "", config) + f"\nsite_url: {site_url}\n"
        (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def mkdocs_build(root: Path, site: Path, env=None) -> subprocess.CompletedProcess:
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
                 root, env)
    assert result.returncode == 0, result.stderr
    return result


class _Page(HTMLParser):
    """Links, resource references, ids and code blocks of one HTML page."""

    RESOURCE_TAGS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
                     "audio": "src", "embed": "src", "object": "data"}

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.resources: list[str] = []
        self.ids: set[str] = set()
        self.codes: list[str] = []
        self._code: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "link" and attrs.get("href"):
            rel = (attrs.get("rel") or "").split()
            (self.links if rel in (["canonical"], ["alternate"], ["prev"], ["next"]) else self.resources).append(attrs["href"])
        if tag in self.RESOURCE_TAGS and attrs.get(self.RESOURCE_TAGS[tag]):
            self.resources.append(attrs[self.RESOURCE_TAGS[tag]])
        if tag == "code":
            self._code = []

    def handle_endtag(self, tag):
        if tag == "code" and self._code is not None:
            self.codes.append("".join(self._code))
            self._code = None

    def handle_data(self, data):
        if self._code is not None:
            self._code.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The seed dossier plus one article with a hostile title, built for a sub-path site_url."""
    root = copy_project(tmp_path_factory.mktemp("published"), SITE_URL)
    (root / "seeds" / "hostile.md").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    mkdocs_build(root, root / "site")
    index = dossier_json.load_folder(root / "site")
    return root, root / "site", index


def _page_for(site: Path, url: str) -> Path:
    return site / url / "index.html"


# --- link snippets ------------------------------------------------------------------------------


def _snippets(page: Path) -> list[str]:
    return [c.rstrip("\n") for c in parse(page).codes if c.startswith("[")]


def test_every_article_and_entity_page_offers_three_snippets_with_absolute_urls(published):
    _, site, index = published
    pages = [(a["title"], a["url"]) for a in index["articles"]]
    pages += [(e["name"], e["url"]) for e in index["entities"] if e["shared"]]
    assert len(pages) > 10
    for title, url in pages:
        absolute = feed.page_url(SITE_URL, url)
        assert absolute.startswith(SITE_URL)
        snippets = _snippets(_page_for(site, url))
        assert snippets == [feed.markdown_link(title, absolute), feed.mediawiki_link(title, absolute),
                            feed.confluence_link(title, absolute)], url


def test_snippets_of_a_hostile_title_display_literally_and_paste_as_the_title(published):
    _, site, index = published
    article = next(a for a in index["articles"] if a["input"].endswith("hostile.md"))
    assert article["title"] == HOSTILE_TITLE
    page = _page_for(site, article["url"])
    source = page.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in source
    assert "evil.example" not in "".join(parse(page).links)
    markdown_snippet, mediawiki, confluence = _snippets(page)
    absolute = SITE_URL + article["url"]
    # Pasted into a Markdown wiki: one link, whose text is exactly the title.
    rendered = markdown.markdown(markdown_snippet)
    anchors = re.findall(r'<a href="([^"]*)">(.*?)</a>', rendered)
    assert len(anchors) == 1 and anchors[0][0] == absolute and html.unescape(anchors[0][1]) == HOSTILE_TITLE
    # MediaWiki: one external link, the label wrapped in <nowiki> that the title cannot close.
    match = re.fullmatch(r"\[(\S+) <nowiki>(.*)</nowiki>\]", mediawiki)
    assert match and match.group(1) == absolute
    assert "<" not in match.group(2) and html.unescape(match.group(2)) == HOSTILE_TITLE
    # Confluence: every markup character of the label is escaped with a backslash.
    match = re.fullmatch(r"\[(.*)\|(\S+)\]", confluence)
    assert match and match.group(2) == absolute
    label = match.group(1)
    assert not re.search(r"(?<!\\)(?:\\\\)*[|\[\]{}]", label)
    assert re.sub(r"\\(.)", r"\1", label) == HOSTILE_TITLE


@pytest.mark.parametrize("title", ["plain", "a`b", "x ``` y", "````", "]]]", "a\nb\x00c"])
def test_snippets_show_exactly_what_will_be_pasted(title):
    """Each snippet stands in a code box as escaped text: no title (backticks, brackets, markup,
    control characters) can end the box or change what is copied."""
    section = feed.snippets_html("article", title, "articles/x/", None)
    rendered = markdown.markdown(section, extensions=["pymdownx.superfences", "pymdownx.details", "attr_list"])
    assert rendered.count("<pre>") == 3
    codes = [html.unescape(c) for c in re.findall(r"<pre><code>(.*?)</code></pre>", rendered, re.S)]
    clean = " ".join(title.replace("\x00", " ").split())
    assert feed.markdown_link(clean, "articles/x/") in [c.strip() for c in codes]


def test_without_site_url_snippets_give_site_relative_paths_and_say_so():
    section = feed.snippets_html("entity", "Alexey Navalny", "entities/alexey-navalny/", None)
    assert "[Alexey Navalny](entities/alexey-navalny/)" in section
    assert "no <code>site_url</code>" in section
    absolute = feed.snippets_html("entity", "Alexey Navalny", "entities/alexey-navalny/", "https://x.org/d")
    assert "[Alexey Navalny](https://x.org/d/entities/alexey-navalny/)" in absolute and "site_url" not in absolute


# --- feeds and dossier.json ---------------------------------------------------------------------


def test_json_feed_lists_the_articles_newest_first_with_absolute_urls(published):
    _, site, index = published
    data = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == SITE_URL + "feed.json" and data["home_page_url"] == SITE_URL
    items = data["items"]
    assert len(items) == len(index["articles"]) == 5
    dates = [i.get("date_published") for i in items]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[: len(dated)] == dated  # undated articles, if any, come last
    titles = {a["title"] for a in index["articles"]}
    for item in items:
        assert item["url"].startswith(SITE_URL) and item["id"] == item["url"]
        assert item["title"] in titles and item["content_text"]
        assert _page_for(site, item["url"][len(SITE_URL):]).is_file()


def test_rss_feed_matches_the_json_feed(published):
    _, site, _ = published
    channel = ET.parse(site / "feed.xml").getroot().find("channel")
    links = [item.findtext("link") for item in channel.findall("item")]
    json_items = json.loads((site / "feed.json").read_text(encoding="utf-8"))["items"]
    assert links == [i["url"] for i in json_items]
    assert [i.findtext("title") for i in channel.findall("item")] == [i["title"] for i in json_items]
    assert channel.findtext("link") == SITE_URL


def test_a_wiki_script_can_look_up_an_alias_in_the_published_dossier_json(published):
    _, site, index = published
    # What a wiki script does: find the entity by any of its names, link to site_url + url.
    entity = next(e for e in index["entities"] if "Alexei Navalny" in [e["name"], *e["aliases"]])
    assert entity["shared"] and _page_for(site, entity["url"]).is_file()
    for article in index["articles"]:
        assert _page_for(site, article["url"]).is_file()


def test_the_documented_wiki_script_finds_an_entity_by_its_alias(published, capsys):
    _, site, index = published
    text = (ROOT / "docs" / "publishing.md").read_text(encoding="utf-8")
    script = next(b for b in re.findall(r"```python\n(.*?)```", text, re.S) if "dossier.json" in b)
    # The published site is read from disk instead of https://.
    script = re.sub(r'(?m)^SITE = ".*"$', f"SITE = {site.as_uri() + '/'!r}", textwrap.dedent(script))
    exec(compile(script, "publishing.md", "exec"), {})
    navalny = next(e for e in index["entities"] if "Alexei Navalny" in [e["name"], *e["aliases"]])
    assert capsys.readouterr().out.strip() == site.as_uri() + "/" + navalny["url"]


# --- sub-path and no outside requests ---------------------------------------------------------


def _is_outside(url: str) -> bool:
    return url.startswith("//") or bool(re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I)) and not url.startswith(("data:", "#"))


def test_pages_load_nothing_from_outside_and_link_relatively(published):
    _, site, _ = published
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        page = parse(path)
        outside = [u for u in page.resources if _is_outside(u)]
        assert not outside, f"{path.relative_to(site)} loads {outside}"
        # Root-relative links would break under a sub-path; the 404 page, served at any depth,
        # uses the sub-path of site_url.
        rooted = [u for u in page.links + page.resources if u.startswith("/") and not u.startswith("//")
                  and not (path.name == "404.html" and u.startswith(urlsplit(SITE_URL).path))]
        assert not rooted, f"{path.relative_to(site)} links {rooted}"
    for css in site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", css.read_text(encoding="utf-8")), css
    assert "unpkg.com" not in (site / "index.html").read_text(encoding="utf-8")


# --- stable links ------------------------------------------------------------------------------


def _urls(index) -> tuple[dict[str, str], dict[str, str]]:
    articles = {a["input"]: a["url"] for a in index["articles"]}
    entities = {e["name"]: e["url"] for e in index["entities"] if e["shared"]}
    return articles, entities


def test_urls_survive_new_and_removed_articles_and_title_fixes_and_id_changes_redirect(tmp_path):
    root = copy_project(tmp_path / "project")
    seeds = root / "seeds"
    mkdocs_build(root, root / "site1")
    first = dossier_json.load_folder(root / "site1")
    first_articles, first_entities = _urls(first)
    assert (root / "dossier-ids.yml").is_file()

    # Correct a title, add an article whose title gives the same slug, remove another.
    fixed = "seeds/003_16282a16f6079523.txt"
    (root / f"{fixed}.meta.yml").write_text('title: "Putin congratulates Joe Biden (corrected headline)"\n', encoding="utf-8")
    (seeds / "000_aaa.md").write_text(SAME_TITLE_ARTICLE, encoding="utf-8")
    (seeds / "001_3b55a7257ded003e.txt").unlink()
    for note in (seeds / "notes").rglob("*"):  # its notes go with it
        if note.is_file() and "001_3b55a7257ded003e" in note.read_text(encoding="utf-8"):
            note.unlink()
    mkdocs_build(root, root / "site2")
    second = dossier_json.load_folder(root / "site2")
    second_articles, second_entities = _urls(second)
    assert next(a["title"] for a in second["articles"] if a["input"] == fixed).endswith("(corrected headline)")
    for path, url in first_articles.items():
        if path != "seeds/001_3b55a7257ded003e.txt":
            assert second_articles[path] == url
            assert _page_for(root / "site2", url).is_file()
    assert second_articles["seeds/000_aaa.md"] not in first_articles.values()
    for name, url in second_entities.items():
        if name in first_entities:
            assert url == first_entities[name], name

    # An explicit id change: the new URL serves the article, the old one redirects to it.
    changed = "seeds/000_4573a53139b8635d.txt"
    (root / f"{changed}.meta.yml").write_text("id: navalny-congratulates-biden\n", encoding="utf-8")
    mkdocs_build(root, root / "site3")
    third = dossier_json.load_folder(root / "site3")
    new_url = next(a["url"] for a in third["articles"] if a["input"] == changed)
    assert new_url == "articles/navalny-congratulates-biden/"
    new_page = _page_for(root / "site3", new_url)
    assert "p-3" in parse(new_page).ids
    old_url = first_articles[changed]
    redirect = _page_for(root / "site3", old_url).read_text(encoding="utf-8")
    target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', redirect).group(1)
    assert (root / "site3" / unquote(urljoin(old_url, target)) / "index.html").resolve() == new_page.resolve()
    # The registry the user commits records all of it.
    registry = yaml.safe_load((root / "dossier-ids.yml").read_text(encoding="utf-8"))
    assert registry["redirects"] == {old_url: new_url}


# --- offline copy ------------------------------------------------------------------------------


def test_offline_copy_is_made_of_files_that_link_to_files(offline):
    root, site = offline
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert documented_block("OFFLINE=true").strip().replace(f'"{sys.executable}" -m mkdocs', ".venv/bin/mkdocs") in readme
    index = dossier_json.load_folder(site)
    for article in index["articles"]:
        assert (site / (article["url"].rstrip("/") + ".html")).is_file()
    assert (site / "search" / "search_index.js").is_file()
    checked = 0
    for path in site.rglob("*.html"):
        page = parse(path)
        outside = [u for u in page.resources if _is_outside(u)]
        assert not outside, f"{path.relative_to(site)} loads {outside}"
        if path.name == "404.html":  # only a web server shows it
            continue
        for href in page.links:
            if _is_outside(href) or href.startswith("#"):
                continue
            url, _ = urldefrag(href)
            target = site / unquote(urljoin(path.relative_to(site).as_posix(), urlsplit(url).path))
            # From disk, a browser opens files only: a folder link would show a directory listing.
            assert target.is_file(), f"{path.relative_to(site)} links to {href}, not a file"
            checked += 1
    assert checked > 100
    assert "unpkg.com" not in (site / "index.html").read_text(encoding="utf-8")


# --- GitHub Pages ------------------------------------------------------------------------------


def _git_project(root: Path) -> None:
    for args in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "dossier"]):
        result = run(args, root, GIT_ENV)
        assert result.returncode == 0, result.stderr


def test_gh_deploy_publishes_to_a_local_bare_repository_as_documented(tmp_path):
    root = copy_project(tmp_path / "project")
    _git_project(root)
    commands = documented_block("gh-deploy --force --remote-name pages", "README.md")
    assert commands == documented_block("gh-deploy --force --remote-name pages")  # README and docs agree
    result = run(commands, root, GIT_ENV, shell=True)
    assert result.returncode == 0, result.stderr
    listed = set(result.stdout.split())
    assert {"index.html", ".nojekyll", "articles", "entities", "dossier.json", "feed.json", "feed.xml"} <= listed
    # Check out the published branch, as GitHub Pages would, and follow it to an article.
    checkout = tmp_path / "pages"
    cloned = run(["git", "clone", "-q", "--branch", "gh-pages", str(tmp_path / "dossier-pages.git"), str(checkout)], tmp_path)
    assert cloned.returncode == 0, cloned.stderr
    index = dossier_json.load_folder(checkout)
    assert len(index["articles"]) == 4
    for article in index["articles"]:
        assert _page_for(checkout, article["url"]).is_file()


def test_pages_workflow_builds_and_uploads_the_site(tmp_path):
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = workflow["jobs"]["build"]["steps"]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    assert "actions/upload-pages-artifact" in uses and "actions/configure-pages" in uses
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["steps"][0]["uses"].startswith("actions/deploy-pages")
    # Run the workflow's own shell steps (after installation) on a copy of the project.
    root = copy_project(tmp_path / "project")
    _git_project(root)
    env = {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "PAGES_URL": "https://someone.github.io/my-dossier"}
    for step in steps:
        if "run" in step and "pip install" not in step["run"]:
            command = step["run"].replace("python -m", f'"{sys.executable}" -m')
            result = run(["bash", "-e", "-c", command], root, {**env, **step.get("env", {}), "PAGES_URL": env["PAGES_URL"]})
            assert result.returncode == 0, (step.get("name"), result.stderr)
    site = root / upload["with"]["path"]
    data = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert data["home_page_url"] == "https://someone.github.io/my-dossier/"
    assert (site / "index.html").is_file() and (site / "dossier.json").is_file()
