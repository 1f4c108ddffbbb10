"""Name spans: runs of capitalized words in a zone, cut into names.

`find_names` collects each run of name words with what may join them (particles, "of", "&",
model numbers), then `_split_run` drops a common word that only starts the sentence,
`_split_titles` cuts a title or role off the name ("Russian President Vladimir Putin"),
`_split_compound` splits two names written together ("United States Barack Obama"), and `_emit`
trims the ends, refuses what is not a name (dates, demonyms, adjectives) and types what is left.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ...model import Evidence
from ..gazetteer import (
    CORE_TITLES,
    DATE_WORDS,
    LEADING_PARTICLES,
    NEVER_NAMES,
    ORG_SUFFIXES,
    PARTICLES,
    TITLE_MODIFIERS,
    TITLES,
)
from .numbers import is_model_number
from .tokens import (
    ABBR,
    BREAKERS,
    HANDLE,
    POSSESSIVE,
    PREFIX,
    PUNCT,
    SENTENCE_OPENERS,
    WORD,
    is_cap,
    is_currency,
    strip_possessive,
)
from .types import adjective_before_noun, guess_type, handle_type, with_article

# Titles that are also words of organizations' names ("General Electric", "Justice Department").
_AMBIGUOUS_TITLES = {"general", "gen.", "justice", "major", "chief", "head", "leader", "director", "officer",
                     "executive", "chair", "counsel", "guard", "speaker", "father", "lady", "lord", "king",
                     "queen", "prince", "princess", "captain", "commander", "founder", "manager", "owner"}


_DATE_PHRASES = {"new year", "new year's day", "new year's eve", "christmas eve", "christmas day", "boxing day",
                 "good friday", "easter sunday", "easter monday", "labor day", "labour day", "memorial day",
                 "independence day", "thanksgiving day", "black friday", "cyber monday", "mother's day",
                 "father's day", "valentine's day"}


_SPEC = re.compile(r"\d+(?:\.\d+)?[A-Z]{1,3}")


# A run of more capitalized words than this is shouting or a title-cased list, not a name.
_MAX_NAME_TOKENS = 12


class Name(NamedTuple):
    """A name found in a zone, before it becomes a `Mention`."""

    start: int
    end: int
    type: str
    kind: str  # one of `Evidence`
    evidence: str
    unconfirmed: bool = False


def find_names(text, tokens, mode, cap_mid, lower_seen, gaz):
    """Yield a `Name` for each name in one zone."""
    n = len(tokens)
    cap_mid_ci = None
    if mode == "allcaps":
        cap_mid_ci = {w.casefold() for w in cap_mid}
    i = 0
    sent_start = True
    while i < n:
        s, e, tok, k, _ = tokens[i]
        if k == WORD and tok.islower() and tok not in LEADING_PARTICLES:
            sent_start = False  # the common case: a lower-case word
            i += 1
            continue
        if k == PUNCT:
            sent_start = tok in SENTENCE_OPENERS or (sent_start and tok in "\"'“‘(")
            i += 1
            continue
        if k == HANDLE:
            yield Name(s, e, handle_type(tok, gaz), Evidence.HANDLE, "social handle")
            sent_start = False
            i += 1
            continue
        if is_currency(text, tokens[i]) and k in (WORD, ABBR):
            sent_start = False
            i += 1
            continue  # US$40, AU$52: a currency
        if not _name_token(tok, k, mode, cap_mid, cap_mid_ci, lower_seen, gaz) and not (
            k == WORD and tok in LEADING_PARTICLES and not sent_start and _particle_starts_name(tokens, i)
        ) and not (
            # "3G iPhone", "the 60GB iPod": a model prefix before a name
            k == WORD and _SPEC.fullmatch(tok) and i + 1 < n and tokens[i + 1][0] == e + 1
            and _name_token(tokens[i + 1][2], tokens[i + 1][3], mode, cap_mid, cap_mid_ci, lower_seen, gaz)
        ):
            sent_start = False
            i += 1
            continue
        # Collect a run of name tokens with connectors.
        j = i
        run = [i]
        j = i + 1
        stop_after = tok.endswith(POSSESSIVE) and not _plural_possessive(tokens, i)
        while j < n and not stop_after:
            s2, e2, t2, k2, _ = tokens[j]
            if k2 in (WORD, ABBR) and _name_token(t2, k2, mode, cap_mid, cap_mid_ci, lower_seen, gaz):
                if k2 == WORD and (strip_possessive(t2).casefold() in DATE_WORDS or t2.casefold() in BREAKERS):
                    if len(run) == 1 and strip_possessive(t2).casefold() in DATE_WORDS and gaz.word_zipf(tok) >= 4.8 and tok[1:].islower():
                        run = []  # "Black Monday", "Good Friday": a named day
                    break
                if is_currency(text, tokens[j]):
                    break  # "Totaling US$": a currency
                run.append(j)
                stop_after = t2.endswith(POSSESSIVE) and not _next_is_number(tokens, j) and not _plural_possessive(tokens, j)
                j += 1
                continue
            nxt = tokens[j + 1] if j + 1 < n else None
            nxt_cap = nxt is not None and nxt[3] in (WORD, ABBR) and _name_token(
                nxt[2], nxt[3], mode, cap_mid, cap_mid_ci, lower_seen, gaz)
            if k2 == WORD and t2 in PARTICLES and (nxt_cap or _particle_starts_name(tokens, j)):
                run.append(j)  # "Karin von Hippel", "Ursula von der Leyen"
                j += 1
                continue
            if k2 == PREFIX and t2[:-1] in PARTICLES and nxt is not None and nxt[0] == e2 and nxt[2][:1].isupper():
                run.append(j)  # "Abdel Fattah al-Sisi"
                j += 1
                continue
            if k2 == WORD and t2 == "of" and nxt_cap and nxt[2].casefold() not in NEVER_NAMES:
                run.append(j)
                j += 1
                continue
            if k2 == PUNCT and t2 == "&" and nxt_cap:
                run.append(j)
                j += 1
                continue
            if (k2 == WORD and t2[0].isdigit() and is_model_number(t2, tokens, j)
                    and tokens[j - 1][2].casefold() not in ORG_SUFFIXES):
                run.append(j)  # "Boeing 787", "S&P 500 Index"; not "American Airlines 777"
                j += 1
                continue
            break
        if run and len(run) <= _MAX_NAME_TOKENS:
            yield from _split_run(text, tokens, run, i, sent_start, mode, cap_mid, lower_seen, gaz)
        sent_start = False
        i = j


def _particle_starts_name(tokens, i) -> bool:
    """Particles ("von", "von der", "bin") followed by a capitalized word."""
    j = i + 1
    while j < len(tokens) and tokens[j][3] == WORD and tokens[j][2] in PARTICLES and j - i < 3:
        j += 1
    return j < len(tokens) and tokens[j][3] == WORD and tokens[j][2][:1].isupper()


# Irregular plurals take "'s", and a name built on one goes on after it: "People's Republic of
# China", "Children's Hospital", "Women's Institute". Any other "X's" is an owner ("Apple's").
_PLURAL_POSSESSORS = {"people", "children", "women", "men"}


def _plural_possessive(tokens, j) -> bool:
    return (strip_possessive(tokens[j][2]).casefold() in _PLURAL_POSSESSORS and j + 1 < len(tokens)
            and tokens[j + 1][3] == WORD and tokens[j + 1][2][:1].isupper())


def _next_is_number(tokens, j) -> bool:
    return j + 1 < len(tokens) and tokens[j + 1][2][0].isdigit()


def _name_token(tok: str, k: int, mode: str, cap_mid, cap_mid_ci, lower_seen, gaz) -> bool:
    if k == ABBR:
        return True
    if k != WORD or not is_cap(tok):
        return False
    if mode == "normal":
        return True
    base = strip_possessive(tok)
    if mode == "allcaps":
        folded = base.casefold()
        return folded in cap_mid_ci or folded in gaz.places or folded in gaz.given_names
    # Title Case headline: each word needs evidence of being a name.
    if base in cap_mid or not base[0].isupper() or any(c.isdigit() for c in base):
        return True
    if sum(1 for c in base if c.isupper()) > 1:
        return True  # McCain, EADS
    folded = base.casefold()
    if folded in gaz.places or folded in gaz.given_names:
        return True
    return folded not in NEVER_NAMES and base.lower() not in lower_seen and gaz.word_zipf(base) < 2.5


def _split_run(text, tokens, run, first, sent_start, mode, cap_mid, lower_seen, gaz):
    """Turn a run of name tokens into names: drop a common sentence-initial word, split at titles."""
    toks = [tokens[x] for x in run]
    unconfirmed = False
    # The first word of a sentence.
    if sent_start and toks and toks[0][3] == WORD:
        word = strip_possessive(toks[0][2])
        folded = word.casefold()
        two = " ".join(t[2] for t in toks[:2]).casefold()
        if folded in NEVER_NAMES and folded not in gaz.places:
            toks = toks[1:]
        elif folded in PARTICLES and len(toks) > 1:
            pass  # "Von der Leyen said"
        elif word in cap_mid or folded in gaz.places or two in gaz.places or folded in gaz.given_names:
            pass
        elif not word[0].isupper() or sum(1 for c in word if c.isupper()) > 1:
            pass  # iPhone, McCain, EADS
        elif word.lower() in lower_seen or folded in TITLES or folded in gaz.demonyms:
            if folded in TITLES or folded in gaz.demonyms:
                pass  # a title or demonym is handled below
            elif len(toks) > 2 and toks[1][2] in ("of", "&") and (
                    folded in ORG_SUFFIXES or (len(text) < 200_000 and text.count(text[toks[0][0]:toks[-1][1]]) > 1)):
                pass  # "Bank of America": written so elsewhere too, or an organization "X of Y"
            else:
                toks = toks[1:]
        else:
            z = gaz.word_zipf(word)
            if len(toks) == 1:
                if z >= 5.0 or _verb_form(word, gaz):
                    toks = []  # a common word, or a verb form ("Totaling", "Reportedly")
                elif z >= 2.5:
                    unconfirmed = True  # a rare word is a name; a middling one needs the dossier
            elif z >= 5.0:
                toks = toks[1:]  # a common word starts the sentence
    # Drop leading connectors left by the trimming.
    while toks and (toks[0][2] in ("of", "&") or (toks[0][2] in PARTICLES and toks[0][2] not in LEADING_PARTICLES)):
        toks = toks[1:]
    if not toks:
        return
    yield from _split_titles(text, tokens, toks, unconfirmed, gaz)


def _verb_form(word: str, gaz) -> bool:
    """ "Totaling", "Asked", "Reportedly": a common word with an inflection, not a name
    ("Boeing", "Ahmed", "Beijing" have no common stem)."""
    w = word.casefold()
    for suffix in ("ing", "ed", "ly"):
        if w.endswith(suffix):
            stem = w[: -len(suffix)]
            if len(stem) >= 3 and max(gaz.word_zipf(stem), gaz.word_zipf(stem + "e")) >= 3.5:
                return True
    return False


def _split_titles(text, tokens, toks, unconfirmed, gaz):
    folded = [t[2].casefold() for t in toks]
    n = len(toks)
    # Find a title run: modifiers and titles (with "of" inside) ending in a core title.
    i = 0
    while i < n:
        if folded[i] in CORE_TITLES or (folded[i] in TITLE_MODIFIERS and folded[i] in TITLES):
            # extend left over modifiers
            a = i
            while a > 0 and folded[a - 1] in TITLE_MODIFIERS and folded[a - 1] not in ("us", "u.s.", "state", "national", "white", "house", "federal", "security", "home"):
                a -= 1
            b = i + 1
            while b < n and (folded[b] in TITLES or folded[b] in TITLE_MODIFIERS or folded[b].endswith("-elect")
                             or (folded[b] == "of" and b + 1 < n and folded[b + 1] in TITLE_MODIFIERS)):
                b += 1
            core = any(f in CORE_TITLES or f.endswith("-elect") for f in folded[a:b])
            rest = toks[b:]
            if core and _title_applies(toks[a:b], rest, gaz):
                left = toks[:a]
                title = " ".join(t[2] for t in toks[a:b])
                if left:
                    yield from _split_compound(text, tokens, left, unconfirmed, gaz, None)
                if rest:
                    # "Prime Minister of Canada": the "of" goes with the title
                    if rest[0][2] == "of":
                        rest, title = rest[1:], None
                    if rest:
                        yield from _split_compound(text, tokens, rest, False, gaz, title)
                return
            i = b
            continue
        i += 1
    yield from _split_compound(text, tokens, toks, unconfirmed, gaz, None)


def _split_compound(text, tokens, toks, unconfirmed, gaz, title):
    """A run that holds two names: an organization or place, then a person or a flight."""
    folded = [t[2].casefold() for t in toks]
    n = len(toks)
    for j in range(0, n - 1):
        if j >= 1 and folded[j] == "flight" and toks[j + 1][2][:1].isdigit():
            yield from _emit(text, tokens, toks[:j], unconfirmed, gaz, title)
            return  # "Air France Flight 447": the airline; the flight is an event
        if title is not None:
            continue
        if 1 <= j <= 3 and j + 2 < n and folded[j + 1] in gaz.given_names and " ".join(folded[:j + 1]) in gaz.places:
            yield from _emit(text, tokens, toks[:j + 1], unconfirmed, gaz, None)
            yield from _emit(text, tokens, toks[j + 1:], False, gaz, None)
            return  # "United States Barack Obama": a place, then a person
        if j >= 1 and folded[j] in ORG_SUFFIXES and folded[j + 1] in gaz.given_names and toks[j + 2 if j + 2 < n else j + 1][2][0].isupper():
            if j + 2 < n:
                yield from _emit(text, tokens, toks[:j + 1], unconfirmed, gaz, None)
                yield from _emit(text, tokens, toks[j + 1:], False, gaz, None)
                return
    yield from _emit(text, tokens, toks, unconfirmed, gaz, title)


def _title_applies(title_toks, rest, gaz) -> bool:
    """Is this a title before a name (or at the end), rather than a word of an organization's name?"""
    if not rest:
        # "Martin Luther King": an ambiguous title word at the end is part of the name
        return not any(t[2].casefold() in _AMBIGUOUS_TITLES for t in title_toks) or len(title_toks) > 1
    first = rest[0][2]
    if first == "of":
        return True  # "Chief Executive Officer of General Motors"
    if any(t[2].casefold() in ORG_SUFFIXES for t in rest):
        return False  # General Motors Corporation, Justice Department
    f = first.casefold()
    if f in gaz.given_names or (len(first) == 2 and first.endswith(".")):
        return True
    if rest[0][3] == ABBR:
        return True
    if not any(t[2].casefold() in _AMBIGUOUS_TITLES for t in title_toks):
        return True  # "President Bush", "Senator McCain"
    return gaz.word_zipf(strip_possessive(first)) < 4.3 or len(rest) >= 2


