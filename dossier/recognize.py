"""Find the names in one article: people, organizations, places and other named things.

`recognize(article)` reads the headline and body paragraphs (never boilerplate) and the title
where it stands in the file (the `title:` line of Markdown front matter), and returns the names
it finds as `Mention`s, sorted and non-overlapping, each with a type guess and the evidence for
it. It is a pure function of the article, runs offline, and uses no statistical model: names are
runs of capitalized words, read with these rules:

* A capitalized word that starts a sentence is a name only with evidence: it is capitalized
  mid-sentence elsewhere in the article, or it is a known place or given name, or it is a rare
  word (`wordfreq`) never written in lower case in the article. Closed-class words and dates
  ("The", "After", "Tuesday") never are. Unconfirmed rare words are kept with the evidence
  "unconfirmed" so that the resolver can check them against the rest of the dossier.
* In a Title-Cased or ALL-CAPS headline every word needs such evidence.
* Titles and roles are not part of a name: "Russian President Vladimir Putin" gives the person
  "Vladimir Putin"; "Apple Computer CEO Steve Jobs" gives "Apple Computer" and "Steve Jobs".
* Names hold particles ("Karin von Hippel", "Mohammed bin Salman"), initials ("George W. Bush"),
  "of" between capitalized words ("Bank of America"), "&" ("AT&T", "Standard & Poor's"),
  hyphens, apostrophes ("O'Leary") and a model number after a name ("Boeing 787", "iPhone 4").
  A possessive "'s" ends the name and is not part of it.
* A leading "the" belongs to the mention of an organization, place or thing used as a noun
  ("the United States", "the Federal Reserve"), as in ACE/MEANTIME annotation; it does not when
  the name modifies a following noun ("the US economy") or names a person.
* Social handles ("@JoeBiden") are mentions of their own.
* A model number named after a maker in the article ("Boeing 787") is a name when it stands alone
  ("the 787", "787s"); "the 787" elsewhere is kept as unconfirmed, for the resolver to check.
* Not names: dates, days, seasons and holidays ("Black Monday"), currencies ("US$40"), units and
  common abbreviations (GHz, GDP), demonyms alone ("Russian", "North Korean"), capitalized adjectives
  before a noun ("Democratic candidate"), runs of more than 12 capitalized words.
* A run that holds two names is split: "Apple Computer CEO Steve Jobs" (at the title), "Air Force
  James Roche" (an organization word, then a given name), "United States Barack Obama" (a place,
  then a given name), "Air France Flight 447" (the airline; the flight is an event).

Types come from evidence: a title or role before the name (person), a given name (person), an
organization word at its end ("Institute", "Inc."), an acronym (organization), a gazetteer of
countries, states, cities and regions (place), else "other".
"""

from __future__ import annotations

import re

from .gazetteer import (
    CORE_TITLES,
    DATE_WORDS,
    LEADING_PARTICLES,
    NEVER_NAMES,
    ORG_SUFFIXES,
    PARTICLES,
    TITLE_MODIFIERS,
    TITLES,
    load,
)
from typing import NamedTuple

from .model import BOILERPLATE, Article, Evidence, Mention

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
_SENTENCE_OPENERS = {".", "!", "?", ":", ";", "“", '"', "‘", "(", "[", "—", "–", "-", "•", "*", "…", "|", ">"}
_POSSESSIVE = ("'s", "’s", "'S", "’S")

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
_UNIT_WORDS = {"percent", "per", "%", "million", "billion", "trillion", "points", "point", "years", "days",
               "people", "employees", "jobs", "units", "aircraft", "planes", "cars", "bn", "m", "km", "mph"}
_MINOR = {"a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with",
          "from", "as", "into", "over", "after", "vs", "via", "per", "up", "off", "out", "is", "are", "be"}

# Titles that are also words of organizations' names ("General Electric", "Justice Department").
_AMBIGUOUS_TITLES = {"general", "gen.", "justice", "major", "chief", "head", "leader", "director", "officer",
                     "executive", "chair", "counsel", "guard", "speaker", "father", "lady", "lord", "king",
                     "queen", "prince", "princess", "captain", "commander", "founder", "manager", "owner"}

