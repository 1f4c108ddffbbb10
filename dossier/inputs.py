"""Safe access to the files users give the build: read only from inside a folder, and report
every file that is not read.

Every reader of user files goes through this module: articles and sidecars (`dossier.readers`),
the id registry (`dossier.ids`), and, as they adopt it, notes, `entities.yml` and
`notes/decisions.yml`. Two functions:

    read_inside(path, folder, limit) -> bytes
        The bytes of one regular file whose real location (every symbolic link resolved, in
        the file's name and in every folder above it) is inside `folder`, at most `limit`
        bytes. Anything else raises `Refused`, whose message is one line ("symbolic link to a
        file outside the input folder", "a named pipe (FIFO), not a file", …).

    walk(folder) -> (files, refused)
        Every regular file under `folder` (symbolic links to files inside it included), and a
        `Refused` for each entry that is not read: dangling links, link loops, links to files or
        folders outside, links to folders inside (not followed: their files are read where they
        are), named pipes, sockets, devices, folders that cannot be listed.

The check is made on the file actually opened, not on its name: `read_inside` opens the file
(never following a link in its last component), then asks the system where the opened file is
(`/proc/self/fd`, or by comparing device and inode), so a link swapped in between the check and
the read cannot make it read a file from elsewhere.

`shown(path, root)` is the name a file is given in problems and published data: relative to the
project root, never an absolute path of the build machine.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Callable

INPUT_FOLDER = "the input folder"
_PROC_FD = Path("/proc/self/fd")


class Refused(Exception):
    """A file that is not read, with the reason as one line (`str(err)`).

    `kind` says why, for callers that treat some cases apart: "missing", "outside", "dangling",
    "loop", "not-a-file", "folder-link", "hard-link", "too-large", "unreadable", "changed"."""

    def __init__(self, path: Path | str, reason: str, kind: str, severity: str = "error"):
        super().__init__(reason)
        self.path = Path(path)
        self.reason = reason
        self.kind = kind
        self.severity = severity

    def __reduce__(self):  # picklable (results of worker processes carry it)
        return (type(self), (self.path, self.reason, self.kind, self.severity))

    @property
    def not_read(self) -> str:
        """The one line a problem says: the reason, and that the file is not read."""
        return self.reason if self.kind == "unreadable" else f"{self.reason}; not read"


class TooLarge(Refused):
    """A file over the caller's size limit: `size` bytes (at least) for a limit of `limit`."""

    def __init__(self, path: Path | str, size: int, limit: int):
        super().__init__(path, f"file is {size:,} bytes, over the {limit:,}-byte limit", "too-large")
        self.size = size
        self.limit = limit

    def __reduce__(self):
        return (type(self), (self.path, self.size, self.limit))


def is_inside(path: str | os.PathLike, folder: str | os.PathLike) -> bool:
    """Whether the real location of `path` is `folder` or under it (both resolved)."""
    return _under(os.path.realpath(path), os.path.realpath(folder))


def _under(real: str, real_folder: str) -> bool:
    return real == real_folder or real.startswith(real_folder.rstrip(os.sep) + os.sep)


def _why(err: OSError) -> str:
    """The system's reason, without the file name (which may be an absolute path)."""
    return err.strerror or type(err).__name__


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def _linked_above(path: str, real_folder: str) -> bool:
    """Whether a folder between the real `folder` and `path` is a symbolic link."""
    parent = os.path.dirname(os.path.abspath(path))
    while parent and parent != os.path.dirname(parent):
        if os.path.islink(parent):
            return True
        if os.path.realpath(parent) == real_folder:
            return False
        parent = os.path.dirname(parent)
    return False


def _outside(path: Path, real_folder: str, folder_name: str) -> Refused:
    if os.path.islink(path):
        reason = f"symbolic link to a file outside {folder_name}"
    elif _linked_above(str(path), real_folder):
        reason = f"in a folder that is a symbolic link to outside {folder_name}"
    else:
        reason = f"outside {folder_name}"
    return Refused(path, reason, "outside")


