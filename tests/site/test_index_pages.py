"""The indexes of articles and entities are paged (issue #17: no page grows with the dossier),
and every link on them leads to a page of the build."""

from __future__ import annotations

import re

from dossier import build, config
from dossier.site import index_pages
from dossier.site.html import Urls

from conftest import copy_project


def test_indexes_are_paged_and_link_every_article_and_entity_once(tmp_path, monkeypatch):
    monkeypatch.setattr(index_pages, "PAGE_SIZE", 3)
    root = copy_project(tmp_path / "project")
    dossier = build.generate(config.load(root))
    outputs = dossier.outputs
    article_pages = sorted(p for p in outputs if re.fullmatch(r"articles/index(_\d+)?\.md", p))
    assert article_pages == ["articles/index.md", "articles/index_2.md"]  # 4 articles, 3 a page
    linked = []
    urls = Urls()
    for path in article_pages:
        page = outputs[path]
        assert "render: html" in page and "Articles" in page
        for href in re.findall(r'<td><a href="([^"]+)">', page):
            assert href.startswith(urls.link(path, "articles/index.md").rsplit("articles/", 1)[0])
            linked.append(href.rstrip("/").rsplit("/", 1)[1])
        # the pager links every page of the list
        for other in article_pages:
            assert urls.link(path, other) in page or other == path
    assert sorted(linked) == sorted(a.id for a in dossier.articles)
    shared = [e for e in dossier.entities if e.shared]
    entity_pages = sorted(p for p in outputs if re.fullmatch(r"entities/index(_\d+)?\.md", p))
    assert len(entity_pages) == -(-len(shared) // 3)
    names = [m for p in entity_pages for m in re.findall(r'<td><a href="(?:\.\./)+entities/([^/]+)/"', outputs[p])]
    assert sorted(names) == sorted(e.id for e in shared)


def test_an_index_page_address_is_never_an_article_or_entity_id():
    from dossier.slugs import slugify

    for path in ("articles/index_2.md", "entities/index_10.md"):
        stem = path.split("/")[1][:-3]
        assert slugify(stem) != stem  # no slug has an underscore: no id can take this address
