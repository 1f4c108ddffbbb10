"""Reading articles: on the real seeds, and on inputs written to break it."""

from __future__ import annotations


import pytest

from dossier.readers import discover, read_file, read_folder
from dossier.readers.decoding import decode
from dossier.readers.paragraphs import split_paragraphs
from dossier.model import BODY, BOILERPLATE, HEADLINE

from conftest import MEANTIME, ROOT, SEEDS, meantime_available


def by_input(articles, name):
    return next(a for a in articles if a.input.endswith(name))


def test_seeds_are_byte_identical_to_shared():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside the project")
    for source in shared.iterdir():
        assert (SEEDS / source.name).read_bytes() == source.read_bytes()


def test_date_prefix_is_parsed_and_not_invented(seed_articles):
    assert by_input(seed_articles, "000_4573a53139b8635d.txt").date == "2020-11-09"
    # Seed 001 has no date line: the date stays unknown rather than guessed.
    assert by_input(seed_articles, "001_3b55a7257ded003e.txt").date is None


def test_paragraph_offsets_point_into_the_file_text(seed_articles):
    for article in seed_articles:
        raw = (ROOT / article.input).read_bytes().decode("utf-8-sig")
        assert article.text == raw
        for p in article.paragraphs:
            chunk = article.text[p.start : p.end]
            assert chunk and chunk == chunk.strip()
        # The date prefix is metadata, not a paragraph.
        assert not any(article.text[p.start : p.end].startswith("date ") for p in article.paragraphs)


def test_headline_of_seed_003_is_its_title(seed_articles):
    article = by_input(seed_articles, "003_16282a16f6079523.txt")
    assert article.title == "Putin Congratulates U.S. President-Elect Biden After Electoral College Confirmation"
    assert not article.title_derived
    assert article.text[slice(*article.title_span)] == article.title
    assert [p.kind for p in article.paragraphs].count(HEADLINE) == 1


def test_titles_without_headline_are_derived_from_the_lead(seed_articles):
    article = by_input(seed_articles, "000_4573a53139b8635d.txt")
    assert article.title_derived
    assert article.title.startswith("Russian opposition leader Alexey Navalny")
    assert len(article.title) < 100


def test_seed_003_boilerplate_is_kept_but_marked(seed_articles):
    article = by_input(seed_articles, "003_16282a16f6079523.txt")
    kinds = {article.text[p.start : p.end]: (p.kind, p.reason) for p in article.paragraphs}
    assert kinds["Support The Moscow Times!"][0] == BOILERPLATE
    assert kinds["Contribute today"][0] == BOILERPLATE
    assert kinds["Read more about: Joe Biden , Putin"][0] == BOILERPLATE
    assert kinds["Read more"][0] == BOILERPLATE
    assert kinds["Putin Slams Climate Activist Greta Thunberg's UN Speech"] == (BOILERPLATE, "related stories")
    caption = next(t for t in kinds if t.endswith("David Lienemann / Official White House"))
    assert kinds[caption] == (BOILERPLATE, "photo caption and credit")
    appeal = next(t for t in kinds if "making a donation" in t)
    assert kinds[appeal][0] == BOILERPLATE
    # The story itself stays in the body.
    assert kinds["“For my part, I am ready for interaction and contacts with you,” Putin said."][0] == BODY
    # Nothing is lost: every non-blank line of the file is in some paragraph.
    covered = "".join(article.text[p.start : p.end] for p in article.paragraphs)
    for line in article.text.splitlines()[1:]:
        assert line.strip() in covered


def test_no_seed_body_paragraph_is_marked_boilerplate(seed_articles):
    for name in ("000_4573a53139b8635d.txt", "001_3b55a7257ded003e.txt", "002_438d2bf8bcbd74dd.txt"):
        article = by_input(seed_articles, name)
        assert all(p.kind == BODY for p in article.paragraphs), name


def test_masthead_gives_the_source_only_when_explicit(seed_articles):
    assert by_input(seed_articles, "003_16282a16f6079523.txt").source == "The Moscow Times"
    # Seed 001 names Newsweek in garbled sentences, not as its masthead: no source is claimed.
    assert by_input(seed_articles, "001_3b55a7257ded003e.txt").source is None


def test_article_ids_are_unique_slugs(seed_articles):
    ids = [a.id for a in seed_articles]
    assert len(set(ids)) == len(ids)
    for article_id in ids:
        assert article_id == article_id.lower() and "/" not in article_id and "." not in article_id


