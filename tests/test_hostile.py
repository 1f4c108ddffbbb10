"""Hostile input: whatever an article, sidecar, curation file or note contains, the built site
runs no code from it, loads nothing from elsewhere, and shows the text as written.

`make_project` puts every payload of tests/xss_payloads.txt into every field a user controls:
article text, titles (front matter, sidecar, HTML <title>), sources, authors, ids, file names,
entity names, descriptions and aliases (entities.yml), note titles, kinds, tags and bodies, and
files that only produce problems (so the payloads reach the build report too). The dossier is
built with `dossier.build.build`, then rendered by `mkdocs build`, and every HTML file (and
the search index, which Material renders as HTML) is parsed and checked. tests/test_hostile_browser.py
opens the same site in a real browser.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


def load_payloads() -> list[str]:
    lines = (ROOT / "tests" / "xss_payloads.txt").read_text(encoding="utf-8").splitlines()
    return [line.replace("\\n", "\n") for line in lines if line.strip() and not line.startswith("## ")]


PAYLOADS = load_payloads()
BENIGN = ("Vladimir Putin congratulated Joe Biden on his victory, the Kremlin in Moscow said. "
          "Alexey Navalny also congratulated Joe Biden.")


def _front_matter(data: dict) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=True, width=10_000) + "---\n"


def _file_name_payloads() -> list[str]:
    return [p for p in PAYLOADS if "/" not in p and "\n" not in p and "\\" not in p and len(p.encode()) < 120
            and not p.startswith((".", "-"))][:12]


def make_project(root: Path, payloads: list[str] = PAYLOADS) -> Path:
    """A project folder (mkdocs.yml, docs/, seeds/) whose input is hostile. Returns `root`."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    docs = root / "docs"
    docs.mkdir()
    for name in ("index.md", "how-it-works.md"):
        if (ROOT / "docs" / name).is_file():
            shutil.copy(ROOT / "docs" / name, docs / name)
    if (ROOT / "docs" / "stylesheets").is_dir():
        shutil.copytree(ROOT / "docs" / "stylesheets", docs / "stylesheets")
    seeds = root / "seeds"
    seeds.mkdir()
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(path, seeds / path.name)
    (seeds / "notes").mkdir()
    n = len(payloads)
    curation: dict = {
        "Joe Biden": {"name": 'Joe <img src=x onerror=alert("name")> Biden', "description": payloads[0],
                      "aliases": [payloads[1 % n]]},
        "Vladimir Putin": {"description": payloads[2 % n]},
    }
    for i, p in enumerate(payloads):
        q, r = payloads[(i + 1) % n], payloads[(i + 2) % n]
        body = f"Hostile article number {i} in Markdown.\n\n{p}\n\n{BENIGN} {q}\n\n{r}\n"
        meta = {"title": p, "source": q, "author": r, "date": f"2020-12-{i % 28 + 1:02d}", "tags": [p], "url": p}
        if i % 5 == 0:
            meta["id"] = p
        (seeds / f"h{i:03d}.md").write_text(_front_matter(meta) + body, encoding="utf-8")
        (seeds / f"s{i:03d}.txt").write_text(f"Hostile article number {i} with a sidecar.\n\n{p}\n\n{BENIGN} {r}\n",
                                             encoding="utf-8")
        (seeds / f"s{i:03d}.txt.meta.yml").write_text(
            yaml.safe_dump({"title": p, "source": q, "author": r, "url": p}, allow_unicode=True), encoding="utf-8")
        note = {"article": f"seeds/h{i:03d}.md", "title": p, "author": q, "tags": [r], "date": "2026-12-01",
                "selector": {"exact": "Vladimir Putin congratulated Joe Biden"}}
        if i % 3 == 0:
            note["kind"] = p
        (seeds / "notes" / f"n{i:03d}.md").write_text(_front_matter(note) + f"{p}\n\n{q}\n\n[{r}]({p})\n",
                                                      encoding="utf-8")
        curation[p] = {"type": "person", "description": q, "aliases": [r]}
        if i % 4 == 0:
            page = (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(p)}</title>"
                    f"<meta property='og:site_name' content='{html.escape(q, quote=True)}'>"
                    f"<meta name='author' content='{html.escape(r, quote=True)}'></head><body><article>"
                    f"<h1>{html.escape(p)}</h1><p>{html.escape(BENIGN)} {html.escape(q)}</p>"
                    f"<p>Web page number {i}, with raw markup that follows: {p}</p>"
                    f"<p>{html.escape(r)} and some more words so that this is an article.</p>"
                    f"</article></body></html>")
            (seeds / f"w{i:03d}.html").write_text(page, encoding="utf-8")
    for j, p in enumerate(_file_name_payloads()):
        (seeds / f"{p}.txt").write_text(f"Article in a file named by payload {j}. {BENIGN}\n", encoding="utf-8")
        (seeds / f"{p}.bin").write_bytes(b"not an article")
        (seeds / f"{p} broken.md").write_text(f"---\ntitle: [{p}\n---\nBody {j}.\n", encoding="utf-8")
    (seeds / "entities.yml").write_text(yaml.safe_dump(curation, allow_unicode=True, width=10_000), encoding="utf-8")
    decisions = {p: {"decision": "confirmed", "by": q, "date": "2026-12-01"}
                 for p, q in zip(payloads[:10], payloads[10:20])}
    decisions[payloads[20]] = payloads[21]
    (seeds / "notes" / "decisions.yml").write_text(yaml.safe_dump(decisions, allow_unicode=True), encoding="utf-8")
    # The id registry is committed beside mkdocs.yml, so anyone may edit it too.
    registry = {
        "articles": {"h001.md": {"id": '">', "sha256": ""}, "h002.md": {"id": "<script>alert(1)</script>", "sha256": ""},
                     "h003.md": {"id": "../../../outside", "sha256": ""}},
        "entities": {"joe-biden": [payloads[0]], '"><img src=x onerror=alert(1)>': ["Vladimir Putin"]},
        "redirects": {"articles/old/": '"><script>alert(1)</script>', "../../outside/": "articles/h/",
                      "articles/js/": "javascript:alert(1)//"},
    }
    (root / "dossier-ids.yml").write_text(yaml.safe_dump(registry, allow_unicode=True), encoding="utf-8")
    return root


