"""An article's shape: paragraph spans, the headline, and a title made from the lead.

Offsets always point into the decoded text, so nothing here rewrites the text: paragraphs and
the title are spans of it.
"""

from __future__ import annotations

import re

from ..model import BODY, HEADLINE, Paragraph

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9])")

# Words a headline leaves in lower case ("Putin Congratulates Biden on His Victory").
_MINOR_WORDS = {
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with",
    "from", "as", "into", "over", "after", "vs", "via", "per", "up", "off", "out", "is", "are", "be",
}


def split_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Paragraph spans, trimmed of surrounding white space.

    Blank lines separate blocks. Inside a block each line is its own paragraph (news copied from
    the web puts one paragraph per line), unless the block is hard-wrapped prose, where lines
    are joined back into one paragraph.
    """
    spans: list[tuple[int, int]] = []
    block: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text[start:end]):
        if not m.group():
            break
        s, e = _trim(text, start + m.start(), start + m.end())
        if s < e:
            block.append((s, e))
            continue
        spans.extend(_block_paragraphs(text, block))
        block = []
    spans.extend(_block_paragraphs(text, block))
    return spans


def _block_paragraphs(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not lines:
        return []
    if _hard_wrapped(text, lines):
        return [(lines[0][0], lines[-1][1])]
    return lines


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    if len(lines) < 2:
        return False
    lengths = [e - s for s, e in lines]
    # Wrapped prose: every line but the last is of similar, moderate width, and the next line
    # continues the sentence rather than starting a new one.
    if not all(40 <= n <= 100 for n in lengths[:-1]) or max(lengths) > 100:
        return False
    return all(not text[e - 1] in ".!?:\"”" for s, e in lines[:-1])


def find_headline(text: str, spans, kinds) -> tuple[int, int] | None:
    """A headline: the first non-boilerplate block, when it is short, title-cased and unpunctuated."""
    for (start, end), (kind, _) in zip(spans, kinds):
        if kind != BODY:
            continue
        line = text[start:end]
        if "\n" in line or len(line) > 160 or line[-1] in ".,;:" or len(line.split()) < 3:
            return None
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if w.lower() not in _MINOR_WORDS]
        capitalized = sum(1 for w in words if w[0].isupper())
        return (start, end) if words and capitalized / len(words) >= 0.8 else None
    return None


def numbered_paragraphs(spans, kinds, headline: tuple[int, int] | None) -> tuple[Paragraph, ...]:
    """The `Paragraph` records of the spans, numbered from 1, with `kinds` (kind, reason) from
    `boilerplate.classify`; the span equal to `headline` is the headline."""
    paragraphs = []
    for number, ((start, end), (kind, reason)) in enumerate(zip(spans, kinds), 1):
        if headline == (start, end):
            kind, reason = HEADLINE, ""
        paragraphs.append(Paragraph(number, start, end, kind, reason))
    return tuple(paragraphs)


def derive_title(text: str, paragraphs) -> str:
    """A short title made from the lead sentence, for articles that have no headline."""
    body = [p for p in paragraphs if p.kind == BODY]
    if not body:
        return "Untitled article"
    lead = text[body[0].start : body[0].end]
    sentence = _SENTENCE_END.split(lead, maxsplit=1)[0].strip()
    words = sentence.split()
    if len(words) > 12:
        sentence = " ".join(words[:12]).rstrip(",;:–-") + "…"
    return sentence


def find_span(text: str, needle: str) -> tuple[int, int] | None:
    """Where `needle` first stands in `text` (a title given as metadata), or None."""
    index = text.find(needle) if needle else -1
    return (index, index + len(needle)) if index >= 0 else None
