"""Input formats, registered by file suffix (as Pelican's readers are).

A format is a `Reader` subclass in its own module of `dossier/readers/formats/`, decorated with
`@register`: every module of that folder is imported when `dossier.readers` is, so adding a
format means adding one module (and a test). Discovery reads a file only when a registered
reader takes its suffix; the suffix alone chooses the reader.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Problem
from . import decoding
from .records import InputError, ParsedArticle


class Reader:
    """One input format: how its bytes become text, and its text a `ParsedArticle`."""

    format: str = ""  # the name `Article.format` records ("html" marks extracted text: offsets_valid)
    suffixes: tuple[str, ...] = ()  # lower case, with the dot: (".md", ".markdown")
    # Installed packages whose version changes what this reader makes of a file: a new version
    # voids the stored readings (see `project.cache_version`).
    libraries: tuple[str, ...] = ()

    def decode(self, data: bytes, name: str) -> tuple[str, list[Problem]]:
        """The file's text, and any guess made to get it (`name`: the file as problems show it)."""
        return decoding.decode(data, name)

    def parse(self, text: str, name: str) -> ParsedArticle:
        """The article in `text`. Raises `InputError` when there is none to make."""
        raise NotImplementedError


_BY_SUFFIX: dict[str, Reader] = {}


def register(reader_class: type[Reader]) -> type[Reader]:
    """Class decorator: read files with these suffixes with this reader."""
    reader = reader_class()
    if not reader.format or not reader.suffixes:
        raise ValueError(f"{reader_class.__name__} names no format or no suffixes")
    for suffix in reader.suffixes:
        taken = _BY_SUFFIX.get(suffix)
        if taken is not None and type(taken) is not reader_class:
            raise ValueError(f"{suffix} is read by {type(taken).__name__} already")
        _BY_SUFFIX[suffix] = reader
    return reader_class


def unregister(reader_class: type[Reader]) -> None:
    """Forget a reader (for tests that register one of their own)."""
    for suffix in [s for s, r in _BY_SUFFIX.items() if type(r) is reader_class]:
        del _BY_SUFFIX[suffix]


def is_article(path: Path) -> bool:
    """Whether some reader takes this file."""
    return path.suffix.lower() in _BY_SUFFIX


def reader_for(path: Path) -> Reader:
    """The reader of this file, by its suffix (any case)."""
    try:
        return _BY_SUFFIX[path.suffix.lower()]
    except KeyError:
        raise InputError(f"not an article: unsupported file type {path.suffix or '(none)'!r}") from None


def registered_readers() -> list[Reader]:
    """Every registered reader, once each, in the order of their first suffix."""
    unique = {id(r): r for _, r in sorted(_BY_SUFFIX.items())}
    return list(unique.values())
