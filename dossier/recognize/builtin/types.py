"""The type of a name and the evidence for it, and the words around a name that decide its span.

Types come from evidence, in this order: a title or role before the name (person), a known place
(place), a place word at its end ("Peninsula", "Street", "County": place), a social network or
news agency (organization), a party named by its members, an organization word at its end
("Institute", "Inc.") or an "&" (organization), a given name (person), a particle inside it
(person), a lower-case role before it (person), an acronym (organization), the words around it
("X said he", "X, who": person; "shares of X", "X's chief executive", "Chicago-based X":
organization), else "other". Each comes with its `Evidence` kind, which the resolver weighs (and
agrees across the dossier), and a text for people to read.
"""

from __future__ import annotations

import re

from ...model import Evidence
from ..gazetteer import (
    CORE_TITLES,
    NEWS_SOURCES,
    ORG_SUFFIXES,
    PARTICLES,
    PLACE_HEADS,
    SAYING_VERBS,
    SOFT_PLACE_HEADS,
    TITLES,
    load,
)
from .tokens import ABBR, POSSESSIVE, WORD, in_quotation, strip_possessive, verbish

def guess_type(toks, surface, folded, title, gaz, text, tokens):
    words = [strip_possessive(t[2]) for t in toks]
    last = words[-1].casefold()
    first = words[0].casefold()
    if title is not None:
        return "person", Evidence.TITLE, f"title {title!r}"
    base = folded[:-2] if folded.endswith(("'s", "’s")) else folded
    if base in gaz.place_alias or (base in gaz.places and not _acronym_in_lower_text(words, toks, tokens)):
        return "place", Evidence.GAZETTEER, "gazetteer: place"
    given = len(words) >= 2 and first in gaz.given_names and not any(w[0].isdigit() for w in words)
    if len(words) >= 2 and (last in PLACE_HEADS or (last in SOFT_PLACE_HEADS and not given)):
        return "place", Evidence.PLACE_WORD, f"place word {words[-1]!r}"
    if base in NEWS_SOURCES:
        return "organization", Evidence.NEWS_SOURCE, "social network or news agency"
    if len(words) == 1 and first in _PARTY_MEMBERS:
        return "organization", Evidence.PARTY_MEMBERS, "party members"
    if last in ORG_SUFFIXES or (len(words) > 1 and "&" in surface):
        return "organization", Evidence.ORGANIZATION_WORD, f"organization word {words[-1]!r}"
    if given:
        return "person", Evidence.GIVEN_NAME, f"given name {words[0]!r}"
    if any(w in PARTICLES for w in words[1:-1]) and len(words) >= 2:
        return "person", Evidence.NAME_PARTICLE, "name particle"
    role = _role_before(tokens, toks)
    if role:
        return "person", Evidence.ROLE, f"role {role!r}"
    if len(words) == 1 and toks[0][3] == ABBR or (len(words) == 1 and words[0].isupper() and len(words[0]) <= 6):
        return "organization", Evidence.ACRONYM, "acronym"
    cue = context_type(text, tokens, toks)
    if cue:
        return cue[0], Evidence.CONTEXT, cue[1]
    return "other", Evidence.CAPITALIZED, "capitalized"


def is_place_name(folded: str, gaz) -> bool:
    """A place of the gazetteer, an alias of one, or a US state's abbreviation ("Fla.")."""
    return folded in gaz.places or folded in gaz.place_alias


_PRONOUNS_PERSON = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
_ORG_AFTER_POSSESSIVE = {"shares", "stock", "ceo", "chief", "board", "chairman", "chairwoman", "headquarters",
                         "employees", "workers", "executives", "spokesman", "spokeswoman", "spokesperson",
                         "subsidiary", "revenue", "profit", "profits", "earnings", "products", "customers",
                         "shareholders", "stake", "website", "founder", "president"}
# Words right after a company's name: "Airbus chief executive", "Ford employees", "GM plant".
_ORG_AFTER = {"ceo", "chief", "chairman", "chairwoman", "spokesman", "spokeswoman", "spokesperson", "employees",
              "workers", "executives", "subsidiary", "division", "parent",
              "shareholders", "stock", "board"}
_ORG_BEFORE = {("shares", "of"), ("stake", "in"), ("acquisition", "of"), ("merger", "with"), ("investors", "in"),
               ("employees", "of"), ("spokesman", "for"), ("spokeswoman", "for"), ("spokesperson", "for"),
               ("ceo", "of"), ("executive", "of"), ("subsidiary", "of"), ("unit", "of"), ("founder", "of")}


