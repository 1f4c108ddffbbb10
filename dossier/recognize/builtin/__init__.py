"""The built-in recognizer: the names in one article, found by rules and word lists.

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
* In a Title-Cased or ALL-CAPS headline or subheading (a short body paragraph without a full
  stop, questions included) every word needs such evidence; its verbs and function words
  ("Does", "Indicting") never are names.
* Titles and roles are not part of a name: "Russian President Vladimir Putin" gives the person
  "Vladimir Putin"; "Apple Computer CEO Steve Jobs" gives "Apple Computer" and "Steve Jobs".
* Names hold particles ("Karin von Hippel", "Mohammed bin Salman"), initials ("George W. Bush"),
  "of" between capitalized words ("Bank of America"), "&" ("AT&T", "Standard & Poor's"),
  hyphens, apostrophes ("O'Leary"), a common noun's plural and its apostrophe before an
  organization's head word ("Workers' Party"), "For" written with a capital ("Parents For Safer
  Streets"),
  a generational suffix after a comma ("Donald Trump, Jr.", which alone is never a name) and a
  model number after a name ("Boeing 787", "iPhone 4"). A possessive "'s" ends the name.
* A leading "the" belongs to the mention of an organization, place or thing used as a noun
  ("the United States", "the Federal Reserve"), as in ACE/MEANTIME annotation; it does not when
  the name modifies a following noun ("the US economy") or names a person.
* Social handles ("@JoeBiden") are mentions of their own.
* Newspaper conventions: a dateline and an agency tag ("WASHINGTON (Reuters) —"), a byline ("By
  Jane Doe, Associated Press") and a wire story's credits ("(Reporting by ...)") are not read;
  "of" + a place or organization after a person is an affiliation, two mentions ("Shinzo Abe of
  Japan"); a party-state tag ("(D-Calif.)", ", R-Ky.,") is no name; a role or headline word before
  a name stays out of it ("Actress Lindsay Lohan", "1B Mark Teixeira", "Following Trump's visit");
  a month word after a given name, honorific or title is a surname ("Theresa May", "Mrs. May"),
  and mid-sentence outside date context it is kept unconfirmed, for the resolver to check.
* Never names: contractions ("I'm", "We're"), capitals of emphasis in running text ("NO
  COLLUSION") and common words in Title Case inside a quotation that the article also writes in
  lower case ("we will cut all Property Taxes"). Organization names hold "and", "for" and "on" ("Immigration and Customs
  Enforcement", "Institute for Fiscal Studies"); hyphenated syllables continue
  a name ("Kim Jong-un", "Mar-a-Lago"), English compounds do not ("Washington-based").
* A model number named after a maker in the article ("Boeing 787") is a name when it stands alone
  ("the 787", "787s"); "the 787" elsewhere is kept as unconfirmed, for the resolver to check.
* Not names: dates, days, seasons and holidays ("Black Monday"), currencies ("US$40"), units and
  common abbreviations (GHz, GDP), demonyms alone ("Russian", "North Korean"), a people named
  after any known place ("Londoners", "New Yorkers", "Central Americans"), capitalized adjectives
  before a noun ("Democratic candidate"), runs of more than 12 capitalized words.
* A run that holds two names is split: "Apple Computer CEO Steve Jobs" (at the title), "Air Force
  James Roche" (an organization word, then a given name), "United States Barack Obama" (a place,
  then a given name), "Air France Flight 447" (the airline; the flight is an event).

Types come from evidence: a title or role before the name (person), a given name (person), an
organization word at its end ("Institute", "Inc."), an acronym (organization), a gazetteer of
countries, states, cities and regions (place), else "other".

The jobs, one module each: `tokens` (words of a zone, capitals as evidence), `spans` (runs of
capitalized words cut into names), `inner` (words inside a name that would otherwise end it),
`types` (type and evidence of a name), `numbers` (model numbers). This module runs them over an article's zones and registers the backend "builtin".
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...model import Article, Evidence, Mention
from ..gazetteer import TITLES, load
from ..registry import Backend, register
from ..zones import non_overlapping, zones
from .numbers import bare_models, model_numbers
from .spans import find_names
from .tokens import capitalization_evidence, tokenize, zone_mode


def recognize(article: Article) -> list[Mention]:
    """Names in the article's headline, body and title, sorted by start, non-overlapping."""
    text = article.text
    gaz = load()
    read = zones(article)
    if not read:
        return []
    tokenized = [(kind, tokenize(text, dateline_end(text, s, e), credits_start(text, s, e))) for s, e, kind in read]
    modes = [zone_mode(tokens, kind) for kind, tokens in tokenized]
    cap_mid, lower_seen = capitalization_evidence(text, tokenized, modes)
    models = model_numbers(tokenized)
    mentions: list[Mention] = []
    for (kind, tokens), mode in zip(tokenized, modes):
        for start, end, mtype, kind, evidence, unconfirmed in find_names(text, tokens, mode, cap_mid, lower_seen, gaz):
            if mode == "allcaps" and kind == Evidence.ACRONYM and not unconfirmed:
                # every word looks like an acronym
                mtype, kind, evidence = "other", Evidence.CAPITALIZED, "capitalized (all-caps text)"
            mentions.append(Mention(article.id, start, end, text[start:end], mtype, evidence, kind, unconfirmed))
        for start, end, evidence, unconfirmed in bare_models(text, tokens, models):
            mentions.append(Mention(article.id, start, end, text[start:end], "other", evidence,
                                    Evidence.MODEL_NUMBER, unconfirmed))
    mentions.sort(key=lambda m: (m.start, m.end))
    return non_overlapping(_join_generations(text, _join_listed_expansions(text, mentions)))