# Capitalized words that end a run of names ("Newsweek The Kremlin").
_BREAKERS = {"the", "a", "an", "and", "or", "but", "this", "that", "these", "those", "in", "on", "at", "for",
             "i", "he", "she", "we", "they", "it", "his", "her", "its", "their", "our", "my", "your", "you"}

_DATE_PHRASES = {"new year", "new year's day", "new year's eve", "christmas eve", "christmas day", "boxing day",
                 "good friday", "easter sunday", "easter monday", "labor day", "labour day", "memorial day",
                 "independence day", "thanksgiving day", "black friday", "cyber monday", "mother's day",
                 "father's day", "valentine's day"}
_SPEC = re.compile(r"\d+(?:\.\d+)?[A-Z]{1,3}")

# A run of more capitalized words than this is shouting or a title-cased list, not a name.
_MAX_NAME_TOKENS = 12

# Token classes
_HANDLE, _ABBR, _PREFIX, _WORD, _PUNCT = range(5)


class _Name(NamedTuple):
    """A name found in a zone, before it becomes a `Mention`."""

    start: int
    end: int
    type: str
    kind: str  # one of `Evidence`
    evidence: str
    unconfirmed: bool = False


def recognize(article: Article) -> list[Mention]:
    """Names in the article's headline, body and title, sorted by start, non-overlapping."""
    text = article.text
    gaz = load()
    zones = _zones(article)
    if not zones:
        return []
    tokenized = [(kind, _tokenize(text, s, e)) for s, e, kind in zones]
    cap_mid, lower_seen = _evidence(text, tokenized)
    models = _model_numbers(tokenized)
    mentions: list[Mention] = []
    for kind, tokens in tokenized:
        mode = _mode(tokens, kind)
        for start, end, mtype, kind, evidence, unconfirmed in _names(text, tokens, mode, cap_mid, lower_seen, gaz):
            if mode == "allcaps" and kind == Evidence.ACRONYM and not unconfirmed:
                # every word looks like an acronym
                mtype, kind, evidence = "other", Evidence.CAPITALIZED, "capitalized (all-caps text)"
            mentions.append(Mention(article.id, start, end, text[start:end], mtype, evidence, kind, unconfirmed))
        for start, end, evidence, unconfirmed in _bare_models(text, tokens, models):
            mentions.append(Mention(article.id, start, end, text[start:end], "other", evidence,
                                    Evidence.MODEL_NUMBER, unconfirmed))
    mentions.sort(key=lambda m: (m.start, m.end))
    return non_overlapping(_join_listed_expansions(text, mentions))


def non_overlapping(mentions: list[Mention]) -> list[Mention]:
    """Sorted mentions without overlaps: where two overlap, the one that starts first stays."""
    out: list[Mention] = []
    last_end = -1
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        if m.start >= last_end:
            out.append(m)
            last_end = m.end
    return out


# "Maintenance, Repair and Overhaul (MRO)": capitalized words joined by commas and "and", then
# an acronym in brackets made of their initials. The words before the bracket are one name.
_LISTED_EXPANSION = re.compile(
    r"((?:[A-Z][\w'’-]*(?:,? (?:and|&|of|for|the) |, | ))+[A-Z][\w'’-]*) \(([A-Z]{2,6})\)")


_CAPITAL_WORD = re.compile(r"[A-Z][\w'’-]*")


def _join_listed_expansions(text: str, mentions: list[Mention]) -> list[Mention]:
    out = list(mentions)
    for m in mentions:
        if not (m.text.isupper() and m.start >= 2 and text[m.start - 2:m.start] == " (" and text[m.end:m.end + 1] == ")"):
            continue
        window_start = max(0, m.start - 200)
        found = None
        for match in _LISTED_EXPANSION.finditer(text, window_start, m.end + 1):
            if match.end() == m.end + 1:
                found = match
        if found is None:
            continue
        words = list(_CAPITAL_WORD.finditer(text, found.start(1), found.end(1)))
        acronym = m.text
        k = len(words) - len(acronym)
        if k < 0 or "".join(w.group()[0] for w in words[k:]) != acronym:
            continue
        span_start, span_end = words[k].start(), found.end(1)
        inside = [x for x in out if span_start <= x.start and x.end <= span_end]
        phrase = text[span_start:span_end]
        if len(inside) < 2 or ("," not in phrase and " and " not in phrase):
            continue  # one name already, or not a list
        if any(x.start < span_start < x.end or x.start < span_end < x.end for x in out):
            continue  # a name crosses the edge: leave it
        joined = Mention(m.article, span_start, span_end, phrase, "other", f"expansion of acronym {acronym!r}",
                         Evidence.EXPANSION)
        out = [x for x in out if x not in inside] + [joined]
    out.sort(key=lambda x: (x.start, x.end))
    return out