# Roles that only a person holds, for "<role>, <name>,": "Peru's deputy trade minister, Rosa
# Quispe, said". Not those a company, a team or a country holds too ("the market leader,
# Apple,", "the oil major, BP,", "the defending champion, Chelsea,", "the host, France,").
_PEOPLES_ROLES = CORE_TITLES - {
    "owner", "host", "investor", "leader", "champion", "manager", "star", "superstar", "legend", "veteran",
    "defender", "critic", "boss", "supervisor", "agent", "anchor", "major", "father", "lady", "lord", "dame",
    "sir", "king", "queen", "prince", "princess", "emperor", "emir", "sultan", "pope", "tycoon", "billionaire",
}


def context_type(text, tokens, toks) -> tuple[str, str] | None:
    """Type evidence from the words around a name, when the name itself says nothing:
    "X said he", "X, who" (person); "shares of X", "X's chief executive", "Chicago-based X",
    "X shares" (organization)."""
    a, b = toks[0][4], toks[-1][4]
    n = len(tokens)
    after = [tokens[x][2].casefold() for x in range(b + 1, min(n, b + 6))]
    before = [tokens[x][2].casefold() for x in range(max(0, a - 2), a)]
    last = toks[-1][2]
    plain = len(toks) <= 3 and not any(t[2] in ("of", "&") for t in toks) and not (
        a >= 1 and tokens[a - 1][2].casefold() in ("the", "from", "of", "at", "in", "for", "by"))
    if plain and (after[:2] in ([",", "who"], [",", "whose"]) or after[:1] == ["who"]):
        return "person", "context: 'who' after it"
    if plain and after and after[0] in SAYING_VERBS and len(after) > 1 and after[1] in _PRONOUNS_PERSON:
        return "person", f"context: {after[0]!r} {after[1]!r} after it"
    if plain and len(after) >= 3 and after[0] == "," and after[1].isdigit() and len(after[1]) <= 3 and after[2] == ",":
        return "person", "context: an age after it"  # "Karina Gomez, 18, said"
    if plain and len(after) >= 4 and after[:2] == [",", "the"] and any(w in CORE_TITLES for w in after[2:5]):
        return "person", "context: a role in apposition"  # "Heather Cronk, the co-director of"
    if plain and len(before) == 2 and before[1] == "," and before[0] in _PEOPLES_ROLES and after \
            and (after[0] in (",", ")") or after[0] in SAYING_VERBS):
        return "person", f"context: {before[0]!r} in apposition before it"  # "trade minister, Rosa Quispe,"
    if last.endswith(("'s", "’s")) and after and after[0] in _ORG_AFTER_POSSESSIVE and after[0] not in ("president", "founder"):
        return "organization", f"context: {after[0]!r} after its possessive"
    if after[:1] == ["shares"] or after[:2] in (["stock", "fell"], ["stock", "rose"]):
        return "organization", "context: 'shares' after it"
    if after and after[0] in _ORG_AFTER and not last.endswith(("'s", "’s")):
        return "organization", f"context: {after[0]!r} after it"  # "Airbus chief executive Tom Enders"
    if len(before) == 2 and tuple(before) in _ORG_BEFORE:
        return "organization", f"context: {' '.join(before)!r} before it"
    if a >= 2 and tokens[a - 1][2].endswith(("-based", "-headquartered")) or (
            a >= 3 and tokens[a - 1][2] in ("based", "headquartered") and tokens[a - 2][2] in ("-", "–")):
        return "organization", "context: '-based' before it"
    return None


# The members of a party named for the party ("the Democrats said"): an organization, as in ACE.
_PARTY_MEMBERS = {"democrats", "republicans", "conservatives", "tories", "liberals", "socialists", "communists",
                  "greens", "libertarians", "nationalists", "unionists"}


def _acronym_in_lower_text(words, toks, tokens) -> bool:
    """ "the GAO" in running text is an acronym even though Gao is a city in Mali; a place written
    in capitals is known by its abbreviation (US, UAE), and those are in the alias list."""
    if len(words) != 1 or not words[0].isupper() or len(words[0]) > 5:
        return False
    idx = toks[0][4]
    near = [tokens[i][2] for i in (idx - 1, idx + 1) if 0 <= i < len(tokens) and tokens[i][3] == WORD]
    return not any(w.isupper() and len(w) > 1 for w in near)  # not an ALL-CAPS headline


def _role_before(tokens, toks) -> str | None:
    """A lower-case title or role just before the name: "opposition leader Alexey Navalny"; not
    when a role noun follows the name, which then only qualifies it ("chief Paris
    correspondent Ellen Marsh")."""
    idx = toks[0][4]
    if idx < 1:
        return None
    s, e, t, k, _ = tokens[idx - 1]
    if k == WORD and t[0].islower() and (t in CORE_TITLES or t in ("chief", "head")):
        end = toks[-1][4]
        if end + 1 < len(tokens) and tokens[end + 1][3] == WORD and tokens[end + 1][2] in TITLES:
            return None
        return t
    return None


