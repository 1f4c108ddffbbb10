"""Results kept between builds, stored by the content they were computed from.

A stage asks its `StageCache` for a result under a *key* (a hash of everything the result
depends on) before computing it: an article's parsing, names and comparison reading, the
dossier's resolution, an entity's descriptors, a page. Each stage's results live in a folder named by the stage and by
the *version* of the code and data that compute it, so a change to the code never reuses an old
result. A build keeps only the entries it used: deleted and edited articles drop out.

A cache that cannot be read or written only costs time; it never fails a build.
"""

from __future__ import annotations

import ast
import copyreg
import hashlib
import io
import logging
import os
import pickle
import shutil
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

from . import __version__

log = logging.getLogger("dossier")


def code_version(*files: Path, libraries: Iterable[str] = (), extra: str = "") -> str:
    """A hash of the files (source code, data) and library versions whose change makes cached
    results stale. Computed once per process for the same arguments: the code does not change
    under a running `mkdocs serve` (MkDocs does not reload plugins either)."""
    return _code_version(tuple(files), tuple(libraries), extra)


@lru_cache(maxsize=256)
def _code_version(files: tuple[Path, ...], libraries: tuple[str, ...], extra: str) -> str:
    from importlib import metadata

    h = hashlib.sha256(__version__.encode() + extra.encode())
    for name in libraries:
        try:
            h.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name} absent".encode())
    for path in sorted(files):
        if path.is_file():
            h.update(path.relative_to(PACKAGE).as_posix().encode() if path.is_relative_to(PACKAGE) else path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


PACKAGE = Path(__file__).parent
DATA_FOLDERS = ("data", "templates", "assets")  # files a package reads at run time, beside its code


def _module_file(name: str) -> Path | None:
    parts = name.split(".")
    if parts[0] != "dossier":
        return None
    base = PACKAGE.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@lru_cache(maxsize=None)
def _imports(name: str, path: Path) -> frozenset[str]:
    """The dossier modules a module's source imports (absolute or relative), with the packages
    whose __init__ runs on the way."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(base + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # `from . import module`
    closure = set()
    for module in found:
        parts = module.split(".")
        closure.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return frozenset(m for m in closure if _module_file(m) is not None)


@lru_cache(maxsize=None)
def stage_code(*modules: str) -> tuple[Path, ...]:
    """Every file a stage's results depend on: the source of `modules` (dotted names) and of each
    dossier module they import, transitively, and the data folders of the packages involved.
    A stage's cache version is derived from this, never from a hand-kept list of files."""
    seen: dict[str, Path] = {}
    todo = list(modules)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = _module_file(name)
        if path is None:
            raise ValueError(f"no dossier module {name!r}")
        seen[name] = path
        todo.extend(_imports(name, path) - seen.keys())
    files = set(seen.values())
    for path in list(files):
        for folder in DATA_FOLDERS:
            data = path.parent / folder
            if data.is_dir():
                files.update(p for p in data.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return tuple(sorted(files))


def package_files(*names: str) -> list[Path]:
    """Files of this package by name ("recognize.py", "data/*")."""
    package = Path(__file__).parent
    found: list[Path] = []
    for name in names:
        found.extend(sorted(package.glob(name)))
    return found


def fingerprint(*parts: Any) -> str:
    """A content key for picklable values: equal values give equal keys.

    The pickler's memo is off ("fast" mode), so the bytes depend on the values only, not on which
    equal strings happen to be one object (a fresh parse and an unpickled copy differ there)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=4)
    pickler.fast = True
    pickler.dump(parts)
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def _known(key: str) -> str:
    """Stands in a page's key for an object whose fingerprint is known (never called: only its
    name and the fingerprint are pickled)."""
    return key


def record_key(record: Any, known: dict[int, str] | None = None, types: tuple[type, ...] = ()) -> str:
    """The key a rendered page is stored under: the fingerprint of exactly the record its
    renderer reads, so a page cannot show anything its key leaves out.

    Objects named in `known` (by id; of the classes in `types`) are replaced by their
    precomputed fingerprints: an article's fingerprint stands for its whole text, which is then
    hashed once per build, not once per page that shows it. The replacement is made by a
    dispatch table for those classes only, so pickling every other value stays in C (a
    `persistent_id` hook would be a Python call for each of the millions of strings and numbers
    in a large dossier's records)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=4)
    pickler.fast = True  # no memo: equal values give equal bytes
    if known:

        def reduce(obj):
            key = known.get(id(obj))
            return (_known, (key,)) if key is not None else obj.__reduce_ex__(4)

        pickler.dispatch_table = {**copyreg.dispatch_table, **{cls: reduce for cls in types}}
    pickler.dump(record)
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def active(cache: "StageCache | None") -> bool:
    """Whether results are stored at all (not under `--no-cache`): keys are worth computing."""
    return cache is not None and cache.path is not None


def stored(cache: "StageCache | None", key_parts: tuple, compute: Callable[[], Any]) -> Any:
    """`compute()`, or its result from `cache` under the fingerprint of `key_parts`. Without a
    cache folder (`--no-cache`) nothing is fingerprinted."""
    if not active(cache):
        return compute()
    key = fingerprint(*key_parts)
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.put(key, found)
    return found


SHARDS = 256  # files per stage: an edit rewrites the few that hold changed entries, not all
# A shard file is this header, the SHA-256 of the pickle, then the pickle: a shard damaged in any
# way (a bit flipped, cut short by a crash or a full disk, overwritten) fails the check and is
# a miss, never unpickled and never a wrong result.
_MAGIC = b"dossier-cache 1\n"


def _shard(key: str) -> str:
    return f"{zlib.crc32(key.encode()) % SHARDS:02x}"


def _pack(entries: dict[str, Any]) -> bytes:
    payload = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
    return _MAGIC + hashlib.sha256(payload).digest() + payload


def _unpack(data: bytes) -> dict[str, Any] | None:
    """The entries of a shard file's bytes, or None when they are damaged in any way."""
    if not data.startswith(_MAGIC):
        return None
    digest, payload = data[len(_MAGIC) : len(_MAGIC) + 32], data[len(_MAGIC) + 32 :]
    if hashlib.sha256(payload).digest() != digest:
        return None
    try:
        entries = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - whatever a pickle that cannot be read raises, it is a miss
        return None
    if not isinstance(entries, dict) or not all(isinstance(key, str) for key in entries):
        return None
    return entries


class StageCache:
    """The stored results of one stage, loaded once and written back by `save`.

    They live in `<cache>/<stage>/<version>/`, spread over up to 256 pickle files by key, so that
    a build after one edit rewrites the few files whose entries changed rather than all of them
    (the stored pages of a 10,000-article dossier are hundreds of megabytes)."""

    # What this process last wrote to or read from each cache folder, with the status of the
    # folder's files then: a long-running process (`mkdocs serve`, `dossier build --watch`)
    # sets `remember`, and does not read back what it wrote unless another process changed the
    # files since. A single build does not: it would keep every stage's results alive to the end.
    remember = False
    _in_memory: dict[Path, tuple[tuple, dict[str, Any]]] = {}
    # The first phase of a rebuild in such a process (`build.generate` with a previous build)
    # leaves its writes to the second phase, which follows at once: the shards it would have
    # written wait here, by folder, and the next `save` of the folder writes them with its own.
    defer_writes = False
    _unwritten: dict[Path, set[str]] = {}

    def __init__(self, folder: Path | None, stage: str, version: str):
        self.path = folder / stage / version if folder is not None else None
        self._old: dict[str, Any] = {}
        self._used: dict[str, Any] = {}
        self._damaged: set[str] = set()  # shard files that could not be read
        if self.path is not None and self.path.is_dir():
            status = self._status() if self.remember else None
            remembered = self._in_memory.get(self.path) if self.remember else None
            if remembered is not None and remembered[0] == status:
                self._old = remembered[1]
                return
            for shard in sorted(self.path.glob("*.pickle")):
                try:
                    loaded = _unpack(shard.read_bytes())
                except (OSError, MemoryError) as err:
                    loaded, reason = None, err
                else:
                    reason = "damaged"
                if loaded is None:
                    log.debug("cache %s not read: %s", shard, reason)
                    self._damaged.add(shard.stem)  # rewritten (or removed) by `save`
                else:
                    self._old.update(loaded)
            if self.remember:
                self._in_memory[self.path] = (status, self._old)

    def _status(self) -> tuple:
        try:
            return tuple(sorted((p.name, st.st_mtime_ns, st.st_size)
                                for p in self.path.glob("*.pickle") for st in (p.stat(),)))
        except OSError:
            return ()

    def get(self, key: str) -> Any | None:
        if key in self._used:
            return self._used[key]
        value = self._old.get(key)
        if value is not None:
            self._used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self._used[key] = value

    def save(self) -> None:
        """Write the entries this build used, in the shard files whose set of entries changed."""
        if self.path is None:
            return
        changed = {_shard(key) for key in self._used.keys() ^ self._old.keys()} | self._damaged
        if self.remember and self.defer_writes:
            # Kept for the second phase: this build's entries, as if read back from the files.
            self._unwritten.setdefault(self.path, set()).update(changed)
            self._in_memory[self.path] = (self._status(), self._used)
            return
        changed |= self._unwritten.pop(self.path, set())
        if not changed:
            return
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            for stale in self.path.parent.iterdir():
                if stale != self.path:  # results of an older version of the code
                    shutil.rmtree(stale) if stale.is_dir() else stale.unlink(missing_ok=True)
            shards: dict[str, dict[str, Any]] = {name: {} for name in changed}
            for key, value in self._used.items():
                shard = _shard(key)
                if shard in shards:
                    shards[shard][key] = value
            for name, entries in shards.items():
                target = self.path / f"{name}.pickle"
                if not entries:
                    target.unlink(missing_ok=True)
                    continue
                temp = target.with_name(f"{name}.{os.getpid()}.tmp")
                with open(temp, "wb") as handle:
                    handle.write(_pack(entries))
                temp.replace(target)
            self._damaged.clear()
            if self.remember:
                self._in_memory[self.path] = (self._status(), self._used)
        except OSError as err:
            log.debug("cache %s not written: %s", self.path, err)
