"""Per-article results are stored by content between builds (`dossier.cache`): a warm build does
no per-article work for unchanged articles, and its output is byte-for-byte what a build without
the cache writes, also after an edit, a deleted article or a damaged cache."""

from __future__ import annotations

import hashlib
import pickle

import pytest

from dossier import build, config, recognize
from dossier import cache as cache_module
from dossier.compare import quotations, reading
from dossier.readers import input_file

from conftest import SEEDS


def _docs(root):
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((root / "docs").rglob("*")) if p.is_file() and not p.name.startswith(".dossier")}


def _build(root, **overrides):
    result = build.build(config.load(root, **overrides))
    assert not result.emitted.problems
    return result


class _Calls:
    """Counts the per-article work of a build: parsing, recognition and the comparison's reading."""

    def __init__(self, monkeypatch):
        self.seen: dict[str, list[str]] = {"ingest": [], "recognize": [], "compare": [], "quotes": []}
        for name, module, attr, arg in (("ingest", input_file, "read_file", lambda a: a[0].name),
                                        ("recognize", recognize.builtin, "recognize", lambda a: a[0].input),
                                        ("compare", reading, "read_article", lambda a: a[0].input),
                                        ("quotes", quotations, "extract", lambda a: a[0].input)):
            original = getattr(module, attr)

            def counted(*args, _original=original, _name=name, _arg=arg, **kwargs):
                self.seen[_name].append(_arg(args))
                return _original(*args, **kwargs)

            monkeypatch.setattr(module, attr, counted)


def test_warm_build_reads_nothing_again_and_writes_the_same_bytes(project, monkeypatch):
    _build(project)
    first = _docs(project)
    calls = _Calls(monkeypatch)
    _build(project)
    assert calls.seen == {"ingest": [], "recognize": [], "compare": [], "quotes": []}
    assert _docs(project) == first


def test_after_an_edit_only_that_article_is_read_again(project, tmp_path, monkeypatch):
    _build(project)
    edited = next(p for p in sorted((project / "seeds").glob("*.txt")) if p.name.startswith("002"))
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace(" the ", " the the ", 1), encoding="utf-8")
    calls = _Calls(monkeypatch)
    _build(project)
    assert calls.seen["ingest"] == [edited.name]
    assert calls.seen["recognize"] == [f"seeds/{edited.name}"]
    assert calls.seen["compare"] == [f"seeds/{edited.name}"]
    # Its quotations are read again; so are those of articles whose entity links moved, if any.
    assert f"seeds/{edited.name}" in calls.seen["quotes"]
    monkeypatch.undo()
    warm = _docs(project)
    _build(project, cache=False)
    assert _docs(project) == warm, "a warm build after an edit writes what a build without the cache writes"


def _entries(project, stage) -> dict:
    """Every entry stored for a stage, whichever shard file holds it."""
    (version,) = (project / ".dossier-cache" / stage).iterdir()
    entries = {}
    for shard in version.glob("*.pickle"):
        entries.update(cache_module._unpack(shard.read_bytes()))
    return entries


def test_a_damaged_or_foreign_cache_only_costs_time(project):
    _build(project)
    first = _docs(project)
    stored = sorted((project / ".dossier-cache").rglob("*.pickle"))
    assert {p.parent.parent.name for p in stored} >= {"ingest", "recognize", "resolve", "compare", "pages"}
    for i, path in enumerate(stored):
        # truncated, not a pickle, and a pickle of the wrong shape
        path.write_bytes([b"\x80\x05", b"not a pickle", pickle.dumps(["a", "list"])][i % 3])
    _build(project)
    assert _docs(project) == first


def test_deleted_articles_leave_the_cache(project):
    _build(project)
    before = len(_entries(project, "ingest"))
    next(p for p in sorted((project / "seeds").glob("*.txt")) if p.name.startswith("001")).unlink()
    _build(project)
    assert len(_entries(project, "ingest")) == before - 1


