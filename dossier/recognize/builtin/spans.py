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
    COMPASS_POINTS,
    CORE_TITLES,
    DATE_WORDS,
    HEADLINE_WORDS,
    LEADING_PARTICLES,
    NEVER_NAMES,
    ORG_SUFFIXES,
    PARTICLES,
    POSITIONS,
    ROYAL_TITLES,
    TITLE_MODIFIERS,
    TITLES,
    US_STATE_ABBREVIATIONS,
)
from .inner import ORG_HEADS as _ORG_HEADS, inner_word_of_name
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
    in_quotation,
    is_cap,
    is_currency,
    strip_possessive,
)
from .types import (
    adjective_before_noun,
    emphasis_in_quote,
    guess_type,
    handle_type,
    is_place_name,
    people_of_place,
    with_article,
)

# Titles that are also words of organizations' names ("General Electric", "Justice Department").
_GENERATIONS = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"}  # "Martin Luther King Jr.": no name after a title
_AMBIGUOUS_TITLES = {"general", "gen.", "justice", "major", "chief", "head", "leader", "director", "officer",
                     "executive", "chair", "counsel", "guard", "speaker", "father", "lady", "lord", "king",
                     "queen", "prince", "princess", "captain", "commander", "founder", "manager", "owner",
                     "agent", "star", "host", "anchor", "champion", "legend", "veteran", "doctor", "detective",
                     "writer", "producer", "designer", "artist", "author", "supervisor", "sheriff", "pastor",
                     "rookie", "receiver", "forward", "defender", "catcher", "model", "nurse", "lawyer", "attorney"}


# "I'm", "We're", "He’ll", "They've", "don't", "It's": a pronoun or verb with its contraction.
_CONTRACTION = re.compile(
    r"(?i)^[^\W\d_]+(?:['’](?:m|re|ve|ll|d)|n['’]t)$"
    r"|^(?:he|she|it|that|what|there|here|who|where|how|let|this|everyone|everything|nobody|somebody)['’]s$")
# A party-state tag after a lawmaker's name: "(D-Calif.)", ", R-Ky.,", "(R-S.C.)", "(D-CA)".
_PARTY_TAG = re.compile(r"^[DRI]-([A-Z][A-Za-z.]{0,5})$")


def is_party_tag(tok: str) -> bool:
    if len(tok) < 3 or tok[1] != "-" or tok[0] not in "DRI":
        return False
    m = _PARTY_TAG.match(tok)
    return m is not None and m.group(1).replace(".", "").casefold() in US_STATE_ABBREVIATIONS


def is_contraction(tok: str) -> bool:
    return ("'" in tok or "’" in tok) and _CONTRACTION.match(tok) is not None


# Words before the first word of an agency's name: "U.S. Fish and Wildlife Service", "House Ways and
# Means Committee".
_AGENCY_PREFIXES = {"us", "u.s.", "u.s", "house", "senate", "federal", "national", "state", "american", "the",
                    "joint", "select", "permanent", "international", "royal"}


# Last words of agencies' names after "and": "Customs Enforcement", "Border Protection", "Government Reform".
_AGENCY_TAILS = {"enforcement", "protection", "reform", "studies", "affairs", "development", "management",
                 "prevention", "control", "investigation", "investigations", "research", "relations", "safety",
                 "security", "welfare", "resources", "standards", "statistics", "planning", "technology",
                 "explosives", "firearms", "conservation", "preservation", "regulation", "oversight"}


