"""Emit: the only module that writes the generated pages.

Three promises:
- A hand-written page is never overwritten or deleted. The manifest records the hash of every
  file dossier wrote; a file that is not in it, or whose hash changed since (edited by hand),
  is left alone and reported.
- A file is rewritten only when its content changes, so `mkdocs serve` sees only real changes
  and incremental builds touch few files.
- Writes are atomic: new content is staged in a hidden folder inside the docs folder (same file
  system), then each file is renamed into place, with Ctrl-C and SIGTERM held back until the
  renames are done. A crash or interrupt leaves every file either old or new, never half-written.

The manifest and the renames are one transaction: before the first rename, the manifest the
build is about to have is written beside the old one (`.dossier-manifest.json.pending`). If the
process dies between the renames and the final manifest (`kill -9`, a power cut), the next build
accepts a file whose content is recorded in either manifest as written by dossier, so no page is
mistaken for a hand edit. Staging folders left by a killed build are removed by the next one.
Two builds into one docs folder take turns (a lock file), instead of mixing their files.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .model import Problem

MANIFEST = ".dossier-manifest.json"
PENDING = MANIFEST + ".pending"
LOCK = ".dossier-lock"
STAGING_PREFIX = ".dossier-staging-"


class EmitError(Exception):
    """The docs folder cannot be written (read-only, full disk, not a folder): one message."""


@dataclass
class EmitResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def encode(content: str | bytes) -> bytes:
    """A generated file's bytes. A lone surrogate (half of a UTF-16 pair, which no input should
    let through) becomes U+FFFD rather than failing the whole build."""
    if isinstance(content, bytes):
        return content
    try:
        return content.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", content).encode("utf-8")


def publishable(content: str | bytes) -> str | bytes:
    """The content itself when it encodes as UTF-8 (as `encode` would give it), else text with
    each lone surrogate made U+FFFD: handed to MkDocs as text, so that no second copy of every
    page's bytes is held through the build."""
    if isinstance(content, bytes) or content.isascii():
        return content
    try:
        content.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", content)
    return content


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data.get("files", {})
        return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def load_manifest(docs_dir: Path) -> dict[str, frozenset[str]]:
    """Every file dossier wrote into `docs_dir`, with the contents (hashes) it may hold: the one
    the manifest records, and the one of an interrupted build's pending manifest."""
    accepted: dict[str, set[str]] = {}
    for path in (docs_dir / MANIFEST, docs_dir / PENDING):
        for rel, digest in _read_manifest(path).items():
            accepted.setdefault(rel, set()).add(digest)
    return {rel: frozenset(digests) for rel, digests in accepted.items()}


def written_by_dossier(docs_dir: Path, rel: str, manifest: dict[str, frozenset[str]] | None = None,
                       known: dict[str, tuple] | None = None) -> bool:
    """Whether the file at `rel` holds what dossier wrote there (not a page written or edited
    by hand): only such a file may be replaced, removed or left out of the site.

    With `known` (kept by a running process, `mkdocs serve`), a file is hashed again only when
    its status (`_status`: size, times, inode; the change time moves with every write) or its
    manifest entry changed: after a `dossier build`, docs/ holds thousands of generated files."""
    manifest = load_manifest(docs_dir) if manifest is None else manifest
    if rel not in manifest:
        return False
    path = docs_dir / rel
    try:
        key = (_status(os.stat(path)), manifest[rel]) if known is not None else None
        if key is not None and rel in known and known[rel][0] == key:
            return known[rel][1]
        verdict = _digest(path.read_bytes()) in manifest[rel]
    except OSError:
        return False
    if known is not None:
        known[rel] = (key, verdict)
    return verdict