def _emit(text, tokens, toks, unconfirmed, gaz, title):
    # Trim trailing connectors and never-name words at the ends.
    while toks and (toks[-1][2] in ("of", "&") or toks[-1][2] in PARTICLES):
        toks = toks[:-1]
    while toks and toks[0][3] == WORD and toks[0][2] != "WHO" and (toks[0][2].casefold() in NEVER_NAMES or toks[0][2].isdigit()):
        toks = toks[1:]
    dated = False
    while toks and strip_possessive(toks[-1][2]).casefold() in DATE_WORDS and toks[-1][3] == WORD:
        toks = toks[:-1]
        dated = True
    if dated and len(toks) == 1 and toks[0][3] == WORD and gaz.word_zipf(toks[0][2]) >= 4.0:
        return  # "Black Monday", "Good Friday": a named day
    while toks and strip_possessive(toks[0][2]).casefold() in DATE_WORDS and toks[0][3] == WORD:
        toks = toks[1:]
    if len(toks) == 1 and strip_possessive(toks[0][2]).casefold() in NEVER_NAMES and toks[0][2] != "WHO":
        return  # (the World Health Organization is the one acronym that is also a pronoun)
    if toks and " ".join(t[2].casefold() for t in toks) in _DATE_PHRASES:
        return
    if not toks:
        return
    start = toks[0][0]
    end = toks[-1][1]
    last = toks[-1][2]
    if last.endswith(POSSESSIVE):
        end -= 2
    surface = text[start:end]
    words = [t[2] for t in toks]
    folded = surface.casefold()
    if len(toks) == 1:
        w = words[0]
        if len(strip_possessive(w)) < 2 and toks[0][3] == WORD:
            return
        if strip_possessive(w).casefold() in gaz.demonyms:
            return
        if w[0].isdigit():
            return
        if "-" in w and all(p.casefold() in gaz.demonyms or p.casefold() in gaz.places
                            or p.casefold() in gaz.place_alias for p in w.split("-") if p):
            return  # Russian-American, US-Russian: an adjective
        if w.casefold() in TITLES and title is None:
            return
        if title is None and adjective_before_noun(w, toks[0], tokens, gaz):
            return  # "Democratic presidential candidate", "Congressional lawmakers"
    elif folded in gaz.demonyms or all(t[2].casefold() in gaz.demonyms or t[2].casefold() in TITLES for t in toks):
        return  # "North Korean", "Russian President"
    # Type by evidence.
    mtype, kind, evidence = guess_type(toks, surface, folded, title, gaz, text, tokens)
    if unconfirmed:
        evidence += "; sentence-initial, unconfirmed"
    # A leading "the".
    if mtype != "person" and not (mtype == "place" and len(toks) == 1 and not words[0].isupper()
                                  and folded not in gaz.place_alias):
        start = with_article(text, tokens, toks, start, end)
    yield Name(start, end, mtype, kind, evidence, unconfirmed)