def _joins_organization(text, tokens, run, j, gaz) -> bool:
    """Does "and", "for" or "on" at tokens[j] continue an organization's name (see above)?"""
    word = tokens[j][2]
    last = tokens[run[-1]]
    lf = strip_possessive(last[2]).casefold()
    nxt = tokens[j + 1]
    nf = nxt[2].casefold()
    if nf in NEVER_NAMES or nf in gaz.given_names:
        return False
    if word in ("for", "on"):
        return lf in _ORG_HEADS and last[2][0].isupper() and not last[2].endswith(POSSESSIVE)
    # "and": one common word, alone or after a prefix, that the text never uses on its own, then
    # two or more capitalized words that are not a place: "Immigration and Customs Enforcement".
    if len(run) >= 2:
        before = tokens[run[-2]][2].casefold()
        if before not in ("for", "on", "of", "and") and before not in _AGENCY_PREFIXES and before not in gaz.places \
                and before not in gaz.demonyms and before not in NEVER_NAMES:
            return False
    if last[3] != WORD or last[2].endswith(POSSESSIVE) or not last[2][1:].islower():
        return False
    if lf in gaz.places or lf in gaz.given_names or lf in gaz.demonyms or lf in TITLES or lf in NEVER_NAMES:
        return False
    if gaz.word_zipf(last[2]) < 3.5:
        return False
    if j + 2 >= len(tokens):
        return False
    after = tokens[j + 2]
    if not (after[3] in (WORD, ABBR) and after[2][:1].isupper() and after[0] == nxt[1] + 1):
        return False
    if f"{nf} {after[2].casefold()}" in gaz.places or nf in gaz.places:
        return False
    k = j + 2  # the last capitalized word of the name after "and"
    while k + 1 < len(tokens) and tokens[k + 1][3] == WORD and tokens[k + 1][2][:1].isupper() and k - j < 4:
        k += 1
    tail = strip_possessive(tokens[k][2]).casefold()
    if tail not in ORG_SUFFIXES and tail not in _AGENCY_TAILS:
        return False
    return len(text) > 200_000 or text.count(last[2]) == text.count(last[2] + " and ")


def _month_is_surname(tokens, j, gaz) -> bool:
    """ "Theresa May", "Mrs. May", "Prime Minister May": a month word after a given name, an
    honorific or a title, and not before a day or a year ("May 3", "May 2018")."""
    prev = tokens[j - 1][2].casefold()
    if prev not in gaz.given_names and prev not in TITLES:
        return False
    return not (j + 1 < len(tokens) and tokens[j + 1][2][:1].isdigit())


_SAID_WAS = {"said", "says", "told", "added", "wrote", "tweeted", "was", "has", "had", "replied", "insisted", "warned",
             "argued"}
_DATE_CONTEXT = {"in", "on", "of", "since", "until", "till", "by", "early", "late", "last", "next", "this",
                 "mid", "through", "during", "from", "between", "before", "after", "each", "every", "since",
                 "around", "throughout", "that", "same", "until", "as", "for", "mid-", "late-", "early-"}


def _month_as_name(tokens, idx, sent_start=False) -> bool:
    """A month word that may be a surname ("Ortiz and May last met", "accused May of stalling",
    "May said"): not in date context (a preposition or "last" before it; a number, a comma, or
    "of" + a year after it); at the start of a sentence only before a verb of saying or "was"."""
    prev = tokens[idx - 1] if idx > 0 else None
    nxt = tokens[idx + 1] if idx + 1 < len(tokens) else None
    after = tokens[idx + 2][2].casefold() if idx + 2 < len(tokens) else ""
    if nxt is not None and (nxt[2][:1].isdigit() or nxt[2] == "," or (
            nxt[2] == "of" and (after[:1].isdigit() or after in ("last", "this", "next", "that", "the", "each")))):
        return False
    if sent_start:
        return nxt is not None and nxt[2] in _SAID_WAS
    if prev is not None and prev[2] == "," and idx >= 2 and tokens[idx - 2][3] in (WORD, ABBR) \
            and tokens[idx - 2][2][:1].isupper() and strip_possessive(tokens[idx - 2][2]).casefold() not in NEVER_NAMES:
        return True  # "Trump, May reaffirm ties": a name, then a comma (not "Friday, May 3", "April, May")
    if prev is None or prev[3] != WORD or prev[2].casefold() in _DATE_CONTEXT:
        return False
    if prev[2] in ("and", "or", "to") and idx >= 2 and strip_possessive(tokens[idx - 2][2]).casefold() in DATE_WORDS:
        return False  # "April and May", "from April to May"
    return True


