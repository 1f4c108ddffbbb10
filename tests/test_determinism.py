"""Builds are deterministic: the same inputs give byte-identical output whatever the order in
which the file system lists them, the hash seed, the locale, the time zone or a warm cache.

The seed dossier is built in separate processes: once plainly, once with every directory
listing shuffled (os.scandir and os.listdir, which pathlib, glob and os.walk use), another hash
seed, a C locale without UTF-8 coercion and another time zone, with the input files created in
the reverse order, and once more from that process's warm cache. The generated docs and the
MkDocs site (but its sitemap, which carries the build date) must be the same bytes.
"""

from __future__ import annotations

import pytest

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow

BUILD = r"""
import os, random, sys
seed = int(sys.argv[2])
if seed:
    rng = random.Random(seed)
    _scandir, _listdir = os.scandir, os.listdir

    class _Shuffled:
        def __init__(self, path):
            with _scandir(path) as it:
                self.entries = list(it)
            rng.shuffle(self.entries)
        def __enter__(self):
            return iter(self.entries)
        def __exit__(self, *exc):
            return False
        def __iter__(self):
            return iter(self.entries)
        def __next__(self):
            raise StopIteration
        def close(self):
            pass

    def listdir(path="."):
        names = _listdir(path)
        rng.shuffle(names)
        return names

    os.scandir = lambda path=".": _Shuffled(path)
    os.listdir = listdir

from pathlib import Path
from dossier import build, config

result = build.build(config.load(Path(sys.argv[1])))
errors = [str(p) for p in result.emitted.problems]
assert not errors, errors
print(len(result.dossier.articles))
"""


def _project(root: Path, reverse: bool) -> Path:
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns(
        "articles", "entities", "notes", "compare.md", "dossier.json", "build-report.md", "feed.*", ".dossier-*"))
    files = sorted(p for p in SEEDS.rglob("*") if p.is_file() and p.name != "dossier-ids.yml")
    for path in reversed(files) if reverse else files:
        target = root / "seeds" / path.relative_to(SEEDS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return root


def _run(root: Path, shuffle_seed: int, env: dict[str, str]) -> None:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHON"))}
    full_env.update(env)
    full_env["PYTHONPATH"] = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    done = subprocess.run([sys.executable, "-c", BUILD, str(root), str(shuffle_seed)], env=full_env,
                          capture_output=True, text=True, timeout=300, cwd=root)
    assert done.returncode == 0, done.stderr[-3000:]
    site = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"),
                           "-d", str(root / "site")], env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                          capture_output=True, text=True, timeout=300, cwd=root)
    assert site.returncode == 0, site.stderr[-3000:]


def _snapshot(root: Path) -> dict[str, str]:
    files = {}
    for folder in ("docs", "site"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and not path.name.startswith("sitemap.xml"):
                files[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    for path in sorted((root / "seeds").rglob("*")) + sorted(root.glob("*.yml")):
        if path.is_file():  # the id registry the build writes, and the untouched inputs
            files[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def test_same_inputs_give_byte_identical_output(tmp_path):
    plain = _project(tmp_path / "a", reverse=False)
    shuffled = _project(tmp_path / "b", reverse=True)
    _run(plain, 0, {"PYTHONHASHSEED": "1", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TZ": "UTC"})
    _run(shuffled, 12345, {"PYTHONHASHSEED": "4242", "LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0",
                           "PYTHONUTF8": "0", "TZ": "Pacific/Kiritimati"})
    first, second = _snapshot(plain), _snapshot(shuffled)
    assert sorted(first) == sorted(second)
    assert any(name.startswith("docs/articles/") for name in first)
    different = [name for name in first if first[name] != second[name]]
    assert not different, different
    # A rebuild from the warm cache, with yet another order and seed, changes nothing.
    _run(shuffled, 777, {"PYTHONHASHSEED": "99", "LC_ALL": "C.UTF-8", "TZ": "America/St_Johns"})
    third = _snapshot(shuffled)
    assert third == second, [name for name in third if third.get(name) != second.get(name)]
