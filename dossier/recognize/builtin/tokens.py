"""Words of a zone and what the article says about their capitals.

A zone is one paragraph (headline or body) or the title. `tokenize` cuts it into tokens, tuples
`(start, end, text, kind, index)`: plain tuples rather than records, because the recognizer makes
and reads hundreds of thousands of them per dossier. `kind` is one of the token classes below;
`index` is the token's place in its zone. `zone_mode` says whether the zone is running text, a
Title-Cased or an ALL-CAPS line, and `capitalization_evidence` which words the article
capitalizes mid-sentence or writes in lower case: the evidence that a capitalized word is a name.
"""

from __future__ import annotations

import re

from ..gazetteer import HEADLINE_WORDS, NEVER_NAMES

_TOKEN = re.compile(
    r"(@[A-Za-z0-9_]{2,})"  # 1 social handle
    r"|((?:[A-Z]\.){2,}(?:[A-Z](?![\w]))?)"  # 2 dotted abbreviation: U.S., U.K., N.V.
    r"|([a-z]+-(?=[A-Z]))"  # 3 lower-case prefix before a capital: pro-Moscow, post-Cold
    r"|([^\W_](?:[^\W_]|[&'’.](?=[^\W_])|-(?=[A-Z0-9]|elect\b|designate\b))*)"  # 4 word, inner & ' ’ . and -Capital
    r"|([^\w\s])"  # 5 punctuation
)


# Words that take their full stop with them.
_ABBREVIATIONS = {
    "inc", "corp", "co", "ltd", "jr", "sr", "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov",
    "col", "lt", "capt", "sgt", "prof", "rev", "bros", "mt", "ft", "no", "vs", "plc", "nv",
}


SENTENCE_OPENERS = {".", "!", "?", ":", ";", "“", '"', "‘", "(", "[", "—", "–", "-", "•", "*", "…", "|", ">"}


POSSESSIVE = ("'s", "’s", "'S", "’S")


# Lower-case words after a name that show it is the head of its phrase (a verb or function word
# follows), so a "the" before it belongs to the mention.
_AFTER_HEAD = {
    "of", "to", "in", "on", "at", "for", "and", "or", "but", "with", "by", "from", "that", "which",
    "who", "whose", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
    "could", "should", "can", "may", "might", "must", "shall", "did", "does", "do", "said", "says",
    "also", "as", "than", "into", "over", "after", "before", "since", "until", "about", "against",
    "under", "rose", "fell", "lost", "won", "made", "took", "gave", "sold", "bought", "grew", "began",
    "became", "came", "went", "got", "led", "set", "cut", "hit", "saw", "told", "agreed", "not",
    "itself", "through", "when", "where", "while", "if", "because", "announced", "reported",
    "rises", "falls", "gains", "drops", "closes", "opens", "says", "plans", "wants", "needs", "makes",
    "takes", "gets", "remains", "continues", "expects", "faces", "reports", "announces", "launches",
    "unveils", "wins", "loses", "shows", "ended", "here", "there", "now", "today", "yesterday",
    "last", "this", "these", "its", "their", "his", "her", "now", "still", "already", "again",
    "so", "only", "just", "even", "then", "up", "down", "out", "off", "per", "via", "around",
    "amid", "among", "between", "within", "without", "near", "across", "toward", "towards",
    "held", "kept", "left", "paid", "sent", "spent", "stood", "struck", "wrote", "built", "brought",
    "caught", "chose", "drew", "flew", "found", "heard", "knew", "meant", "put", "shut", "sought",
    "thought", "went", "ran", "began", "fell", "rose", "won", "lost", "met", "became", "says", "said",
    "first", "currently", "both", "jointly", "nearly", "alone", "too", "instead",
    "upheld", "withheld", "include", "remain", "say", "see", "expect", "plan", "want", "need", "face",
}


_MINOR = {"a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with",
          "from", "as", "into", "over", "after", "vs", "via", "per", "up", "off", "out", "is", "are", "be"}


