"""Input formats are registered by suffix: a new format is one module with a `Reader`."""

from __future__ import annotations

import pytest

from dossier.readers import discover, format_registry, read_file, read_folder
from dossier.readers.format_registry import Reader, register, unregister
from dossier.readers.formats.plain_text import parse_text


def test_the_built_in_formats_and_their_suffixes():
    by_format = {r.format: r.suffixes for r in format_registry.registered_readers()}
    assert by_format == {"text": (".txt",), "markdown": (".md", ".markdown"), "html": (".html", ".htm")}


@pytest.fixture
def shouting_reader():
    """A format of its own: text files in capitals (.shout), read as plain text."""

    @register
    class ShoutingReader(Reader):
        format = "shout"
        suffixes = (".shout",)

        def parse(self, text, name):
            return parse_text(text.lower(), format_name=self.format)

    yield ShoutingReader
    unregister(ShoutingReader)


def test_a_registered_reader_is_used_for_its_suffix_in_any_case(tmp_path, shouting_reader):
    (tmp_path / "a.SHOUT").write_text("NAVALNY RETURNED TO MOSCOW.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Putin met Biden.\n", encoding="utf-8")
    paths, problems = discover(tmp_path)
    assert [p.name for p in paths] == ["a.SHOUT", "b.txt"] and problems == []
    article = read_file(tmp_path / "a.SHOUT", tmp_path).article
    assert article.format == "shout" and article.text == "navalny returned to moscow.\n"
    articles, _ = read_folder(tmp_path, tmp_path)
    assert sorted(a.format for a in articles) == ["shout", "text"]


def test_without_its_reader_a_file_is_reported_not_read(tmp_path):
    (tmp_path / "a.shout").write_text("NAVALNY RETURNED TO MOSCOW.\n", encoding="utf-8")
    paths, problems = discover(tmp_path)
    assert paths == [] and "unsupported file type '.shout'" in problems[0].message
    loaded = read_file(tmp_path / "a.shout", tmp_path)
    assert loaded.article is None and "unsupported file type" in loaded.problems[0].message


def test_a_suffix_has_one_reader():
    class Another(Reader):
        format = "another"
        suffixes = (".md",)

    with pytest.raises(ValueError, match="already"):
        register(Another)
    assert format_registry.reader_for(__import__("pathlib").Path("x.md")).format == "markdown"