def _emphasis(tokens, i, lower_seen, gaz) -> bool:
    """A word in capitals inside running text that is an English word, not an acronym: the
    emphasis of a quoted tweet or an editor's note ("NO COLLUSION", "NOTE:", "DESPERATION"). It is
    written in lower case elsewhere in the article, or stands in a run of capitalized English words
    with a closed-class word ("NO", "THE")."""
    tok = tokens[i][2]
    folded = tok.casefold()
    if folded in gaz.places or folded in gaz.place_alias or len(tok) < 2:
        return False
    if len(tok) >= 4 and tok.lower() in lower_seen:
        return True
    a = b = i

    def caps(x):
        t = tokens[x][2]
        return tokens[x][3] == WORD and len(t) >= 2 and t.isupper() and t.isalpha()

    while a > 0 and caps(a - 1):
        a -= 1
    while b + 1 < len(tokens) and caps(b + 1):
        b += 1
    if a == b:
        return False
    words = [tokens[x][2] for x in range(a, b + 1)]
    if any(w.casefold() in gaz.places or w.casefold() in gaz.place_alias or gaz.word_zipf(w) < 2.5 for w in words):
        return False
    return any(w.casefold() in NEVER_NAMES or w.lower() in lower_seen for w in words)


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
        if k == WORD and mode == "normal" and tok.isupper() and tok.isalpha() and _emphasis(tokens, i, lower_seen, gaz):
            sent_start = False
            i += 1
            continue  # "NO COLLUSION": emphasis, not an acronym
        if k == WORD and strip_possessive(tok).casefold() in DATE_WORDS and tok[1:].islower() \
                and mode != "allcaps" and _month_as_name(tokens, i, sent_start):
            # "Ortiz and May last met": a month word where a name can stand; the resolver keeps it
            # only for a person of that surname in the dossier.
            yield Name(s, e - (2 if tok.endswith(POSSESSIVE) else 0), "other", Evidence.CAPITALIZED,
                       "capitalized; a month word, unconfirmed", True)
            i += 1
            continue
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
                if k2 == WORD and strip_possessive(t2).casefold() in DATE_WORDS and _month_is_surname(tokens, j, gaz):
                    run.append(j)  # "Theresa May", "Mrs. May"
                    stop_after = t2.endswith(POSSESSIVE)
                    j += 1
                    continue
                if (k2 == WORD and len(strip_possessive(t2)) == 2 and t2[1:2].islower() and t2.casefold() in BREAKERS
                        and len(run) >= 2 and len(tokens[j - 1][2]) <= 4 and tokens[j - 1][3] == WORD
                        and not (j + 1 < n and tokens[j + 1][2][:1].isupper())):
                    run.append(j)  # "President Moon Jae In said": a Korean given name in two capitalized syllables
                    j += 1
                    break
                if k2 == WORD and inner_word_of_name(tokens, j, mode, gaz):
                    run.append(j)  # "Parents For Safer Streets"
                    j += 1
                    continue
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
            if k2 == PUNCT and inner_word_of_name(tokens, j, mode, gaz):
                run.append(j)  # "Workers' Party"
                j += 1
                continue
            if k2 == WORD and t2 in ("and", "for", "on") and nxt_cap and _joins_organization(text, tokens, run, j, gaz):
                run.append(j)  # "Immigration and Customs Enforcement", "Center for Strategic ..."
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
    if is_contraction(tok) or is_party_tag(tok):
        return False  # "I'm", "We're"; "(D-Calif.)"
    if mode == "normal":
        return True
    base = strip_possessive(tok)
    if mode == "allcaps":
        folded = base.casefold()
        return folded in cap_mid_ci or folded in gaz.places or folded in gaz.given_names
    if base.casefold() in HEADLINE_WORDS:
        return False  # a headline's function words: "Does", "Whatever"
    # Title Case headline: each word needs evidence of being a name.
    if base in cap_mid:
        return True
    if _verb_form(base, gaz, 2.5):
        return False  # a headline's verbs: "Indicting", "Named"
    if not base[0].isupper() or any(c.isdigit() for c in base):
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
    # A sentence, headline or subheading that opens with a verb, an auxiliary, a wh- word or a
    # determiner: "Does Trump's Wall Stand?", "Following Trump's visit", "Several U.S. officials".
    trimmed = False
    while sent_start and len(toks) > 1 and toks[0][3] == WORD and _opens_sentence_only(text, toks, gaz):
        toks = toks[1:]
        trimmed = True
    # The first word of a sentence.
    if sent_start and not trimmed and toks and toks[0][3] == WORD:
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
                if z >= 5.0 and not _verb_form(word, gaz) and _then_says(tokens, toks[0]):
                    unconfirmed = True  # "Brown said", "Young told": a surname if the dossier has the person
                elif z >= 5.0 or _verb_form(word, gaz):
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
    yield from _split_titles(text, tokens, toks, unconfirmed, gaz, lower_seen)


