"""The dossier's data model: plain frozen records that every pipeline stage reads and returns.

Offsets (`start`, `end`) are always Unicode code-point offsets into `Article.text`, the input
file's decoded text (BOM dropped, line endings as in the file), so `text[start:end]` is the
mention as written. Stages never mutate a record; they return new ones.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

ENTITY_TYPES = ("person", "organization", "place", "other")

# Paragraph kinds. Only HEADLINE and BODY feed recognition and comparison; BOILERPLATE is kept
# (nothing is lost) but shown collapsed and never linked.
HEADLINE = "headline"
BODY = "body"
BOILERPLATE = "boilerplate"


@dataclass(frozen=True)
class Paragraph:
    """One block of an article's text, addressed by a permanent anchor `p-<number>`."""

    number: int  # 1-based, in reading order; the page anchor is f"p-{number}"
    start: int
    end: int
    kind: str  # HEADLINE | BODY | BOILERPLATE
    reason: str = ""  # why a block was judged boilerplate, shown to the reader

    @property
    def anchor(self) -> str:
        return f"p-{self.number}"


@dataclass(frozen=True)
class Article:
    id: str  # stable slug, unique in the dossier
    input: str  # path of the input file, relative to the project root, POSIX separators
    text: str  # decoded text that all offsets point into
    title: str
    title_derived: bool  # True when the title was made from the lead, not given by the input
    date: str | None  # ISO date, or None when the input gives none (never invented)
    source: str | None  # outlet, or None when unknown
    paragraphs: tuple[Paragraph, ...]
    format: str = "text"  # "text" | "markdown" | "html"
    title_span: tuple[int, int] | None = None  # where the title stands in `text`, if it does
    meta: dict[str, Any] = field(default_factory=dict, compare=False)  # other front-matter keys
    digest: str = ""  # content hash of the input, for caching
    id_explicit: bool = False  # the id was set in front matter or a sidecar, not derived

    @property
    def offsets_valid(self) -> bool:
        """HTML input is extracted text: its offsets do not point into the input file."""
        return self.format != "html"

    def body_paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.kind == BODY)

    def content_paragraphs(self) -> tuple[Paragraph, ...]:
        """Headline and body: what recognition and comparison read."""
        return tuple(p for p in self.paragraphs if p.kind in (HEADLINE, BODY))

    def __getstate__(self) -> dict:
        # The paragraph index below is derived data: never pickled, so never part of a cache key.
        state = self.__dict__.copy()
        state.pop("_starts", None)
        return state

    def paragraph_at(self, offset: int) -> Paragraph | None:
        # Paragraphs are in text order and do not overlap: a binary search, not a scan (entity
        # pages ask once per mention, and an article may have 100,000 paragraphs).
        starts = self.__dict__.get("_starts")
        if starts is None:
            starts = [p.start for p in self.paragraphs]
            object.__setattr__(self, "_starts", starts)
        index = bisect_right(starts, offset) - 1
        if index >= 0 and offset < self.paragraphs[index].end:
            return self.paragraphs[index]
        return None

    @property
    def words(self) -> int:
        return sum(len(self.text[p.start : p.end].split()) for p in self.content_paragraphs())


class Evidence:
    """The kinds of evidence a recognizer gives for a mention's type: `Mention.evidence_kind`.

    Every recognizer backend fills it; the resolver weighs a mention's type by this kind alone
    (`dossier.resolve.index.TYPE_WEIGHTS`), never by the wording of `Mention.evidence`, which
    is for people to read. A backend that writes its evidence in other words still types its
    entities: it only has to choose the kind that fits."""

    TITLE = "title"  # a title before the name: "President Joe Biden" (person)
    ROLE = "role"  # a lower-case role before the name: "opposition leader Alexei Navalny" (person)
    GIVEN_NAME = "given name"  # the name starts with a known given name (person)
    NAME_PARTICLE = "name particle"  # "von", "bin" inside the name (person)
    GAZETTEER = "gazetteer"  # a known place (place)
    ORGANIZATION_WORD = "organization word"  # "Institute", "Inc." at its end, or an "&" (organization)
    ACRONYM = "acronym"  # a short word in capitals (organization)
    PARTY_MEMBERS = "party members"  # "the Democrats": a party named by its members (organization)
    LABEL = "label"  # a trained model's label: the mention's own `type` is the evidence
    CURATION = "curation"  # a name from entities.yml, typed there when a type is given
    CAPITALIZED = "capitalized"  # only capitals: no evidence for a type
    HANDLE = "handle"  # a social handle ("@JoeBiden")
    MODEL_NUMBER = "model number"  # "the 787" where a maker's model is named
    EXPANSION = "expansion"  # the words an acronym in brackets stands for
    PLACE_WORD = "place word"  # "Peninsula", "Street", "County" at its end (place)
    NEWS_SOURCE = "news source"  # a social network or news agency: "on Twitter", "told Reuters" (organization)
    CONTEXT = "context"  # the words around it: "X said he", "X, who" (person); "shares of X" (organization)
    NONE = ""  # nothing said


@dataclass(frozen=True)
class Mention:
    """A name as written in one article."""

    article: str  # Article.id
    start: int
    end: int
    text: str
    type: str = "other"  # the recognizer's guess, one of ENTITY_TYPES
    evidence: str = ""  # why that type, for people to read (title, gazetteer, suffix, context…)
    evidence_kind: str = Evidence.NONE  # why that type, for the resolver: one of `Evidence`
    unconfirmed: bool = False  # only seen starting a sentence: kept if the dossier confirms it


@dataclass(frozen=True)
class Merge:
    """Why an alias was merged into an entity, so that a person can review it."""

    alias: str
    rule: str  # exact | case | possessive | transliteration | surname | handle | acronym | fuzzy | curation | …
    detail: str = ""
    fuzzy: bool = False  # rests on an approximate match: listed for review


@dataclass(frozen=True)
class Entity:
    id: str  # stable slug, unique in the dossier
    name: str
    type: str  # one of ENTITY_TYPES
    aliases: tuple[str, ...]  # other spellings seen, sorted, without `name`
    mentions: tuple[Mention, ...]  # sorted by (article, start)
    shared: bool = False  # mentioned in >= min_articles articles: has a page and is linked
    description: str | None = None
    merges: tuple[Merge, ...] = ()
    # Why this type: the evidence its mentions gave, most weight first, across all its articles:
    # "person: title ×12, given name ×3; other: capitalized ×5". One type per entity.
    type_evidence: str = ""

    def __getstate__(self) -> dict:
        # `articles` below is derived and cached in the instance: never pickled, so a record
        # holding an entity has the same key whether or not it was asked for.
        state = self.__dict__.copy()
        state.pop("articles", None)
        return state

    @cached_property
    def articles(self) -> tuple[str, ...]:
        # Cached: pages and the comparison ask for it tens of thousands of times. A frozen
        # dataclass still has an instance __dict__, which is where cached_property stores it.
        return tuple(sorted({m.article for m in self.mentions}))


@dataclass(frozen=True)
class Problem:
    """Something the build could not use or had to guess, reported with the file that caused it."""

    path: str
    message: str
    severity: str = "error"  # "error": input not used or not fully used | "warning": a guess was made
    line: int | None = None

    def __str__(self) -> str:
        """One line for a terminal or a log. File names and messages quote input, so control
        characters are shown escaped: a name with an escape sequence cannot drive the terminal."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return printable(f"{where}: {self.severity}: {self.message}")


def printable(text: str) -> str:
    """Untrusted text for a terminal: control characters shown escaped, never sent raw."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)