def mkdocs_build(root: Path, site: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"),
                           "-d", str(site)], capture_output=True, text=True, timeout=timeout, env=env, cwd=root)


# --- the checker -------------------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
                  "codebase", "cite", "longdesc", "usemap", "dynsrc", "lowsrc", "ping", "srcset", "icon",
                  "manifest", "archive", "classid", "profile", "to", "from", "values", "by"}
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "math", "foreignobject",
                  "animate", "set", "use", "image", "animatemotion", "animatetransform", "feimage", "style",
                  "noscript", "template", "xmp", "plaintext", "listing", "marquee", "isindex", "portal",
                  "textarea", "select", "keygen", "param", "audio", "video", "source", "track",
                  "maction", "mglyph", "script-template"}
# Tags that load a resource: their URL must stay on the site.
RESOURCE_ATTRIBUTES = {("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"),
                       ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"),
                       ("input", "src"), ("image", "href"), ("use", "href"), ("img", "srcset"),
                       ("source", "srcset"), ("video", "poster")}
_DANGEROUS_URL = re.compile(r"^(javascript|vbscript|livescript|data|file|mhtml|jar):", re.I)
_EXTERNAL_URL = re.compile(r"^([a-z][a-z0-9+.-]*:|//|\\\\)", re.I)


def _url_scheme_text(value: str) -> str:
    """What a browser sees as the URL's start: controls and spaces removed (the parser has
    already decoded character references in attribute values)."""
    return re.sub(r"[\x00-\x20\x7f]+", "", value)


def _normalize_inline_script(text: str) -> str:
    # The theme's scripts differ between pages only by the relative path to the site root.
    text = re.sub(r'"(?:\.\./)*(?:\.\.|\.|/)?"', '""', text)
    text = re.sub(r'"(?:\.\./)+|"\./|"/(?=assets)', '"', text)
    return text.strip()