def _opens_sentence_only(text, toks, gaz) -> bool:
    """The first word of a run at the start of a sentence is a function word, or a verb form
    before a word the text also names without it: not part of the name after it ("Whatever",
    "Has", "Following Trump's visit", "Indicting Roger Stone"; not "United States")."""
    word = strip_possessive(toks[0][2])
    folded = word.casefold()
    if folded in gaz.places or folded in gaz.given_names:
        return False
    if folded in HEADLINE_WORDS or (folded in NEVER_NAMES and folded not in DATE_WORDS):
        return True  # "Details of Deal are still being settled"
    if toks[1][2] in ("of", "&"):
        return False
    if not _verb_form(word, gaz):
        return False
    nxt = strip_possessive(toks[1][2])
    f = nxt.casefold()
    return (f in gaz.given_names or f in gaz.demonyms or f in TITLES or f in gaz.places
            or text.count(nxt) > text.count(f"{toks[0][2]} {nxt}"))


_AFTER_SURNAME = {"said", "says", "told", "added", "wrote", "tweeted", "asked", "has", "had", "is", "was", "will",
                  "would", "did", "does", "who", "also", "then", "later", "replied", "insisted", "noted", "argued"}


def _then_says(tokens, tok) -> bool:
    """A verb of saying or an auxiliary right after a word: "Brown said", "Young has"."""
    idx = tok[4]
    return idx + 1 < len(tokens) and tokens[idx + 1][2] in _AFTER_SURNAME


def _verb_form(word: str, gaz, common: float = 3.5) -> bool:
    """ "Totaling", "Asked", "Reportedly": a common word with an inflection, not a name
    ("Boeing", "Ahmed", "Beijing" have no common stem)."""
    w = word.casefold()
    for suffix in ("ing", "ed", "ly"):
        if w.endswith(suffix):
            stem = w[: -len(suffix)]
            if len(stem) >= 3 and max(gaz.word_zipf(stem), gaz.word_zipf(stem + "e")) >= common:
                return True
    return False