_MONTH_DAY = r"(?:,?\s(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2})?"
_AGENCY = r"\s?\([A-Z][\w.&'’ -]{0,30}\)"
_STATE = r"(?:,\s[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2})?"
_DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Z'’.-]+(?:\s[A-Z][A-Z'’.-]+)*" + _STATE + _MONTH_DAY + f"(?:{_AGENCY})?"
    r"|[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}" + _STATE + _MONTH_DAY + _AGENCY + r")\s*[—–-]{1,2}\s")


_NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
_BYLINE = re.compile(rf"\s*By\s+{_NAME}(?:(?:,\s*|\s+and\s+){_NAME})*(?:\s*[,|—–-]\s*[A-Z][\w .&'’-]{{0,40}})?\s*")
_CREDITS = re.compile(r"\s*\((?:Additional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled) by [^()]*\)\s*$")


def credits_start(text: str, start: int, end: int) -> int:
    """Where a paragraph's text ends before the names of its writers: a byline paragraph ("By
    Jane Doe and John Roe, Associated Press") is not read at all, nor a wire story's credits at
    the end of a paragraph ("(Reporting by Jane Doe; Editing by John Roe)"): they name who wrote
    the story, not who is in it."""
    if _BYLINE.fullmatch(text, start, end):
        return start
    m = _CREDITS.search(text, start, end)
    return m.start() if m else end


def dateline_end(text: str, start: int, end: int) -> int:
    """Where a paragraph's text starts after its dateline: "WASHINGTON —", "WEST PALM BEACH, Fla.
    —", "TEL AVIV (Reuters) -", "Washington (AFP) –", "SEOUL, South Korea —". A dateline says where
    the story was filed and an agency tag who filed it: neither is a name of the story."""
    m = _DATELINE.match(text, start, end)
    return m.end() if m else start


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


# "Donald Trump, Jr.", "Paul Manafort, Jr.", "Thomas Smith, III": the older style sets a
# person's generational suffix off with a comma. The suffix belongs to the name (without it, the
# son would be linked to the father), and alone it is never a name.
_GENERATION = re.compile(r",? (?:Jr|Sr)\.?(?![\w-])|, (?:II|III|IV)(?![\w-])")
_GENERATION_ALONE = re.compile(r"(?:Jr|Sr)\.?|II|III|IV")
_TITLE_AFTER = re.compile(r"\s+([A-Z][a-z]+)")


def _join_generations(text: str, mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    suffix_end = -1
    for m in mentions:
        if m.start < suffix_end or _GENERATION_ALONE.fullmatch(m.text):
            continue  # the suffix, taken into the name before it, or a suffix alone
        found = _GENERATION.match(text, m.end) if m.type in ("person", "other") and not m.text.isupper() else None
        title = _TITLE_AFTER.match(text, found.end()) if found and "Sr" in found.group() else None
        if title and title.group(1).casefold() in TITLES:
            found = None  # "Jane Doe, Sr. Vice President": "Sr." is her title's "Senior"
        if found:
            suffix_end = found.end()
            m = replace(m, end=suffix_end, text=text[m.start:suffix_end])
        out.append(m)
    return out


def _recognizer(config):
    # Looked up when the build starts, so that a test can watch the calls.
    return recognize


register(Backend(
    name="builtin",
    recognizer=_recognizer,
    stage="recognize",
    code=("dossier.recognize.builtin",),
))
