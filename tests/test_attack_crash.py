"""Attack (after #13): one bad file still stops the whole build with a traceback.

1. The strict YAML loader (`yamlsafe`) catches `yaml.YAMLError` only. PyYAML's safe constructor
   raises other exceptions for plain, tag-free values: an impossible date (`date: 2020-02-30`,
   `2020-01-01 25:00:00`: ValueError), an integer of more than 4,300 digits (ValueError), and for
   the safe tags `!!bool maybe` (KeyError), `!!timestamp x` (AttributeError), `!!int x`. In a
   note's front matter, `notes/decisions.yml`, `entities.yml` or `stories.yml` (and for some in
   `dossier-ids.yml`) the exception escapes `build.generate`: `dossier build`, `mkdocs build`,
   `--watch` and `mkdocs serve` stop. In a sidecar, the whole article is dropped, while the
   security page says "error, sidecar ignored, the article still builds".
2. Wrong types in a note: `tags: 1` (TypeError), `selector: {position: .inf}` (OverflowError).
3. Dates at the ends of the calendar: an article dated 9999-12-31 (the timeline chart steps to
   the next month: OverflowError), or dated 0001-01-01 and saying "yesterday" or "last week"
   (`compare.dates`: OverflowError).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dossier import build, config

ARTICLE = "Vladimir Putin congratulated Joe Biden, the Kremlin in Moscow said.\n"


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "project"
    (root / "seeds" / "notes").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - dossier:\n      input: seeds\n", encoding="utf-8")
    for name in ("a", "b"):
        (root / "seeds" / f"{name}.txt").write_text(f"Article {name}.\n\n{ARTICLE}", encoding="utf-8")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def _builds_and_reports(root: Path, path: str) -> None:
    result = build.build(config.load(root))  # must not raise
    assert {"seeds/a.txt", "seeds/b.txt"} <= {a.input for a in result.dossier.articles}
    assert any(p.path.endswith(path) and p.severity == "error" for p in result.problems), \
        [str(p) for p in result.problems]


# Plain YAML (and safe tags) that the loader passes and the constructor cannot build.
VALUES = {
    "impossible date": "2020-02-30",
    "impossible time": "2020-01-01 25:00:00",
    "5000-digit integer": "1" * 5000,
    "bool tag": "!!bool maybe",
    "timestamp tag": "!!timestamp soon",
    "int tag": "!!int many",
}


def _note(value: str) -> str:
    return f"---\narticle: seeds/a.txt\nselector: Vladimir Putin\nauthor: x\ndate: {value}\n---\nA note.\n"


PLACES = {
    "note": ("seeds/notes/n.md", _note),
    "decisions.yml": ("seeds/notes/decisions.yml", lambda v: f"some-finding:\n  decision: dismissed\n  date: {v}\n"),
    "entities.yml": ("seeds/entities.yml", lambda v: f"Joe Biden:\n  description: {v}\n"),
    "stories.yml": ("seeds/stories.yml", lambda v: f"stories:\n  - title: {v}\n    articles: [a.txt, b.txt]\n"),
    "dossier-ids.yml": ("dossier-ids.yml", lambda v: f"entities:\n  joe-biden: [{v}]\n"),
}


@pytest.mark.parametrize("value", VALUES.values(), ids=VALUES.keys())
def test_the_strict_loader_refuses_every_value_it_cannot_build_with_a_yaml_error(value):
    from dossier import yamlsafe

    with pytest.raises(yamlsafe.YamlError):
        yamlsafe.load(f"key: {value}\n")


@pytest.mark.parametrize("where, value", [(w, v) for w in PLACES for v in ("2020-02-30", "!!bool maybe")
                                          if (w, v) != ("dossier-ids.yml", "2020-02-30")])  # that one is reported
def test_a_yaml_value_that_cannot_be_built_is_a_problem_not_a_crash(tmp_path, where, value):
    path, make = PLACES[where]
    root = _project(tmp_path, {path: make(value)})
    _builds_and_reports(root, path)


def test_a_broken_sidecar_is_ignored_and_its_article_still_builds(tmp_path):
    root = _project(tmp_path, {"seeds/a.txt.meta.yml": "title: Fine title\ndate: 2020-02-30\n"})
    result = build.build(config.load(root))
    assert "seeds/a.txt" in {a.input for a in result.dossier.articles}, [str(p) for p in result.problems]


NOTES = {
    "tags: a number": "---\narticle: seeds/a.txt\nselector: Vladimir Putin\ntags: 1\n---\nA note.\n",
    "tags: a date": "---\narticle: seeds/a.txt\nselector: Vladimir Putin\ntags: 2020-01-01\n---\nA note.\n",
    "position: infinite": "---\narticle: seeds/a.txt\nselector:\n  exact: Vladimir Putin\n  position: .inf\n---\nA note.\n",
    "position start: infinite": ("---\narticle: seeds/a.txt\nselector:\n  exact: Vladimir Putin\n"
                                 "  position: {start: -.inf}\n---\nA note.\n"),
}


@pytest.mark.parametrize("text", NOTES.values(), ids=NOTES.keys())
def test_a_note_field_of_the_wrong_type_is_a_problem_not_a_crash(tmp_path, text):
    root = _project(tmp_path, {"seeds/notes/n.md": text})
    result = build.build(config.load(root))  # must not raise
    assert {"seeds/a.txt", "seeds/b.txt"} <= {a.input for a in result.dossier.articles}


DATED = {
    "published 9999-12-31": ("9999-12-31", "Vladimir Putin congratulated Joe Biden, the Kremlin in Moscow said."),
    "published 9999-12-31, tomorrow": ("9999-12-31", "Tomorrow Vladimir Putin congratulates Joe Biden, the Kremlin said."),
    "published 0001-01-01, yesterday": ("0001-01-01", "Yesterday Vladimir Putin congratulated Joe Biden, the Kremlin said."),
    "published 0001-01-01, last week": ("0001-01-01", "Vladimir Putin congratulated Joe Biden last week, the Kremlin said."),
}


@pytest.mark.parametrize("date, text", DATED.values(), ids=DATED.keys())
def test_an_article_dated_at_the_end_of_the_calendar_builds(tmp_path, date, text):
    root = _project(tmp_path, {"seeds/c.md": f"---\ntitle: C\ndate: {date}\n---\n{text}\n"})
    result = build.build(config.load(root))  # must not raise
    assert "seeds/c.md" in {a.input for a in result.dossier.articles}
    assert (root / "docs" / "compare.md").is_file()


def test_the_command_prints_no_traceback_for_a_bad_note(tmp_path):
    root = _project(tmp_path, {"seeds/notes/n.md": _note("2020-02-30")})
    done = subprocess.run([sys.executable, "-m", "dossier.cli", "build", "-q", "-p", str(root)],
                          capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 0


def test_note_files_named_in_a_legacy_encoding_are_reported_not_fatal(tmp_path):
    import os

    root = _project(tmp_path, {})
    folder = os.fsencode(str(root / "seeds" / "notes"))
    note = b"---\narticle: seeds/a.txt\nselector: Vladimir Putin\nauthor: x\ndate: 2020-01-01\n---\nA note.\n"
    try:
        for name in (b"\xe9.md", b"\xe8.md"):  # Latin-1 "é.md" and "è.md", as a Windows share gives them
            with open(os.path.join(folder, name), "wb") as handle:
                handle.write(note)
    except OSError as err:  # pragma: no cover - file systems that refuse such names
        pytest.skip(f"this file system refuses the name: {err}")
    result = build.build(config.load(root))  # must not raise
    assert {"seeds/a.txt", "seeds/b.txt"} <= {a.input for a in result.dossier.articles}