def test_an_edit_rewrites_only_the_shards_it_changes(project):
    _build(project)
    pages = project / ".dossier-cache" / "pages"
    shards = {p.name: p.stat().st_mtime_ns for p in pages.rglob("*.pickle")}
    assert len(shards) > 4
    edited = next(p for p in sorted((project / "seeds").glob("*.txt")) if p.name.startswith("003"))
    edited.write_text(edited.read_text(encoding="utf-8").replace(" the ", " the the ", 1), encoding="utf-8")
    _build(project)
    after = {p.name: p.stat().st_mtime_ns for p in pages.rglob("*.pickle")}
    rewritten = [name for name in after if shards.get(name) != after[name]]
    assert 0 < len(rewritten) < len(shards) / 2


@pytest.mark.parametrize("stage", ["ingest", "recognize", "resolve", "compare", "pages"])
def test_results_of_other_code_are_never_used(project, stage):
    _build(project)
    folder = project / ".dossier-cache" / stage
    (current,) = folder.iterdir()
    stale = folder / "0123456789abcdef"
    current.rename(stale)
    _build(project)
    assert not stale.exists(), "results stored under another version of the code are removed"
    assert [p.name for p in folder.iterdir()] == [current.name]


def _quiet_place(article, mentions) -> int:
    """An offset between two lower-case words of the body, with names after it and not inside
    one: an insertion there only moves the names."""
    text = article.text
    for paragraph in article.content_paragraphs():
        for x in range(paragraph.start + 1, paragraph.end - 1):
            if not (text[x - 1] == " " and text[x].islower() and text[x - 2].islower()):
                continue
            if any(m.start <= x <= m.end for m in mentions):
                continue
            if any(m.start > x for m in mentions) and text.count(text[x - 20:x + 20]) == 1:
                return x
    raise AssertionError("no quiet place in the article")


def test_an_edit_that_only_moves_names_keeps_the_entities_and_their_new_places(project, monkeypatch):
    from dossier.resolve import reuse as resolve  # where resolve_reusing calls resolve()

    result = _build(project)
    article = next(a for a in result.dossier.articles if a.input.endswith(".txt") and "/002" in a.input)
    mentions = recognize.recognize(article)
    x = _quiet_place(article, mentions)
    path = project / article.input
    context = article.text[x - 20:x + 20]
    text = path.read_text(encoding="utf-8")
    assert text.count(context) == 1
    path.write_text(text.replace(context, context[:20] + "indeed " + context[20:]), encoding="utf-8")
    calls = []
    original = resolve.resolve
    monkeypatch.setattr(resolve, "resolve", lambda *a, **k: calls.append(1) or original(*a, **k))
    warm = _build(project)
    assert calls == [], "the names did not change: the earlier entities are reused"
    moved = [m for e in warm.dossier.entities for m in e.mentions if m.article == article.id and m.start > x]
    assert moved, "the article has names after the edit"
    edited = next(a for a in warm.dossier.articles if a.id == article.id)
    assert all(edited.text[m.start:m.end] == m.text for e in warm.dossier.entities for m in e.mentions
               if m.article == article.id), "every mention points at its name in the edited text"
    warm_docs = _docs(project)
    _build(project, cache=False)
    assert _docs(project) == warm_docs, "what a build without the cache writes"

    # A new name in the article: resolution runs again, and still matches a clean build.
    calls.clear()
    path.write_text(path.read_text(encoding="utf-8") + "\n\nAnalyst Marta Okonjo-Vale of the Halvorsen Institute agreed.\n",
                    encoding="utf-8")
    _build(project)
    assert calls == [1]
    warm_docs = _docs(project)
    _build(project, cache=False)
    assert _docs(project) == warm_docs