def test_sidecar_overrides_fields_without_editing_the_article(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Some lead sentence about Moscow. More text here.\n", encoding="utf-8")
    (tmp_path / "a.txt.meta.yml").write_text("title: Corrected title\nsource: Meduza\ndate: 2021-01-17\n", encoding="utf-8")
    loaded = read_file(article, tmp_path)
    assert loaded.article.title == "Corrected title" and not loaded.article.title_derived
    assert loaded.article.source == "Meduza" and loaded.article.date == "2021-01-17"
    assert loaded.problems == ()


def test_malformed_sidecar_is_reported_with_file_and_line(tmp_path):
    (tmp_path / "a.txt").write_text("Text of the article.\n", encoding="utf-8")
    (tmp_path / "a.txt.meta.yml").write_text("title: ok\nsource: [unclosed\n", encoding="utf-8")
    loaded = read_file(tmp_path / "a.txt", tmp_path)
    assert loaded.article is not None  # the article still builds
    (problem,) = [p for p in loaded.problems if p.severity == "error"]
    assert problem.path == "a.txt.meta.yml" and problem.line is not None


def test_markdown_front_matter_title_offsets(tmp_path):
    if not meantime_available():
        pytest.skip("MEANTIME corpus not available")
    path = MEANTIME / "articles" / "airbus" / "100911.md"
    loaded = read_file(path, MEANTIME / "articles")
    article = loaded.article
    assert article.format == "markdown" and article.date == "2008-03-01"
    assert article.title.startswith("Northrop Grumman and Airbus parent EADS")
    assert article.text[slice(*article.title_span)] == article.title
    # Front matter is not body text.
    assert all(not article.text[p.start : p.end].startswith(("title:", "---")) for p in article.paragraphs)


def test_broken_front_matter_is_an_error_naming_the_line(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: \"unterminated\ndate: 2020-01-01\n---\nBody.\n", encoding="utf-8")
    loaded = read_file(path, tmp_path)
    assert loaded.article is None
    (problem,) = loaded.problems
    assert problem.path == "bad.md" and problem.line and "YAML" in problem.message


def test_yaml_object_tags_are_refused(tmp_path):
    path = tmp_path / "evil.md"
    path.write_text("---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\nBody.\n", encoding="utf-8")
    loaded = read_file(path, tmp_path)
    assert loaded.article is None and "YAML" in loaded.problems[0].message


def test_encodings_bom_and_crlf(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffPutin met Biden.\r\nSecond paragraph.\r\n".encode("utf-8"))
    (tmp_path / "ansi.txt").write_bytes("Caf\xe9 owners in Moscow \x96 and \x93quotes\x94.\n".encode("latin-1"))
    articles, problems = read_folder(tmp_path, tmp_path)
    bom = next(a for a in articles if a.input == "bom.txt")
    assert bom.text.startswith("Putin") and "\r\n" in bom.text
    assert [bom.text[p.start : p.end] for p in bom.paragraphs] == ["Putin met Biden.", "Second paragraph."]
    ansi = next(a for a in articles if a.input == "ansi.txt")
    assert "Café owners in Moscow – and “quotes”." in ansi.text
    assert any(p.path == "ansi.txt" and "Windows-1252" in p.message for p in problems)


def test_empty_and_binary_files_are_reported_not_fatal(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "good.txt").write_text("Navalny returned to Moscow.\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    articles, problems = read_folder(tmp_path, tmp_path)
    assert [a.input for a in articles] == ["good.txt"]
    reported = {p.path: p.message for p in problems}
    assert "empty" in reported["empty.txt"]
    assert "binary" in reported["binary.txt"]
    assert "unsupported" in reported["image.png"]


def test_hard_wrapped_prose_is_one_paragraph():
    text = ("The Kremlin said on Tuesday that President Vladimir Putin had\n"
            "sent a telegram to Joe Biden, congratulating him on his victory\n"
            "in the US presidential election.\n\nSecond paragraph.\n")
    spans = split_paragraphs(text, 0, len(text))
    assert len(spans) == 2 and text[spans[0][0] : spans[0][1]].endswith("election.")


def test_same_title_twice_gets_distinct_stable_ids(tmp_path):
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(f"---\ntitle: Same headline\ndate: 2020-01-01\n---\nBody of {name}.\n", encoding="utf-8")
    first, _ = read_folder(tmp_path, tmp_path)
    (tmp_path / "0.md").write_text("---\ntitle: Same headline\ndate: 2020-01-01\n---\nAnother body.\n", encoding="utf-8")
    second, _ = read_folder(tmp_path, tmp_path)
    ids_first = {a.input: a.id for a in first}
    ids_second = {a.input: a.id for a in second}
    assert len(set(ids_first.values())) == 2 and len(set(ids_second.values())) == 3
    # An article whose id carries a suffix keeps it when another article with that title arrives.
    assert ids_first["b.md"] == ids_second["b.md"]


def test_discover_skips_the_dossiers_own_files(tmp_path):
    (tmp_path / "entities.yml").write_text("{}\n", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "n1.md").write_text("---\narticle: a.txt\n---\nNote.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    paths, problems = discover(tmp_path)
    assert [p.name for p in paths] == ["a.txt"] and problems == []


def test_decode_rejects_nul_bytes():
    with pytest.raises(Exception):
        decode(b"abc\x00def", "x.txt")
