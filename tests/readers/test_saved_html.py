"""Saved web pages: the article and its metadata are extracted, offline, as a text article."""

from __future__ import annotations

import socket

import pytest

pytest.importorskip("trafilatura")

from dossier.readers import read_file, read_folder  # noqa: E402
from dossier.readers.formats.saved_html import declared_charset, decode_html, parse_html  # noqa: E402
from dossier.model import BOILERPLATE, HEADLINE  # noqa: E402

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="{charset}">
<title>Putin Congratulates Biden After Electoral College Vote | The Moscow Times</title>
<meta property="og:site_name" content="The Moscow Times">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2020-12-15T10:00:00Z">
<link rel="canonical" href="https://www.example.org/2020/12/15/putin-biden">
<script>window.tracker = fetch("https://tracker.example/ping");</script>
<style>p {{ color: red }}</style>
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/opinion">Opinion</a></nav>
<article>
<h1>Putin Congratulates Biden After Electoral College Vote</h1>
<p>Russian President Vladimir Putin on Tuesday congratulated Joe Biden on his victory in the U.S.
presidential election, the Kremlin said, six weeks after the vote.</p>
<p>“For my part, I am ready for interaction and contacts with you,” Putin said in a telegram {word}.</p>
<p>Putin had been one of the last world leaders to congratulate Biden, saying he would wait for the
official result. Kremlin spokesman Dmitry Peskov said the two men might speak by phone.</p>
<p>Read more about: Joe Biden , Putin</p>
</article>
<footer>© 2020 The Moscow Times. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>
"""


def page(charset="utf-8", word="on Tuesday"):
    return PAGE.format(charset=charset, word=word)


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_article_text_and_metadata_are_extracted(tmp_path, no_network):
    (tmp_path / "putin.html").write_text(page(), encoding="utf-8")
    loaded = read_file(tmp_path / "putin.html", tmp_path)
    article = loaded.article
    assert article is not None, loaded.problems
    assert article.format == "html" and not article.offsets_valid
    assert article.title == "Putin Congratulates Biden After Electoral College Vote"
    assert not article.title_derived
    assert article.text[slice(*article.title_span)] == article.title
    assert article.date == "2020-12-15"
    assert article.source == "The Moscow Times"
    assert article.meta.get("author") == "Jane Doe"
    # The body is there, the page furniture and scripts are not.
    assert "ready for interaction and contacts with you" in article.text
    assert "Kremlin spokesman Dmitry Peskov" in article.text
    for gone in ("tracker", "fetch(", "color: red", "<", "Opinion"):
        assert gone not in article.text, gone
    # Paragraphs are spans of the extracted text, as for any text article.
    kinds = {article.text[p.start : p.end]: p.kind for p in article.paragraphs}
    assert kinds[article.title] == HEADLINE
    assert kinds["Read more about: Joe Biden , Putin"] == BOILERPLATE
    for p in article.paragraphs:
        chunk = article.text[p.start : p.end]
        assert chunk and chunk == chunk.strip() and "\n" not in chunk
    assert article.content_paragraphs() and article.words > 40
    assert not [p for p in loaded.problems if p.severity == "error"]


def test_html_articles_join_the_dossier_like_text(tmp_path, no_network):
    (tmp_path / "a.htm").write_text(page(), encoding="utf-8")
    (tmp_path / "b.txt").write_text("Navalny returned to Moscow.\n", encoding="utf-8")
    articles, problems = read_folder(tmp_path, tmp_path)
    assert sorted(a.format for a in articles) == ["html", "text"]
    assert all(a.id for a in articles)


def test_no_network_even_with_remote_resources(tmp_path, no_network):
    html = page().replace("<article>", '<article><img src="https://cdn.example/x.jpg">'
                          '<iframe src="https://evil.example/"></iframe><base href="https://evil.example/">')
    parsed = parse_html(html, "x.html")
    assert "evil.example" not in parsed.text


def test_declared_charset_is_honoured_without_a_warning(tmp_path):
    data = page(charset="windows-1251", word="«Кремль»").encode("cp1251")
    assert declared_charset(data) == "cp1251"
    text, problems = decode_html(data, "ru.html")
    assert "«Кремль»" in text and problems == []
    (tmp_path / "ru.html").write_bytes(data)
    loaded = read_file(tmp_path / "ru.html", tmp_path)
    assert "«Кремль»" in loaded.article.text


def test_latin1_label_means_windows_1252():
    data = page(charset="ISO-8859-1", word="\u201cquoted\u201d caf\u00e9").encode("cp1252")
    text, problems = decode_html(data, "x.html")
    assert "\u201cquoted\u201d caf\u00e9" in text and problems == []


def test_undeclared_legacy_bytes_are_a_guess_with_a_warning():
    data = page(charset="", word="caf\u00e9").replace('<meta charset="">', "").encode("cp1252")
    text, problems = decode_html(data, "x.html")
    assert "caf\u00e9" in text
    assert problems and "Windows-1252" in problems[0].message and problems[0].path == "x.html"


def test_wrongly_declared_charset_is_reported():
    data = page(charset="utf-8").encode("utf-8").replace(b"on Tuesday", b"on Tuesday \xff\xfe broken")
    text, problems = decode_html(data, "x.html")
    assert "on Tuesday" in text and problems


def test_page_without_a_main_article_keeps_its_text_with_a_warning(tmp_path):
    (tmp_path / "menu.html").write_text("<html><body><div>Home</div><div>Contact us</div></body></html>",
                                        encoding="utf-8")
    loaded = read_file(tmp_path / "menu.html", tmp_path)
    if loaded.article is not None:
        assert "Contact us" in loaded.article.text or "Home" in loaded.article.text
    else:
        assert loaded.problems and loaded.problems[-1].severity == "error"


def test_page_with_no_text_is_reported_not_fatal(tmp_path):
    (tmp_path / "blank.html").write_text("<html><head><script>alert(1)</script></head><body></body></html>",
                                         encoding="utf-8")
    (tmp_path / "good.txt").write_text("Navalny returned to Moscow.\n", encoding="utf-8")
    articles, problems = read_folder(tmp_path, tmp_path)
    assert [a.input for a in articles] == ["good.txt"]
    (problem,) = [p for p in problems if p.path == "blank.html"]
    assert problem.severity == "error" and "no text" in problem.message


@pytest.mark.parametrize("html", [
    '<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>An XML declared page with a paragraph of text.</p></body></html>',
    "<html><body>" + "<div>" * 5000 + "deeply nested text" + "</div>" * 5000 + "</body></html>",
    "<html><body><p>unclosed <b>tags <i>everywhere<p>and more text here to read",
    "\x00\x01 not really html",
    "<html><body><p>" + "word " * 200_000 + "</p></body></html>",
])
def test_odd_pages_never_raise(tmp_path, html):
    path = tmp_path / "odd.html"
    path.write_text(html, encoding="utf-8")
    loaded = read_file(path, tmp_path)
    assert loaded.article is not None or loaded.problems


def test_a_sidecar_overrides_extracted_metadata(tmp_path):
    (tmp_path / "p.html").write_text(page(), encoding="utf-8")
    (tmp_path / "p.html.meta.yml").write_text("source: Reuters\ndate: 2020-12-16\n", encoding="utf-8")
    article = read_file(tmp_path / "p.html", tmp_path).article
    assert article.source == "Reuters" and article.date == "2020-12-16"


def test_no_date_is_guessed_from_the_body(tmp_path):
    html = ("<html><head><title>Biden Wins</title></head><body><article><p>On 7 November 2020 the networks "
            "called the race. Biden won the election after days of counting in several states.</p>"
            "<p>Updated 2021-01-20. More text about the inauguration of the president.</p></article></body></html>")
    parsed = parse_html(html, "x.html")
    assert parsed.date is None


def test_extracted_text_feeds_recognition_and_anchoring(tmp_path):
    from dossier import recognize
    from dossier.notes.anchoring import Selector, anchor

    (tmp_path / "putin.html").write_text(page(), encoding="utf-8")
    article = read_file(tmp_path / "putin.html", tmp_path).article
    names = {m.text for m in recognize.recognize(article)}
    assert {"Vladimir Putin", "Joe Biden"} <= names, names
    found = anchor(article.text, Selector(exact="ready for interaction and contacts with you"))
    assert article.text[found.start : found.end] == "ready for interaction and contacts with you"


@pytest.mark.parametrize("label", ["utf-7", "rot13", "base64", "utf-32", "no-such-charset"])
def test_a_declared_charset_browsers_refuse_is_ignored(label):
    data = page(charset=label, word="+ADw-script+AD4-").encode("utf-8")
    assert declared_charset(data) is None
    text, problems = decode_html(data, "x.html")
    assert "+ADw-script+AD4-" in text and problems == []  # read as UTF-8, never as UTF-7