def _load_status(path: Path | None, docs_dir: Path) -> dict[str, str]:
    """Each generated file's status (size, times, inode) when dossier wrote or last read it.
    Kept outside the docs folder (in the cache): it differs from machine to machine."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("docs") == str(docs_dir.resolve()) and isinstance(data.get("stat"), dict):
            return data["stat"]
    except (OSError, ValueError, AttributeError):
        pass
    return {}


def _save_status(path: Path | None, docs_dir: Path, stats: dict[str, str]) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temp.write_text(json.dumps({"docs": str(docs_dir.resolve()), "stat": stats}), encoding="utf-8")
        os.replace(temp, path)
    except OSError:
        pass  # costs only time: the next build reads the files again


def _status(st: os.stat_result) -> str:
    # The change time and inode cannot be set back by hand (unlike the modification time): a
    # file with the status recorded when dossier wrote it still holds what dossier wrote.
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def safe_relative(path: str) -> PurePosixPath:
    """A generated path, checked: relative, no `..`, no hidden parts. Input-derived slugs pass
    through here, so no input can make dossier write outside the docs folder."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or not pure.parts or any(part in ("", ".", "..") or part.startswith(".") for part in pure.parts):
        raise ValueError(f"refusing to write outside the docs folder: {path!r}")
    if any("\\" in part or "\x00" in part for part in pure.parts):
        raise ValueError(f"refusing to write an unsafe path: {path!r}")
    return pure