# Capitalized words that end a run of names ("Newsweek The Kremlin").
BREAKERS = {"the", "a", "an", "and", "or", "but", "this", "that", "these", "those", "in", "on", "at", "for",
             "i", "he", "she", "we", "they", "it", "his", "her", "its", "their", "our", "my", "your", "you"}


# Token classes
HANDLE, ABBR, PREFIX, WORD, PUNCT = range(5)


# After a capitalized word, a hyphen and a lower-case syllable continue the name ("Kim Jong-un",
# "Moon Jae-in", "Mar-a-Lago", "Punggye-ri"); an English word that makes a compound adjective
# ("Washington-based", "Trump-era", "Iran-backed", "Kremlin-linked") stays outside.
_HYPHEN_TAIL = re.compile(r"-([a-z]+)(?=['’]s\b|[^\w-]|-[A-Za-z]|$)|-([A-Z][^\W_]*)")
COMPOUND_TAILS = {
    "based", "led", "born", "era", "style", "owned", "like", "type", "class", "wide", "bound", "area", "level",
    "esque", "ish", "made", "run", "built", "ready", "friendly", "free", "proof", "only", "specific", "centric",
    "related", "linked", "backed", "funded", "allied", "aligned", "affiliated", "appointed", "controlled",
    "sponsored", "bred", "educated", "focused", "headquartered", "compatible", "registered", "listed", "flagged",
    "inspired", "themed", "branded", "dominated", "speaking", "language", "sized", "size", "year", "old", "time",
    "new", "set", "won", "fan", "fans", "style", "type", "wise", "ward", "wards", "tier", "grade", "scale",
    "elect", "designate", "american", "americans", "us", "era", "haters", "lover", "lovers", "supporting", "bashing",
    "themed", "loving", "hating", "skeptic", "skeptics", "critic", "critics", "mania", "gate",
}


def _hyphen_tail(text: str, e: int, end: int) -> int:
    """Where a capitalized word ends when hyphenated syllables continue it (see `_HYPHEN_TAIL`)."""
    while e < end and text[e] == "-":
        m = _HYPHEN_TAIL.match(text, e, end)
        if m is None:
            break
        low = m.group(1)
        if low is not None and (low in COMPOUND_TAILS or len(low) > 4 or low.endswith(("ed", "ing"))
                                or (len(low) > 2 and _common(low) and _common(text[e - 1::-1].split(None, 1)[0][::-1]))):
            break  # "Mid-day", "Post-war": two English words
        e = m.end()
    return e


def _common(word: str) -> bool:
    from ..gazetteer import load

    return load().word_zipf(word) >= 4.5


def tokenize(text: str, start: int, end: int) -> list[tuple[int, int, str, int, int]]:
    tokens = []
    append = tokens.append
    n = 0
    last = -1
    for m in _TOKEN.finditer(text, start, end):
        kind = m.lastindex - 1
        s, e = m.span()
        if s < last:
            continue  # the full stop taken by an abbreviation
        if kind == WORD and e < end and text[e] == "-" and text[s].isupper():
            e = _hyphen_tail(text, e, end)
            if e < end and text[e] in "'’" and text[e + 1:e + 2] == "s" and not text[e + 2:e + 3].isalnum():
                e += 2  # "Jong-un's"
        if kind == WORD and e < end and text[e] == "." and (
            (e - s == 1 and text[s].isupper()) or text[s:e].casefold() in _ABBREVIATIONS
        ):
            e += 1
        append((s, e, text[s:e], kind, n))
        last = e
        n += 1
    return tokens


def is_cap(tok: str) -> bool:
    c = tok[0]
    if c.isupper():
        return True
    if not c.isalpha() or tok.islower():
        return False
    # iPhone, eBay: a lower-case letter then a capital
    head = tok[1:3]
    return head != head.lower() and not tok.isupper()


