"""Stored readings are keyed by the exact bytes they were made from, and a damaged store is a
miss (issue #13 finding 10).

An edit saved while a build runs, between the moment a file is hashed and the moment it is
parsed, used to be stored under the hash of the earlier bytes: after the edit was reverted,
every build published the edited version. Each file is now read once; its key and its reading
come from those same bytes. A stored result that was damaged in any way is never used."""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

import pytest

from dossier import build, config, readers
from dossier.cache import StageCache

ROOT = Path(__file__).resolve().parent.parent


def _project(tmp_path: Path, extra: int = 0) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "edited.md").write_text("---\ntitle: Version A title\n---\nVersion A says Navalny returned.\n",
                                     encoding="utf-8")
    (seeds / "side.txt").write_text("Version A of the side article about Biden.\n", encoding="utf-8")
    (seeds / "side.txt.meta.yml").write_text("title: Sidecar A title\n", encoding="utf-8")
    for i in range(extra):  # enough files for the reading to run in worker processes
        (seeds / f"other-{i:02d}.txt").write_text(f"Other article number {i} about Putin and Moscow.\n", encoding="utf-8")
    return tmp_path


EDITS = {
    "article text": ("edited.md", "Version A says", "Version B says"),
    "front matter": ("edited.md", "Version A title", "Version B title"),
    "sidecar": ("side.txt.meta.yml", "Sidecar A title", "Sidecar B title"),
}


def _load(root: Path, jobs: int):
    return {a.input: a for a in readers.load_project(config.load(root, jobs=jobs)).articles}


@pytest.mark.parametrize("jobs, extra", [(1, 0), (2, 12)], ids=["one process", "worker processes"])
@pytest.mark.parametrize("edit", list(EDITS))
def test_an_edit_saved_between_hashing_and_parsing_is_never_stored_under_other_bytes(tmp_path, monkeypatch, edit, jobs, extra):
    root = _project(tmp_path, extra)
    name, before, after = EDITS[edit]
    path = root / "seeds" / name
    article = name.removesuffix(".meta.yml")
    articles = sorted(p.name for p in (root / "seeds").iterdir() if not p.name.endswith(".meta.yml"))
    original_get = StageCache.get
    calls = []
    edited = []

    def get_then_edit(self, key):
        # Asked for the stored reading of the article: its bytes are hashed, not yet parsed. The
        # user saves an edit at that very moment.
        if self.path is not None and self.path.parent.name == "ingest":
            calls.append(key)
            if len(calls) == articles.index(article) + 1:
                path.write_text(path.read_text(encoding="utf-8").replace(before, after), encoding="utf-8")
                edited.append(1)
        return original_get(self, key)

    monkeypatch.setattr(StageCache, "get", get_then_edit)
    _load(root, jobs)  # publishes version A or B, whichever it read: both were on disk
    monkeypatch.undo()
    assert edited
    # The user reverts the edit: the build must publish what is on disk, whatever it stored.
    path.write_text(path.read_text(encoding="utf-8").replace(after, before), encoding="utf-8")
    reverted = " ".join(f"{a.title} {a.text}" for a in _load(root, jobs).values())
    assert before in reverted and after not in reverted
    # And the edit, saved again, is published.
    path.write_text(path.read_text(encoding="utf-8").replace(before, after), encoding="utf-8")
    again = " ".join(f"{a.title} {a.text}" for a in _load(root, jobs).values())
    assert after in again and before not in again


def _docs(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((root / "docs").rglob("*")) if p.is_file() and not p.name.startswith(".dossier")}


def _damage(data: bytes, rng: random.Random) -> bytes:
    form = rng.randrange(8)
    at = rng.randrange(max(1, len(data)))
    if form == 0:  # one bit flipped
        return data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1:] if data else b"\x00"
    if form == 1:  # cut short (a crash or a full disk while writing)
        return data[:at]
    if form == 2:  # a run of bytes overwritten
        return data[:at] + bytes(rng.randrange(256) for _ in range(16)) + data[at + 16:]
    if form == 3:  # empty
        return b""
    if form == 4:  # junk appended
        return data + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))
    if form == 5:  # a letter of the stored text changed: still a valid pickle, with other content
        return data.replace(b"Navalny", b"Navalnx").replace(b"Moscow", b"Moscox")
    if form == 6:  # a pickle of the wrong shape
        import pickle

        return pickle.dumps(rng.choice([["a", "list"], None, {1: 2}, {"key": ValueError("not a result")}]))
    return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200)))  # noise


def test_random_damage_to_stored_results_is_a_miss_and_the_output_is_the_same(tmp_path):
    root = _project(tmp_path)
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(seed, root / "seeds" / seed.name)
    cfg = config.load(root)
    build.build(cfg)
    expected = _docs(root)
    pristine = tmp_path / "pristine-cache"
    shutil.copytree(root / ".dossier-cache", pristine)
    shards = sorted(p.relative_to(pristine) for p in pristine.rglob("*.pickle"))
    assert len(shards) > 20
    rng = random.Random(13)
    for trial in range(40):
        shutil.rmtree(root / ".dossier-cache")
        shutil.copytree(pristine, root / ".dossier-cache")
        for shard in rng.sample(shards, rng.randrange(1, 6)):
            target = root / ".dossier-cache" / shard
            target.write_bytes(_damage(target.read_bytes(), rng))
        result = build.build(cfg)
        assert not result.emitted.problems
        assert _docs(root) == expected, f"trial {trial}"
    # Damage that reached a shard is repaired by the build that met it.
    shutil.rmtree(root / ".dossier-cache")
    shutil.copytree(pristine, root / ".dossier-cache")
    for shard in shards:
        (root / ".dossier-cache" / shard).write_bytes(b"damaged")
    build.build(cfg)
    assert not [s for s in shards if (root / ".dossier-cache" / s).read_bytes() == b"damaged"]
    assert _docs(root) == expected