def _model_numbers(tokenized) -> set[str]:
    """Numbers written after a name in this article ("Boeing 787", "Boeing 777-200LR")."""
    models = set()
    for kind, tokens in tokenized:
        for idx in range(1, len(tokens)):
            tok = tokens[idx]
            prev = tokens[idx - 1]
            if not (tok[3] == _WORD and tok[2][0].isdigit() and len(tok[2]) >= 3 and _model_number(tok[2], tokens, idx)):
                continue
            nxt = tokens[idx + 1] if idx + 1 < len(tokens) else None
            if (prev[3] == _WORD and prev[2][0].isupper() and prev[1] + 1 == tok[0]) or (
                    nxt is not None and nxt[3] == _WORD and nxt[2][0].isupper() and tok[1] + 1 == nxt[0]
                    and nxt[2].casefold() not in NEVER_NAMES):
                models.add(tok[2])
                if "-" in tok[2]:
                    models.add(tok[2].split("-")[0])  # "777-200LR" names the 777 too
    return models


def _bare_models(text, tokens, models):
    """A model number standing alone: "the 787" or "787s" where this article names the model
    ("Boeing 787"); or "the 787" in running text, which the resolver keeps only when the
    number names a model elsewhere in the dossier."""
    for idx, (s, e, tok, k, _) in enumerate(tokens):
        if k != _WORD or not tok[0].isdigit():
            continue
        base = tok[:-1] if tok.endswith("s") and tok[:-1] in models else tok
        if base.endswith("0") or re.fullmatch(r"(1[89]|20)\d\d", base):
            continue  # "FTSE 100" does not make "100" a name, nor is a year one
        if idx > 0 and tokens[idx - 1][3] == _WORD and tokens[idx - 1][2][0].isupper() and tokens[idx - 1][2] not in ("The",):
            continue  # part of a longer name, found by the name rules
        after_the = idx > 0 and tokens[idx - 1][2] in ("the", "The") and text[tokens[idx - 1][1]:s] == " "
        nxt = tokens[idx + 1] if idx + 1 < len(tokens) else None
        head = nxt is None or nxt[3] == _PUNCT or (nxt[2][0].islower() and _verbish(nxt[2]))
        if base in models:
            yield (tokens[idx - 1][0] if after_the and head else s), e, "model number named in this article", False
        elif after_the and head and re.fullmatch(r"[1-9]\d{2}(-\w+)?", tok) and nxt is not None:
            yield tokens[idx - 1][0], e, "model number; unconfirmed", True


def _zones(article: Article) -> list[tuple[int, int, str]]:
    zones = [(p.start, p.end, p.kind) for p in article.content_paragraphs()]
    span = article.title_span
    if span and span[0] < span[1] and not any(p.start <= span[0] < p.end for p in article.paragraphs):
        zones.append((span[0], span[1], "title"))
    elif span and any(p.start <= span[0] < p.end and p.kind == BOILERPLATE for p in article.paragraphs):
        pass  # a title inside boilerplate is never read
    zones.sort()
    return zones


def _tokenize(text: str, start: int, end: int) -> list[tuple[int, int, str, int, int]]:
    tokens = []
    append = tokens.append
    n = 0
    last = -1
    for m in _TOKEN.finditer(text, start, end):
        kind = m.lastindex - 1
        s, e = m.span()
        if s < last:
            continue  # the full stop taken by an abbreviation
        if kind == _WORD and e < end and text[e] == "." and (
            (e - s == 1 and text[s].isupper()) or text[s:e].casefold() in _ABBREVIATIONS
        ):
            e += 1
        append((s, e, text[s:e], kind, n))
        last = e
        n += 1
    return tokens


