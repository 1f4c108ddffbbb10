"""Words as the comparison compares them.

Two texts are compared through their folded words (`fold`: case, accents, typographic
apostrophes and dashes do not change a word's identity) and through their content words: the
folded words less the most frequent English ones, cut to a prefix so that inflections match.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from wordfreq import top_n_list

# A word: letters and digits, joined by apostrophes, dots and hyphens ("U.S.", "co-founder",
# "Putin’s"); a leading @ keeps a handle one word.
WORD = re.compile(r"@?\w+(?:[’'.\-]\w+)*")


@lru_cache(maxsize=500_000)
def fold(word: str) -> str:
    """Case, accents, typographic apostrophes and dashes do not change a word's identity."""
    folded = anyascii(word).casefold().replace("'", "")
    return folded if folded.strip("-") else "-"


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    # The most frequent English words carry no evidence of copying.
    return frozenset(w.replace("'", "") for w in top_n_list("en", 150))


def _stem(word: str) -> str:
    # A prefix is enough to match inflections (election/elections, congratulated/congratulations).
    return word[:6]


@lru_cache(maxsize=500_000)
def content_stem(word: str) -> str | None:
    """The word's stem, or None for a stop word or a single character."""
    w = fold(word).lstrip("@").replace(".", "")
    return _stem(w) if len(w) > 1 and w not in stopwords() else None


def content_words(text: str) -> frozenset[str]:
    """The stems of the text's content words: what two sentences must share to be one."""
    out = set(map(content_stem, WORD.findall(text)))
    out.discard(None)
    return frozenset(out)


def sentence_key(text: str) -> str:
    """The text's folded words joined by spaces: equal keys are the same sentence, verbatim."""
    return " ".join(map(fold, WORD.findall(text)))
