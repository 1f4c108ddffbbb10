"""Keys: how names are compared, and the small word sets the rules share.

Names are compared by a *key*: the name without a leading "the", a possessive "'s", dots,
hyphens, case and accents ("the U.S.'s" → "us"). Mentions with the same key are one entity unless
curation says otherwise. The name as shown (`surface`) keeps its case and dots.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from anyascii import anyascii

from ..recognize.gazetteer import LEGAL_SUFFIXES, TRADE_WORDS, Gazetteer

INITIAL_SKIP = {"of", "the", "and", "for", "&", "de", "du", "la", "le", "von", "van", "in", "on", "at", "to"}
LEGAL = {s.replace(".", "") for s in LEGAL_SUFFIXES}  # as written in keys: "inc", "co", "nv"
GOVERNMENT = {"government"}
DESCRIPTORS = {"index"}  # "S&P 500 Index" is the S&P 500
TRADE = {s.replace(".", "") for s in TRADE_WORDS}


@lru_cache(maxsize=100_000)
def name_key(text: str) -> str:
    """The comparison key of a name: "The U.S.'s" → "us", "Putin’s" → "putin"."""
    t = text.strip()
    if t[:4] in ("the ", "The ", "THE "):
        t = t[4:]
    if t.endswith(("'s", "’s", "'S", "’S")):
        t = t[:-2]
    t = t.rstrip("'’")
    handle = t.startswith("@")
    t = anyascii(t).casefold().replace(".", "").replace("’", "'")
    t = re.sub(r"[\s\-]+", " ", t).strip()
    return t if not handle else "@" + t[1:].strip()


@lru_cache(maxsize=100_000)
def fold_spelling(word: str) -> str:
    """A spelling fold for transliterated given names: Alexey, Alexei, Aleksei → aleksi."""
    w = anyascii(word).casefold()
    w = w.replace("x", "ks").replace("kh", "h").replace("ph", "f").replace("w", "v").replace("y", "i")
    w = re.sub(r"(.)\1+", r"\1", w)
    w = re.sub(r"(ei|ey|ij|ii|iy)$", "i", w)
    w = w.replace("ie", "i").replace("ei", "i")
    return w


def surface(text: str) -> str:
    """The name as shown: without a leading "the" and a possessive."""
    t = text
    if t[:4] in ("the ", "The ", "THE "):
        t = t[4:]
    if t.endswith(("'s", "’s", "'S", "’S")):
        t = t[:-2]
    return t


def best_form(forms: Counter) -> str:
    """The most frequent way a key is written (then the longest, then the last in order)."""
    return max(forms.items(), key=lambda x: (x[1], len(x[0]), x[0]))[0]


def initials(k: str) -> str:
    """ "royal united services institute" → "rusi"; "standard & poor's 500" → "sp 500"."""
    toks = [t for t in k.split() if t not in INITIAL_SKIP]
    number = ""
    if len(toks) > 2 and toks[-1].isdigit():
        number = " " + toks[-1]
        toks = toks[:-1]
    while len(toks) > 2 and toks[-1] in LEGAL:
        toks = toks[:-1]
    return "".join(t[0] for t in toks) + number


# Short words written whole in an acronym: "U.S. Geological Survey" is USGS, "U.N. Command" UNC.
_WHOLE_IN_ACRONYMS = {"us", "uk", "un", "eu"}


def initials_variants(k: str) -> set[str]:
    """The ways an acronym may spell a name: `initials`, the same with "of", "and", "for" kept
    ("Bank for International Settlements" is B.F.I.S. as well as BIS), and with a country's
    short abbreviation written whole ("U.S. Geological Survey" is USGS)."""
    out = {initials(k)}
    toks = k.split()
    if any(t in ("of", "and", "for") for t in toks[1:-1]):
        out.add("".join(t[0] for t in toks if t not in ("the", "&")))
    if any(t in _WHOLE_IN_ACRONYMS for t in toks):
        out.add("".join(t if t in _WHOLE_IN_ACRONYMS else t[0] for t in toks if t not in INITIAL_SKIP))
    return out


def titlecase_acronym(k: str, forms: Counter, gaz) -> str | None:
    """An acronym written as a word, newspaper style ("Nafta", "Opec"): one capitalized word of 4
    to 6 letters that is not an English word, a place or a given name; None otherwise."""
    if " " in k or not (4 <= len(k) <= 6) or not k.isalpha() or k in gaz.places or k in gaz.given_names:
        return None
    if not any(f[:1].isupper() and f[1:].islower() for f in forms) or gaz.word_zipf(k) >= 4.0:
        return None
    return k


def acronym_letters(k: str, forms: Counter) -> str | None:
    """The letters of an acronym key ("s&p 500" → "sp 500"), or None when it is not one:
    `forms` (how the key is written) must show it in capitals."""
    toks = k.split()
    number = ""
    if len(toks) == 2 and toks[1].isdigit():
        number = " " + toks[1]
        toks = toks[:1]
    if len(toks) != 1 or k.startswith("@"):
        return None
    letters = toks[0].replace("&", "")
    if not (2 <= len(letters) <= 6) or not letters.isalpha():
        return None
    if not any(f.replace(".", "").split(" ")[0].isupper() for f in forms):
        return None
    return letters + number


_PLACE_INDEX: dict[int, dict[str, str]] = {}


def place_index(gaz: Gazetteer) -> dict[str, str]:
    """The key of each place alias → the key of the place's canonical name ("usa" → "united states")."""
    idx = _PLACE_INDEX.get(id(gaz))
    if idx is None:
        idx = {name_key(a): name_key(c) for a, c in gaz.place_alias.items()}
        _PLACE_INDEX[id(gaz)] = idx
    return idx


_CANON_NAMES: dict[int, dict[str, str]] = {}


def canonical_place_names(gaz: Gazetteer) -> dict[str, str]:
    """The key of each canonical place name → that name as written ("united states" → "United States")."""
    names = _CANON_NAMES.get(id(gaz))
    if names is None:
        names = _CANON_NAMES[id(gaz)] = {name_key(c): c for c in gaz.place_alias.values()}
    return names