def _split_titles(text, tokens, toks, unconfirmed, gaz, lower_seen=frozenset()):
    folded = [t[2].casefold() for t in toks]
    n = len(toks)
    # Find a title run: modifiers and titles (with "of" inside) ending in a core title.
    i = 0
    while i < n:
        if folded[i] in CORE_TITLES or (folded[i] in TITLE_MODIFIERS and folded[i] in TITLES) or _role_token(toks[i]):
            # extend left over modifiers
            a = i
            while a > 0 and folded[a - 1] in TITLE_MODIFIERS and folded[a - 1] not in ("us", "u.s.", "state", "national", "white", "house", "federal", "security", "home"):
                a -= 1
            b = i + 1
            while b < n and (folded[b] in TITLES or folded[b] in TITLE_MODIFIERS or _role_token(toks[b])
                             or (folded[b] == "of" and b + 1 < n and folded[b + 1] in TITLE_MODIFIERS)):
                b += 1
            core = any(f in CORE_TITLES or _role_token(t) for f, t in zip(folded[a:b], toks[a:b]))
            rest = toks[b:]
            if core and _title_applies(toks[a:b], rest, gaz):
                left = toks[:a]
                title = " ".join(t[2] for t in toks[a:b])
                if left:
                    yield from _split_compound(text, tokens, left, unconfirmed, gaz, None, lower_seen)
                if rest:
                    # "Prime Minister of Canada": the "of" goes with the title
                    if rest[0][2] == "of":
                        rest, title = rest[1:], None
                    if rest:
                        yield from _split_compound(text, tokens, rest, False, gaz, title, lower_seen)
                return
            i = b
            continue
        i += 1
    yield from _split_compound(text, tokens, toks, unconfirmed, gaz, None, lower_seen)


def _common_noun_after(text, toks, gaz, lower_seen) -> bool:
    """Inside a quotation, the last word of a run is a plural common noun that the article writes
    in lower case, after a name the article also writes without it, and the run is written once:
    the capitals of a quoted tweet ("Mayor Dunn Emails out today", "Hale Tapes")."""
    last = strip_possessive(toks[-1][2])
    folded = last.casefold()
    if toks[-1][3] != WORD or not last[1:].islower() or folded in ORG_SUFFIXES or folded in gaz.places:
        return False
    if not folded.endswith("s") or folded.endswith("ss") or not in_quotation(text, toks[0][0]):
        return False
    if last.lower() not in lower_seen or gaz.word_zipf(last) < 2.5:
        return False
    whole = text[toks[0][0]:toks[-1][1]]
    rest = text[toks[0][0]:toks[-2][1]]
    return len(text) < 200_000 and text.count(whole) == 1 and text.count(rest) > 1


def _alone(text, word) -> int:
    """How often `word` stands in the text on its own (not inside a longer or hyphenated word)."""
    return len(re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text))


def _two_names(text, tok, gaz) -> list[tuple[int, int]] | None:
    """ "the Trump-Abe summit", "Trump-Russia": two names joined by a hyphen, each written alone
    elsewhere in the article, are two mentions (not "Hewlett-Packard", "Coca-Cola")."""
    word = strip_possessive(tok[2])
    parts = word.split("-")
    if len(parts) != 2 or not all(p[:1].isupper() and len(p) >= 2 for p in parts) or len(text) > 200_000:
        return None
    if any(_alone(text, p) == 0 for p in parts):
        return None
    s = tok[0]
    return [(s, s + len(parts[0])), (s + len(parts[0]) + 1, s + len(word))]


def _role_token(tok) -> bool:
    """ "1B", "QB" (a player's position), "State-designate", "President-elect": a title."""
    return tok[2] in POSITIONS or tok[2].casefold().endswith(("-elect", "-designate"))


def _split_compound(text, tokens, toks, unconfirmed, gaz, title, lower_seen=frozenset()):
    """A run that holds two names: an organization or place, then a person or a flight; a person
    and the place or organization they belong to ("Shinzo Abe of Japan")."""
    folded = [t[2].casefold() for t in toks]
    n = len(toks)
    j = _affiliation(text, toks, folded, title, gaz)
    if j is not None:
        if not (j == 1 and folded[0] in _PARTY_WORDS):  # "a Republican of Nebraska": the state only
            yield from _emit(text, tokens, toks[:j], unconfirmed, gaz, title, lower_seen)
        yield from _emit(text, tokens, toks[j + 1:], False, gaz, None, lower_seen)
        return
    for j in range(0, n - 1):
        if j >= 1 and folded[j] == "flight" and toks[j + 1][2][:1].isdigit():
            yield from _emit(text, tokens, toks[:j], unconfirmed, gaz, title, lower_seen)
            return  # "Air France Flight 447": the airline; the flight is an event
        if title is not None:
            continue
        if (1 <= j <= 3 or (j == 0 and folded[0] not in gaz.given_names)) and j + 2 < n \
                and folded[j + 1] in gaz.given_names and " ".join(folded[:j + 1]) in gaz.places:
            yield from _emit(text, tokens, toks[:j + 1], unconfirmed, gaz, None, lower_seen)
            yield from _emit(text, tokens, toks[j + 1:], False, gaz, None, lower_seen)
            return  # "United States Barack Obama", "Ambassador to Chile Carol Weiss": a place, then a person
        if j >= 1 and folded[j] in ORG_SUFFIXES and folded[j + 1] in gaz.given_names and toks[j + 2 if j + 2 < n else j + 1][2][0].isupper():
            if j + 2 < n:
                yield from _emit(text, tokens, toks[:j + 1], unconfirmed, gaz, None, lower_seen)
                yield from _emit(text, tokens, toks[j + 1:], False, gaz, None, lower_seen)
                return
    yield from _emit(text, tokens, toks, unconfirmed, gaz, title, lower_seen)


