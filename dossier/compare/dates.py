"""Dates that articles mention, resolved against the article's own publication date.

Resolution follows how news copy uses dates: a day and month without a year ("November 7",
"Nov. 3") is the occurrence nearest to the publication date; a bare weekday ("on Sunday") is
the most recent such day on or before publication (reports look back); "last month", "this
year" count from the publication date. Without a publication date nothing relative can be
resolved, and a date is then kept exactly as written, with `value` None: never guessed.
"""

from __future__ import annotations

import calendar
from bisect import bisect_left, insort
import datetime as dt
import re
from dataclasses import dataclass

from ..model import Article

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_PATTERNS = [
    ("iso", re.compile(r"\b(?P<year>(?:1[89]|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("month-day-year", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("day-month-year", re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b")),
    ("month-day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?![,\s]*\d)")),
    ("day-month", re.compile(rf"\b{_DAY}\s+{_MONTH}(?![\s,]*\d)")),
    ("month-year", re.compile(rf"\b(?:(?P<part>early|mid|late)[\s-]+)?{_MONTH}\s+(?:of\s+)?{_YEAR}\b")),
    ("month", re.compile(rf"\b(?:(?P<part>early|mid|late)[\s-]+|(?P<prep>[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ll]ast|[Tt]his|[Nn]ext)\s+){_MONTH}(?!\s*[0-3]?\d\b)")),
    ("weekday", re.compile(r"\b(?:(?P<rel>last|next|this|on|On|Last|Next|This)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    ("relative", re.compile(r"\b(?P<rel>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Ll]ast (?:week|month|year)|[Tt]his (?:week|month|year)|[Nn]ext (?:week|month|year))\b")),
    ("year", re.compile(r"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Bb]efore|[Aa]fter|[Dd]uring|[Oo]f|[Tt]he)\s+(?P<year>(?:1[89]|20)\d\d)\b(?![\s-]*(?:%|percent|million|billion))")),
]


@dataclass(frozen=True)
class DateMention:
    article: str
    start: int
    end: int
    text: str  # as written
    paragraph: int
    value: str | None  # "2020-11-07", "2020-11" or "2020"; None when it cannot be resolved
    granularity: str  # day | month | year | week | unknown
    rule: str  # how it was read: "explicit", "nearest year to publication", "weekday before publication"…


# What a paragraph must contain for each kind of date to be in it: most paragraphs hold no date,
# and one cheap test spares the ten patterns' scans.
_ANY_MONTH = re.compile(_MONTH)
_ANY_DIGIT = re.compile(r"\d")
_NEEDS = {
    "iso": "digit", "year": "digit", "month-day-year": "month", "day-month-year": "month", "month-day": "month",
    "day-month": "month", "month-year": "month", "month": "month", "weekday": "weekday", "relative": "relative",
}
_RELATIVE_WORDS = ("esterday", "oday", "omorrow", "week", "month", "year")


def _present(text: str, start: int, end: int) -> set[str]:
    segment = text[start:end]
    present = set()
    if _ANY_DIGIT.search(segment):
        present.add("digit")
    if _ANY_MONTH.search(segment):
        present.add("month")
    if "day" in segment:
        present.add("weekday")
    if any(word in segment for word in _RELATIVE_WORDS):
        present.add("relative")
    return present


