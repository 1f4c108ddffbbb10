"""Emit: the only module that writes the generated pages.

Three promises:
- A hand-written page is never overwritten or deleted. The manifest records the hash of every
  file dossier wrote; a file that is not in it, or whose hash changed since (edited by hand),
  is left alone and reported.
- A file is rewritten only when its content changes, so `mkdocs serve` sees only real changes
  and incremental builds touch few files.
- Writes are atomic: new content is staged in a hidden folder inside the docs folder (same file
  system), then each file is renamed into place, with Ctrl-C held back until the renames are
  done. A crash or interrupt leaves every file either old or new, never half-written.
"""

from __future__ import annotations

import hashlib
import json
import os
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


@dataclass
class EmitResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _load_manifest(docs_dir: Path) -> dict[str, str]:
    try:
        data = json.loads((docs_dir / MANIFEST).read_text(encoding="utf-8"))
        files = data.get("files", {})
        return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


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


@contextmanager
def _hold_interrupts():
    """Delay Ctrl-C until the block ends, so a rename batch is not cut in half."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[tuple] = []
    previous = signal.signal(signal.SIGINT, lambda *args: received.append(args))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received and callable(previous):
            previous(*received[0])


def emit(outputs: dict[str, str | bytes], docs_dir: Path, display_root: Path | None = None,
         status_file: Path | None = None) -> EmitResult:
    """Write `outputs` (docs-relative POSIX path → content) into `docs_dir`. With `status_file`,
    a file whose status is the one recorded there when dossier wrote it is not read again."""
    result = EmitResult()
    docs_dir.mkdir(parents=True, exist_ok=True)
    manifest, stats = _load_manifest(docs_dir), _load_status(status_file, docs_dir)
    new_manifest: dict[str, str] = {}
    new_stats: dict[str, str] = {}
    shown = (lambda p: _show(docs_dir / p, display_root))
    staged: list[tuple[Path, Path]] = []
    written_paths: list[str] = []
    staging = Path(tempfile.mkdtemp(prefix=".dossier-staging-", dir=docs_dir))
    try:
        for rel in sorted(outputs):
            content = outputs[rel]
            data = content.encode("utf-8") if isinstance(content, str) else content
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
                current = manifest[rel] if rel in manifest and stats.get(rel) == status else _digest(target.read_bytes())
                if current == digest:
                    new_manifest[rel] = digest
                    new_stats[rel] = status
                    result.unchanged.append(rel)
                    continue
                if manifest.get(rel) != current:
                    why = ("was edited by hand since dossier wrote it" if rel in manifest
                           else "is a hand-written page, not one dossier generated")
                    result.problems.append(Problem(shown(rel), f"{why}; left as it is, so its generated version is missing", "error"))
                    if rel in manifest:
                        new_manifest[rel] = manifest[rel]
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
            for (temp, target), rel in zip(staged, written_paths):
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(temp, target)
                new_stats[rel] = _status(os.lstat(target))
            for rel in sorted(stale):
                try:
                    target = docs_dir.joinpath(*safe_relative(rel).parts)
                except ValueError:
                    continue
                if not target.is_file():
                    continue
                if _digest(target.read_bytes()) == manifest[rel]:
                    target.unlink()
                    result.removed.append(rel)
                    _remove_empty_parents(target.parent, docs_dir)
                else:
                    result.problems.append(Problem(shown(rel), "no longer generated, but edited by hand since; left as it is", "warning"))
            _write_manifest(docs_dir, new_manifest)
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


def _write_manifest(docs_dir: Path, files: dict[str, str]) -> None:
    data = json.dumps({"generator": "dossier", "files": dict(sorted(files.items()))}, indent=1) + "\n"
    path = docs_dir / MANIFEST
    if path.exists() and path.read_text(encoding="utf-8") == data:
        return
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(data, encoding="utf-8")
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
    """Write the id registry beside the articles, only when it changed (a watcher on the input
    folder must not see a write that changes nothing)."""
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
    except OSError:
        return False