def adjective_before_noun(word, tok, tokens, gaz) -> bool:
    """A capitalized adjective ("Democratic", "Congressional") that modifies the noun after it."""
    if not word[1:].islower() or not word.endswith(("al", "ian", "ic", "ican", "ean")):
        return False
    folded = word.casefold()
    if folded in gaz.places or folded in gaz.given_names or gaz.word_zipf(word) < 3.0:
        return False
    idx = tok[4]
    if idx + 1 >= len(tokens):
        return False
    nxt = tokens[idx + 1]
    return nxt[3] == WORD and nxt[2][0].islower() and not verbish(nxt[2]) and nxt[0] == tok[1] + 1


# English makes a people's name from a place's name with a few suffixes ("Londoners", "New
# Yorkers", "Parisians", "Mexicans", "Brooklynites", "Central Americans"); the stem may have lost a
# final vowel or "s" ("Canad-ians", "Mexic-ans", "Texa-ns"). The gazetteer's demonyms cover
# nationalities; these cover every place it knows. "-ns" follows a vowel only ("Korea-ns").
_PEOPLE_ENDINGS = ("ers", "ians", "ans", "ites", "ns")
_STEM_ENDINGS = ("", "a", "o", "e", "y", "s")


def people_of_place(surface: str, gaz) -> bool:
    """A people named after a place, in the plural ("Londoners", "New Yorkers", "Central
    Americans"): not a name. The singular is left alone: as an adjective ("North American
    operations") news annotation counts it as the place, and surnames ("Corker", "Springer") and
    magazines ("The New Yorker") take its forms."""
    folded = surface.casefold()
    if folded in gaz.places or folded in gaz.given_names or folded in gaz.place_alias:
        return False
    # One word: only a rare one. A common English plural is a common noun, a team or a family
    # ("Romans", "Hammers", "Singers", "the Texans"), and a place of four letters or fewer makes
    # too many chance shapes ("Chans", "Palmers").
    if " " not in surface and (not surface[1:].islower() or gaz.word_zipf(surface) >= 3.0):
        return False
    for ending in _PEOPLE_ENDINGS:
        stem = folded[:-len(ending)]
        if not folded.endswith(ending) or len(stem) < 3 or (ending == "ns" and stem[-1] not in "aeiou"):
            continue
        if any(stem + extra in gaz.places and len((stem + extra).replace(" ", "")) >= 5 for extra in _STEM_ENDINGS):
            return True
    return False


# Last words of organizations' names that are also common words (beside ORG_SUFFIXES).
_NAME_HEADS = {"party", "caucus", "reserve", "matter", "front", "movement", "union", "league", "guard", "corps",
               "council", "committee", "court", "bank", "fund", "trust", "foundation", "alliance", "coalition"}


def emphasis_in_quote(text: str, toks, surface: str, gaz) -> bool:
    """Common words capitalized for emphasis inside a quotation, as tweets are written ("will
    cut all Property Taxes"): a run of two or three Title Case words, none a place, given name
    or title, written so once in the article, which also writes the same words in lower case."""
    words = [t[2] for t in toks]
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words):
        return False
    if any(w.casefold() in gaz.places or w.casefold() in gaz.given_names or w.casefold() in TITLES for w in words):
        return False
    if words[-1].casefold() in ORG_SUFFIXES or words[-1].casefold() in PLACE_HEADS or words[-1].casefold() in _NAME_HEADS:
        return False  # "Green Party", "Freedom Caucus", "Federal Reserve": an organization's name
    if not in_quotation(text, toks[0][0]):
        return False
    # Two scans of the article: bounded, as the recognizer's other whole-article lookups are, so
    # that an article of thousands of such quotations stays linear.
    return (len(text) < 200_000 and text.count(surface) == 1
            and re.search(rf"(?<![\w-]){re.escape(surface.lower())}(?![\w-])", text) is not None)


def with_article(text, tokens, toks, start, end) -> int:
    idx = toks[0][4]
    if idx == 0:
        return start
    ps, pe, pt, pk, _ = tokens[idx - 1]
    if pk != WORD or pt not in ("the", "The") or text[pe:start] != " ":
        return start
    last_idx = toks[-1][4]
    if toks[-1][2].endswith(POSSESSIVE):
        return start  # "the US's": not an article of the name
    if last_idx + 1 < len(tokens):
        ns, ne, nt, nk, _ = tokens[last_idx + 1]
        if ns == end and nt in ("-", "–"):
            return start  # "the Craiova-based maker": the name is part of an adjective
        if nk == WORD and nt[0].islower() and not verbish(nt):
            return start  # "the US economy": the name modifies a noun
        if nk in (WORD, ABBR) and nt[0].isupper() and nt.casefold() not in load().given_names:
            return start  # "the US Treasury": more names follow (not "the Air Force James Roche")
    return ps


def handle_type(tok: str, gaz) -> str:
    parts = re.findall(r"[A-Z][a-z]+", tok[1:])
    if parts and parts[0].casefold() in gaz.given_names:
        return "person"
    return "other"