_PARTY_WORDS = {"republican", "democrat", "democratic", "independent", "conservative", "liberal", "labour", "tory"}
# Adjectives of parties, movements and faiths: before a lower-case word they describe it
# ("Democratic leaders", "Communist rule", "Muslim migrants"), not name an entity.
_GROUP_ADJECTIVES = {"democratic", "republican", "communist", "socialist", "conservative", "liberal", "progressive",
                     "libertarian", "nationalist", "populist", "muslim", "christian", "jewish", "catholic",
                     "protestant", "evangelical", "islamic", "islamist", "hindu", "buddhist", "sikh", "shiite",
                     "sunni", "orthodox", "mormon"}


def _before_lower_word(tokens, tok) -> bool:
    idx = tok[4]
    return idx + 1 < len(tokens) and tokens[idx + 1][3] == WORD and tokens[idx + 1][2][:1].islower() \
        and tokens[idx + 1][0] == tok[1] + 1


def _affiliation(text, toks, folded, title, gaz) -> int | None:
    """Where "of" splits a person from the place or organization they belong to, in newspaper
    style: "Prime Minister Mark Rutte of the Netherlands", "Gov. Ana Ortiz of Nevada", "Maria Stone
    of Reuters", "Tim Cook of Apple", "a Republican of Nebraska". A person is a name after
    a title, or a given name and a surname. Royal names keep it ("King Harald of Norway"), and
    so do names of one word before "of" ("Bank of America", "Joan of Arc")."""
    if "of" not in folded:
        return None
    j = folded.index("of")
    if j == 0 or j == len(toks) - 1:
        return None
    left, right = folded[:j], folded[j + 1:]
    if len(left) == 1 and left[0] in _PARTY_WORDS:
        return j  # "a Republican of Nebraska"
    if title is not None:
        if any(w in ROYAL_TITLES for w in title.casefold().split()):
            return None
    elif (len(left) < 2 or left[0] not in gaz.given_names or left[-1] in ORG_SUFFIXES or left[-1] in gaz.places
          or any(w in TITLES for w in left)):
        return None
    if right[0] in ("the", "a", "an") or not toks[j + 1][2][:1].isupper():
        return None
    return j


def _title_applies(title_toks, rest, gaz) -> bool:
    """Is this a title before a name (or at the end), rather than a word of an organization's name?"""
    if not rest or rest[0][2] in _GENERATIONS:
        # "Martin Luther King" (Jr.; Jr. Memorial): an ambiguous title word at the end, or before a
        # generational suffix, is part of the name
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