class _Checker(HTMLParser):
    def __init__(self, name: str, allowed_scripts: set[str] | None):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.allowed_scripts = allowed_scripts
        self.problems: list[str] = []
        self.script: tuple[dict, list[str]] | None = None
        self.inline_scripts: list[str] = []
        self.scripts_src: list[str] = []

    def fail(self, message: str) -> None:
        self.problems.append(f"{self.name}: {message}")

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def _element(self, tag, attrs):
        tag = tag.lower()
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag in FORBIDDEN_TAGS:
            self.fail(f"<{tag}> element {attrs!r}")
        for key, value in values.items():
            if key.startswith("on"):
                self.fail(f"event handler {key}= on <{tag}>")
            if key in ("srcdoc", "formaction") or key.startswith("xmlns:") and "xlink" not in value:
                self.fail(f"attribute {key}= on <{tag}>")
            if key in URL_ATTRIBUTES or key.endswith(":href"):
                for part in value.split(",") if key == "srcset" else [value]:
                    scheme = _url_scheme_text(part)
                    if _DANGEROUS_URL.match(scheme):
                        self.fail(f"dangerous URL {key}={value!r} on <{tag}>")
                    if (tag, key) in RESOURCE_ATTRIBUTES and _EXTERNAL_URL.match(scheme):
                        self.fail(f"resource loaded from outside the site: <{tag} {key}={value!r}>")
            if key == "title" and "<" in value:
                # Material's tooltips (content.tooltips) insert a title into the page as HTML.
                self.fail(f"title that Material's tooltips would render as HTML: <{tag} title={value!r}>")
            if key == "style" and re.search(r"url\s*\(|expression|javascript|@import|behavior", html.unescape(value), re.I):
                self.fail(f"style attribute that can load or run something: {value!r}")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            target = _url_scheme_text(values.get("content", "").split("url=", 1)[-1])
            if _DANGEROUS_URL.match(target) or _EXTERNAL_URL.match(target):
                self.fail(f"meta refresh to {values.get('content')!r}")
        if tag == "script":
            src = values.get("src")
            if src is not None and src != "":
                self.scripts_src.append(_normalize_inline_script(f'"{src}"'))
                if self.allowed_scripts is not None and self.scripts_src[-1] not in self.allowed_scripts:
                    self.fail(f"script with src {src!r}")
                self.script = None
            else:
                self.script = (values, [])
        if tag == "link" and values.get("rel", "").lower() in ("import", "preload", "prefetch", "modulepreload", "dns-prefetch", "preconnect"):
            if _EXTERNAL_URL.match(_url_scheme_text(values.get("href", ""))):
                self.fail(f"link to outside the site {values!r}")

    def handle_data(self, data):
        if self.script is not None:
            self.script[1].append(data)

    def handle_endtag(self, tag):
        if tag.lower() == "script" and self.script is not None:
            text = _normalize_inline_script("".join(self.script[1]))
            self.inline_scripts.append(text)
            if self.allowed_scripts is not None and text not in self.allowed_scripts:
                self.fail(f"inline script not from the theme: {text[:120]!r}")
            self.script = None


def inline_scripts(html_text: str) -> set[str]:
    checker = _Checker("baseline", None)
    checker.feed(html_text)
    checker.close()
    return set(checker.inline_scripts) | set(checker.scripts_src)


def check_html(name: str, html_text: str, allowed_scripts: set[str]) -> list[str]:
    checker = _Checker(name, allowed_scripts)
    checker.feed(html_text)
    checker.close()
    return checker.problems


def check_site(site: Path) -> list[str]:
    """Every problem in the built site: scripts, handlers, dangerous URLs, elements from input."""
    # 404.html is made from the theme and mkdocs.yml alone: its scripts are the site's own.
    allowed = inline_scripts((site / "404.html").read_text(encoding="utf-8"))
    assert allowed, "the theme's 404 page has no inline script: the baseline is wrong"
    problems: list[str] = []
    for path in sorted(site.rglob("*.html")):
        problems += check_html(path.relative_to(site).as_posix(), path.read_text(encoding="utf-8"), allowed)
    # Material renders search results from the index with innerHTML: check its fields as HTML too.
    index = site / "search" / "search_index.json"
    if index.is_file():
        docs = json.loads(index.read_text(encoding="utf-8")).get("docs", [])
        assert docs, "the search index is empty"
        for doc in docs:
            for key in ("title", "text"):
                problems += check_html(f"search_index.json {doc.get('location')!r} {key}", str(doc.get(key) or ""), set())
    return problems


