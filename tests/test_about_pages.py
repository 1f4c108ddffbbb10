"""This repository's About pages (docs/*.md: how dossier works, the comparison, notes,
security, publishing, entities.yml) document the tool, not the dossier: they are never in its
search (#18), and `dossier new` does not copy them into a user's project (tests/test_new.py)."""

from __future__ import annotations

import frontmatter

from conftest import ROOT

ABOUT = ("how-it-works.md", "comparison.md", "annotating.md", "security.md", "publishing.md", "entities-yml.md")


def test_every_hand_written_page_of_this_repository_is_kept_out_of_search():
    pages = sorted(p.name for p in (ROOT / "docs").glob("*.md"))
    assert set(ABOUT) <= set(pages)
    for name in pages:
        meta = frontmatter.load(ROOT / "docs" / name).metadata
        assert (meta.get("search") or {}).get("exclude") is True, f"docs/{name} would answer the dossier's searches"


def test_the_home_page_is_generated_not_hand_written():
    assert not (ROOT / "docs" / "index.md").is_file() or "docs/index.md" in (ROOT / ".gitignore").read_text()
