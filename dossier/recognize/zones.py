"""What every recognizer backend reads of an article and how it hands its mentions back."""

from __future__ import annotations

from ..model import BOILERPLATE, Article, Mention


def zones(article: Article) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the parts of an article that recognizers read, in text order:
    the headline and body paragraphs, and the title where it stands in the file outside them
    (the `title:` line of front matter). Boilerplate is never read."""
    found = [(p.start, p.end, p.kind) for p in article.content_paragraphs()]
    span = article.title_span
    if span and span[0] < span[1] and not any(p.start <= span[0] < p.end for p in article.paragraphs):
        found.append((span[0], span[1], "title"))
    elif span and any(p.start <= span[0] < p.end and p.kind == BOILERPLATE for p in article.paragraphs):
        pass  # a title inside boilerplate is never read
    found.sort()
    return found


def non_overlapping(mentions: list[Mention]) -> list[Mention]:
    """Sorted mentions without overlaps: where two overlap, the one that starts first stays."""
    out: list[Mention] = []
    last_end = -1
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        if m.start >= last_end:
            out.append(m)
            last_end = m.end
    return out
