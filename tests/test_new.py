"""`dossier new PATH` (#18): a ready project for a new story, and nothing of the seed dossier.

tests/test_new_user_browser.py builds such a project with articles from a folder outside it and
reads the site in Chromium.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT, run
from dossier import scaffold
from dossier.cli import main
from dossier.readers import discover

EXPECTED = [".github/workflows/pages.yml", ".gitignore", "README.md", "articles/README.md", "docs/.gitignore",
            "mkdocs.yml", "requirements.txt"]


class _Inert(yaml.SafeLoader):
    pass


_Inert.add_multi_constructor("!", lambda loader, suffix, node: None)


def _yml(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Inert)  # noqa: S506 - a safe loader


def _new(tmp_path: Path, *args: str):
    return CliRunner().invoke(main, ["new", *args], prog_name="dossier")


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_a_new_project_has_the_users_title_and_nothing_of_the_seed_dossier(tmp_path):
    target = tmp_path / "valencia-floods"
    result = _new(tmp_path, str(target), "--title", 'Floods in Valencia: "DANA", 2024 #1',
                  "--description", "How the press covered the October 2024 floods.")
    assert result.exit_code == 0, result.output
    assert _files(target) == EXPECTED
    config = _yml(target / "mkdocs.yml")
    assert config["site_name"] == 'Floods in Valencia: "DANA", 2024 #1'
    assert config["site_description"] == "How the press covered the October 2024 floods."
    assert {"dossier": {"input": "articles", "min_articles": 2, "link": "first"}} in config["plugins"]
    # No seed ids, notes, examples or About pages.
    assert not (target / "dossier-ids.yml").exists() and not (target / "seeds").exists()
    everything = "\n".join((target / f).read_text(encoding="utf-8") for f in EXPECTED)
    for seed in ("Navalny", "Putin", "seeds/", "how-it-works", "security.md", "annotating.md", "publishing.md"):
        assert seed not in everything, seed
    assert "Next:" in result.output and "mkdocs serve" in result.output and "Settings -> Pages" in result.output


def test_the_new_projects_site_setup_is_this_repositorys(tmp_path):
    """Same theme features, Markdown extensions, link validation and generated assets as the
    seed dossier's mkdocs.yml; its navigation without the About pages."""
    _new(tmp_path, str(tmp_path / "story"))
    ours, new = _yml(ROOT / "mkdocs.yml"), _yml(tmp_path / "story" / "mkdocs.yml")
    for key in ("theme", "markdown_extensions", "validation", "extra_css", "extra_javascript", "not_in_nav",
                "docs_dir", "strict"):
        assert new[key] == ours[key], key
    assert [p if isinstance(p, str) else next(iter(p)) for p in new["plugins"]] == \
           [p if isinstance(p, str) else next(iter(p)) for p in ours["plugins"]]
    about = {"How this dossier is built", "How the comparison works", "Writing notes", "Security and limits",
             "Publishing and linking"}
    ours_nav = [item for item in ours["nav"] if "About" not in item]
    about_items = next(item["About"] for item in ours["nav"] if "About" in item)
    assert {next(iter(i)) for i in about_items} - {"Build report"} == about
    assert new["nav"] == ours_nav + [i for i in about_items if next(iter(i)) == "Build report"]


def test_the_workflow_is_this_repositorys_but_installs_from_requirements_txt(tmp_path):
    _new(tmp_path, str(tmp_path / "story"))
    ours = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    new = (tmp_path / "story" / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(ours.splitlines(), new.splitlines()) if a != b]
    assert len(ours.splitlines()) == len(new.splitlines())
    assert [b.strip() for _, b in changed][:3] == ['# Settings → Pages → Source: "GitHub Actions". See README.md.',
                                                   "cache-dependency-path: requirements.txt",
                                                   "run: python -m pip install -r requirements.txt"]
    assert len(changed) == 4 and changed[3][1].endswith('may change (README.md)"')
    requirements = (tmp_path / "story" / "requirements.txt").read_text(encoding="utf-8")
    assert [line for line in requirements.splitlines() if line and not line.startswith("#")][0].startswith("dossier")


def test_the_articles_folder_how_to_is_not_an_article(tmp_path):
    _new(tmp_path, str(tmp_path / "story"))
    articles, problems = discover(tmp_path / "story" / "articles")
    assert articles == [] and problems == []


