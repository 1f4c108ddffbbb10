"""Configuration errors (#18): every one is ONE message naming the file and line (and the
nearest valid name when a name is misspelled), exit code 2, no traceback, written nothing.

Both routes check the plugin's options with the same code (`dossier.config.check_options`):
`dossier build` and `mkdocs build` refuse a misspelled option with the same message.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SEEDS, run
from dossier import config
from dossier.cli import main

GOOD = """\
site_name: A story
plugins:
  - search
  - dossier:
      input: articles
      min_articles: 2
"""


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """A small project: mkdocs.yml and a folder of two seed articles."""
    (tmp_path / "articles").mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        (tmp_path / "articles" / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "mkdocs.yml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "docs").mkdir()  # MkDocs wants it
    return tmp_path


def _build(project: Path, *args: str):
    return CliRunner().invoke(main, ["build", "-p", str(project), "-q", *args])


def _refused(result, *expected: str) -> str:
    """The one error message of a refused command (exit code 2, no traceback)."""
    output = result.output
    assert result.exit_code == 2, output
    assert "Traceback" not in output and not isinstance(result.exception, (KeyError, AttributeError, TypeError))
    errors = [line for line in output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, output
    for part in expected:
        assert part in errors[0], errors[0]
    return errors[0]


def _with(project: Path, yml: str) -> Path:
    (project / "mkdocs.yml").write_text(textwrap.dedent(yml), encoding="utf-8")
    return project


def _nothing_written(project: Path) -> None:
    assert not any((project / "docs").iterdir()) and not (project / "dossier-ids.yml").exists()


def test_a_good_project_builds(story):
    result = _build(story)
    assert result.exit_code == 0, result.output
    assert (story / "docs" / "dossier.json").is_file()


def test_yaml_syntax_error_in_mkdocs_yml(story):
    _with(story, GOOD.replace("min_articles: 2", "min_articles: [2"))
    _refused(_build(story), "mkdocs.yml, line 6: malformed YAML")
    _nothing_written(story)


def test_yaml_syntax_error_of_indentation(story):
    _with(story, GOOD.replace("      min_articles: 2", "      min_articles: 2\n   oops: x"))
    _refused(_build(story), "mkdocs.yml, line 7: malformed YAML")


def test_misspelled_plugin_option_names_the_nearest(story):
    _with(story, GOOD.replace("min_articles", "min_artciles"))
    _refused(_build(story), "mkdocs.yml, line 6:", "unknown option 'min_artciles'", "did you mean 'min_articles'?")
    _nothing_written(story)


def test_unknown_plugin_option_lists_the_options(story):
    _with(story, GOOD + "      colour: blue\n")
    message = _refused(_build(story), "mkdocs.yml, line 7:", "unknown option 'colour'")
    assert "input, min_articles, link" in message


def test_misspelled_plugin_name(story):
    _with(story, GOOD.replace("- dossier:", "- dosier:"))
    _refused(_build(story), "mkdocs.yml, line 4:", "'dosier'", "did you mean 'dossier'?")


def test_plugin_options_at_the_wrong_indentation(story):
    _with(story, GOOD.replace("      min_articles: 2", "    min_articles: 2"))
    _refused(_build(story), "mkdocs.yml, line 4:", "indent the dossier plugin's options")


@pytest.mark.parametrize("line, expected", [
    ("min_articles: two", "min_articles must be a whole number of at least 1, not 'two'"),
    ("min_articles: 0", "min_articles must be a whole number of at least 1, not 0"),
    ("link: frist", "did you mean 'first'?"),
    ("strict: maybe", "strict must be true or false, not 'maybe'"),
    ("recognizer: spacey", "did you mean 'spacy'?"),
])
def test_bad_option_values(story, line, expected):
    _with(story, GOOD.replace("min_articles: 2", line))
    _refused(_build(story), "mkdocs.yml, line 6:", expected)


def test_mkdocs_yml_that_is_not_a_mapping(story):
    _with(story, "- site_name\n")
    _refused(_build(story), "mkdocs.yml, line 1:", "must be a mapping")


def test_input_folder_in_mkdocs_yml_that_does_not_exist(story):
    _with(story, GOOD.replace("input: articles", "input: artciles"))
    _refused(_build(story), "mkdocs.yml, line 5:", "artciles does not exist")


def test_input_path_that_is_a_file(story):
    article = next((story / "articles").iterdir())
    _refused(_build(story, "--input", str(article)), "is a file, not a folder", "names the folder of articles")
    _nothing_written(story)


def test_empty_input_folder_is_a_warning_and_under_strict_an_error(story):
    (story / "empty").mkdir()
    (story / "empty" / "README.md").write_text("How to add articles.\n", encoding="utf-8")  # not an article
    warned = _build(story, "--input", "empty")
    assert warned.exit_code == 0, warned.output
    assert "empty: warning: the input folder has no articles: add files ending in" in warned.output
    _refused(_build(story, "--input", "empty", "--strict"), "input folder empty has no articles",
             "a strict build needs at least one")


def test_outside_a_project_build_refuses_and_says_where_it_would_write(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story").mkdir()
    (tmp_path / "story" / "a.txt").write_text("Navalny spoke in Moscow.\n", encoding="utf-8")
    message = _refused(CliRunner().invoke(main, ["build", "--input", "story"]), "is not a dossier project",
                       "no mkdocs.yml", "dossier new PATH", "--input and --docs")
    assert str(tmp_path.resolve()) in message and "dossier-ids.yml" in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story"]
    # Told where to write, it builds, and says so.
    told = CliRunner().invoke(main, ["build", "--input", "story", "--docs", "out"])
    assert told.exit_code == 0, told.output
    assert "no mkdocs.yml in" in told.output and "building story into out" in told.output
    assert (tmp_path / "out" / "dossier.json").is_file()


def test_project_folder_that_does_not_exist(tmp_path):
    _refused(CliRunner().invoke(main, ["build", "-p", str(tmp_path / "nowhere")]), "does not exist")


@pytest.mark.parametrize("args, expected", [
    (["build", "--strcit"], "no such option --strcit; did you mean --strict?"),
    (["build", "--min-artciles", "3"], "did you mean --min-articles?"),
    (["build", "--recogniser", "spacy"], "did you mean --recognizer?"),
    (["biuld"], "did you mean `dossier build`?"),
    (["note", "ad"], "did you mean `dossier note add`?"),
    (["build", "--link", "frist"], "'frist' is not one of 'first', 'all'"),
])
def test_misspelled_command_line(story, args, expected):
    result = CliRunner().invoke(main, [*args, "-p", str(story)] if args[0] == "build" else args, prog_name="dossier")
    _refused(result, expected)


def test_the_plugin_and_dossier_build_give_the_same_message(story):
    _with(story, GOOD.replace("min_articles", "min_artciles"))
    cli = _refused(_build(story)).split("mkdocs.yml", 1)[1]  # the file as the working directory shows it
    result = run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(story / "site")], story)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"dossier: mkdocs.yml{cli}" in result.stderr
    # Without --strict too: MkDocs alone would only warn about an unrecognised option.
    assert "Unrecognised configuration name" not in result.stderr
    _nothing_written(story)


def test_the_plugin_refuses_a_bad_value_with_the_same_message(story):
    _with(story, GOOD.replace("min_articles: 2", "link: frist"))
    cli = _refused(_build(story)).split("mkdocs.yml", 1)[1]
    result = run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(story / "site")], story)
    assert result.returncode != 0 and f"dossier: mkdocs.yml{cli}" in result.stderr


def test_env_tags_in_mkdocs_yml_read_as_mkdocs_reads_them(story, monkeypatch):
    _with(story, GOOD.replace("min_articles: 2", "strict: !ENV [DOSSIER_TEST_STRICT, false]"))
    monkeypatch.delenv("DOSSIER_TEST_STRICT", raising=False)
    assert config.load(story).strict is False
    monkeypatch.setenv("DOSSIER_TEST_STRICT", "true")
    assert config.load(story).strict is True


def test_the_nearest_name():
    assert config.nearest("inptu", config.OPTIONS) == "input"
    assert config.nearest("Min-Articles", config.OPTIONS) == "min_articles"
    assert config.nearest("colour", config.OPTIONS) is None