def test_stored_pages_follow_what_other_articles_change(project):
    """A page is stored by everything it shows: a new article that names a shared entity changes
    that entity's tooltip ("· N articles") on the pages of articles nobody edited."""
    first = _build(project)
    navalny = next(e for e in first.dossier.entities if e.shared and "Navalny" in e.name)
    untouched = next(a for a in first.dossier.articles if a.id in navalny.articles)
    page = project / "docs" / "articles" / f"{untouched.id}.md"
    before = page.read_text(encoding="utf-8")
    assert f"{len(navalny.articles)} articles" in before
    (project / "seeds" / "zz-new.txt").write_text(
        "Navalny's allies plan protests\n\nAlexey Navalny's allies said on Tuesday they would protest in Moscow.\n",
        encoding="utf-8")
    second = _build(project)
    grown = next(e for e in second.dossier.entities if e.id == navalny.id)
    assert len(grown.articles) == len(navalny.articles) + 1
    after = page.read_text(encoding="utf-8")
    assert f"{len(grown.articles)} articles" in after and after != before
    warm = _docs(project)
    _build(project, cache=False)
    assert _docs(project) == warm


def test_a_long_running_process_does_not_read_back_what_it_wrote(tmp_path, monkeypatch):
    from dossier.cache import StageCache

    monkeypatch.setattr(StageCache, "remember", True)  # as `dossier build --watch` and `mkdocs serve` do
    first = StageCache(tmp_path, "stage", "v1")
    for i in range(20):
        first.put(f"key{i}", i)
    first.save()
    loads = []
    original = cache_module._unpack
    monkeypatch.setattr(cache_module, "_unpack", lambda data: loads.append(1) or original(data))
    again = StageCache(tmp_path, "stage", "v1")
    assert again.get("key7") == 7 and loads == [], "kept in memory since this process wrote it"
    # Another process changes the files: they are read again, damaged or not.
    shard = next((tmp_path / "stage" / "v1").glob("*.pickle"))
    shard.write_bytes(b"not a pickle")
    third = StageCache(tmp_path, "stage", "v1")
    assert loads and sum(third.get(f"key{i}") is not None for i in range(20)) < 20


def _edit_append(project, name, text):
    path = project / "seeds" / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