def capitalization_evidence(text, tokenized, modes=None) -> tuple[set[str], set[str]]:
    """Words capitalized mid-sentence in running text, and words seen in lower case. `modes`: each
    zone's `zone_mode`, when the caller has them."""
    cap_mid: set[str] = set()
    lower_seen: set[str] = set()
    for n, (kind, tokens) in enumerate(tokenized):
        if kind in ("title", "headline") or (modes[n] if modes is not None else zone_mode(tokens, kind)) != "normal":
            for s, e, tok, k, idx in tokens:
                if k == WORD and tok[0].islower():
                    lower_seen.add(tok)
            continue  # a Title-Case or ALL-CAPS block says nothing about which words are names
        prev_punct = True
        for s, e, tok, k, idx in tokens:
            if k == WORD or k == ABBR:
                if tok[0].islower():
                    lower_seen.add(tok)
                elif not prev_punct or (_next_is_capitalized(tokens, idx) and tok.casefold() not in NEVER_NAMES
                                        and tok.casefold() not in HEADLINE_WORDS and not _inflected(tok)
                                        and not is_currency(text, tokens[idx + 1])):
                    cap_mid.add(strip_possessive(tok))
                prev_punct = False
            elif k == PUNCT:
                prev_punct = tok in SENTENCE_OPENERS
            else:
                prev_punct = False
    return cap_mid, lower_seen


def _inflected(tok: str) -> bool:
    """ "Following", "Indicting", "Reportedly": a sentence-initial word with the ending of a verb
    or an adverb is no evidence that the word is a name (the one after it may be)."""
    from ..gazetteer import load

    w = strip_possessive(tok).casefold()
    gaz = load()
    if w in gaz.places or w in gaz.given_names:
        return False
    for suffix in ("ing", "ed", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: -len(suffix)]
            if max(gaz.word_zipf(stem), gaz.word_zipf(stem + "e")) >= 3.5:
                return True
    return False


def is_currency(text, tok) -> bool:
    """ "US$", "AU$", "C€": a currency prefix, not a name ("Totaling US$180 billion")."""
    return tok[1] < len(text) and text[tok[1]] in "$€£¥"


def _next_is_capitalized(tokens, idx) -> bool:
    """Is the next token a capitalized word (so this one starts a run of names)?"""
    if idx + 1 >= len(tokens) or tokens[idx][2].endswith(POSSESSIVE):
        return False
    t = tokens[idx + 1]
    return t[3] in (WORD, ABBR) and t[2][0].isupper() and t[2].casefold() not in BREAKERS


def strip_possessive(tok: str) -> str:
    return tok[:-2] if tok.endswith(POSSESSIVE) else tok


def zone_mode(tokens, kind: str) -> str:
    """ "allcaps", "titlecase" (a headline, or a subheading in the body: a short paragraph with no
    full stop at its end whose words are capitalized, "What Happens to the Harbor Bridge
    Now?"), else "normal"."""
    words = [t for _, _, t, k, _ in tokens if k == WORD and t[0].isalpha()]
    if len(words) < 3:
        return "normal"
    upper = sum(1 for w in words if w.isupper() and len(w) > 1)
    if upper / len(words) >= 0.6:
        return "allcaps"
    if kind in ("title", "headline") or (len(words) <= 16 and tokens[0][3] == WORD
                                         and tokens[-1][2] not in (".", ":", ",", "”", '"', ";")
                                         and not any(t[2] in (".", ";") for t in tokens[:-1])):
        content = [w for w in words if w.casefold() not in _MINOR]
        if content and sum(1 for w in content if w[0].isupper()) / len(content) >= 0.8:
            return "titlecase"
    return "normal"


def in_quotation(text: str, start: int) -> bool:
    """Whether `start` is inside a quotation of its paragraph (by the quotation marks of the
    600 characters before it)."""
    para = text.rfind("\n", max(0, start - 600), start) + 1
    before = text[max(para, start - 600):start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def verbish(word: str) -> bool:
    """A word that follows the head of a noun phrase: a verb, adverb or function word."""
    if word in _AFTER_HEAD:
        return True
    if word.endswith(("ed", "ly", "ing")) or (word.endswith("s") and not word.endswith(("ss", "us", "is"))):
        return True
    return False