def visible_text(html_text: str) -> str:
    """The text a reader sees (tags removed, references decoded), white space folded."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", html_text, flags=re.S | re.I)
    text = re.sub(r"</?(?:a|abbr|strong|em|b|i|span|code|mark|sup|sub|small)\b[^>]*>", "", text, flags=re.I)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(html.unescape(text).split())


# --- the hostile site, built once per test session ------------------------------------------------

_BUILT: dict[str, object] = {}


def built_hostile_site(tmp_path_factory) -> tuple[Path, Path, object]:
    """(project root, site folder, dossier.build.BuildResult), built once and shared."""
    if "site" not in _BUILT:
        from dossier import build, config

        root = make_project(tmp_path_factory.mktemp("hostile") / "project")
        result = build.build(config.load(root))
        site = root / "site"
        done = mkdocs_build(root, site)
        assert done.returncode == 0, done.stderr[-4000:]
        _BUILT.update(root=root, site=site, result=result)
    return _BUILT["root"], _BUILT["site"], _BUILT["result"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return built_hostile_site(tmp_path_factory)


def test_there_are_at_least_50_payloads():
    assert len(PAYLOADS) >= 50 and len(set(PAYLOADS)) == len(PAYLOADS)


def test_no_script_handler_or_dangerous_url_from_input(hostile):
    root, site, _ = hostile
    pages = list(site.rglob("*.html"))
    assert len(pages) > 2 * len(PAYLOADS)  # the articles, entities and notes were all rendered
    problems = check_site(site)
    assert not problems, f"{len(problems)} problems, first ones:\n" + "\n".join(problems[:40])


def test_the_checker_catches_what_it_should():
    allowed = {"theme();"}
    for bad in ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<a href=" java\tscript:x">a</a>',
                '<a href="&#106;avascript:alert(1)">a</a>', '<svg><animate onbegin=alert(1)>',
                '<iframe src="/x"></iframe>', '<img src="http://127.0.0.2/p.gif">', '<script src="//x/y.js"></script>',
                '<form action="javascript:alert(1)">', '<div style="background:url(http://x/y)">',
                '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', '<math><mi href="javascript:x">',
                '<object data="data:text/html,x">', '<img srcset="http://127.0.0.2/a.png 1x">',
                '<abbr title="&lt;img src=x onerror=alert(1)&gt;">HTML</abbr>']:
        assert check_html("x", bad, allowed), bad
    for good in ['<script>theme();</script>', '<a href="../entities/putin/">P</a>', '<img src="../img/a.png">',
                 '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>', '<a href="https://example.org/">out</a>',
                 '<a href="x" title="Person: &amp;lt;img src=x&amp;gt;">P</a>']:
        assert not check_html("x", good, allowed), good


def _dossier_json(site: Path) -> dict:
    return dossier_json.load_folder(site)


def _h1(page: Path) -> str:
    m = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
    assert m, page
    return visible_text(re.sub(r'<a class="headerlink".*?</a>', "", m.group(1), flags=re.S))


def test_titles_are_shown_exactly_as_written(hostile):
    root, site, _ = hostile
    data = _dossier_json(site)
    by_input = {a["input"]: a for a in data["articles"]}
    for i, payload in enumerate(PAYLOADS):
        for name in (f"seeds/h{i:03d}.md", f"seeds/s{i:03d}.txt"):
            article = by_input[name]
            assert article["title"] == payload
            page = site / article["url"] / "index.html"
            assert _h1(page) == " ".join(payload.split()), (name, payload)
            # The header and the window title show it as text too (Material inserts titles as HTML).
            head = page.read_text(encoding="utf-8")
            title = re.search(r"<title>(.*?)</title>", head, re.S).group(1)
            assert html.unescape(title).startswith(payload.split("\n")[0][:20])


def test_article_text_and_sources_are_shown_as_text(hostile):
    root, site, _ = hostile
    data = _dossier_json(site)
    by_input = {a["input"]: a for a in data["articles"]}
    for i in range(0, len(PAYLOADS), 7):
        p, q = PAYLOADS[i], PAYLOADS[(i + 1) % len(PAYLOADS)]
        page = (site / by_input[f"seeds/h{i:03d}.md"]["url"] / "index.html").read_text(encoding="utf-8")
        shown = visible_text(page)
        for line in p.split("\n"):
            assert " ".join(line.split()) in shown, (i, line)
        assert " ".join(q.split("\n")[0].split()) in shown


def test_feeds_and_json_carry_the_text_as_data(hostile):
    import xml.etree.ElementTree as ElementTree

    root, site, _ = hostile
    titles = {a["title"] for a in _dossier_json(site)["articles"]}
    assert set(PAYLOADS) <= titles
    if (site / "feed.xml").is_file():
        feed = ElementTree.parse(site / "feed.xml")  # well-formed whatever the titles
        assert not [e for e in feed.iter() if e.tag.lower() in ("script", "{http://www.w3.org/1999/xhtml}script")]
    if (site / "feed.json").is_file():
        json.loads((site / "feed.json").read_text(encoding="utf-8"))


def test_every_input_file_is_accounted_for(hostile):
    root, site, result = hostile
    data = _dossier_json(site)
    built = {a["input"] for a in data["articles"]}
    reported = {p["path"] for p in data.get("problems", [])} | {p.path for p in result.problems}
    seeds = root / "seeds"
    inputs = [p for p in seeds.rglob("*") if p.is_file() and not p.relative_to(seeds).parts[0] in ("notes",)
              and p.name not in ("entities.yml", "dossier-ids.yml") and not p.name.endswith((".meta.yml", ".meta.yaml"))]
    assert len(inputs) > 2 * len(PAYLOADS)
    for path in inputs:
        rel = path.relative_to(root).as_posix()
        assert rel in built or rel in reported, rel
    report = (site / "build-report" / "index.html").read_text(encoding="utf-8")
    assert "malformed YAML" in report


def test_nothing_is_written_outside_the_project_folders(hostile):
    root, site, _ = hostile
    assert {p.name for p in root.iterdir()} <= {"mkdocs.yml", "docs", "seeds", "site", ".dossier-cache",
                                                "dossier-ids.yml"}
    docs = root / "docs"
    for path in docs.rglob("*"):
        assert path.resolve().is_relative_to(docs.resolve())
    for path in site.rglob("*"):
        assert path.resolve().is_relative_to(site.resolve())
    # Ids made from hostile titles and `id:` fields are plain slugs.
    for article in _dossier_json(site)["articles"]:
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", article["id"]), article["id"]
    for entity in _dossier_json(site)["entities"]:
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", entity["id"]), entity["id"]


def test_entity_names_and_aliases_from_curation_are_text(hostile):
    root, site, _ = hostile
    shared = [e for e in _dossier_json(site)["entities"] if e["shared"]]
    hostile_names = [e for e in shared if any(re.search(r"[<>\[{]|javascript", n) for n in [e["name"], *e["aliases"]])]
    assert len(hostile_names) >= 2, "curated hostile names should reach entity pages"
    for entity in shared:
        page = site / entity["url"] / "index.html"
        assert _h1(page) == " ".join(entity["name"].split()), entity["name"]
        shown = visible_text(page.read_text(encoding="utf-8"))
        for alias in entity["aliases"]:
            assert " ".join(alias.split()) in shown, (entity["name"], alias)


# Hostile files (reported, never fatal, nothing lost) are tested in tests/readers/test_hostile_files.py.

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dossier import emit as emit_module  # noqa: E402
from dossier.site import article_page, templating  # noqa: E402
from dossier.notes.anchoring import anchor, selector_for  # noqa: E402
from dossier.ids import provisional_article_ids  # noqa: E402
from dossier.link import Link  # noqa: E402
from dossier.model import BODY, Article, Entity, Paragraph  # noqa: E402
from dossier.slugs import slugify  # noqa: E402
from dossier.site import dossier_json


# --- property-based: escaping, slugging, ids, anchoring -------------------------------------------------

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_slugs_are_one_safe_path_segment(text):
    slug = slugify(text)
    assert re.fullmatch(r"([a-z0-9]+(-[a-z0-9]+)*)?", slug), slug
    if slug:
        emit_module.safe_relative(f"articles/{slug}.md")


def _article(text: str, input_name: str = "a.txt", title: str = "", id_: str = "") -> Article:
    return Article(id=id_, input=input_name, text=text, title=title or text[:20], title_derived=False, date=None,
                   source=None, paragraphs=(Paragraph(1, 0, len(text), BODY),) if text else ())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=12))
def test_article_ids_are_unique_safe_and_stable(items):
    articles = [_article("body", f"in/{i}.txt", title=title or "x", id_=explicit) for i, (title, explicit) in enumerate(items)]
    ids = [a.id for a in provisional_article_ids(articles)]
    assert len(set(ids)) == len(ids) and "index" not in ids
    for article_id in ids:
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", article_id), article_id
    assert [a.id for a in provisional_article_ids(list(reversed(articles)))] == ids  # input order does not matter


@settings(max_examples=300, deadline=None)
@given(TEXT)
@example("\x1e\x1e")  # record separators end a line too (found by CI)
@example("a\r\n\u2028b\x1cc")
def test_page_titles_and_one_line_text_round_trip_as_text(value):
    loaded = yaml.safe_load(f"title: {templating.page_title(value)}")["title"]
    assert "<" not in loaded
    # A run of characters that end a line anywhere (str.splitlines' set) becomes one space.
    enders = "".join(sorted({c for c in map(chr, range(0x3000)) if len(("a" + c + "b").splitlines()) > 1}))
    expected = re.sub("[" + re.escape(enders) + "]+", " ", value)
    expected = re.sub("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]", " ", expected)
    assert html.unescape(loaded) == expected
    assert "\n" not in templating.one_line(value) and "<" not in templating.one_line(value)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=120), st.data())
def test_article_paragraphs_with_links_render_only_text_and_links(text, data):
    import markdown

    text = text.strip() or "x"
    article = _article(text)
    paragraph = article.paragraphs[0]
    entity = Entity("putin", 'Putin <script>alert(1)</script> "x"', "person", (), (), True, "<img src=x onerror=alert(1)>")
    links = []
    cursor = 0
    for _ in range(data.draw(st.integers(0, 3))):
        if cursor >= len(text):
            break
        start = data.draw(st.integers(cursor, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        links.append(Link(start, end, "putin"))
        cursor = end
    content = article_page.paragraph_html(article, paragraph, links, {"putin": entity})
    # As a page has it: a raw HTML block in the Markdown route, the same HTML in the plugin's.
    rendered = markdown.markdown(f'<p id="p-1">{content}</p>', extensions=[
        "abbr", "admonition", "attr_list", "md_in_html", "pymdownx.details", "tables", "toc"])
    assert set(re.findall(r"</?([a-zA-Z0-9]+)", rendered)) <= {"p", "a"}, rendered
    assert not check_html("paragraph", rendered, set())
    for href in re.findall(r'href="([^"]*)"', rendered):
        assert href == "../../entities/putin/"
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert " ".join(shown.split()) == " ".join(text.split())  # the text, exactly, nothing else


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab <>&\"'\n;:/x") + ["javascript:", "<script>", "Putin "]), min_size=5,
                max_size=80).map("".join), st.data())
def test_a_selector_made_for_a_passage_anchors_it_again(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(len(text), start + 40)))
    if not text[start:end].strip():
        return
    found = anchor(text, selector_for(text, start, end))
    assert (found.start, found.end) == (start, end)


# --- exit codes, strict mode, atomic output ---------------------------------------------------------

def test_exit_codes(project):
    from click.testing import CliRunner

    from dossier.cli import main

    runner = CliRunner()
    (project / "seeds" / "broken.md").write_text("---\ntitle: [unclosed\n---\nBody.\n", encoding="utf-8")
    ok = runner.invoke(main, ["build", "--project", str(project), "--quiet"])
    assert ok.exit_code == 0, ok.output
    assert "broken&#46;md" in (project / "docs" / "build-report.md").read_text(encoding="utf-8")
    strict = runner.invoke(main, ["build", "--project", str(project), "--quiet", "--strict"])
    assert strict.exit_code == 1
    assert runner.invoke(main, ["build", "--project", str(project), "--no-such-option"]).exit_code == 2
    assert runner.invoke(main, ["build", "--project", str(project), "--input", "missing"]).exit_code == 2


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_interrupted_generation_leaves_the_previous_output(project, monkeypatch):
    from dossier import build, config

    cfg = config.load(project)
    build.build(cfg)
    before = _snapshot(project / "docs")
    (project / "seeds" / "new.txt").write_text("Navalny returned to Moscow on Sunday.\n", encoding="utf-8")
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return original(*args, **kwargs)

    from dataclasses import replace

    from dossier.site import registry

    kinds = list(registry.PAGE_KINDS)
    index = next(i for i, kind in enumerate(kinds) if kind.name == "article")
    original = kinds[index].render
    kinds[index] = replace(kinds[index], render=interrupted)
    monkeypatch.setattr(registry, "PAGE_KINDS", kinds)
    with pytest.raises(KeyboardInterrupt):
        build.build(cfg)
    assert _snapshot(project / "docs") == before


def test_ctrl_c_while_writing_leaves_old_or_new_output_never_a_mix(tmp_path, monkeypatch):
    import signal

    old = {f"articles/{i}.md": f"old {i}\n" for i in range(6)}
    new = {f"articles/{i}.md": f"new {i}\n" for i in range(6)}
    emit_module.emit(old, tmp_path)
    before = _snapshot(tmp_path)

    # Ctrl-C while the new files are staged and synced: nothing is replaced, no staging folder is left.
    real_durable = emit_module._make_durable

    def sync_then_interrupt(folder, files):
        real_durable(folder, files)
        assert len(files) == 6
        os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(emit_module, "_make_durable", sync_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        emit_module.emit(new, tmp_path)
    assert _snapshot(tmp_path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".dossier-staging")]
    monkeypatch.setattr(emit_module, "_make_durable", real_durable)

    # Ctrl-C while the staged files are swapped in: it waits until every file is new.
    real_replace = os.replace
    sent = []

    def replace_then_interrupt(src, dst):
        if not sent:
            sent.append(1)
            os.kill(os.getpid(), signal.SIGINT)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        emit_module.emit(new, tmp_path)
    after = _snapshot(tmp_path)
    assert {k: v for k, v in after.items() if k.startswith("articles/")} == {k: v.encode() for k, v in new.items()}


def test_an_entity_or_article_named_index_does_not_hide_the_index_pages(tmp_path):
    from dossier import build, config

    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Index met Putin in Moscow. Index said so.\n", encoding="utf-8")
    (seeds / "b.txt").write_text("Putin and Index spoke in Moscow again.\n", encoding="utf-8")
    (seeds / "c.md").write_text("---\ntitle: Index\n---\nAn article whose title is Index.\n", encoding="utf-8")
    (seeds / "entities.yml").write_text("Index:\n  type: organization\n", encoding="utf-8")
    dossier = build.generate(config.load(tmp_path))
    index = next(e for e in dossier.entities if e.name == "Index")
    assert index.shared and index.id != "index" and f"entities/{index.id}.md" in dossier.outputs
    assert "title: Entities" in dossier.outputs["entities/index.md"]
    assert "title: Articles" in dossier.outputs["articles/index.md"]
    assert all(a.id != "index" for a in dossier.articles)


def test_yaml_nested_thousands_deep_is_reported_everywhere_not_fatal(tmp_path):
    from dossier import build, config

    deep = "[" * 5000 + "]" * 5000
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    seeds = tmp_path / "seeds"
    (seeds / "notes").mkdir(parents=True)
    (seeds / "ok.txt").write_text("Putin met Biden in Moscow.\n", encoding="utf-8")
    (seeds / "a.md").write_text(f"---\ntitle: {deep}\n---\nNavalny returned to Moscow.\n", encoding="utf-8")
    (seeds / "ok.txt.meta.yml").write_text(f"title: {deep}\n", encoding="utf-8")
    (seeds / "entities.yml").write_text(f"Putin: {deep}\n", encoding="utf-8")
    (seeds / "notes" / "n.md").write_text(f"---\narticle: seeds/ok.txt\nselector: {deep}\n---\nA note.\n", encoding="utf-8")
    (seeds / "notes" / "decisions.yml").write_text(f"x: {deep}\n", encoding="utf-8")
    cfg = config.load(tmp_path)
    cfg.id_registry.write_text(f"articles: {deep}\n", encoding="utf-8")
    result = build.build(cfg)
    assert [a.input for a in result.dossier.articles] == ["seeds/ok.txt"]
    paths = {Path(p.path).name for p in result.problems if p.severity == "error"}
    assert {"a.md", "ok.txt.meta.yml", "entities.yml", "n.md"} <= paths, paths


def test_problems_print_control_characters_escaped():
    from dossier.model import Problem

    shown = str(Problem("seeds/\x1b]0;pwned\x07.txt", "bad\nline: café “q” 中文", "error", 3))
    assert "\x1b" not in shown and "\x07" not in shown and "\n" not in shown
    assert shown == "seeds/\\x1b]0;pwned\\x07.txt:3: error: bad\\nline: café “q” 中文"
