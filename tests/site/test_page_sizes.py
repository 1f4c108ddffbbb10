"""Every comparison page is bounded in size (issue #16): NewsWCL50 (10 events × 5 outlets) built as
one dossier, its largest comparison page under 300 KB of built HTML; and the same 50 articles
forced into ONE story (a stories.yml in a temporary copy of the input) still under 300 KB, with
every section there. The corpus is read where the project keeps it (../shared), never copied
into the repository; the temporary copy lives in the test's temporary folder.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run

pytestmark = pytest.mark.slow

LIMIT = 300_000  # bytes of built HTML, theme included


def _newswcl50() -> Path | None:
    # beside the repository (a clone, CI) or beside the folder of work trees
    for shared in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        folder = shared / "corpora" / "newswcl50" / "articles"
        if folder.is_dir():
            return folder
    return None


NEWSWCL50 = _newswcl50()
needs_corpus = pytest.mark.skipif(NEWSWCL50 is None, reason="NewsWCL50 is not in ../shared")


def _build(tmp_path: Path, input_dir: Path) -> dict[str, int]:
    root = copy_project(tmp_path / "project")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("input: seeds ", f"input: {input_dir} "), encoding="utf-8")
    result = run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")], root, timeout=600)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    pages = [site / "compare" / "index.html", *(site / "compare").glob("*/index.html")]
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in pages}


@needs_corpus
def test_newswcl50_comparison_pages_are_under_300_kb(tmp_path):
    sizes = _build(tmp_path, NEWSWCL50)
    stories = [p for p in sizes if p != "compare/index.html"]
    assert len(stories) == 10  # one page per event
    largest = max(sizes.values())
    print(f"largest NewsWCL50 comparison page: {largest:,} bytes")
    assert largest < LIMIT, sizes


@needs_corpus
def test_fifty_articles_in_one_story_stay_under_300_kb(tmp_path):
    copy = tmp_path / "articles"
    shutil.copytree(NEWSWCL50, copy)
    files = sorted(p.relative_to(copy).as_posix() for p in copy.glob("*/*.md"))
    (copy / "stories.yml").write_text("stories:\n  - title: Everything\n    id: everything\n    articles:\n"
                                      + "".join(f"      - {f}\n" for f in files), encoding="utf-8")
    sizes = _build(tmp_path, copy)
    page = (tmp_path / "site" / "compare" / "everything" / "index.html").read_text(encoding="utf-8")
    print(f"NewsWCL50 as one story: {sizes['compare/everything/index.html']:,} bytes")
    assert sizes["compare/everything/index.html"] < LIMIT
    for section in ("articles", "findings", "quotations", "passages", "descriptors", "timeline", "similarity", "coverage"):
        assert f'id="{section}"' in page
    assert "more statements" in page or page.count('id="qg-') >= 20


@needs_corpus
def test_the_overview_is_paged_and_shows_who_covered_which_story(tmp_path, monkeypatch):
    from dossier import build, config
    from dossier.site import compare_page

    monkeypatch.setattr(compare_page, "MAX_STORY_ROWS", 4)
    root = copy_project(tmp_path / "project")
    dossier = build.generate(config.Config(project_root=root, input_dir=NEWSWCL50, docs_dir=root / "docs", cache=False))
    out = dossier.outputs
    pages = ["compare.md", "compare/stories/2.md", "compare/stories/3.md"]
    assert all(p in out for p in pages) and "compare/stories/4.md" not in out
    rows = [re.findall(r'<tr><td><a href="[^"]*compare/(story-[^/]+)/">', out[p]) for p in pages]
    assert [len(r) for r in rows] == [4, 4, 2] and len({s for r in rows for s in r}) == 10
    # each of the five outlets has a column, and each story a cell per outlet linking its article by day
    for outlet in ("Breitbart", "Fox News", "HuffPost", "The New York Times", "USA Today"):
        assert f">{outlet}</a></th>" in out["compare.md"]
    pompeo = out["compare.md"].split("</tr>")[1]
    assert pompeo.count(">17 Apr</a>") >= 4
    assert 'href="../../../compare/stories/3/">3</a>' in out["compare/stories/2.md"]
