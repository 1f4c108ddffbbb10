"""Published URLs stay put: ids survive title corrections, renames, and new articles."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace

import pytest

from dossier import ids
from dossier.site import dossier_json
from dossier.readers import read_folder
from dossier.model import Entity, Mention

from conftest import SEEDS, SHARED


def _load(folder, registry):
    articles, _ = read_folder(folder, folder)
    result, problems = ids.assign_article_ids(articles, registry, folder, folder)
    return {a.input: a.id for a in result}, problems


def test_title_correction_and_rename_keep_the_id(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    registry = ids.Registry()
    first, _ = _load(folder, registry)
    seed = "003_16282a16f6079523.txt"
    # Correct the headline: the slug would change, the id must not.
    path = folder / seed
    path.write_text(path.read_text(encoding="utf-8").replace("Putin Congratulates", "Vladimir Putin Congratulates"), encoding="utf-8")
    second, _ = _load(folder, registry)
    assert second[seed] == first[seed]
    # Rename the file: matched by content, it keeps its id.
    path.rename(folder / "renamed.txt")
    third, _ = _load(folder, registry)
    assert third["renamed.txt"] == first[seed]


def test_new_article_with_the_same_slug_does_not_take_an_id(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    registry = ids.Registry()
    first, _ = _load(folder, registry)
    seed = "003_16282a16f6079523.txt"
    # A copy whose name sorts first and whose title gives the same slug.
    text = (folder / seed).read_text(encoding="utf-8").replace("Contribute today", "Contribute now")
    (folder / "000_aaa.txt").write_text(text, encoding="utf-8")
    second, _ = _load(folder, registry)
    assert second[seed] == first[seed]
    assert second["000_aaa.txt"] != first[seed]
    assert len(set(second.values())) == len(second)


def test_removed_article_keeps_its_id_reserved(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    registry = ids.Registry()
    first, _ = _load(folder, registry)
    seed = "003_16282a16f6079523.txt"
    text = (folder / seed).read_text(encoding="utf-8")
    (folder / seed).unlink()
    (folder / "new.txt").write_text(text.replace("Support The Moscow Times!", "Support us!"), encoding="utf-8")
    second, _ = _load(folder, registry)
    assert second["new.txt"] != first[seed]


def test_explicit_id_change_leaves_a_redirect(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    registry = ids.Registry()
    first, _ = _load(folder, registry)
    seed = "000_4573a53139b8635d.txt"
    (folder / f"{seed}.meta.yml").write_text("id: navalny-congratulates-biden\n", encoding="utf-8")
    second, _ = _load(folder, registry)
    assert second[seed] == "navalny-congratulates-biden"
    assert registry.redirects == {f"articles/{first[seed]}/": "articles/navalny-congratulates-biden/"}


def test_registry_round_trips_through_its_file(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    registry = ids.Registry()
    first, _ = _load(folder, registry)
    path = tmp_path / "dossier-ids.yml"
    path.write_text(registry.to_yaml(), encoding="utf-8")
    loaded, problems = ids.load(path)
    assert problems == [] and loaded.articles == registry.articles


def test_broken_registry_is_reported_with_its_line(tmp_path):
    path = tmp_path / "dossier-ids.yml"
    path.write_text("articles:\n  a.txt: {id: [unclosed\n", encoding="utf-8")
    registry, problems = ids.load(path)
    assert registry.articles == {} and problems and problems[0].line


def _entity(entity_id, name, aliases=(), n=2):
    mentions = tuple(Mention(f"a{i}", 0, len(name), name) for i in range(n))
    return Entity(entity_id, name, "person", tuple(aliases), mentions, shared=True)


def test_entity_keeps_its_id_when_its_display_name_changes():
    registry = ids.Registry()
    first = ids.stabilize_entity_ids([_entity("navalny", "Navalny")], registry)
    assert [e.id for e in first] == ["navalny"]
    # More articles arrive; the resolver now names the entity by its full name.
    later = ids.stabilize_entity_ids([_entity("alexey-navalny", "Alexey Navalny", ["Navalny", "Alexei Navalny"], 3)], registry)
    assert [e.id for e in later] == ["navalny"]


def test_a_recorded_entity_id_is_not_given_to_someone_else():
    registry = ids.Registry()
    ids.stabilize_entity_ids([_entity("clinton", "Clinton")], registry)
    # Later the only "clinton" is a different person whose names share nothing recorded.
    later = ids.stabilize_entity_ids([_entity("clinton", "Bill", ["Bill"])], registry)
    assert later[0].id != "clinton"


def test_two_entities_with_the_same_name_keep_their_ids_build_after_build(tmp_path):
    # The resolver keeps a person "Merbri Zorsolten" (also called "Merbri") apart from a product
    # line called "Merbri"; both are shared. Their ids must not move from one build to the next.
    def build(registry):
        person = _entity("merbri", "Merbri Zorsolten", ["Merbri"], 5)
        product = _entity("merbri-2", "Merbri", (), 3)
        return {e.name: e.id for e in ids.stabilize_entity_ids([person, product], registry)}

    registry = ids.Registry()
    first = build(registry)
    assert len(set(first.values())) == 2
    for _ in range(3):
        (tmp_path / ids.REGISTRY_NAME).write_text(registry.to_yaml(), encoding="utf-8")
        registry, problems = ids.load(tmp_path / ids.REGISTRY_NAME)
        assert problems == []
        assert build(registry) == first
    assert len(registry.entities) == 2  # no new id recorded on each build


def test_the_registry_is_written_only_when_an_id_is_recorded(project, monkeypatch):
    from dossier import build, config, emit

    build.build(config.load(project))
    registry = project / ids.REGISTRY_NAME
    first = registry.read_text(encoding="utf-8")
    writes = []
    original = emit.write_registry
    monkeypatch.setattr(emit, "write_registry", lambda *a: writes.append(1) or original(*a))
    build.build(config.load(project))
    assert writes == [] and registry.read_text(encoding="utf-8") == first
    (project / "seeds" / "zz-new.txt").write_text("Navalny returns\n\nNavalny returned to Moscow on Sunday.\n",
                                                  encoding="utf-8")
    build.build(config.load(project))
    assert writes == [1] and "zz-new.txt" in registry.read_text(encoding="utf-8")


def _unshared(entity_id, name, aliases=(), n=2):
    return replace(_entity(entity_id, name, aliases, n), shared=False)


@pytest.mark.parametrize("shared, other", [
    # a person linked across articles, and a bigger entity of one article that shares one alias
    (("joseph-sellers", "Joseph Sellers", ["Sellers"], 2), ("sellers", "Sellers", [], 6)),
    (("donald-trump", "Donald Trump", ["Trump", "President Trump"], 10),
     ("donald-j-trump", "Donald J. Trump", ["Trump", "Mr. Trump"], 20)),
])
def test_an_entity_sharing_one_alias_never_takes_a_recorded_id(tmp_path, shared, other):
    def build(registry):
        return {e.name: e.id for e in ids.stabilize_entity_ids([_entity(*shared), _unshared(*other)], registry)}

    registry = ids.Registry()
    first = build(registry)
    assert first == {shared[1]: shared[0], other[1]: other[0]}
    for _ in range(3):  # rebuilds with nothing changed, and what `dossier entities` prints
        (tmp_path / ids.REGISTRY_NAME).write_text(registry.to_yaml(), encoding="utf-8")
        registry, problems = ids.load(tmp_path / ids.REGISTRY_NAME)
        assert build(registry) == first


def test_a_recorded_id_is_not_claimed_with_one_shared_alias_when_its_entity_is_gone():
    registry = ids.Registry()
    ids.stabilize_entity_ids([_entity("donald-trump", "Donald Trump", ["Trump", "President Trump"])], registry)
    later = ids.stabilize_entity_ids([_entity("melania-trump", "Melania Trump", ["Trump"])], registry)
    assert [e.id for e in later] == ["melania-trump"]


NEWSWCL50 = SHARED / "corpora" / "newswcl50" / "articles"


@pytest.mark.skipif(not NEWSWCL50.is_dir(), reason="needs ../shared/corpora/newswcl50")
def test_a_real_dossier_keeps_every_url_build_after_build(tmp_path):
    """Twenty articles of NewsWCL50 (read in place, copied only into the temporary project): a
    rebuild with nothing changed writes the same dossier.json and dossier-ids.yml; removing an
    article and adding it back gives the first build again; `dossier entities` prints the ids the
    site uses."""
    import json

    from click.testing import CliRunner

    from dossier import build, cli, config

    (tmp_path / "articles").mkdir()
    for event in ("0-pompeo-north-korea", "1-comey-memos", "4-macron-iran-deal", "5-trump-uk-visit"):
        for path in sorted((NEWSWCL50 / event).glob("*.md")):
            shutil.copy(path, tmp_path / "articles" / f"{event}-{path.name}")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ndocs_dir: docs\nplugins:\n  - dossier:\n      input: articles\n",
                                         encoding="utf-8")

    def built():
        build.build(config.load(tmp_path))
        return (json.dumps(dossier_json.load_folder(tmp_path / "docs")),
                (tmp_path / ids.REGISTRY_NAME).read_text(encoding="utf-8"))

    first = built()
    assert built() == first
    entities = {e["id"]: e for e in json.loads(first[0])["entities"]}
    assert "donald-trump" in entities and entities["donald-trump"]["shared"]
    moved = tmp_path / "removed.md"
    shutil.move(tmp_path / "articles" / "1-comey-memos-M.md", moved)
    without = {e["id"]: e for e in json.loads(built()[0])["entities"]}
    for i, e in entities.items():  # an id stays with its entity, even if its display name changes
        if e["shared"] and i in without:
            assert {e["name"], *e["aliases"]} & {without[i]["name"], *without[i]["aliases"]}, (e["name"], without[i]["name"])
    shutil.move(moved, tmp_path / "articles" / "1-comey-memos-M.md")
    again = built()
    assert again[0] == first[0]  # every URL, every entity as before (the registry may hold more names)
    printed = CliRunner().invoke(cli.main, ["entities", "-p", str(tmp_path)]).output
    shown = re.findall(r"^(.*?)  \[([a-z0-9-]+)\]", printed, re.M)
    assert shown and all(entities[i]["name"] == name for name, i in shown)
