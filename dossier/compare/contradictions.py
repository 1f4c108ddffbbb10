"""Contradictions: two articles describe one entity with values that cannot both hold of it at
the articles' dates.

Only four kinds of value can contradict, each read from the head of a descriptor
(`descriptors`):

- nationality: "Serbia's Navalny" / "Russian opposition leader". A country and a part or a
  predecessor of it do not contradict ("Korea" / "North Korea", "Soviet" / "Russian");
- office held now: "US President" / "US Spokesman". Never an office held before ("former X",
  "ex-X", "then-X", "the late"), one to come ("-elect", "incoming"), a role that is not an office
  ("a vocal critic of the president": the head is "critic"), two roles one person holds together
  (the roles of a company: chief executive, president, chair, founder; a chair of a committee with
  any office), a deputy's or an acting office and the office itself for staff ("Deputy
  Spokesperson" / "the spokeswoman"), and offices in articles more than `OFFICE_DAYS` apart
  (people change office);
- age: "Navalny, 44," / "the 45-year-old": only when the ages differ by more than the time
  between the articles allows (one year of difference is a birthday: low confidence);
- a number for the same quantity: "a father of three" / "a father of four".

Contradictions are between different articles; within one article two descriptors that disagree
are far more often a descriptor read onto the wrong name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from .descriptors import Descriptor

OFFICE_DAYS = 60  # articles further apart than this may describe an office that changed hands

# A country and a part, successor or shorter name of it.
_SAME_NATION = [
    {"Korea", "North Korea"}, {"Korea", "South Korea"}, {"Soviet Union", "Russia"}, {"Soviet Union", "Ukraine"},
    {"Soviet Union", "Belarus"}, {"Soviet Union", "Georgia"}, {"Soviet Union", "Armenia"}, {"Soviet Union", "Kazakhstan"},
    {"United Kingdom", "England"}, {"United Kingdom", "Scotland"}, {"United Kingdom", "Wales"},
    {"United Kingdom", "Northern Ireland"},
]
# Offices one person holds together: the roles of a company, and chairs of committees or parties.
_COMPATIBLE_GROUPS = [{"chief executive", "president", "chair", "founder", "owner", "director"}]
_ALWAYS_COMPATIBLE = {"chair"}  # a chair of a committee, a party or a board can hold any office too
_HEADS = {"president", "vice president", "prime minister", "chancellor", "monarch", "governor", "mayor", "pope",
          "senator", "foreign minister", "ambassador"}
_NOT_NOW = ("former", "ex", "then", "late", "-elect", "incoming")


@dataclass(frozen=True)
class Contradiction:
    entity: str
    kind: str  # nationality | office | age | number
    first: Descriptor
    second: Descriptor
    detail: str  # "Russia / Serbia": the two values, sorted
    confidence: float = 0.9  # 0..1


class EntityDescriptions(NamedTuple):
    """What the articles say of one entity: its descriptors in article order, its contradictions."""

    descriptors: tuple[Descriptor, ...]
    contradictions: tuple[Contradiction, ...]


NO_DESCRIPTIONS = EntityDescriptions((), ())


def contradictions(descriptors: tuple[Descriptor, ...], dates: dict[str, str | None] | None = None) -> tuple[Contradiction, ...]:
    """Every pair of values given to one entity by two articles that cannot both hold, one
    example each. `dates`: each article's publication date (for offices and ages)."""
    dates = dates or {}
    out: list[Contradiction] = []
    by_entity: dict[str, list[Descriptor]] = defaultdict(list)
    for d in descriptors:
        by_entity[d.entity].append(d)
    for entity, ds in by_entity.items():
        out += _nationalities(entity, ds)
        out += _offices(entity, ds, dates)
        out += _ages(entity, ds, dates)
        out += _counts(entity, ds)
    return tuple(sorted(out, key=lambda c: (c.entity, c.kind, c.first.article, c.first.start, c.second.article, c.second.start)))


def _pairs_of_values(ds: list[Descriptor], value) -> list[tuple[Descriptor, Descriptor, str, str]]:
    """One example pair (first descriptors, in dossier order) per pair of differing values, from
    different articles."""
    firsts: dict[str, list[Descriptor]] = defaultdict(list)
    for d in ds:
        v = value(d)
        if v is not None:
            firsts[v].append(d)
    values = sorted(firsts)
    out = []
    for x in range(len(values)):
        for y in range(x + 1, len(values)):
            pair = next(((a, b) for a in firsts[values[x]] for b in firsts[values[y]] if a.article != b.article), None)
            if pair:
                out.append((pair[0], pair[1], values[x], values[y]))
    return out


