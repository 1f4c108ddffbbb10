"""Only paths relative to the project, or to the input folder's parent, are published (#18).

An input folder outside the project (`dossier build --input /elsewhere/story`, or `input:` an
absolute path in mkdocs.yml) used to put the analyst's absolute paths on every article page, in
dossier.json, the build report, the notes pages and the search index. The rule
(`Config.display_root`): relative to the project when the input folder is inside it
(`seeds/nyt.md`), else relative to the folder that holds the input folder (`story/nyt.md`).
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import conftest
from conftest import run
from dossier import config
from dossier.cli import main
from dossier.site import dossier_json


def _story_outside(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the project whose articles live in a folder outside it, with problems of every
    kind the build report lists (an unreadable curation, an unsupported file, a lone sidecar)."""
    project = conftest.copy_project(tmp_path / "project")
    outside = tmp_path / "private casefiles 7f3a" / "story"
    outside.parent.mkdir()
    (project / "seeds").rename(outside)
    # A curation that merges (its path is in the merge's reason) and has an unknown field (a problem).
    (outside / "entities.yml").write_text("Alexey Navalny:\n  aliases: [Navalny]\n  colour: blue\n", encoding="utf-8")
    (outside / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    (outside / "gone.txt.meta.yml").write_text("title: Gone\n", encoding="utf-8")
    return project, outside


def _leaks(folder: Path, secret: str) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix not in (".gz", ".png", ".ico", ".woff2"):
            text = path.read_text(encoding="utf-8", errors="replace")
            if secret in text or secret in html.unescape(text) or secret in text.replace("\\/", "/"):
                found.append(path.relative_to(folder).as_posix())
    return found


def test_the_rule_in_one_place(tmp_path):
    project = tmp_path / "p"
    project.mkdir()
    inside = config.from_options(project, {"input": "articles"})
    assert inside.display_root == project.resolve()
    outside = config.from_options(project, {"input": str(tmp_path / "elsewhere" / "story")})
    assert outside.display_root == (tmp_path / "elsewhere").resolve()


def test_dossier_build_with_an_input_folder_outside_publishes_no_absolute_path(tmp_path):
    project, outside = _story_outside(tmp_path)
    result = CliRunner().invoke(main, ["build", "-p", str(project), "--input", str(outside), "-q"])
    assert result.exit_code == 0, result.output
    docs = project / "docs"
    assert _leaks(docs, str(tmp_path)) == []
    assert _leaks(docs, "casefiles") == []
    index = dossier_json.load_folder(docs)
    assert sorted(a["input"] for a in index["articles"]) == sorted(f"story/{p.name}" for p in outside.glob("*.txt"))
    assert {n["file"].split("/")[0] for n in index["notes"] if n.get("file")} == {"story"}
    report = {p["path"] for p in index["problems"]}
    assert {"story/entities.yml", "story/scan.pdf", "story/gone.txt.meta.yml"} <= report
    reasons = [m["detail"] for e in index["entities"] for m in e["merges"] if m["rule"] == "curation"]
    assert reasons and all(r.endswith("in story/entities.yml") for r in reasons), reasons
    registry = yaml.safe_load((project / "dossier-ids.yml").read_text(encoding="utf-8"))
    assert all("/" not in key and not key.startswith("story") for key in registry["articles"])


def _input_in_mkdocs_yml(project: Path, folder: Path) -> None:
    mkdocs_yml = project / "mkdocs.yml"
    text = mkdocs_yml.read_text(encoding="utf-8")
    mkdocs_yml.write_text(text.replace("input: seeds", f"input: {json.dumps(str(folder))}"), encoding="utf-8")


def test_notes_from_the_command_line_name_the_article_as_the_build_does(tmp_path):
    project, outside = _story_outside(tmp_path)
    _input_in_mkdocs_yml(project, outside)
    article = outside / "003_16282a16f6079523.txt"
    runner = CliRunner()
    added = runner.invoke(main, ["note", "add", "-p", str(project), str(article), "Electoral College",
                                 "--kind", "context", "--author", "T", "--occurrence", "1"])
    assert added.exit_code == 0, added.output
    written = added.output.split("wrote ", 1)[1].strip()
    assert written.startswith("story/notes/")
    assert 'article: "story/003_16282a16f6079523.txt"' in (outside.parent / written).read_text(encoding="utf-8")
    built = runner.invoke(main, ["build", "-p", str(project), "-q"])
    assert built.exit_code == 0, built.output
    notes = dossier_json.load_folder(project / "docs")["notes"]
    ours = next(n for n in notes if n["file"] == written)
    assert ours["article_ref"] == "story/003_16282a16f6079523.txt" and ours["anchor"]["start"] is not None


@pytest.mark.slow
def test_mkdocs_build_with_an_absolute_input_publishes_no_absolute_path(tmp_path):
    project, outside = _story_outside(tmp_path)
    _input_in_mkdocs_yml(project, outside)
    site = tmp_path / "site"
    result = run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)], project)
    assert result.returncode == 0, result.stderr
    assert _leaks(site, str(tmp_path)) == [] and _leaks(site, "casefiles") == []
    assert "story/entities.yml" in html.unescape((site / "build-report" / "index.html").read_text(encoding="utf-8"))