def _is_cap(tok: str) -> bool:
    c = tok[0]
    if c.isupper():
        return True
    if not c.isalpha() or tok.islower():
        return False
    # iPhone, eBay: a lower-case letter then a capital
    head = tok[1:3]
    return head != head.lower() and not tok.isupper()


def _evidence(text, tokenized) -> tuple[set[str], set[str]]:
    """Words capitalized mid-sentence in running text, and words seen in lower case."""
    cap_mid: set[str] = set()
    lower_seen: set[str] = set()
    for kind, tokens in tokenized:
        if kind in ("title", "headline") or _mode(tokens, kind) != "normal":
            for s, e, tok, k, idx in tokens:
                if k == _WORD and tok[0].islower():
                    lower_seen.add(tok)
            continue  # a Title-Case or ALL-CAPS block says nothing about which words are names
        prev_punct = True
        for s, e, tok, k, idx in tokens:
            if k == _WORD or k == _ABBR:
                if tok[0].islower():
                    lower_seen.add(tok)
                elif not prev_punct or (nxt_cap(tokens, idx) and tok.casefold() not in NEVER_NAMES
                                        and not _currency(text, tokens[idx + 1])):
                    cap_mid.add(_strip_possessive(tok))
                prev_punct = False
            elif k == _PUNCT:
                prev_punct = tok in _SENTENCE_OPENERS
            else:
                prev_punct = False
    return cap_mid, lower_seen


def _currency(text, tok) -> bool:
    """ "US$", "AU$", "C€": a currency prefix, not a name ("Totaling US$180 billion")."""
    return tok[1] < len(text) and text[tok[1]] in "$€£¥"


def nxt_cap(tokens, idx) -> bool:
    """Is the next token a capitalized word (so this one starts a run of names)?"""
    if idx + 1 >= len(tokens) or tokens[idx][2].endswith(_POSSESSIVE):
        return False
    t = tokens[idx + 1]
    return t[3] in (_WORD, _ABBR) and t[2][0].isupper() and t[2].casefold() not in _BREAKERS


def _strip_possessive(tok: str) -> str:
    return tok[:-2] if tok.endswith(_POSSESSIVE) else tok


def _mode(tokens, kind: str) -> str:
    words = [t for _, _, t, k, _ in tokens if k == _WORD and t[0].isalpha()]
    if len(words) < 3:
        return "normal"
    upper = sum(1 for w in words if w.isupper() and len(w) > 1)
    if upper / len(words) >= 0.6:
        return "allcaps"
    if kind in ("title", "headline"):
        content = [w for w in words if w.casefold() not in _MINOR]
        if content and sum(1 for w in content if w[0].isupper()) / len(content) >= 0.8:
            return "titlecase"
    return "normal"


