"""The records of reading: what a format makes of a file's text (`ParsedArticle`), and what
reading one file gives (`LoadedFile`: the article, or none, and the problems found)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Article, Paragraph, Problem


class InputError(Exception):
    """An input file that cannot become an article; the message names the problem."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class ParsedArticle:
    """A format reader's result: the text and its paragraphs, and the metadata the file gives.

    Metadata values are as the input writes them (a YAML date, a number given as a source…):
    `input_file.read_file` applies the sidecar, then cleans and checks them into an `Article`.
    """

    text: str  # decoded text that all offsets point into
    paragraphs: tuple[Paragraph, ...]
    title: str
    title_derived: bool  # True when the title was made from the lead, not given by the input
    title_span: tuple[int, int] | None  # where the title stands in `text`, if it does
    format: str  # the reader's format name: "text" | "markdown" | "html" | …
    date: Any = None
    source: Any = None
    id: str | None = None  # an id the input sets explicitly
    meta: dict[str, Any] = field(default_factory=dict)  # other metadata keys (author, url, …)
    problems: tuple[Problem, ...] = ()  # guesses the reader made (the file is still used)


@dataclass(frozen=True)
class LoadedFile:
    """One input file read: its article (None when it cannot be one) and every problem found."""

    article: Article | None
    problems: tuple[Problem, ...]
