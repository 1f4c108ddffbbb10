"""Words inside a name that would otherwise end it: what joins the parts of an organization's
name ("Institute for Fiscal Studies", "Workers' Party", "Parents For Safer Streets")."""

from __future__ import annotations

from ..gazetteer import DATE_WORDS
from .tokens import ABBR, PUNCT, WORD

# Words that open an organization's name and take "for" or "on" inside it: "Institute for Fiscal
# Studies", "Committee on Standards in Public Life".
ORG_HEADS = {"center", "centre", "institute", "council", "committee", "subcommittee", "commission", "alliance",
           "campaign", "coalition", "foundation", "fund", "society", "association", "office", "bureau",
           "agency", "administration", "league", "federation", "movement", "network", "union",
           "organization", "organisation", "partnership", "academy", "forum", "project", "board", "caucus",
           "panel", "conference", "convention", "task", "initiative", "action", "services", "department",
           "ministry", "court", "tribunal", "school", "college", "university", "endowment", "fellowship",
           "program", "programme", "consortium", "trust", "council's"}

_HEADS_AFTER_PLURAL = ORG_HEADS | {"party", "affairs", "rights", "day"}


_PARTIES = {"democrats", "republicans", "conservatives", "liberals", "socialists", "communists", "tories",
            "independents", "progressives", "nationalists", "greens"}


def inner_word_of_name(tokens, j, mode, gaz) -> bool:
    """Inside a name: a common noun's plural and its bare apostrophe before the name's head word
    ("Workers' Party", "Veterans' Affairs", "Teachers' Union"; not a party's, a people's, a
    family's or a team's: "the Democrats' Committee chairman", "the Saudis' Council"), or "For"
    written with a capital between capitalized words, as organizations' names in Title Case are
    ("Parents For Safer Streets"); not after a word ending in a full stop, where a sentence
    may end, nor before a date word, a place or a given name ("Biden For Iowa")."""
    s, e, word, kind, _ = tokens[j]
    prev = tokens[j - 1]
    if j + 1 >= len(tokens) or mode != "normal" or prev[2].endswith("."):
        return False
    nxt = tokens[j + 1]
    if nxt[3] not in (WORD, ABBR) or not nxt[2][:1].isupper():
        return False
    if kind == PUNCT and word in ("'", "’"):
        plural = prev[2].casefold()
        return (s == prev[1] and plural.endswith("s") and prev[2][:1].isupper() and nxt[0] == e + 1
                and nxt[2].casefold() in _HEADS_AFTER_PLURAL and gaz.word_zipf(plural) >= 4.0
                and plural not in _PARTIES and plural not in gaz.demonyms)
    following = nxt[2].casefold()
    return (kind == WORD and word == "For" and s == prev[1] + 1 and nxt[0] == e + 1 and following not in DATE_WORDS
            and following not in gaz.places and following not in gaz.given_names)