_HELD_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextmanager
def _hold_interrupts():
    """Delay Ctrl-C, SIGTERM and SIGHUP until the block ends, so a rename batch is not cut in
    half; then act on the first one received as it would have been acted on."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, frame: received.append(signum)) for sig in _HELD_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if received:
            handler = previous[received[0]]
            if callable(handler):
                handler(received[0], None)
            elif handler == signal.SIG_DFL:
                signal.raise_signal(received[0])


@contextmanager
def _docs_lock(docs_dir: Path):
    """One build at a time writes into a docs folder: a second one waits for the first."""
    try:
        import fcntl
    except ImportError:  # no advisory locks (Windows): builds are not serialized
        yield
        return
    handle = open(docs_dir / LOCK, "a+b")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            import logging

            logging.getLogger("dossier").warning("another dossier build is writing into %s; waiting for it", docs_dir)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        handle.close()  # closing releases the lock


def _remove_leftover_staging(docs_dir: Path) -> None:
    """Staging folders of a build that was killed before it could clean up (under the lock, no
    other build is using one)."""
    for leftover in docs_dir.glob(STAGING_PREFIX + "*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def emit(outputs: dict[str, str | bytes], docs_dir: Path, display_root: Path | None = None,
         status_file: Path | None = None) -> EmitResult:
    """Write `outputs` (docs-relative POSIX path → content) into `docs_dir`. With `status_file`,
    a file whose status is the one recorded there when dossier wrote it is not read again.
    Raises EmitError when the docs folder cannot be written; the files are then as before."""
    try:
        docs_dir.mkdir(parents=True, exist_ok=True)
        with _docs_lock(docs_dir):
            _remove_leftover_staging(docs_dir)
            return _emit(outputs, docs_dir, display_root, status_file)
    except OSError as err:
        where = _show(Path(err.filename), display_root) if getattr(err, "filename", None) else _show(docs_dir, display_root)
        raise EmitError(f"cannot write the generated pages into {_show(docs_dir, display_root)}: "
                        f"{err.strerror or err} ({where}); the files there are as before") from None


def _emit(outputs, docs_dir: Path, display_root: Path | None, status_file: Path | None) -> EmitResult:
    result = EmitResult()
    manifest, stats = load_manifest(docs_dir), _load_status(status_file, docs_dir)
    recorded = _read_manifest(docs_dir / MANIFEST)
    new_manifest: dict[str, str] = {}
    new_stats: dict[str, str] = {}
    shown = (lambda p: _show(docs_dir / p, display_root))
    staged: list[tuple[Path, Path]] = []
    written_paths: list[str] = []
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=docs_dir))
    try:
        for rel in sorted(outputs):
            content = outputs[rel]
            data = encode(content)
            try:
                pure = safe_relative(rel)
            except ValueError as err:
                result.problems.append(Problem(rel, str(err), "error"))
                continue
            target = docs_dir.joinpath(*pure.parts)
            digest = _digest(data)
            try:
                st = os.lstat(target)
            except (FileNotFoundError, NotADirectoryError):
                st = None
            if st is not None and not stat.S_ISREG(st.st_mode):
                result.problems.append(Problem(shown(rel), "is not a regular file; not overwritten", "error"))
                continue
            if st is not None:
                # Read the file only when its status changed since dossier wrote or checked it.
                status = _status(st)
                current = recorded[rel] if rel in recorded and stats.get(rel) == status else _digest(target.read_bytes())
                if current == digest:
                    new_manifest[rel] = digest
                    new_stats[rel] = status
                    result.unchanged.append(rel)
                    continue
                if current not in manifest.get(rel, ()):
                    why = ("was edited by hand since dossier wrote it" if rel in manifest
                           else "is a hand-written page, not one dossier generated")
                    result.problems.append(Problem(shown(rel), f"{why}; left as it is, so its generated version is missing", "error"))
                    if rel in recorded:
                        new_manifest[rel] = recorded[rel]
                    continue
            temp = staging / f"{len(staged)}.tmp"
            with open(temp, "wb") as handle:
                handle.write(data)
            staged.append((temp, target))
            written_paths.append(rel)
            new_manifest[rel] = digest
            result.written.append(rel)
        stale = [rel for rel in manifest if rel not in outputs]
        _make_durable(staging, [temp for temp, _ in staged])
        with _hold_interrupts():
            # The transaction: what the manifest will say, written before anything is replaced.
            _write_manifest(docs_dir, {**{r: d for r in stale if (d := recorded.get(r))}, **new_manifest}, PENDING)
            for (temp, target), rel in zip(staged, written_paths):
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(temp, target)
                new_stats[rel] = _status(os.lstat(target))
            for rel in sorted(stale):
                try:
                    target = docs_dir.joinpath(*safe_relative(rel).parts)
                except ValueError:
                    continue
                if not target.is_file() or target.is_symlink():
                    continue
                if _digest(target.read_bytes()) in manifest[rel]:
                    target.unlink()
                    result.removed.append(rel)
                    _remove_empty_parents(target.parent, docs_dir)
                else:
                    result.problems.append(Problem(shown(rel), "no longer generated, but edited by hand since; left as it is", "warning"))
            _write_manifest(docs_dir, new_manifest)
            (docs_dir / PENDING).unlink(missing_ok=True)
        _save_status(status_file, docs_dir, new_stats)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def _make_durable(folder: Path, files: list[Path]) -> None:
    """Put the staged files on disk before they replace the old ones, so that a power cut after
    a rename cannot leave an empty page. One syncfs(2) of the docs folder's file system where
    Linux offers it (thousands of fsync calls cost a second at 3,000 pages); else one fsync each."""
    if not files:
        return
    if _syncfs(folder):
        return
    for path in files:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _syncfs(folder: Path) -> bool:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        syncfs = libc.syncfs
    except (OSError, AttributeError):
        return False
    fd = os.open(folder, os.O_RDONLY)
    try:
        return syncfs(fd) == 0
    finally:
        os.close(fd)


def _write_manifest(docs_dir: Path, files: dict[str, str], name: str = MANIFEST) -> None:
    data = json.dumps({"generator": "dossier", "files": dict(sorted(files.items()))}, indent=1) + "\n"
    path = docs_dir / name
    if path.exists() and path.read_text(encoding="utf-8") == data:
        return
    temp = path.with_name(path.name + ".tmp")
    with open(temp, "w", encoding="utf-8") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _show(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def write_registry(content: str, path: Path) -> bool:
    """Write the id registry beside mkdocs.yml, only when it changed (a watcher must not see a
    write that changes nothing). Raises EmitError when it cannot be written: ids not recorded
    would change on the next build, breaking published links."""
    if path.is_symlink():
        # The build reads no registry through a link (it may lead out of the project), so it
        # writes none through one either; replacing the link would drop what people set up.
        raise EmitError(f"{path.name} is a symbolic link: ids not recorded; replace it with the file itself")
    try:
        if path.is_file() and path.read_text(encoding="utf-8") == content:
            return False
        temp = path.with_name(f".{path.name}.tmp")
        with open(temp, "w", encoding="utf-8") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())  # the registry is committed by people: never an empty file
        os.replace(temp, path)
        return True
    except OSError as err:
        raise EmitError(f"cannot record the ids in {path.name}: {err.strerror or err}; "
                        "the pages were written, but their ids may change on the next build") from None