EDITS = {
    "a sentence naming shared entities": lambda p: _edit_append(
        p, "000_4573a53139b8635d.txt", "\n\nVladimir Putin and Joe Biden spoke again; Navalny said nothing.\n"),
    "a deleted article": lambda p: (p / "seeds" / "003_16282a16f6079523.txt").unlink(),
    "a curated description": lambda p: (p / "seeds" / "entities.yml").write_text(
        "Vladimir Putin:\n  description: President of Russia since 2012\n", encoding="utf-8"),
    "a curated name": lambda p: (p / "seeds" / "entities.yml").write_text(
        "Joe Biden:\n  name: Joseph R. Biden\n", encoding="utf-8"),
    "a new note": lambda p: (p / "seeds" / "notes" / "new.md").write_text(
        "---\narticle: seeds/002_438d2bf8bcbd74dd.txt\nauthor: T\nselector: {exact: \"Electoral College\"}\n---\nChecked.\n",
        encoding="utf-8"),
    "a new article": lambda p: (p / "seeds" / "zz.txt").write_text(
        "Kremlin comments\n\nThe Kremlin said Vladimir Putin would congratulate Joe Biden later.\n", encoding="utf-8"),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_a_cached_rebuild_after_any_edit_is_a_clean_build(project, edit):
    """Issue #14 defect 1: a stored page is keyed by the record its renderer reads, so no edit,
    wherever it is, leaves a page showing what a clean build would not (a count, a tooltip, a
    name, a section)."""
    _build(project)
    EDITS[edit](project)
    _build(project)
    warm = _docs(project)
    _build(project, cache=False)
    assert _docs(project) == warm


def test_a_page_key_follows_exactly_what_its_record_holds():
    """record_key: an article known by its fingerprint stands for its text; any other article is
    keyed by its whole content; every other value counts as it is."""
    from dataclasses import replace as changed

    from dossier.model import Article
    from dossier.readers import read_folder

    articles, _ = read_folder(SEEDS, SEEDS.parent)
    first, second = articles[0], articles[1]
    record = ("article", (first, 3, "Navalny"), [second])
    known = {id(first): "article:one"}
    key = cache_module.record_key(record, known, (Article,))
    assert key == cache_module.record_key(("article", (first, 3, "Navalny"), [second]), dict(known), (Article,))
    # The known article's fingerprint, not its text, is in the key.
    assert key != cache_module.record_key(record, {id(first): "article:two"}, (Article,))
    edited = changed(first, text=first.text + " An edit.")
    assert cache_module.record_key(("article", (edited, 3, "Navalny"), [second]), {id(edited): "article:one"},
                                   (Article,)) == key
    # An article that is not known counts by its whole content.
    other = changed(second, text=second.text + " An edit.")
    assert cache_module.record_key(("article", (first, 3, "Navalny"), [other]), known, (Article,)) != key
    # Any other value counts.
    assert cache_module.record_key(("article", (first, 4, "Navalny"), [second]), known, (Article,)) != key
    assert cache_module.record_key(("article", (first, 3, "Navalny."), [second]), known, (Article,)) != key
    # Without known objects, the key is the fingerprint of everything.
    assert cache_module.record_key(record) != key


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_a_two_phase_rebuild_in_a_running_process_ends_as_a_clean_build(project, edit, monkeypatch):
    """Under `mkdocs serve` an edit is built twice in one process: first with the previous
    comparison (and what the process kept from the build before: search terms, paragraph
    asides, stored pages), then in full. The second must equal a clean build; the first keeps
    every page it does not make again (the comparison's) as the previous build made it."""
    from dossier.cache import StageCache

    monkeypatch.setattr(StageCache, "remember", True)
    cfg = config.load(project)
    before = build.generate(cfg)
    EDITS[edit](project)
    quick = build.generate(cfg, previous=before)
    assert not quick.complete
    for path, kind in before.made_by.items():
        if build.site.is_deferred(kind) and path in quick.outputs:
            assert quick.outputs[path] == before.outputs[path]
    full = build.generate(cfg, previous=None)
    monkeypatch.setattr(StageCache, "remember", False)
    clean = build.generate(config.load(project, cache=False))
    assert full.outputs.keys() == clean.outputs.keys()
    assert [p for p in clean.outputs if full.outputs[p] != clean.outputs[p]] == []


def test_the_first_phase_leaves_its_cache_writes_to_the_second(project, monkeypatch):
    """The first phase of a rebuild in a running process writes no cache file (that time is the
    edit's latency); the second phase writes what both made, so that a new process (a restarted
    `mkdocs serve`) reads the edited article's results back instead of computing them again."""
    from dossier.cache import StageCache

    monkeypatch.setattr(StageCache, "remember", True)
    cfg = config.load(project)
    before = build.generate(cfg)
    cache_dir = cfg.cache_dir

    def files():
        return {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in cache_dir.rglob("*.pickle")}

    written = files()
    article = sorted((project / "seeds").glob("*.txt"))[1]
    article.write_text(article.read_text(encoding="utf-8").replace(" the ", " the Quickmark ", 1), encoding="utf-8")
    quick = build.generate(cfg, previous=before)
    assert not quick.complete
    assert files() == written  # nothing written by the first phase
    build.generate(cfg, previous=None)
    assert files() != written

    monkeypatch.setattr(StageCache, "remember", False)
    calls = _Calls(monkeypatch)
    again = build.generate(cfg)
    assert calls.seen["recognize"] == [] and calls.seen["compare"] == []  # all read back from the files
    monkeypatch.setattr(StageCache, "remember", False)
    clean = build.generate(config.load(project, cache=False))
    assert [p for p in clean.outputs if again.outputs[p] != clean.outputs[p]] == []
