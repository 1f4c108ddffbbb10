"""Near-spellings of entity names, for a search that forgives a typo or another transliteration.

Material for MkDocs' search (lunr) matches the start of words exactly: "Navalni" finds nothing
when the dossier writes "Navalny". So each entity page carries, hidden, a short list of the
spellings a reader is likely to type instead (`near_spellings`): transliteration variants
(Navalnyi, Navalnij, Nawalny, Aleksei), one vowel for another (Navalni, Navelny), a letter
dropped or doubled, two neighbours swapped. The search index reads them with the page, so a
misspelled name finds the entity's page; readers never see them.

They are a section contribution to entity pages in the slot `search-terms`: the entity page
template places that slot inside the page's first, searchable section (before the first `##`
heading), for example right after the "Also written as" line.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from ..model import Entity
from .inputs import SiteInputs
from .registry import Contribution, contributor

SLOT = "search-terms"
MIN_WORD = 4  # shorter words are left alone: one letter off, they are other words
MAX_WORD = 30  # longer "words" are not names anyone types (and each variant copies the word)
MAX_WORDS = 12  # the distinct words of an entity's names given variants (its name and aliases)
MAX_PER_ENTITY = 60
VOWELS = "aeiouy"

# One rewrite at a time: (pattern, replacement). Transliteration of Slavic, Arabic and other
# names into English, German and French spellings, and the usual English confusions.
_REWRITES = [
    (r"y$", "i"), (r"y$", "iy"), (r"y$", "ij"), (r"y$", "yi"), (r"y$", "yj"), (r"y$", "yy"), (r"y$", "ii"),
    (r"i$", "y"), (r"iy$", "y"), (r"ij$", "y"), (r"yi$", "y"),
    (r"ey", "ei"), (r"ei", "ey"), (r"ay", "ai"), (r"ai", "ay"), (r"oy", "oi"), (r"oi", "oy"),
    (r"ya", "ia"), (r"ia", "ya"), (r"yu", "iu"), (r"iu", "yu"), (r"ye", "e"), (r"yo", "io"),
    (r"x", "ks"), (r"ks", "x"), (r"kh", "h"), (r"(?<![cks])h", "kh"), (r"tch", "ch"), (r"(?<!t)ch", "tch"),
    (r"sch", "sh"), (r"(?<!s)sh", "sch"), (r"zh", "j"), (r"zh", "sh"), (r"j", "zh"), (r"j", "y"),
    (r"w", "v"), (r"v", "w"), (r"ff$", "v"), (r"v$", "ff"), (r"ph", "f"), (r"f", "ph"),
    (r"ck", "k"), (r"c(?=[aou])", "k"), (r"k", "c"), (r"q", "k"), (r"ou", "u"), (r"u", "ou"),
    (r"ts", "tz"), (r"tz", "ts"), (r"dzh", "j"), (r"gh", "g"), (r"th", "t"), (r"ee", "i"), (r"oo", "u"),
]


def _fold(word: str) -> str:
    text = anyascii(unicodedata.normalize("NFC", word)).casefold()
    return re.sub(r"[^a-z]", "", text)


def _words(names) -> list[str]:
    seen: dict[str, None] = {}
    for name in names:
        if name.lstrip().startswith(("@", "#")):  # a handle or a hashtag, not a spelling of the name
            continue
        for word in re.findall(r"[^\W\d_]+", name):
            folded = _fold(word)
            if MIN_WORD <= len(folded) <= MAX_WORD:
                seen.setdefault(folded, None)
    return list(seen)[:MAX_WORDS]


def word_variants(word: str) -> list[str]:
    """Near-spellings of one lower-case ASCII word, most likely first."""
    found: dict[str, None] = {}
    for pattern, replacement in _REWRITES:
        for match in re.finditer(pattern, word):
            found.setdefault(word[: match.start()] + replacement + word[match.end():], None)
    for i, letter in enumerate(word):
        if letter in VOWELS and i > 0:  # one vowel for another (not the first letter: people get that right)
            for other in VOWELS:
                if other != letter:
                    found.setdefault(word[:i] + other + word[i + 1:], None)
    for i in range(1, len(word)):
        if word[i] == word[i - 1]:
            found.setdefault(word[:i] + word[i + 1:], None)  # a doubled letter written once
        elif word[i] not in VOWELS and word[i - 1] in VOWELS:
            found.setdefault(word[:i] + word[i] + word[i:], None)  # a consonant written twice
    for i in range(1, len(word) - 1):
        found.setdefault(word[:i] + word[i + 1:], None)  # a letter left out (not the first or last)
        if word[i] != word[i + 1]:
            found.setdefault(word[:i] + word[i + 1] + word[i] + word[i + 2:], None)  # two letters swapped
    return [v for v in found if v != word and len(v) >= MIN_WORD - 1]


def near_spellings(names, limit: int = MAX_PER_ENTITY) -> tuple[str, ...]:
    """Spellings of the names' words that the names do not contain and that search would not
    find anyway (a prefix of a word already there), most likely first, at most `limit`."""
    words = _words(names)
    present = set(words)
    per_word = [word_variants(w) for w in words]
    result: dict[str, None] = {}
    rank = 0
    while len(result) < limit and any(rank < len(v) for v in per_word):
        for variants in per_word:  # round robin: every word of the name gets its likeliest ones first
            if rank < len(variants):
                v = variants[rank]
                if v not in present and not any(w.startswith(v) for w in present):
                    result.setdefault(v, None)
        rank += 1
    return tuple(list(result)[:limit])


def search_terms_html(entity: Entity) -> str:
    """The hidden block the entity page carries (plain ASCII words: nothing to escape)."""
    return _terms_html((entity.name, *entity.aliases))


@lru_cache(maxsize=1 << 16)
def _terms_html(names: tuple[str, ...]) -> str:
    # A function of the names only: a process that builds again (`mkdocs serve`, `--watch`)
    # reuses it for every entity whose names did not change.
    spellings = near_spellings(list(names))
    if not spellings:
        return ""
    return f'<span class="dossier-search-terms" hidden>Other spellings: {" ".join(spellings)}</span>'


@contributor("entity", "search terms", order=5, slot=SLOT)
def entity_search_terms(site: SiteInputs, cache) -> dict[str, Contribution]:
    return {e.id: Contribution(section=html) for e in site.shared if (html := search_terms_html(e))}
