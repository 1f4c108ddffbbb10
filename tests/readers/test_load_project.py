"""One way to load a project's articles (`dossier.readers.load_project`): the build, `dossier
entities` and `dossier note` all know an article by the id the site published for it."""

from __future__ import annotations

import yaml
from click.testing import CliRunner

from dossier import config
from dossier.cli import main
from dossier.readers import load_project

SEED = "003_16282a16f6079523.txt"
QUOTE = "“For my part, I am ready for interaction and contacts with you,” Putin said."


def _published_id(project) -> str:
    registry = yaml.safe_load((project / "dossier-ids.yml").read_text(encoding="utf-8"))
    return registry["articles"][SEED]["id"]


def test_note_add_finds_an_article_by_its_published_id_after_a_title_correction(project):
    # Issue #14, defect 3: `dossier note add` read the articles without dossier-ids.yml, so after
    # a title correction it knew the article only by a new slug and answered "no article".
    runner = CliRunner()
    first = runner.invoke(main, ["build", "-p", str(project), "-q"])
    assert first.exit_code == 0, first.output
    published = _published_id(project)
    (project / "seeds" / f"{SEED}.meta.yml").write_text("title: Putin Finally Congratulates Biden\n", encoding="utf-8")
    second = runner.invoke(main, ["build", "-p", str(project), "-q"])
    assert second.exit_code == 0, second.output
    assert _published_id(project) == published and (project / "docs" / "articles" / f"{published}.md").is_file()
    added = runner.invoke(main, ["note", "add", "-p", str(project), published, QUOTE, "--kind", "context",
                                 "--author", "T", "--body", "Said in a telegram."])
    assert added.exit_code == 0, added.output
    written = project / added.output.split("wrote ", 1)[1].strip()
    assert f"article: \"seeds/{SEED}\"" in written.read_text(encoding="utf-8")


def test_the_loader_gives_the_ids_the_build_published(project):
    from dossier import build

    cfg = config.load(project)
    built = build.build(cfg).dossier.articles
    (project / "seeds" / f"{SEED}.meta.yml").write_text("title: A corrected title\n", encoding="utf-8")
    loaded = load_project(config.load(project))
    assert [a.id for a in loaded.articles] == [a.id for a in built]
    assert next(a for a in loaded.articles if a.input.endswith(SEED)).title == "A corrected title"
    assert len(loaded.inputs) == len(built) and loaded.registry.articles