def _names(text, tokens, mode, cap_mid, lower_seen, gaz):
    """Yield a `_Name` for each name in one zone."""
    n = len(tokens)
    cap_mid_ci = None
    if mode == "allcaps":
        cap_mid_ci = {w.casefold() for w in cap_mid}
    i = 0
    sent_start = True
    while i < n:
        s, e, tok, k, _ = tokens[i]
        if k == _WORD and tok.islower() and tok not in LEADING_PARTICLES:
            sent_start = False  # the common case: a lower-case word
            i += 1
            continue
        if k == _PUNCT:
            sent_start = tok in _SENTENCE_OPENERS or (sent_start and tok in "\"'“‘(")
            i += 1
            continue
        if k == _HANDLE:
            yield _Name(s, e, _handle_type(tok, gaz), Evidence.HANDLE, "social handle")
            sent_start = False
            i += 1
            continue
        if _currency(text, tokens[i]) and k in (_WORD, _ABBR):
            sent_start = False
            i += 1
            continue  # US$40, AU$52: a currency
        if not _name_token(tok, k, mode, cap_mid, cap_mid_ci, lower_seen, gaz) and not (
            k == _WORD and tok in LEADING_PARTICLES and not sent_start and _particle_starts_name(tokens, i)
        ) and not (
            # "3G iPhone", "the 60GB iPod": a model prefix before a name
            k == _WORD and _SPEC.fullmatch(tok) and i + 1 < n and tokens[i + 1][0] == e + 1
            and _name_token(tokens[i + 1][2], tokens[i + 1][3], mode, cap_mid, cap_mid_ci, lower_seen, gaz)
        ):
            sent_start = False
            i += 1
            continue
        # Collect a run of name tokens with connectors.
        j = i
        run = [i]
        j = i + 1
        stop_after = tok.endswith(_POSSESSIVE) and not _plural_possessive(tokens, i)
        while j < n and not stop_after:
            s2, e2, t2, k2, _ = tokens[j]
            if k2 in (_WORD, _ABBR) and _name_token(t2, k2, mode, cap_mid, cap_mid_ci, lower_seen, gaz):
                if k2 == _WORD and (_strip_possessive(t2).casefold() in DATE_WORDS or t2.casefold() in _BREAKERS):
                    if len(run) == 1 and _strip_possessive(t2).casefold() in DATE_WORDS and gaz.word_zipf(tok) >= 4.8 and tok[1:].islower():
                        run = []  # "Black Monday", "Good Friday": a named day
                    break
                if _currency(text, tokens[j]):
                    break  # "Totaling US$": a currency
                run.append(j)
                stop_after = t2.endswith(_POSSESSIVE) and not _next_is_number(tokens, j) and not _plural_possessive(tokens, j)
                j += 1
                continue
            nxt = tokens[j + 1] if j + 1 < n else None
            nxt_cap = nxt is not None and nxt[3] in (_WORD, _ABBR) and _name_token(
                nxt[2], nxt[3], mode, cap_mid, cap_mid_ci, lower_seen, gaz)
            if k2 == _WORD and t2 in PARTICLES and (nxt_cap or _particle_starts_name(tokens, j)):
                run.append(j)  # "Karin von Hippel", "Ursula von der Leyen"
                j += 1
                continue
            if k2 == _PREFIX and t2[:-1] in PARTICLES and nxt is not None and nxt[0] == e2 and nxt[2][:1].isupper():
                run.append(j)  # "Abdel Fattah al-Sisi"
                j += 1
                continue
            if k2 == _WORD and t2 == "of" and nxt_cap and nxt[2].casefold() not in NEVER_NAMES:
                run.append(j)
                j += 1
                continue
            if k2 == _PUNCT and t2 == "&" and nxt_cap:
                run.append(j)
                j += 1
                continue
            if (k2 == _WORD and t2[0].isdigit() and _model_number(t2, tokens, j)
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
    while j < len(tokens) and tokens[j][3] == _WORD and tokens[j][2] in PARTICLES and j - i < 3:
        j += 1
    return j < len(tokens) and tokens[j][3] == _WORD and tokens[j][2][:1].isupper()


# Irregular plurals take "'s", and a name built on one goes on after it: "People's Republic of
# China", "Children's Hospital", "Women's Institute". Any other "X's" is an owner ("Apple's").
_PLURAL_POSSESSORS = {"people", "children", "women", "men"}


def _plural_possessive(tokens, j) -> bool:
    return (_strip_possessive(tokens[j][2]).casefold() in _PLURAL_POSSESSORS and j + 1 < len(tokens)
            and tokens[j + 1][3] == _WORD and tokens[j + 1][2][:1].isupper())


def _next_is_number(tokens, j) -> bool:
    return j + 1 < len(tokens) and tokens[j + 1][2][0].isdigit()


def _model_number(tok: str, tokens, j) -> bool:
    if re.fullmatch(r"(1[89]|20)\d\d", tok):
        return False  # a year
    if j + 1 < len(tokens):
        nxt = tokens[j + 1][2]
        if nxt.casefold() in _UNIT_WORDS or nxt == "%":
            return False
    if re.fullmatch(r"\d+\.\d+", tok) or re.fullmatch(r"\d+\.\d+-\w+", tok):
        return False  # a price or an index level, not a version ("1.1.1")
    return bool(re.fullmatch(r"\d[\w.\-]*", tok))


def _name_token(tok: str, k: int, mode: str, cap_mid, cap_mid_ci, lower_seen, gaz) -> bool:
    if k == _ABBR:
        return True
    if k != _WORD or not _is_cap(tok):
        return False
    if mode == "normal":
        return True
    base = _strip_possessive(tok)
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
    if sent_start and toks and toks[0][3] == _WORD:
        word = _strip_possessive(toks[0][2])
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
    if rest[0][3] == _ABBR:
        return True
    if not any(t[2].casefold() in _AMBIGUOUS_TITLES for t in title_toks):
        return True  # "President Bush", "Senator McCain"
    return gaz.word_zipf(_strip_possessive(first)) < 4.3 or len(rest) >= 2


def _emit(text, tokens, toks, unconfirmed, gaz, title):
    # Trim trailing connectors and never-name words at the ends.
    while toks and (toks[-1][2] in ("of", "&") or toks[-1][2] in PARTICLES):
        toks = toks[:-1]
    while toks and toks[0][3] == _WORD and toks[0][2] != "WHO" and (toks[0][2].casefold() in NEVER_NAMES or toks[0][2].isdigit()):
        toks = toks[1:]
    dated = False
    while toks and _strip_possessive(toks[-1][2]).casefold() in DATE_WORDS and toks[-1][3] == _WORD:
        toks = toks[:-1]
        dated = True
    if dated and len(toks) == 1 and toks[0][3] == _WORD and gaz.word_zipf(toks[0][2]) >= 4.0:
        return  # "Black Monday", "Good Friday": a named day
    while toks and _strip_possessive(toks[0][2]).casefold() in DATE_WORDS and toks[0][3] == _WORD:
        toks = toks[1:]
    if len(toks) == 1 and _strip_possessive(toks[0][2]).casefold() in NEVER_NAMES and toks[0][2] != "WHO":
        return  # (the World Health Organization is the one acronym that is also a pronoun)
    if toks and " ".join(t[2].casefold() for t in toks) in _DATE_PHRASES:
        return
    if not toks:
        return
    start = toks[0][0]
    end = toks[-1][1]
    last = toks[-1][2]
    if last.endswith(_POSSESSIVE):
        end -= 2
    surface = text[start:end]
    words = [t[2] for t in toks]
    folded = surface.casefold()
    if len(toks) == 1:
        w = words[0]
        if len(_strip_possessive(w)) < 2 and toks[0][3] == _WORD:
            return
        if _strip_possessive(w).casefold() in gaz.demonyms:
            return
        if w[0].isdigit():
            return
        if "-" in w and all(p.casefold() in gaz.demonyms or p.casefold() in gaz.places
                            or p.casefold() in gaz.place_alias for p in w.split("-") if p):
            return  # Russian-American, US-Russian: an adjective
        if w.casefold() in TITLES and title is None:
            return
        if title is None and _adjective_before_noun(w, toks[0], tokens, gaz):
            return  # "Democratic presidential candidate", "Congressional lawmakers"
    elif folded in gaz.demonyms or all(t[2].casefold() in gaz.demonyms or t[2].casefold() in TITLES for t in toks):
        return  # "North Korean", "Russian President"
    # Type by evidence.
    mtype, kind, evidence = _type(toks, surface, folded, title, gaz, text, tokens)
    if unconfirmed:
        evidence += "; sentence-initial, unconfirmed"
    # A leading "the".
    if mtype != "person" and not (mtype == "place" and len(toks) == 1 and not words[0].isupper()
                                  and folded not in gaz.place_alias):
        start = _with_article(text, tokens, toks, start, end)
    yield _Name(start, end, mtype, kind, evidence, unconfirmed)


def _adjective_before_noun(word, tok, tokens, gaz) -> bool:
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
    return nxt[3] == _WORD and nxt[2][0].islower() and not _verbish(nxt[2]) and nxt[0] == tok[1] + 1


def _type(toks, surface, folded, title, gaz, text, tokens):
    words = [_strip_possessive(t[2]) for t in toks]
    last = words[-1].casefold()
    first = words[0].casefold()
    if title is not None:
        return "person", Evidence.TITLE, f"title {title!r}"
    base = folded[:-2] if folded.endswith(("'s", "’s")) else folded
    if base in gaz.place_alias or (base in gaz.places and not _acronym_in_lower_text(words, toks, tokens)):
        return "place", Evidence.GAZETTEER, "gazetteer: place"
    if len(words) == 1 and first in _PARTY_MEMBERS:
        return "organization", Evidence.PARTY_MEMBERS, "party members"
    if last in ORG_SUFFIXES or (len(words) > 1 and "&" in surface):
        return "organization", Evidence.ORGANIZATION_WORD, f"organization word {words[-1]!r}"
    if len(words) >= 2 and first in gaz.given_names and not any(w[0].isdigit() for w in words):
        return "person", Evidence.GIVEN_NAME, f"given name {words[0]!r}"
    if any(w in PARTICLES for w in words[1:-1]) and len(words) >= 2:
        return "person", Evidence.NAME_PARTICLE, "name particle"
    role = _role_before(tokens, toks[0])
    if role:
        return "person", Evidence.ROLE, f"role {role!r}"
    if len(words) == 1 and toks[0][3] == _ABBR or (len(words) == 1 and words[0].isupper() and len(words[0]) <= 6):
        return "organization", Evidence.ACRONYM, "acronym"
    return "other", Evidence.CAPITALIZED, "capitalized"


# The members of a party named for the party ("the Democrats said"): an organization, as in ACE.
_PARTY_MEMBERS = {"democrats", "republicans", "conservatives", "tories", "liberals", "socialists", "communists",
                  "greens", "libertarians", "nationalists", "unionists"}


def _acronym_in_lower_text(words, toks, tokens) -> bool:
    """ "the GAO" in running text is an acronym even though Gao is a city in Mali; a place written
    in capitals is known by its abbreviation (US, UAE), and those are in the alias list."""
    if len(words) != 1 or not words[0].isupper() or len(words[0]) > 5:
        return False
    idx = toks[0][4]
    near = [tokens[i][2] for i in (idx - 1, idx + 1) if 0 <= i < len(tokens) and tokens[i][3] == _WORD]
    return not any(w.isupper() and len(w) > 1 for w in near)  # not an ALL-CAPS headline


def _role_before(tokens, first_tok) -> str | None:
    """A lower-case title or role just before the name: "opposition leader Alexey Navalny"."""
    idx = first_tok[4]
    if idx < 1:
        return None
    s, e, t, k, _ = tokens[idx - 1]
    if k == _WORD and t[0].islower() and (t in CORE_TITLES or t in ("chief", "head")):
        return t
    return None


def _with_article(text, tokens, toks, start, end) -> int:
    idx = toks[0][4]
    if idx == 0:
        return start
    ps, pe, pt, pk, _ = tokens[idx - 1]
    if pk != _WORD or pt not in ("the", "The") or text[pe:start] != " ":
        return start
    last_idx = toks[-1][4]
    if toks[-1][2].endswith(_POSSESSIVE):
        return start  # "the US's": not an article of the name
    if last_idx + 1 < len(tokens):
        ns, ne, nt, nk, _ = tokens[last_idx + 1]
        if ns == end and nt in ("-", "–"):
            return start  # "the Craiova-based maker": the name is part of an adjective
        if nk == _WORD and nt[0].islower() and not _verbish(nt):
            return start  # "the US economy": the name modifies a noun
        if nk in (_WORD, _ABBR) and nt[0].isupper() and nt.casefold() not in load().given_names:
            return start  # "the US Treasury": more names follow (not "the Air Force James Roche")
    return ps


def _verbish(word: str) -> bool:
    """A word that follows the head of a noun phrase: a verb, adverb or function word."""
    if word in _AFTER_HEAD:
        return True
    if word.endswith(("ed", "ly", "ing")) or (word.endswith("s") and not word.endswith(("ss", "us", "is"))):
        return True
    return False


def _handle_type(tok: str, gaz) -> str:
    parts = re.findall(r"[A-Z][a-z]+", tok[1:])
    if parts and parts[0].casefold() in gaz.given_names:
        return "person"
    return "other"
