"""Which mentions become links: never a name inside a web or mail address."""

from __future__ import annotations

import re

import pytest

from dossier import link
from dossier.readers import read_folder
from dossier.model import Entity, Mention


def _article(tmp_path, body: str):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_text(f"---\ntitle: Test\ndate: 2024-01-01\n---\n\n{body}\n", encoding="utf-8")
    (article,), problems = read_folder(folder, tmp_path)
    assert not problems
    return article


@pytest.mark.parametrize("address", ["https://example.org/Navalny", "WWW.NAVALNY.RU", "www.navalny.ru/Navalny",
                                     "Navalny@example.com", "team.Navalny.COM/news", "Navalny.io"])
def test_a_name_inside_an_address_is_not_linked(tmp_path, address):
    article = _article(tmp_path, f"Navalny spoke on Monday. His team wrote at {address} later that day.")
    entity_mentions = [Mention(article.id, m.start(), m.end(), m.group(), "person")
                       for m in re.finditer("navalny", article.text, re.I) if article.text[m.start()].isupper()]
    entity = Entity("navalny", "Navalny", "person", (), tuple(entity_mentions), shared=True)
    links = link.plan_links(article, [(m, entity) for m in entity_mentions], "all")
    linked = [article.text[l.start:l.end] for l in links]
    prose = article.text.index("Navalny spoke")
    assert [l.start for l in links] == [prose], linked


def test_names_in_prose_are_linked_when_there_is_no_address(tmp_path):
    article = _article(tmp_path, "Navalny spoke on Monday. Later Navalny left for Berlin.")
    mentions = [Mention(article.id, m.start(), m.end(), m.group(), "person") for m in re.finditer("Navalny", article.text)]
    entity = Entity("navalny", "Navalny", "person", (), tuple(mentions), shared=True)
    body = [m for m in mentions if article.paragraph_at(m.start).kind == "body"]
    assert len(link.plan_links(article, [(m, entity) for m in mentions], "all")) == len(body) == 2
    assert len(link.plan_links(article, [(m, entity) for m in mentions], "first")) == 1