def _stat_or_refuse(path: Path) -> os.stat_result:
    """`os.stat(path)` (links followed), or the reason it cannot be."""
    try:
        return os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise Refused(path, "symbolic link loop", "loop") from None
        if err.errno in (errno.ENOENT, errno.ENOTDIR) and os.path.lexists(path):
            raise Refused(path, "dangling symbolic link (its target does not exist)", "dangling") from None
        if err.errno in (errno.ENOENT, errno.ENOTDIR):
            raise Refused(path, "does not exist", "missing") from None
        if err.errno == errno.ENAMETOOLONG:
            raise Refused(path, "file name too long for this file system", "missing") from None
        raise Refused(path, f"cannot read: {_why(err)}", "unreadable") from None


def _opened_location(fd: int) -> str | None:
    """Where the system says the open file `fd` is (Linux), or None where it cannot say."""
    try:
        return os.readlink(_PROC_FD / str(fd))
    except OSError:
        return None


def read_inside(path: Path, folder: Path, limit: int, *, folder_name: str = INPUT_FOLDER) -> bytes:
    """The bytes of the regular file `path`, whose real location must be inside `folder`;
    at most `limit` bytes. Raises `Refused` (`TooLarge` for a file over the limit)."""
    path = Path(path)
    real_folder = os.path.realpath(folder)
    before = _stat_or_refuse(path)
    real = os.path.realpath(path)
    if not _under(real, real_folder):
        raise _outside(path, real_folder, folder_name)
    if not stat.S_ISREG(before.st_mode):
        raise Refused(path, f"{_kind_of(before.st_mode)}, not a file", "not-a-file", "warning")
    if before.st_size > limit:
        raise TooLarge(path, before.st_size, limit)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) \
        | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(real, flags)
    except OSError as err:
        if err.errno in (errno.ELOOP, errno.ENOENT, errno.ENOTDIR, errno.EMLINK):
            raise Refused(path, "changed while being read (a symbolic link appeared)", "changed") from None
        raise Refused(path, f"cannot read: {_why(err)}", "unreadable") from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise Refused(path, f"{_kind_of(opened.st_mode)}, not a file", "not-a-file", "warning")
        # The file actually opened, whatever happened to the names since they were checked.
        location = _opened_location(fd)
        if location is not None and location.startswith(os.sep):
            if not _under(location.removesuffix(" (deleted)"), real_folder):
                raise _outside(path, real_folder, folder_name)
        else:
            try:
                now = os.stat(real, follow_symlinks=False)
            except OSError:
                now = None
            if now is None or (now.st_dev, now.st_ino) != (opened.st_dev, opened.st_ino) \
                    or os.path.realpath(real) != real:
                raise Refused(path, "changed while being read", "changed")
        if opened.st_nlink > 1:
            # Another name of the same file may be anywhere on this file system (a hard link
            # cannot be told apart from the original): a file shared that way is not published.
            raise Refused(path, "has other hard links (one may be a file outside the input folder): copy the "
                          "file instead of linking it", "hard-link")
        if opened.st_size > limit:
            raise TooLarge(path, opened.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(max(opened.st_size + 1, 1 << 16), limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLarge(path, total, limit)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    except OSError as err:
        raise Refused(path, f"cannot read: {_why(err)}", "unreadable") from None
    finally:
        os.close(fd)


def is_regular_file(path: Path) -> bool:
    """Whether `path` names a regular file (links followed); False for any name the system
    refuses, such as one longer than the file system allows (`<name>.meta.yml` of a long name)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def walk(folder: Path, *, within: Path | None = None, skip: Callable[[tuple[str, ...]], bool] | None = None,
         folder_name: str = INPUT_FOLDER) -> tuple[list[Path], list[Refused]]:
    """Every regular file under `folder` whose real location is inside `within` (default:
    `folder`), sorted, and a `Refused` for every other entry. `skip(parts)` (the entry's path
    relative to `folder`, as parts) leaves an entry, and everything under it, out in silence."""
    within = folder if within is None else within
    real_within = os.path.realpath(within)
    files: list[Path] = []
    refused: list[Refused] = []
    if not _under(os.path.realpath(folder), real_within):
        return [], [Refused(folder, f"symbolic link to a folder outside {folder_name}", "outside")]
    pending: list[tuple[Path, tuple[str, ...]]] = [(Path(folder), ())]
    while pending:
        directory, parts = pending.pop()
        try:
            with os.scandir(directory) as listing:
                entries = list(listing)
        except OSError as err:
            refused.append(Refused(directory, f"cannot list this folder: {_why(err)}", "unreadable"))
            continue
        for entry in entries:
            rel = parts + (entry.name,)
            if skip is not None and skip(rel):
                continue
            path = directory / entry.name
            try:
                if entry.is_symlink():
                    _walk_link(path, real_within, folder_name, files, refused)
                elif entry.is_dir(follow_symlinks=False):
                    pending.append((path, rel))
                elif entry.is_file(follow_symlinks=False):
                    files.append(path)
                else:
                    mode = entry.stat(follow_symlinks=False).st_mode
                    refused.append(Refused(path, f"{_kind_of(mode)}, not a file", "not-a-file", "warning"))
            except OSError as err:
                refused.append(Refused(path, f"cannot read: {_why(err)}", "unreadable"))
    return sorted(files), sorted(refused, key=lambda r: r.path)


def _walk_link(path: Path, real_within: str, folder_name: str, files: list[Path], refused: list[Refused]) -> None:
    try:
        target = _stat_or_refuse(path)
    except Refused as err:
        refused.append(err)
        return
    inside = _under(os.path.realpath(path), real_within)
    if stat.S_ISDIR(target.st_mode):
        if inside:
            refused.append(Refused(path, f"symbolic link to a folder inside {folder_name}, not followed "
                                         "(its files are read where they are)", "folder-link", "warning"))
        else:
            refused.append(Refused(path, f"symbolic link to a folder outside {folder_name}", "outside"))
    elif not inside:
        refused.append(Refused(path, f"symbolic link to a file outside {folder_name}", "outside"))
    elif stat.S_ISREG(target.st_mode):
        files.append(path)
    else:
        refused.append(Refused(path, f"symbolic link to {_kind_of(target.st_mode)}, not a file", "not-a-file", "warning"))


def shown(path: Path | str, root: Path, folder: Path | None = None) -> str:
    """The name a file is shown and recorded under, with `/`: relative to the project `root`;
    else, for a file of a `folder` outside the project (an input folder given elsewhere),
    relative to that folder, after its name; else the file's bare name. Never an absolute path
    of the build machine, and always valid UTF-8 (undecodable bytes of a name become �)."""
    absolute = os.path.abspath(path)
    name = None
    for base, prefix in ((root, ""), (folder, None)):
        if base is None:
            continue
        base_abs = os.path.abspath(base)
        for candidate, reference in ((absolute, base_abs), (os.path.realpath(absolute), os.path.realpath(base_abs))):
            if _under(candidate, reference) and candidate != reference:
                rel = Path(candidate).relative_to(reference).as_posix()
                name = rel if prefix is not None else f"{Path(base_abs).name}/{rel}"
                break
        if name is not None:
            break
    if name is None:
        name = Path(absolute).name
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "replace").decode("utf-8")


def read_text_inside(path: Path, folder: Path, limit: int, *, folder_name: str = INPUT_FOLDER) -> str | None:
    """The UTF-8 text (a byte-order mark dropped) of a file beside the articles that the build
    reads whole: `entities.yml`, `stories.yml`, a note, `notes/decisions.yml`. None when there is
    no such file. Raises `Refused` with a one-line reason (outside, not a file, too large, not
    UTF-8, ...)."""
    try:
        data = read_inside(path, folder, limit, folder_name=folder_name)
    except Refused as err:
        if err.kind == "missing":
            return None
        raise
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise Refused(path, f"not UTF-8 text (byte {err.start + 1} cannot be read)", "unreadable") from None
