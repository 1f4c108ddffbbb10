"""Anchoring: find the passage a note is about in an article's (possibly edited) text.

A note points at a passage with a W3C Web Annotation *text-quote selector* — the exact text,
plus a little text before it (prefix) and after it (suffix) — and, optionally, a *position
hint* (the code-point offsets where the passage was when the note was written).

`anchor()` tries, in order:

1. **exact** — the quote occurs verbatim. Among several occurrences the one whose surrounding
   text best matches prefix and suffix wins.
2. **position** — the quote occurs verbatim several times with equally good context: the
   occurrence nearest the position hint wins.
3. **fuzzy** — the quote no longer occurs verbatim (the article was edited): the best approximate
   match (rapidfuzz) in a window around the position hint, around where the prefix or suffix
   still occur, and finally over the whole text. Every search is linear in the article's
   length; fuzzy matching only compares strings of about the quote's length.
4. **orphan** — nothing good enough: the note cannot be placed and must be reported.

Short quotes ("Vijay") match many places by chance, so for them a match must also be
confirmed by its context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

CONTEXT = 32  # characters of prefix and suffix a new selector records
SHORT = 20  # quotes shorter than this need their context to agree
MIN_QUOTE_SCORE = 85.0  # fuzzy: similarity (0–100) of the found passage to the quote
MIN_QUOTE_WITH_CONTEXT = 75.0  # fuzzy: the same, when prefix and suffix still match closely
MIN_CONTEXT_SHORT = 60.0  # fuzzy match of a short quote: context similarity needed
MIN_CONTEXT_EXACT_SHORT = 60.0  # verbatim short quote whose context is entirely different: not it
MAX_CONTEXT = 4 * CONTEXT  # characters of a prefix or suffix compared (the nearest ones)
MAX_OCCURRENCES = 2000  # verbatim occurrences examined (a quote of one common word is useless anyway)
MAX_CONTEXT_HITS = 20  # prefix/suffix occurrences used as fuzzy search windows
LONG_QUOTE = 64  # longer quotes are searched near where pieces of them occur, not over the whole text
ALIGNED_QUOTE = 2_000  # longer quotes are placed by their pieces alone, then scored once (no alignment)

EXACT, POSITION, FUZZY, ORPHAN = "exact", "position", "fuzzy", "orphan"


@dataclass(frozen=True)
class Selector:
    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None  # position hint
    end: int | None = None

    def to_dict(self) -> dict:
        data: dict = {"exact": self.exact}
        if self.prefix:
            data["prefix"] = self.prefix
        if self.suffix:
            data["suffix"] = self.suffix
        if self.start is not None:
            data["position"] = {"start": self.start, "end": self.end if self.end is not None else self.start + len(self.exact)}
        return data


@dataclass(frozen=True)
class Anchor:
    method: str  # exact | position | fuzzy | orphan
    start: int | None = None
    end: int | None = None
    score: float = 0.0  # similarity of the anchored passage to the quote, 0–100
    reason: str = ""  # for orphans and doubtful anchors: why, in words
    ambiguous: bool = False  # several equally good places; the first was taken

    @property
    def anchored(self) -> bool:
        return self.method != ORPHAN


class PassageError(ValueError):
    """A quoted passage that cannot name one place in an article (missing or ambiguous)."""


# --- context -------------------------------------------------------------------------------------


def context_score(text: str, start: int, end: int, selector: Selector) -> float | None:
    """How well the text around [start, end) matches the selector's prefix and suffix (0–100),
    or None when the selector has no context."""
    scores = []
    # The context nearest the passage says where it is; a long prefix or suffix written by hand
    # is compared over its nearest MAX_CONTEXT characters only (it is compared at every
    # occurrence of the quote, and a whole article as context would make that quadratic).
    prefix, suffix = selector.prefix[-MAX_CONTEXT:], selector.suffix[:MAX_CONTEXT]
    if prefix:
        before = text[max(0, start - len(prefix)) : start]
        scores.append(fuzz.ratio(prefix, before))
    if suffix:
        after = text[end : end + len(suffix)]
        scores.append(fuzz.ratio(suffix, after))
    return sum(scores) / len(scores) if scores else None


def occurrences(text: str, exact: str, limit: int = MAX_OCCURRENCES) -> list[int]:
    found: list[int] = []
    index = text.find(exact)
    while index >= 0 and len(found) < limit:
        found.append(index)
        index = text.find(exact, index + 1)
    return found


# --- anchoring -----------------------------------------------------------------------------------


def anchor(text: str, selector: Selector) -> Anchor:
    exact = selector.exact
    if not exact or not exact.strip():
        return Anchor(ORPHAN, reason="the note quotes no passage (selector.exact is empty)")
    hits = occurrences(text, exact)
    if hits:
        found = _choose_exact(text, selector, hits)
        if found is not None:
            return found
    fuzzy = _fuzzy(text, selector)
    if fuzzy is not None:
        return fuzzy
    if hits:
        return Anchor(ORPHAN, reason="the quoted text occurs only where the surrounding text is entirely different")
    return Anchor(ORPHAN, reason="the quoted passage is no longer in the article (no exact or close match)")


def _choose_exact(text: str, selector: Selector, hits: list[int]) -> Anchor | None:
    n = len(selector.exact)
    scored = [(context_score(text, h, h + n, selector), h) for h in hits]
    has_context = scored[0][0] is not None
    if has_context and n < SHORT:
        # A short quote found verbatim but in an unrelated sentence is a coincidence.
        scored = [(c, h) for c, h in scored if c >= MIN_CONTEXT_EXACT_SHORT]
        if not scored:
            return None
    if len(scored) == 1:
        start = scored[0][1]
        return Anchor(EXACT, start, start + n, 100.0)
    best = max(c or 0.0 for c, _ in scored)
    top = [h for c, h in scored if (c or 0.0) >= best - 1e-9]
    if len(top) == 1:
        return Anchor(EXACT, top[0], top[0] + n, 100.0)
    if selector.start is not None:
        start = min(top, key=lambda h: (abs(h - selector.start), h))
        return Anchor(POSITION, start, start + n, 100.0)
    return Anchor(EXACT, top[0], top[0] + n, 100.0, ambiguous=True,
                  reason=f"the quoted text occurs {len(top)} times with the same context; the first was taken "
                         "(add a position hint or a longer prefix/suffix)")


def _fuzzy(text: str, selector: Selector) -> Anchor | None:
    exact = selector.exact
    n = len(exact)
    if n > ALIGNED_QUOTE:
        return _fuzzy_long(text, selector)
    margin = max(64, n)
    windows: list[tuple[int, int]] = []
    if selector.start is not None and 0 <= selector.start <= len(text) + margin:
        hint_end = selector.end if selector.end is not None else selector.start + n
        windows.append((selector.start - 2 * margin, hint_end + 2 * margin))
    if selector.prefix:
        tail = selector.prefix[-min(len(selector.prefix), CONTEXT):]
        for h in occurrences(text, tail, MAX_CONTEXT_HITS):
            windows.append((h + len(tail) - margin // 2, h + len(tail) + n + margin))
    if selector.suffix:
        head = selector.suffix[: min(len(selector.suffix), CONTEXT)]
        for h in occurrences(text, head, MAX_CONTEXT_HITS):
            windows.append((h - n - margin, h + margin // 2))
    if n <= LONG_QUOTE:
        windows.append((0, len(text)))  # last resort: one bit-parallel pass over the whole article
    else:
        # A long quote against a whole long article would cost length × length. Small edits leave
        # most of a long quote verbatim: look where pieces of it still occur (linear searches).
        windows += _piece_windows(text, exact, margin)
    best: tuple[float, float, int, int] | None = None  # (combined, quote score, start, end)
    seen: set[tuple[int, int]] = set()
    for lo, hi in windows:
        lo, hi = max(0, lo), min(len(text), hi)
        if hi - lo < max(1, n // 2):
            continue
        hay = text[lo:hi]
        if n <= len(hay):
            aligned = fuzz.partial_ratio_alignment(exact, hay)
            start, end = lo + aligned.dest_start, lo + aligned.dest_end
        else:
            start, end = lo, hi
        start, end = _refine(text, exact, start, end)
        if (start, end) in seen or start >= end:
            continue
        seen.add((start, end))
        quote = fuzz.ratio(exact, text[start:end])
        context = context_score(text, start, end, selector)
        # The quote must still be nearly the same, unless its context is intact (then a typo
        # fixed inside a short quote, "Vijay" → "Vijaj", still names the same place).
        needed = MIN_QUOTE_SCORE if context is None or context < 90 else MIN_QUOTE_WITH_CONTEXT
        if quote < needed:
            continue
        if n < SHORT and (context is None or context < MIN_CONTEXT_SHORT):
            continue
        if context is not None and context < 30:
            continue
        combined = quote if context is None else 0.75 * quote + 0.25 * context
        if best is None or combined > best[0]:
            best = (combined, quote, start, end)
        if best[1] >= 99.9 and (context is None or combined >= 99):
            break
    if best is None:
        return None
    return Anchor(FUZZY, best[2], best[3], round(best[1], 1))


def _fuzzy_long(text: str, selector: Selector, pieces: int = 16) -> Anchor | None:
    """A very long quote (a whole paragraph or more) with small edits: aligning it against
    windows of the text would cost its length squared in each window. Its pieces that still
    occur verbatim say where it starts (each piece's position minus its offset in the quote);
    the most common such start, if several pieces agree, is scored once."""
    exact = selector.exact
    n = len(exact)
    size = 32
    starts: dict[int, int] = {}
    for k in range(pieces):
        offset = (n - size) * k // (pieces - 1)
        piece = exact[offset: offset + size]
        if not piece.strip():
            continue
        for h in occurrences(text, piece, 4):
            guess = h - offset
            # nearby guesses are one place: small edits before the piece shift it a little
            bucket = next((b for b in starts if abs(b - guess) <= n // 20 + 8), guess)
            starts[bucket] = starts.get(bucket, 0) + 1
    if not starts:
        return None
    start, votes = max(starts.items(), key=lambda kv: (kv[1], -kv[0]))
    if votes < 2:
        return None
    start = max(0, start)
    end = min(len(text), start + n)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    quote = fuzz.ratio(exact, text[start:end])  # one comparison (bit-parallel), not a search
    if quote < MIN_QUOTE_SCORE:
        return None
    return Anchor(FUZZY, start, end, round(quote, 1))


def _piece_windows(text: str, exact: str, margin: int, pieces: int = 8, hits_per_piece: int = 4) -> list[tuple[int, int]]:
    n = len(exact)
    size = max(12, min(32, n // pieces))
    windows = []
    for k in range(pieces):
        offset = (n - size) * k // max(1, pieces - 1)
        piece = exact[offset : offset + size]
        if not piece.strip():
            continue
        for h in occurrences(text, piece, hits_per_piece):
            start = h - offset
            windows.append((start - margin // 2, start + n + margin // 2))
    return sorted(set(windows))


def _boundaries(text: str, lo: int, hi: int, around: int, limit: int = 12) -> list[int]:
    """Word boundaries in [lo, hi], the nearest `limit` to `around`, plus `around` itself."""
    lo, hi = max(0, lo), min(len(text), hi)
    points = {around}
    for i in range(lo, hi + 1):
        if i == 0 or i == len(text) or text[i - 1].isalnum() != text[i].isalnum():
            points.add(i)
    return sorted(points, key=lambda p: (abs(p - around), p))[: limit + 1]


def _refine(text: str, exact: str, start: int, end: int) -> tuple[int, int]:
    """Move the ends of an approximate match to where the passage most resembles the quote:
    partial_ratio's window has the quote's length, but an edit may have made the passage
    longer or shorter."""
    slack = max(3, len(exact) // 4)
    starts = _boundaries(text, start - slack, start + slack, start)
    ends = _boundaries(text, end - slack, end + slack, end)
    # A quote of whole words matches whole words: "Vijaj" for "Vijay", not "Vija".
    if exact[:1].isalnum():
        starts = [s for s in starts if s == 0 or not text[s - 1].isalnum()] or starts
    if exact[-1:].isalnum():
        ends = [e for e in ends if e >= len(text) or not text[e].isalnum()] or ends
    best = (-1.0, 0, start, end)
    for s in starts:
        for e in ends:
            if e <= s:
                continue
            score = (fuzz.ratio(exact, text[s:e]), -(abs(s - start) + abs(e - end)), s, e)
            if score > best:
                best = score
    _, _, s, e = best
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


# --- making a selector from a quoted passage ----------------------------------------------------


def selector_for(text: str, start: int, end: int, context: int = CONTEXT) -> Selector:
    """The selector that names text[start:end], with context and a position hint."""
    lo, hi = max(0, start - context), min(len(text), end + context)
    # Whole words make a selector easier to read in a diff: do not start or end mid-word.
    while lo < start - 8 and lo > 0 and text[lo - 1].isalnum() and text[lo].isalnum():
        lo += 1
    while hi > end + 8 and hi < len(text) and text[hi - 1].isalnum() and text[hi].isalnum():
        hi -= 1
    return Selector(exact=text[start:end], prefix=text[lo:start], suffix=text[end:hi], start=start, end=end)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def find_passage(text: str, quote: str, occurrence: int | None = None, within: str | None = None) -> tuple[int, int]:
    """Where a quoted passage stands in `text`, for making a new note.

    The quote must name one place: when it occurs several times, `within` (a longer passage
    around it that occurs once) or `occurrence` (1-based) says which. White space in the quote
    matches any white space (a quote copied from a rendered page has lost line breaks).
    Raises PassageError with a message meant for the user.
    """
    quote = quote.strip()
    if not quote:
        raise PassageError("the quoted passage is empty")
    lo, hi = 0, len(text)
    if within:
        try:
            lo, hi = find_passage(text, within)
        except PassageError as err:
            raise PassageError(f"the surrounding passage given with --within: {err}") from None
    spans = _flexible_matches(text, quote, lo, hi)
    if not spans:
        hint = ""
        if len(quote) >= 4:
            aligned = fuzz.partial_ratio_alignment(quote, text[lo:hi]) if len(quote) <= hi - lo else None
            if aligned is not None and aligned.score >= 70:
                s, e = _refine(text, quote, lo + aligned.dest_start, lo + aligned.dest_end)
                hint = f"; the closest passage is on line {_line(text, s)}: {text[s:e]!r}"
        raise PassageError(f"the passage {quote!r} is not in the article{hint}")
    if occurrence is not None:
        if not 1 <= occurrence <= len(spans):
            raise PassageError(f"--occurrence {occurrence}: the passage {quote!r} occurs {len(spans)} time(s)")
        return spans[occurrence - 1]
    if len(spans) > 1:
        lines = ", ".join(str(_line(text, s)) for s, _ in spans[:10])
        raise PassageError(
            f"the passage {quote!r} is ambiguous: it occurs {len(spans)} times (lines {lines}); "
            "quote more of the passage, or name the place with --within \"longer passage\" or --occurrence N"
        )
    return spans[0]


def _flexible_matches(text: str, quote: str, lo: int, hi: int) -> list[tuple[int, int]]:
    spans = [(h, h + len(quote)) for h in occurrences(text[lo:hi], quote)]
    if not spans:
        pattern = r"\s+".join(re.escape(part) for part in quote.split())
        spans = [(m.start(), m.end()) for m in re.finditer(pattern, text[lo:hi])]
    return [(lo + s, lo + e) for s, e in spans]
