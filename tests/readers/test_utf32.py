"""UTF-32 text is read as UTF-32, never as UTF-16 garbage or as binary (issue #13, low): the
byte-order marks are tried longest first, and the problem says which encoding was used."""

from __future__ import annotations

import pytest

from dossier.readers import InputError, read_file
from dossier.readers.decoding import decode

TEXT = "Navalny returned to Moscow — «вернулся» on Sunday. 🇷🇺\n\nHe was detained at the airport.\n"


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf32_with_a_byte_order_mark_decodes_exactly(codec):
    data = "\ufeff".encode(codec) + TEXT.encode(codec)
    text, problems = decode(data, "a.txt")
    assert text == TEXT
    (problem,) = problems
    assert problem.message == "decoded as UTF-32 (byte-order mark)" and problem.severity == "warning"


@pytest.mark.parametrize("name, content", [
    ("plain.txt", TEXT),
    ("front.md", "---\ntitle: Navalny returns\nsource: Meduza\n---\n" + TEXT),
    ("page.html", "<html><head><title>Navalny returns</title></head><body><article><p>"
                  + TEXT.replace("\n\n", "</p><p>") + "</p></article></body></html>"),
])
@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf32_files_of_every_format_become_articles(tmp_path, name, content, codec):
    (tmp_path / name).write_bytes("\ufeff".encode(codec) + content.encode(codec))
    loaded = read_file(tmp_path / name, tmp_path)
    assert loaded.article is not None, loaded.problems
    assert "He was detained at the airport." in loaded.article.text and "\x00" not in loaded.article.text
    assert any("UTF-32" in p.message for p in loaded.problems)
    if name != "plain.txt":
        assert loaded.article.title == "Navalny returns"


@pytest.mark.parametrize("data", [
    b"\xff\xfe\x00\x00" + b"\x00\xd8\x00\x00",  # a surrogate is not a character in UTF-32
    b"\x00\x00\xfe\xff" + b"\x00\x11\x00\x00",  # beyond U+10FFFF
    b"\xff\xfe\x00\x00" + b"A\x00\x00",  # a truncated unit
])
def test_invalid_utf32_is_reported_as_such(data):
    with pytest.raises(InputError, match="UTF-32 byte-order mark but is not valid UTF-32"):
        decode(data, "a.txt")


def test_utf16_is_still_utf16():
    for codec in ("utf-16-le", "utf-16-be"):
        text, problems = decode("\ufeff".encode(codec) + TEXT.encode(codec), "a.txt")
        assert text == TEXT and problems[0].message == "decoded as UTF-16 (byte-order mark)"