def _emit(text, tokens, toks, unconfirmed, gaz, title, lower_seen=frozenset()):
    # Trim trailing connectors and never-name words at the ends.
    while toks and (toks[-1][2] in ("of", "&") or toks[-1][2] in PARTICLES):
        toks = toks[:-1]
    if len(toks) >= 2 and _common_noun_after(text, toks, gaz, lower_seen):
        toks = toks[:-1]  # "Mayor Dunn Emails out today", "Hale Tapes": a tweet's capitals
    if len(toks) == 1 and toks[0][3] == WORD and "-" in toks[0][2]:
        pair = _two_names(text, toks[0], gaz)
        if pair:
            for s, e in pair:
                yield Name(s, e, "other", Evidence.CAPITALIZED, "capitalized; one of two names joined by a hyphen")
            return
    while toks and toks[0][3] == WORD and toks[0][2] != "WHO" and (toks[0][2].casefold() in NEVER_NAMES or toks[0][2].isdigit()) \
            and not (title is not None and len(toks) == 1 and strip_possessive(toks[0][2]).casefold() in DATE_WORDS):
        toks = toks[1:]
    dated = False
    surname_month = (len(toks) >= 1 and strip_possessive(toks[-1][2]).casefold() in DATE_WORDS
                     and (title is not None or (len(toks) >= 2 and toks[-2][2].casefold() in gaz.given_names))
                     and not (toks[-1][4] + 1 < len(tokens) and tokens[toks[-1][4] + 1][2][:1].isdigit()))
    while not surname_month and toks and strip_possessive(toks[-1][2]).casefold() in DATE_WORDS and toks[-1][3] == WORD:
        toks = toks[:-1]
        dated = True
    if dated and len(toks) == 1 and toks[0][3] == WORD and gaz.word_zipf(toks[0][2]) >= 4.0:
        return  # "Black Monday", "Good Friday": a named day
    while not surname_month and toks and strip_possessive(toks[0][2]).casefold() in DATE_WORDS and toks[0][3] == WORD:
        toks = toks[1:]
    if len(toks) == 1 and strip_possessive(toks[0][2]).casefold() in NEVER_NAMES and toks[0][2] != "WHO" \
            and not surname_month:
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
        if strip_possessive(w).casefold() in gaz.demonyms or strip_possessive(w).casefold() in COMPASS_POINTS:
            return
        if w[0].isdigit():
            return
        if "-" in w and all(p.casefold() in gaz.demonyms or p.casefold() in gaz.places
                            or p.casefold() in gaz.place_alias for p in w.split("-") if p):
            return  # Russian-American, US-Russian: an adjective
        if strip_possessive(w).casefold() in TITLES and title is None:
            return  # "the President's campaign": a role word alone
        base = strip_possessive(w)
        if (title is None and base[1:].islower() and base.lower() in lower_seen and in_quotation(text, toks[0][0])
                and gaz.word_zipf(base) >= 3.5 and base.casefold() not in gaz.places
                and base.casefold() not in gaz.given_names and _alone(text, base) == 1):
            return  # a quoted tweet's capitals: "kept by the Border agency and Records"
        if title is None and base.casefold() in _GROUP_ADJECTIVES and _before_lower_word(tokens, toks[0]):
            return  # "Democratic leaders", "Muslim migrants": a party's or a faith's adjective
        if title is None and adjective_before_noun(w, toks[0], tokens, gaz):
            return  # "Democratic presidential candidate", "Congressional lawmakers"
    elif title is None and emphasis_in_quote(text, toks, surface, gaz):
        return  # "cut all Property Taxes" where the article also writes "property taxes"
    elif folded in gaz.demonyms or all(t[2].casefold() in gaz.demonyms or t[2].casefold() in TITLES for t in toks):
        return  # "North Korean", "Russian President"
    if title is None and people_of_place(surface, gaz):
        return  # "Londoners", "Central Americans": a people named after a place
    # Type by evidence.
    mtype, kind, evidence = guess_type(toks, surface, folded, title, gaz, text, tokens)
    if unconfirmed:
        evidence += "; sentence-initial, unconfirmed"
    # A leading "the".
    if mtype != "person" and not (mtype == "place" and len(toks) == 1 and not words[0].isupper()
                                  and folded not in gaz.place_alias):
        start = with_article(text, tokens, toks, start, end)
    yield Name(start, end, mtype, kind, evidence, unconfirmed)
