"""What the comparison reads of one article alone: its sentences, each sentence's key and content
words, the dates it mentions and its bag of content words.

This is the per-article part of the stage, stored between builds by the article's content
(`dossier.cache`); everything after it relates articles to each other and is computed on every
build.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..model import Article
from . import dates
from .words import WORD, content_stem, content_words, sentence_key

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "inc", "co", "corp", "ltd",
    "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "d.c", "u.k", "u.n", "a.m", "p.m", "e.g", "i.e", "prof", "col", "lt", "sgt", "capt", "mt", "ft",
}
_BREAK = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class Span:
    """A stretch of one article's text: a sentence, or a member of a shared passage."""

    article: str
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class ArticleReading:
    """One article as the comparison reads it; the tuples run in parallel, one item per sentence."""

    sentences: tuple[Span, ...]
    keys: tuple[str, ...]  # `words.sentence_key` of each sentence
    features: tuple[frozenset[str], ...]  # `words.content_words` of each sentence
    dates: tuple[dates.DateMention, ...]
    bag: Counter[str]  # how often each content word stands in the headline and body (for the similarity)
    lead: Counter[str]  # the same for the headline (or given title) and the lead paragraphs (for stories)
    zipf: dict[str, float]  # each content word's frequency in general English (its most frequent form), for stories


def sentences(article: Article) -> list[Span]:
    """Sentence spans of the headline and body paragraphs."""
    text = article.text
    out: list[Span] = []
    for para in article.content_paragraphs():
        start = para.start
        for m in _BREAK.finditer(text, para.start, para.end):
            word = text[max(para.start, m.start() - 12) : m.start()].split()
            last = word[-1].lower().lstrip("(\"“") if word else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            out.append(Span(article.id, para.number, start, m.start() + 1))
            start = m.end()
        if start < para.end:
            out.append(Span(article.id, para.number, start, para.end))
    return out


def read_article(article: Article) -> ArticleReading:
    """What the comparison reads of one article alone: its sentences with their keys and
    content words, its dates, and its bag of content words (for the similarity)."""
    units = sentences(article)
    keys = tuple(sentence_key(article.text[u.start : u.end]) for u in units)
    feats = tuple(content_words(article.text[u.start : u.end]) for u in units)
    return ArticleReading(tuple(units), keys, feats, tuple(dates.extract(article)), word_bag(article), lead_bag(article),
                          english_frequency(article))


def word_bag(article: Article) -> Counter[str]:
    """How often each content word stands in the article's headline and body."""
    bag: Counter[str] = Counter()
    for p in article.content_paragraphs():
        bag.update(content_stem(w) for w in WORD.findall(article.text, p.start, p.end))
    bag.pop(None, None)
    return bag


LEAD_PARAGRAPHS = 2  # body paragraphs that, with the headline, state an article's story


def lead_bag(article: Article, paragraphs: int = LEAD_PARAGRAPHS) -> Counter[str]:
    """How often each content word stands in the headline (or the title the input gives) and
    the first body paragraphs: where news copy states its story."""
    texts: list[str] = []
    content = article.content_paragraphs()
    if not article.title_derived and not any(p.kind == "headline" for p in content):
        texts.append(article.title)
    body = 0
    for p in content:
        if p.kind == "headline":
            texts.append(article.text[p.start : p.end])
        elif body < paragraphs:
            texts.append(article.text[p.start : p.end])
            body += 1
    bag: Counter[str] = Counter()
    for t in texts:
        bag.update(content_stem(w) for w in WORD.findall(t))
    bag.pop(None, None)
    return bag


def english_frequency(article: Article) -> dict[str, float]:
    """Each content word's Zipf frequency in general English (wordfreq), by stem: the frequency
    of its most frequent form in the article ("congratulated" and "congratulations" share one)."""
    out: dict[str, float] = {}
    for p in article.content_paragraphs():
        for w in WORD.findall(article.text, p.start, p.end):
            stem = content_stem(w)
            if stem is not None:
                z = _zipf(w.lower())
                if z > out.get(stem, -1.0):
                    out[stem] = z
    return out


@lru_cache(maxsize=200_000)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")