def test_a_new_project_builds_an_empty_dossier_with_a_warning(tmp_path):
    _new(tmp_path, str(tmp_path / "story"))
    result = CliRunner().invoke(main, ["build", "-p", str(tmp_path / "story")])
    assert result.exit_code == 0, result.output
    assert "articles: warning: the input folder has no articles" in result.output
    home = (tmp_path / "story" / "docs" / "index.md").read_text(encoding="utf-8")
    assert "no articles yet" in home
    strict = CliRunner().invoke(main, ["build", "-p", str(tmp_path / "story"), "--strict"])
    assert strict.exit_code == 2 and "a strict build needs at least one" in strict.output


@pytest.mark.parametrize("prepare", ["file", "not empty", "hidden file"])
def test_it_never_overwrites_anything(tmp_path, prepare):
    target = tmp_path / "story"
    if prepare == "file":
        target.write_text("mine\n", encoding="utf-8")
    else:
        target.mkdir()
        (target / ("mkdocs.yml" if prepare == "not empty" else ".git")).write_text("mine\n", encoding="utf-8")
    before = _files(tmp_path)
    result = _new(tmp_path, str(target))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "nothing was written" in result.output
    assert ("is a file" if prepare == "file" else "is not empty") in result.output
    assert _files(tmp_path) == before and sorted(p.name for p in tmp_path.iterdir()) == ["story"]


def test_an_empty_folder_is_fine_and_the_default_title_is_its_name(tmp_path):
    target = tmp_path / "kherson-dam"
    target.mkdir()
    assert _new(tmp_path, str(target)).exit_code == 0
    assert _yml(target / "mkdocs.yml")["site_name"] == "Kherson dam"


def test_missing_parent_folders_are_made(tmp_path):
    assert _new(tmp_path, str(tmp_path / "stories" / "2024" / "floods")).exit_code == 0
    assert (tmp_path / "stories" / "2024" / "floods" / "mkdocs.yml").is_file()
    assert [p.name for p in (tmp_path / "stories" / "2024").iterdir()] == ["floods"]  # no staging left


def test_the_requirement_names_where_ci_can_install_dossier(monkeypatch, tmp_path):
    from importlib import metadata

    class Dist:
        def __init__(self, direct):
            self.direct = direct

        def read_text(self, name):
            return json.dumps(self.direct) if self.direct is not None else None

    def with_direct_url(direct):
        monkeypatch.setattr(metadata, "distribution", lambda name: Dist(direct))
        return scaffold.installed_requirement()

    from dossier import __version__

    assert with_direct_url(None) == scaffold.Requirement(f"dossier=={__version__}")
    git = with_direct_url({"url": "https://github.com/example/dossier", "vcs_info": {"vcs": "git", "commit_id": "abc123"}})
    assert git.line == "dossier @ git+https://github.com/example/dossier@abc123" and not git.note
    local = with_direct_url({"url": (tmp_path / "dossier").as_uri(), "dir_info": {"editable": True}})
    assert local.line == f"dossier=={__version__}" and "cannot reach" in local.note
    # A clone of a public repository, installed with `pip install -e .` (the README's way).
    clone = tmp_path / "clone"
    clone.mkdir()
    env = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q"], ["remote", "add", "origin", "git@github.com:example/dossier.git"],
                 ["commit", "-q", "--allow-empty", "-m", "x"]):
        assert run(["git", *args], clone, env=env).returncode == 0
    commit = run(["git", "rev-parse", "HEAD"], clone).stdout.strip()
    cloned = with_direct_url({"url": clone.as_uri(), "dir_info": {"editable": True}})
    assert cloned.line == f"dossier @ git+ssh://git@github.com/example/dossier.git@{commit}"
    assert "must be pushed" in cloned.note
    monkeypatch.setattr(metadata, "distribution", lambda name: Dist({"url": (tmp_path / "dossier").as_uri()}))
    result = _new(tmp_path, str(tmp_path / "story"))
    assert "Note: requirements.txt" in result.output and "cannot reach" in result.output
    assert "cannot reach" in (tmp_path / "story" / "requirements.txt").read_text(encoding="utf-8")