def extract(article: Article) -> list[DateMention]:
    """Every date expression in the headline and body, resolved where the text allows."""
    published = _parse_iso(article.date)
    found: list[DateMention] = []
    for para in article.content_paragraphs():
        taken: list[tuple[int, int]] = []
        present = _present(article.text, para.start, para.end)
        if not present:
            continue
        for kind, pattern in _PATTERNS:
            if _NEEDS[kind] not in present:
                continue
            for m in pattern.finditer(article.text, para.start, para.end):
                s, e = m.span()
                if kind == "year":
                    s, e = m.span("year")  # "the 2016 election": the date is the year, not "the"
                elif kind == "month" and not m.group("part") and (m.group("prep") or "").lower() not in ("last", "next", "this"):
                    s = m.start("month")
                if kind == "relative" and m.group(0)[0].isupper() and article.text[para.start : s].rstrip()[-1:] not in ("", ".", "!", "?", '"', "“"):
                    continue  # "USA Today" is a newspaper, not a day
                if _overlaps(taken, s, e):
                    continue
                if kind == "month" and m.group("month").lower().rstrip(".") == "may" and not m.group("part") and m.group("prep") not in ("In", "in"):
                    continue  # "may" is mostly the verb
                try:
                    value, granularity, rule = _resolve(kind, m, published)
                except (OverflowError, ValueError):  # "yesterday" said on 0001-01-01: before the calendar
                    value, granularity, rule = None, kind, "outside the calendar"
                insort(taken, (s, e))
                found.append(DateMention(article.id, s, e, article.text[s:e], para.number, value, granularity, rule))
    return sorted(found, key=lambda d: d.start)


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps a span of `taken` (sorted, not overlapping each other): only
    the neighbours in order need a look, so many dates in one paragraph stay linear."""
    i = bisect_left(taken, (start, start))
    return any(ts < end and start < te for ts, te in taken[max(0, i - 1): i + 1])


def _parse_iso(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _month(m: re.Match) -> int:
    word = m.group("month").lower().rstrip(".")
    return int(word) if word.isdigit() else _MONTHS[word]


def _resolve(kind: str, m: re.Match, published: dt.date | None) -> tuple[str | None, str, str]:
    if kind in ("iso", "month-day-year", "day-month-year"):
        try:
            return dt.date(int(m.group("year")), _month(m), int(m.group("day"))).isoformat(), "day", "explicit"
        except ValueError:
            return None, "unknown", "not a calendar date"
    if kind == "month-year":
        return f"{int(m.group('year')):04d}-{_month(m):02d}", "month", "explicit"
    if kind == "year":
        return m.group("year"), "year", "explicit"
    if published is None:
        return None, "unknown", "article has no date"
    if kind in ("month-day", "day-month"):
        month, day = _month(m), int(m.group("day"))
        candidates = []
        for year in (published.year - 1, published.year, published.year + 1):
            try:
                candidates.append(dt.date(year, month, day))
            except ValueError:
                pass
        if not candidates:
            return None, "unknown", "not a calendar date"
        best = min(candidates, key=lambda d: abs((d - published).days))
        return best.isoformat(), "day", "year nearest to publication"
    if kind == "month":
        month = _month(m)
        prep = (m.group("prep") or "").lower()
        here = published.year * 12 + published.month - 1
        options = [(year * 12 + month - 1) for year in (published.year - 1, published.year, published.year + 1)]
        if prep == "last":
            chosen = max(o for o in options if o < here)
        elif prep == "next":
            chosen = min(o for o in options if o > here)
        elif prep == "this":
            chosen = published.year * 12 + month - 1
        else:
            # Ties go to the past: news reports on what happened.
            chosen = min(options, key=lambda o: (abs(o - here), o > here))
        return f"{chosen // 12:04d}-{chosen % 12 + 1:02d}", "month", "year nearest to publication"
    if kind == "weekday":
        target = _WEEKDAYS[m.group("weekday").lower()]
        rel = (m.group("rel") or "").lower()
        if rel == "next":
            delta = (target - published.weekday()) % 7 or 7
            return (published + dt.timedelta(days=delta)).isoformat(), "day", "next such weekday after publication"
        delta = (published.weekday() - target) % 7
        if rel == "last" and delta == 0:
            delta = 7
        return (published - dt.timedelta(days=delta)).isoformat(), "day", "weekday on or before publication"
    rel = m.group("rel").lower()
    if rel in ("yesterday", "today", "tomorrow"):
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[rel]
        return (published + dt.timedelta(days=shift)).isoformat(), "day", "relative to publication"
    unit = rel.split()[1]
    step = {"last": -1, "this": 0, "next": 1}[rel.split()[0]]
    if unit == "year":
        return str(published.year + step), "year", "relative to publication"
    if unit == "month":
        month0 = published.year * 12 + published.month - 1 + step
        return f"{month0 // 12:04d}-{month0 % 12 + 1:02d}", "month", "relative to publication"
    monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
    iso = monday.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}", "week", "relative to publication"
