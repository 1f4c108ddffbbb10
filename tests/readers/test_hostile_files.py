"""Hostile input files are reported, never fatal, and nothing is lost: unsafe YAML, huge, empty,
binary and undecodable files, conflicting sidecars, duplicates, links out of the input folder,
file names that are not UTF-8, and ids made from hostile titles. Property tests decode and read
any bytes. (The hostile *site* — payloads in every field, rendered and checked — is
tests/test_hostile.py.)"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import assume, HealthCheck, given, settings
from hypothesis import strategies as st

from dossier import emit as emit_module
from dossier.readers import MAX_INPUT_BYTES, InputError, read_file, read_folder
from dossier.readers.decoding import decode

ROOT = Path(__file__).resolve().parent.parent.parent


def _load(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return read_file(path, tmp_path)


@pytest.mark.parametrize("yaml_text, what", [
    ("title: &a [x, x]\nsource: *a\n", "aliases"),
    ("title: One\ntitle: Two\n", "given twice"),
    ("title: !!python/object/apply:os.system ['echo pwned']\n", "malformed YAML"),
    ("title: !!python/name:os.system\n", "malformed YAML"),
])
def test_unsafe_yaml_is_refused_in_front_matter_and_sidecars(tmp_path, yaml_text, what):
    loaded = _load(tmp_path, "a.md", f"---\n{yaml_text}---\nBody text of the article.\n")
    assert loaded.article is None
    (problem,) = [p for p in loaded.problems if p.severity == "error"]
    assert what in problem.message and problem.line and problem.path == "a.md"
    (tmp_path / "b.txt").write_text("Body text of the article.\n", encoding="utf-8")
    (tmp_path / "b.txt.meta.yml").write_text(yaml_text, encoding="utf-8")
    loaded = read_file(tmp_path / "b.txt", tmp_path)
    assert loaded.article is not None and loaded.article.title != "Two"  # the article still builds
    (problem,) = [p for p in loaded.problems if p.severity == "error"]
    assert problem.path == "b.txt.meta.yml" and what in problem.message and problem.line


def test_billion_laughs_cannot_blow_up_a_title(tmp_path):
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    loaded = _load(tmp_path, "bomb.md", f"---\n{bomb}title: *i\n---\nBody.\n")
    assert loaded.article is None and "aliases" in loaded.problems[-1].message


def test_sidecar_values_must_be_single_values(tmp_path):
    (tmp_path / "a.txt").write_text("Body text of the article.\n", encoding="utf-8")
    (tmp_path / "a.txt.meta.yml").write_text("title: [not, a, title]\nsource: {a: b}\ndate: 2020-01-02\n", encoding="utf-8")
    loaded = read_file(tmp_path / "a.txt", tmp_path)
    assert loaded.article.date == "2020-01-02" and isinstance(loaded.article.title, str)
    assert loaded.article.source is None
    assert len([p for p in loaded.problems if "single value" in p.message]) == 2


def test_conflicting_sidecars_are_reported_and_neither_is_used(tmp_path):
    (tmp_path / "a.txt").write_text("Body text of the article.\n", encoding="utf-8")
    (tmp_path / "a.txt.meta.yml").write_text("title: From yml\n", encoding="utf-8")
    (tmp_path / "a.txt.meta.yaml").write_text("title: From yaml\n", encoding="utf-8")
    articles, problems = read_folder(tmp_path, tmp_path)
    (article,) = articles
    assert article.title not in ("From yml", "From yaml")
    (problem,) = [p for p in problems if "conflicting sidecars" in p.message]
    assert problem.severity == "error" and "a.txt.meta.yml" in problem.message and "a.txt.meta.yaml" in problem.message


def test_duplicate_articles_are_reported_against_the_first(tmp_path):
    text = "Navalny returned to Moscow on Sunday.\n\nHe was detained at the airport.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    # The same article saved again: BOM, CRLF, and re-wrapped white space.
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").replace("on Sunday", "on  Sunday").encode())
    (tmp_path / "c.txt").write_text("A different article about Moscow.\n", encoding="utf-8")
    articles, problems = read_folder(tmp_path, tmp_path)
    assert sorted(a.input for a in articles) == ["a.txt", "c.txt"]
    (problem,) = [p for p in problems if p.path == "b.txt"]
    assert "duplicate of a.txt" in problem.message and problem.severity == "warning"


def test_huge_empty_binary_and_broken_files_are_reported(tmp_path):
    with open(tmp_path / "huge.txt", "wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)  # sparse: costs no disk
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "binary.html").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "utf16.txt").write_bytes(b"\xff\xfeA\x00\x00\xd8")  # a BOM, then a lone surrogate
    (tmp_path / "unclosed.md").write_text("---\ntitle: x\nBody without an end to its front matter.\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Navalny returned to Moscow.\n", encoding="utf-8")
    articles, problems = read_folder(tmp_path, tmp_path)
    assert [a.input for a in articles] == ["good.txt"]
    reported = {p.path: p.message for p in problems if p.severity == "error"}
    assert "limit" in reported["huge.txt"] and f"{MAX_INPUT_BYTES:,}" in reported["huge.txt"]
    assert "empty" in reported["empty.md"]
    assert "binary" in reported["binary.html"]
    assert "UTF-16" in reported["utf16.txt"]
    assert "never closed" in reported["unclosed.md"]


def test_symbolic_links_out_of_the_input_folder_are_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("The private key of the newsroom.\n", encoding="utf-8")
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "article.txt").write_text("Navalny returned to Moscow.\n", encoding="utf-8")
    (folder / "leak.txt").symlink_to(secret)
    (folder / "alias.txt").symlink_to(folder / "article.txt")
    articles, problems = read_folder(folder, tmp_path)
    assert "The private key" not in " ".join(a.text for a in articles)
    assert any(p.path == "seeds/leak.txt" and "outside the input folder" in p.message for p in problems)


def test_ids_from_hostile_titles_and_ids_are_safe_unique_and_never_index(tmp_path):
    heads = [("a.md", "title: Index"), ("b.md", "title: index"), ("c.md", "id: index"), ("d.md", "id: '!!!'"),
             ("e.md", "id: ../../etc/passwd"), ("f.md", "id: '../../etc/passwd'"), ("g.md", "title: '...'"),
             ("h.md", "title: '/'"), ("i.md", "id: CON"), ("j.md", "title: '.hidden'")]
    for name, head in heads:
        (tmp_path / name).write_text(f"---\n{head}\n---\nThe body of {name} is different.\n", encoding="utf-8")
    articles, problems = read_folder(tmp_path, tmp_path)
    ids = [a.id for a in articles]
    assert len(ids) == len(heads) == len(set(ids))
    for article_id in ids:
        assert article_id != "index" and re.fullmatch(r"[a-z0-9][a-z0-9-]*", article_id), article_id
        emit_module.safe_relative(f"articles/{article_id}.md")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_decoding_any_bytes_gives_text_or_a_reported_error(data):
    try:
        text, problems = decode(data, "x.txt")
    except InputError:
        return
    assert isinstance(text, str)
    assert all(p.path == "x.txt" and p.severity == "warning" for p in problems)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff"), max_size=200),
       st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_utf8_text_decodes_exactly(text, newline, bom):
    text = text.replace("\n", newline)
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    assert decode(data, "x.txt") == (text, [])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc ABC\n\r\t.,") + [chr(c) for c in range(0xA0, 0x100)] + list("€‚„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")),
               min_size=1, max_size=120))
def test_windows_1252_text_decodes_exactly_with_a_warning_naming_the_file(text):
    data = text.encode("cp1252")
    # "þÿ" and "ÿþ" are, as bytes, a UTF-16 byte-order mark: such a file is read as UTF-16, as
    # the decoder documents (a byte-order mark is the one certain sign of an encoding).
    assume(not data.startswith((b"\xfe\xff", b"\xff\xfe")))
    decoded, problems = decode(data, "legacy.txt")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        assert decoded == text
        (problem,) = problems
        assert problem.path == "legacy.txt" and "Windows-1252" in problem.message
    else:  # pure ASCII (or bytes that happen to be UTF-8): no guess needed
        assert problems == []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400), st.sampled_from(["a.txt", "a.md", "a.html", "a.htm"]))
def test_loading_any_file_never_raises(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    loaded = read_file(path, tmp_path)
    assert loaded.article is not None or any(p.severity == "error" and p.path == name for p in loaded.problems)
    if loaded.article is not None:
        article = loaded.article
        for p in article.paragraphs:
            assert 0 <= p.start < p.end <= len(article.text)


def test_a_file_name_that_is_not_utf8_is_reported_not_fatal(tmp_path):
    from dossier import build, config

    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    with open(os.path.join(os.fsencode(seeds), b"caf\xe9.txt"), "wb") as handle:  # a Latin-1 file name
        handle.write(b"Navalny returned to Moscow on Sunday.\n")
    (seeds / "ok.txt").write_text("Putin met Biden in Moscow.\n", encoding="utf-8")
    result = build.build(config.load(tmp_path))
    assert [a.input for a in result.dossier.articles] == ["seeds/ok.txt"]
    (problem,) = [p for p in result.problems if "not valid UTF-8" in p.message]
    assert problem.severity == "error" and problem.path == "seeds/caf\ufffd.txt"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from([".txt", ".md", ".html", ".htm", ".bin", ".txt.meta.yml", ".md.meta.yaml"]),
                          st.one_of(st.binary(max_size=120),
                                    st.sampled_from([b"", b"Navalny returned.\n", b"---\ntitle: [x\n---\nBody.\n",
                                                     b"title: T\n", b"\xff\xfe\x00", b"<p>Putin</p>"]))),
                min_size=1, max_size=12))
def test_every_input_file_is_a_page_or_a_reported_problem(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("inputs")
    for i, (suffix, data) in enumerate(files):
        stem = f"f{i // 2}" if suffix.endswith((".meta.yml", ".meta.yaml")) else f"f{i}"
        (folder / f"{stem}{suffix}").write_bytes(data)
    articles, problems = read_folder(folder, folder)
    built = {a.input for a in articles}
    reported = {p.path for p in problems}
    for path in folder.iterdir():
        name = path.name
        if name.endswith((".meta.yml", ".meta.yaml")) and (folder / name.rsplit(".meta.", 1)[0]).is_file():
            continue  # a sidecar is part of its article (its own problems are reported under its name)
        assert name in built or name in reported, (name, built, reported)
    assert len({a.id for a in articles}) == len(articles)
