"""One input file to one `Article`: decoded by its format's reader, overridden by its sidecar,
its metadata cleaned. Bad input never raises: it becomes a problem naming the file (and line)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from .. import inputs
from ..model import Article, Problem
from .discovery import shown_path
from .format_registry import reader_for
from .metadata import checked_id, clean_text, front_matter, normalize_date
from .records import InputError, LoadedFile
from .sidecars import SidecarFile, take_sidecars, with_sidecar

MAX_INPUT_BYTES = 5 * 1024 * 1024  # larger files are reported and skipped: no real article is this long


@dataclass(frozen=True)
class Snapshot:
    """An input file's bytes and its sidecars' bytes, each read once (`take`): the stored
    reading is keyed by these bytes, and these same bytes are parsed, so an edit saved while
    the build runs can never be stored under the key of other content."""

    path: Path
    name: str  # as problems and the article show it
    data: bytes | None
    refusal: str | None  # why `data` is None, as one line
    sidecars: tuple[SidecarFile, ...] = ()

    @property
    def key(self) -> str | None:
        """A hash of everything a reading depends on: the name, the bytes, the sidecars' names
        and bytes (or why they were not read). None when the file itself was not read (it is
        read, and reported, every time)."""
        if self.data is None:
            return None
        h = hashlib.sha256(self.name.encode("utf-8", "surrogateescape"))
        h.update(self.data)
        for sidecar in self.sidecars:
            if sidecar.data is not None:
                h.update(b"\0" + sidecar.suffix.encode() + b"\0" + sidecar.data)
            else:
                h.update(b"\0" + sidecar.suffix.encode() + b"\1" + (sidecar.refusal or "").encode())
        return h.hexdigest()


def take(path: Path, project_root: Path, folder: Path | None = None) -> Snapshot:
    """Read an input file and its sidecars, from inside `folder` (default: the file's folder)."""
    folder = path.parent if folder is None else folder
    name = shown_path(path, project_root, folder)
    try:
        data = inputs.read_inside(path, folder, MAX_INPUT_BYTES)
    except inputs.TooLarge as err:
        return Snapshot(path, name, None, f"file is {err.size:,} bytes, over the {MAX_INPUT_BYTES:,}-byte limit for one article")
    except inputs.Refused as err:
        return Snapshot(path, name, None, err.not_read)
    return Snapshot(path, name, data, None, take_sidecars(path, project_root, folder))


def read_file(path: Path, project_root: Path, folder: Path | None = None,
              snapshot: Snapshot | None = None) -> LoadedFile:
    """Read one input file, which (and whose sidecar) must really be inside `folder`, the input
    folder (default: the file's own folder); with `snapshot`, parse the bytes it holds (taken
    for `path` by `take`) instead of reading them. Never raises for bad input: problems are
    returned instead."""
    if snapshot is None:
        snapshot = take(path, project_root, folder)
    name = snapshot.name
    problems: list[Problem] = []
    try:
        if snapshot.data is None:
            raise InputError(snapshot.refusal or "not read")
        data = snapshot.data
        reader = reader_for(path)
        text, decode_problems = reader.decode(data, name)
        problems += decode_problems
        if not text.strip():
            raise InputError("empty file: no text to make an article of")
        parsed = reader.parse(text, name)
        problems += parsed.problems
        if parsed.id is not None:
            explicit, refused = checked_id(parsed.id, name, front_matter(text))
            if refused is not None:
                problems.append(refused)
                parsed = replace(parsed, id=explicit)
        parsed, sidecar_problems = with_sidecar(parsed, snapshot.sidecars, path.name)
        problems += sidecar_problems
        date, date_problem = normalize_date(parsed.date, name)
        if date_problem:
            problems.append(date_problem)
        article = Article(
            id=parsed.id or "",
            input=name,
            text=parsed.text,
            title=parsed.title,
            title_derived=parsed.title_derived,
            date=date,
            source=clean_text(parsed.source),
            paragraphs=parsed.paragraphs,
            format=parsed.format,
            title_span=parsed.title_span,
            meta=parsed.meta,
            digest=hashlib.sha256(data).hexdigest(),
            id_explicit=bool(parsed.id),
        )
        if not article.content_paragraphs():
            problems.append(Problem(name, "no article text found (only boilerplate)", "warning"))
        return LoadedFile(article, tuple(problems))
    except InputError as err:
        return LoadedFile(None, tuple(problems) + (Problem(name, str(err), "error", err.line),))
    except OSError as err:
        return LoadedFile(None, tuple(problems) + (Problem(name, f"cannot read: {err.strerror or type(err).__name__}", "error"),))
    except (RecursionError, MemoryError, ValueError, TypeError, LookupError, AttributeError) as err:
        # A file that trips a bug or a library limit is reported; it never stops the other articles.
        return LoadedFile(None, tuple(problems) + (Problem(name, f"could not be read as an article: {type(err).__name__}: {err}", "error"),))
