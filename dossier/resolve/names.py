"""Person names with structure: given names, initials, surname, suffix; and the honorific or
title written before a mention.

`person_name(form)` reads a name as written ("Donald J. Trump", "Robert S. Mueller III", "Ursula
von der Leyen") into a `PersonName`. A name with a suffix, a particle or a nickname (a word of
nameparser's lists) is read by `nameparser` (a maintained parser of human names); any other is
given names and initials, then a surname, which is how nameparser reads it too. `compatible(a, b, gaz)` says whether two names can be one person:
the same surname and suffix ("Jr.", "Sr.", "II", "III" make different people), and given names
that agree — equal, an initial that starts the other ("Donald J." / "Donald"), or a short form
("Rick" / "Richard", `gazetteer.hypocorisms`). `title_before(text, start)` reads the honorific
or title in front of a mention in the article text ("Mr.", "President", "Sen."), whatever
recognizer found it, and `HONORIFIC_SEX` the sex an honorific says.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from anyascii import anyascii

from ..recognize.gazetteer import FEMALE_HONORIFICS, MALE_HONORIFICS, PARTICLES, TITLE_MODIFIERS, TITLES

SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v"}

# A family name, then a given name of two syllables joined by a hyphen ("Kim Jong-un", "Moon
# Jae-in", "Park Geun-hye"): Korean names, written family name first.
KOREAN = re.compile(r"^\S+ [A-Z][a-z]+-[a-z]+\b")


class PersonName(NamedTuple):
    given: tuple[str, ...]  # given names and initials, casefolded, without dots: ("donald", "j")
    surname: str  # casefolded, words joined by spaces: "trump", "von der leyen", "wasserman schultz"
    suffix: str  # "jr", "sr", "ii", "iii", or ""


def _fold(word: str) -> str:
    return anyascii(word).casefold().replace(".", "").replace("’", "'").strip(",")


@lru_cache(maxsize=20_000)
def person_name(form: str) -> PersonName | None:
    """The parts of a person's name as written, or None when it is not a name of two words or more."""
    words = form.replace("-", " ").split()
    if len(words) < 2:
        return None
    folded = [_fold(w) for w in words]
    if not any(w in _special() or w in PARTICLES for w in folded) and "," not in form and '"' not in form:
        # Given names and initials, then one surname: nothing for the parser to decide (it is
        # asked only about suffixes, particles and nicknames, which its word lists know).
        return PersonName(tuple(w for w in folded[:-1] if w), folded[-1], "")
    from nameparser import HumanName

    h = HumanName(form.replace("-", " "))
    suffix = _fold(h.suffix.split(",")[0].split()[0]) if h.suffix else ""
    surname = " ".join(_fold(w) for w in h.last.split())
    given = tuple(_fold(w) for w in f"{h.first} {h.middle}".split() if _fold(w))
    if not surname:
        if not given:
            return None
        surname, given = given[-1], given[:-1]
    return PersonName(given, surname, suffix if suffix in SUFFIXES else "")


@lru_cache(maxsize=1)
def _special() -> frozenset[str]:
    """The words that make nameparser's reading differ from "given names, then a surname": its
    suffixes ("jr", "iii", "phd"), name prefixes ("von", "bin", "de") and conjunctions."""
    from nameparser.config import CONSTANTS

    words = set(SUFFIXES)
    for group in (CONSTANTS.suffix_acronyms, CONSTANTS.suffix_not_acronyms, CONSTANTS.prefixes, CONSTANTS.conjunctions):
        words.update(_fold(w) for w in group)
    return frozenset(words)


def given_compatible(x: str, y: str, hypocorisms) -> bool:
    """Two given names (or initials) that can name one person."""
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return y in hypocorisms.get(x, ())


def compatible(a: PersonName, b: PersonName, hypocorisms) -> bool:
    """Can `a` and `b` be one person: same surname and suffix, given names that agree in order
    (the first with the first; a middle name or initial that one of them leaves out is no
    conflict; two different middle initials are)."""
    if a.surname != b.surname or a.suffix != b.suffix:
        return False
    if not a.given or not b.given:
        return True
    if not given_compatible(a.given[0], b.given[0], hypocorisms):
        return False
    for x, y in zip(a.given[1:], b.given[1:]):
        if not given_compatible(x, y, hypocorisms):
            return False
    return True


HONORIFIC_SEX = {**{h.rstrip("."): "m" for h in MALE_HONORIFICS}, **{h.rstrip("."): "f" for h in FEMALE_HONORIFICS}}
_TITLE_WORDS = {t.rstrip(".") for t in TITLES | TITLE_MODIFIERS}
_BEFORE = re.compile(r"((?:[A-Z][\w.'’-]*\.?\s+){1,4})$")


def title_before(text: str, start: int) -> tuple[str, ...]:
    """The title words written just before a mention, casefolded and without dots, nearest last:
    "Prime Minister Theresa May" → ("prime", "minister"); "Mr. Trump" → ("mr",); "the president
    Trump" → () (only capitalized titles count)."""
    m = _BEFORE.search(text, max(0, start - 60), start)
    if not m:
        return ()
    words = [_fold(w) for w in m.group(1).split()]
    out: list[str] = []
    for w in reversed(words):
        if w not in _TITLE_WORDS:
            break
        out.append(w)
    return tuple(reversed(out))


def sex_of_title(title: tuple[str, ...]) -> str:
    """ "m" or "f" when an honorific or title says so ("Mr.", "Mrs.", "Congresswoman"), else ""."""
    for w in title:
        s = HONORIFIC_SEX.get(w)
        if s:
            return s
    return ""