def _nationalities(entity: str, ds: list[Descriptor]) -> list[Contradiction]:
    out = []
    for a, b, x, y in _pairs_of_values(ds, lambda d: d.nationality):
        if {x, y} in _SAME_NATION:
            continue
        # a nationality a title states ("Serbia's Navalny", "Russian opposition leader") is read
        # surely; one in a longer apposition less so
        confidence = 0.9 if a.form == b.form == "premodifier" or len(a.text.split()) + len(b.text.split()) <= 8 else 0.75
        out.append(Contradiction(entity, "nationality", a, b, f"{x} / {y}", confidence))
    return out


def _current(office: str) -> bool:
    return not any(q in office for q in _NOT_NOW)


def _base(office: str) -> str:
    return office.replace("acting ", "").replace("deputy ", "").strip()


def compatible_offices(a: str, b: str) -> bool:
    """Two offices one person can hold at one time, or that one text may shorten to the other."""
    if a == b or _base(a) == _base(b) and _base(a) not in _HEADS:
        return True  # "deputy spokesperson" / "spokesperson": staff titles are shortened in copy
    if a.replace("acting ", "") == b.replace("acting ", ""):
        return True
    if {a, b} & _ALWAYS_COMPATIBLE:
        return True
    return any(a in g and b in g for g in _COMPATIBLE_GROUPS)


def _days_apart(x: str | None, y: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(x) - date.fromisoformat(y)).days) if x and y else None
    except ValueError:
        return None


def _offices(entity: str, ds: list[Descriptor], dates: dict[str, str | None]) -> list[Contradiction]:
    out = []
    current = [d for d in ds if d.office and _current(d.office)]
    for a, b, x, y in _pairs_of_values(current, lambda d: d.office):
        if compatible_offices(x, y):
            continue
        apart = _days_apart(dates.get(a.article), dates.get(b.article))
        if apart is not None and apart > OFFICE_DAYS:
            continue
        heads = _base(x) in _HEADS and _base(y) in _HEADS
        titled = a.form != "relative" and b.form != "relative"
        confidence = 0.85 if heads and titled else 0.7 if titled else 0.55
        out.append(Contradiction(entity, "office", a, b, f"{x} / {y}", confidence))
    return out


def _ages(entity: str, ds: list[Descriptor], dates: dict[str, str | None]) -> list[Contradiction]:
    out = []
    for a, b, x, y in _pairs_of_values(ds, lambda d: str(d.age) if d.age is not None else None):
        gap = abs(int(x) - int(y))
        apart = _days_apart(dates.get(a.article), dates.get(b.article))
        years = (apart or 0) / 365.25
        if gap <= years + 1e-9:
            continue  # time passed between the articles
        if gap == 1 and apart is None:
            continue  # undated: a birthday may lie between them
        confidence = 0.6 if gap <= years + 1 else 0.85
        out.append(Contradiction(entity, "age", a, b, f"{min(int(x), int(y))} / {max(int(x), int(y))}", confidence))
    return out


def _counts(entity: str, ds: list[Descriptor]) -> list[Contradiction]:
    out = []
    by_noun: dict[str, list[Descriptor]] = defaultdict(list)
    for d in ds:
        if d.count:
            by_noun[d.count[0]].append(d)
    for noun, group in sorted(by_noun.items()):
        for a, b, x, y in _pairs_of_values(group, lambda d: d.count[1]):
            out.append(Contradiction(entity, "number", a, b, f"{x} / {y} {noun}", 0.75))
    return out


def index_by_entity(article_ids: tuple[str, ...], descriptors: tuple[Descriptor, ...],
                    found: tuple[Contradiction, ...]) -> dict[str, EntityDescriptions]:
    """Entity id → its descriptors (in dossier order of the articles) and contradictions, so
    that entity pages do not each scan them all."""
    order = {a: i for i, a in enumerate(article_ids)}
    ds: dict[str, list[Descriptor]] = defaultdict(list)
    cs: dict[str, list[Contradiction]] = defaultdict(list)
    for d in sorted(descriptors, key=lambda d: (order.get(d.article, 0), d.start)):
        ds[d.entity].append(d)
    for c in found:
        cs[c.entity].append(c)
    return {e: EntityDescriptions(tuple(ds.get(e, ())), tuple(cs.get(e, ()))) for e in set(ds) | set(cs)}
