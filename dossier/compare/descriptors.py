"""Descriptors: how each article describes a shared entity ("Russian opposition leader Alexey
Navalny", "Navalny, Putin's most visible opponent,", "Jobs, who is the chief executive of…"),
with the nationality and the office a descriptor states, when it states one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import re
from dataclasses import dataclass
from functools import lru_cache

from ..recognize import gazetteer
from ..model import Article, Entity, Mention
from .reading import Span, sentences
from .words import WORD, fold, stopwords


@dataclass(frozen=True)
class Descriptor:
    entity: str
    article: str
    paragraph: int
    start: int
    end: int
    text: str
    form: str  # premodifier ("Russian opposition leader X") | apposition ("X, Putin's opponent,") | relative ("X, who is …")
    nationality: str | None  # country name, when the descriptor states one
    office: str | None  # the office held, when it names one (president, prime minister…)
    age: int | None = None  # "Navalny, 44,", "the 44-year-old"
    count: tuple[str, str] | None = None  # a number for a quantity: ("children", "3") of "a father of three"



ROLE_WORDS = {
    "leader", "opponent", "president", "president-elect", "minister", "chancellor", "spokesman", "spokeswoman",
    "spokesperson", "secretary", "senator", "governor", "mayor", "chairman", "chairwoman", "chair", "ceo",
    "director", "director-general", "adviser", "advisor", "candidate", "activist", "journalist", "critic",
    "dissident", "official", "ambassador", "general", "commander", "king", "queen", "prince", "princess",
    "premier", "founder", "co-founder", "executive", "analyst", "lawyer", "attorney", "judge", "economist",
    "chief", "head", "rival", "ally", "envoy", "monarch", "dictator", "politician", "lawmaker", "deputy",
    "representative", "congressman", "congresswoman", "mate", "counsel", "prosecutor", "officer", "emperor",
    "pope", "cardinal", "bishop", "owner", "investor", "billionaire", "businessman", "businesswoman",
    "tycoon", "oligarch", "banker", "manager", "vice-president", "president-designate", "nominee",
    "challenger", "incumbent", "successor", "predecessor", "member", "campaigner", "blogger", "writer",
    "author", "reporter", "editor", "professor", "scientist", "expert", "founder", "boss", "speaker",
    "mother", "father", "parent", "grandmother", "grandfather", "widow", "widower",
}
OFFICES = {
    "president": "president", "president-elect": "president", "vice-president": "vice president",
    "prime minister": "prime minister", "premier": "prime minister", "chancellor": "chancellor",
    "king": "monarch", "queen": "monarch", "monarch": "monarch", "emperor": "monarch", "governor": "governor",
    "mayor": "mayor", "senator": "senator", "ambassador": "ambassador", "pope": "pope", "ceo": "chief executive",
    "chief executive": "chief executive", "chairman": "chair", "chairwoman": "chair", "spokesman": "spokesperson",
    "spokeswoman": "spokesperson", "spokesperson": "spokesperson", "foreign minister": "foreign minister",
}
_STOP_LEFT = {
    "the", "a", "an", "and", "or", "of", "to", "by", "for", "with", "from", "in", "on", "at", "as", "that",
    "this", "these", "those", "has", "have", "had", "is", "was", "were", "are", "be", "been", "who", "which",
    "said", "says", "told", "but", "while", "after", "before", "than", "then", "also", "not", "his", "her",
    "their", "its", "our", "including", "like", "about", "between", "against", "into", "over", "under",
}
_TITLE_QUALIFIERS = {"former", "then", "ex", "late", "acting", "outgoing", "incoming", "interim", "deputy", "vice",
                     "assistant", "senior", "top", "chief", "designated", "newly", "elected", "embattled", "longtime"}
# Verbs that take a person as their object: "persuade U.S. President", "discuss then-deputy
# mayor", "fire chief prosecutor" end the title run.
_VERBS_BEFORE_NAMES = {
    "ask", "asks", "give", "gives", "meet", "meets", "persuade", "include", "includes", "discuss", "show", "shows",
    "hurt", "fire", "fires", "tell", "tells", "call", "calls", "thank", "thanks", "urge", "urges", "invite", "join",
    "visit", "visits", "replace", "name", "names", "nominate", "appoint", "hire", "welcome", "host", "hosts", "praise",
    "criticize", "criticise", "attack", "support", "supports", "back", "backs", "defeat", "beat", "elect", "help",
    "let", "see", "sees", "say", "says", "see", "told", "met", "named", "called", "asked", "gave", "whether", "since",
    "both", "today", "decision", "deal", "against", "despite", "tariffs", "among", "via", "per", "amid",
}
_APPOSITION = re.compile(r"\A,\s+(?P<d>(?:the|a|an|[A-Z][\w\-]*[’']s)\s[^,;:()“”\"]{2,90}?)\s*,")
_RELATIVE = re.compile(r"\A,\s+who\s+(?:is|was|has\s+been)\s+(?:also\s+|now\s+)?(?P<d>(?:the|a|an)\s[^,;:()“”\"]{2,110}?)\s*[,.]")
_PRE_APPOSITION = re.compile(r"(?:\A|,\s|;\s)(?P<d>(?:the|a|an|The|A|An)\s[^,;:()“”\"]{2,90}?),\s+\Z")
_TOKENS_LEFT = re.compile(r"[\w’'.\-]+|[^\w\s]")
# "Navalny, 44, …" and "(44)"; "the 44-year-old Navalny"
_AGE_AFTER = re.compile(r"\A(?:,\s+|\s+\()(?P<age>\d{1,3})(?:,|\))")
_AGE_BEFORE = re.compile(r"(?P<age>\d{1,3})-year-old\s+(?:(?!(?:from|of|in|and|with|who|at|for)\b)[A-Za-z][\w\-]*\s+){0,3}\Z")


def descriptors_of(entity: Entity, by_id: dict[str, Article], mentions_in: dict[str, list[Mention]],
                   sentences_of: dict[str, tuple[Span, ...]]) -> list[Descriptor]:
    """How the articles describe one entity: the titles before its mentions, the appositions
    around them and the relative clauses after them that name a role.

    `mentions_in`: every entity's mentions, by article (another entity's name ends a title);
    `sentences_of`: each article's sentences (`reading.sentences`).
    """
    out: list[Descriptor] = []
    seen: set[tuple[str, int, int]] = set()
    own = {(m.start, m.end) for m in entity.mentions}
    names: dict[str, _Names] = {}
    for m in entity.mentions:
        article = by_id.get(m.article)
        if article is None:
            continue
        para = article.paragraph_at(m.start)
        if para is None or para.kind == "boilerplate":
            continue
        text = article.text
        s_start, s_end = _sentence_of(article, m.start, sentences_of.get(m.article))
        # A descriptor stands next to its name: only this much of a (possibly huge) sentence is
        # read on each side, so the work per mention is bounded whatever the sentence.
        s_start, s_end = max(s_start, m.start - WINDOW), min(s_end, m.end + WINDOW)
        index = names.get(m.article)
        if index is None:
            index = names[m.article] = _Names(mentions_in.get(m.article, ()))
        found: list[tuple[int, int, str]] = []
        def others(m=m, index=index, s_start=s_start):  # read only when a role word stands right before the name
            return [span for span in index.between(s_start, m.start) if span[1] <= m.start and span not in own]

        pre = _premodifier(text, s_start, m.start, others, para.kind == "headline")
        if pre:
            found.append((pre[0], pre[1], "premodifier"))
        right = text[m.end : s_end]
        for pattern, form in ((_APPOSITION, "apposition"), (_RELATIVE, "relative")):
            hit = pattern.match(right)
            if hit and len(hit.group("d").split()) <= 14:
                # "Trump, the mayor of Washington, Muriel Bowser": a descriptor between two names is
                # the second one's title as much as the first one's apposition: nobody's
                if form == "apposition" and _name_at(index, text, m.end + hit.end(), own):
                    break
                found.append((m.end + hit.start("d"), m.end + hit.end("d"), form))
                break
        age = _AGE_AFTER.match(right) or _AGE_BEFORE.search(text[s_start : m.start])
        if age:
            found.append((m.end + age.start("age") if age.re is _AGE_AFTER else s_start + age.start("age"),
                          m.end + age.end("age") if age.re is _AGE_AFTER else s_start + age.end("age"), "age"))
        left = text[s_start : m.start]
        hit = _PRE_APPOSITION.search(left)
        if (hit and len(hit.group("d").split()) <= 14 and text[m.end : m.end + 1] in (",", "")
                and not _name_before(index, text, s_start + hit.start("d"), own)):
            found.append((s_start + hit.start("d"), s_start + hit.end("d"), "apposition"))
        for start, end, form in found:
            if (m.article, start, end) in seen:
                continue
            seen.add((m.article, start, end))
            phrase = text[start:end]
            if form == "age":
                out.append(Descriptor(entity.id, m.article, para.number, start, end, phrase, "apposition" if start >= m.end else "premodifier",
                                      None, None, age=_age(phrase)))
                continue
            if not _describes_role(phrase, form):
                continue
            out.append(Descriptor(entity.id, m.article, para.number, start, end, phrase, form, _nationality(phrase, form), _office(phrase),
                                  count=_count(phrase)))
    return out


WINDOW = 300  # characters on each side of a name where its descriptors are looked for


class _Names:
    """The names of one article, looked up by where they start or end (not scanned: an article
    may name one entity thousands of times)."""

    def __init__(self, mentions):
        self.spans = sorted((o.start, o.end) for o in mentions)
        self.starts = [a for a, _ in self.spans]
        self.by_start: dict[int, list[tuple[int, int]]] = {}
        self.by_end: dict[int, list[tuple[int, int]]] = {}
        for span in self.spans:
            self.by_start.setdefault(span[0], []).append(span)
            self.by_end.setdefault(span[1], []).append(span)

    def between(self, lo: int, hi: int) -> list[tuple[int, int]]:
        return self.spans[bisect_left(self.starts, lo): bisect_left(self.starts, hi)]


def _name_at(names: _Names, text: str, offset: int, own: set[tuple[int, int]]) -> bool:
    """Another entity's name starts right after `offset` (past spaces)."""
    while offset < len(text) and text[offset] == " ":
        offset += 1
    return any(span not in own for span in names.by_start.get(offset, ()))


def _name_before(names: _Names, text: str, offset: int, own: set[tuple[int, int]]) -> bool:
    """Another entity's name ends right before `offset` (past a comma and spaces)."""
    end = offset
    while end > 0 and text[end - 1] in " ,":
        end -= 1
    return end < offset and any(span not in own for span in names.by_end.get(end, ()))


def _sentence_of(article: Article, offset: int, spans: tuple[Span, ...] | None = None) -> tuple[int, int]:
    # The sentences are in text order: a binary search, not a scan (one call per mention).
    spans = spans if spans is not None else tuple(sentences(article))
    index = bisect_right(spans, offset, key=lambda s: s.start) - 1
    if index >= 0 and spans[index].start <= offset < spans[index].end:
        return spans[index].start, spans[index].end
    para = article.paragraph_at(offset)
    return (para.start, para.end) if para else (0, len(article.text))


def _premodifier(text: str, s_start: int, m_start: int, other_names, headline: bool = False) -> tuple[int, int] | None:
    """"Russian opposition leader" before "Alexey Navalny": the title run next to the name.

    The run ends at a function word, a verb form, punctuation, or another entity's name (in a
    headline every word is capitalised, so capitals alone do not tell a title from a name).
    `other_names`: the spans of the other names before this one, or a function that gives them.
    """
    toks = list(_TOKENS_LEFT.finditer(text, s_start, m_start))
    if not toks or text[toks[-1].end() : m_start].strip():
        return None
    last = toks[-1].group()
    last_fold = fold(last).rstrip(".")
    if not (last_fold in ROLE_WORDS or last_fold.split("-")[-1] in ROLE_WORDS or _possessive(last) or _country(last)):
        return None
    others: list[tuple[int, int]] = other_names() if callable(other_names) else other_names
    first = len(toks)
    for k in range(len(toks) - 1, -1, -1):
        tok = toks[k].group()
        low = fold(tok)
        if not tok[0].isalnum() or low in _STOP_LEFT:
            break
        # "When Apple CEO Steve Jobs": common words end the title, but not "US" or a role.
        if low in stopwords() and not tok.isupper() and not _country(tok) and low not in ROLE_WORDS:
            break
        if headline and tok[0].isupper() and not (low.rstrip(".") in ROLE_WORDS or low.split("-")[-1] in ROLE_WORDS or _possessive(tok) or _country(tok)):
            break  # headline capitals do not mark names
        if any(s < toks[k].end() and toks[k].start() < e for s, e in others) and not _country(tok):
            break
        if not tok[0].isupper() and low.endswith("ed"):
            break
        # "running mate", "outgoing president"; but "meeting President Xi" is a verb.
        if not tok[0].isupper() and low.endswith("ing") and (k + 1 == len(toks) or toks[k + 1].group()[0].isupper()):
            break
        # A capitalised title ("President", "Queen", "Former Director") takes no lowercase word
        # before it but a qualifier: "ask President", "whether President", "meet Queen" are the
        # sentence's words, not the title.
        if (not tok[0].isupper() and k + 1 < len(toks) and toks[k + 1].group()[0].isupper()
                and low not in _TITLE_QUALIFIERS and not low.startswith(("then-", "ex-")) and not _country(tok)):
            break
        if not tok[0].isupper() and low in _VERBS_BEFORE_NAMES:
            break
        first = k
    if first == len(toks):
        return None
    return toks[first].start(), toks[-1].end()


def _possessive(word: str) -> bool:
    return word[:1].isupper() and word.endswith(("’s", "'s"))


def _describes_role(phrase: str, form: str) -> bool:
    words = [fold(w) for w in WORD.findall(phrase)]
    if form == "premodifier":
        return True  # it ends in a role word, a possessive or a country by construction
    return any(w in ROLE_WORDS or w.split("-")[-1] in ROLE_WORDS for w in words) or _possessive(phrase.split()[0])


_DEMONYMS = {
    # demonym → country, for the nationalities news copy uses most; GeoNames gives the countries' names.
    "american": "United States", "us": "United States", "u.s": "United States", "usa": "United States",
    "russian": "Russia", "soviet": "Soviet Union", "serbian": "Serbia", "serb": "Serbia", "chinese": "China",
    "indian": "India", "mexican": "Mexico", "german": "Germany", "french": "France", "british": "United Kingdom",
    "uk": "United Kingdom", "u.k": "United Kingdom", "english": "United Kingdom", "israeli": "Israel",
    "saudi": "Saudi Arabia", "ukrainian": "Ukraine", "belarusian": "Belarus", "polish": "Poland",
    "italian": "Italy", "spanish": "Spain", "japanese": "Japan", "korean": "Korea", "iranian": "Iran",
    "turkish": "Turkey", "syrian": "Syria", "canadian": "Canada", "australian": "Australia",
    "brazilian": "Brazil", "dutch": "Netherlands", "swedish": "Sweden", "norwegian": "Norway",
    "danish": "Denmark", "finnish": "Finland", "greek": "Greece", "irish": "Ireland", "austrian": "Austria",
    "swiss": "Switzerland", "belgian": "Belgium", "czech": "Czechia", "hungarian": "Hungary",
    "romanian": "Romania", "bulgarian": "Bulgaria", "croatian": "Croatia", "georgian": "Georgia",
    "armenian": "Armenia", "azerbaijani": "Azerbaijan", "kazakh": "Kazakhstan", "pakistani": "Pakistan",
    "afghan": "Afghanistan", "iraqi": "Iraq", "egyptian": "Egypt", "nigerian": "Nigeria",
    "south african": "South Africa", "argentine": "Argentina", "venezuelan": "Venezuela",
    "cuban": "Cuba", "north korean": "North Korea", "south korean": "South Korea", "taiwanese": "Taiwan",
    "vietnamese": "Vietnam", "thai": "Thailand", "indonesian": "Indonesia", "filipino": "Philippines",
    "portuguese": "Portugal", "estonian": "Estonia", "latvian": "Latvia", "lithuanian": "Lithuania",
    "emirati": "United Arab Emirates", "qatari": "Qatar", "lebanese": "Lebanon", "jordanian": "Jordan",
    "palestinian": "Palestine", "scottish": "United Kingdom", "welsh": "United Kingdom",
}


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    names = {fold(name): name for name in gazetteer.country_names()}
    for country in set(_DEMONYMS.values()):
        names[fold(country)] = country
    names.update({k: v for k, v in _DEMONYMS.items()})
    return names


def _country(word: str) -> str | None:
    w = fold(word.replace("’s", "").replace("'s", "")).rstrip(".")
    return _countries().get(w)


# Roles that relate the person to a country rather than saying where the person is from:
# "America's closest ally", "Russia's fiercest critic", "Iran's enemy".
RELATIONAL_ROLES = {"ally", "allies", "rival", "rivals", "enemy", "enemies", "critic", "critics", "opponent", "friend",
                    "partner", "envoy", "foe", "adversary", "nemesis", "target", "hostage", "prisoner", "victim"}


def _nationality(phrase: str, form: str) -> str | None:
    words = WORD.findall(phrase)
    head = head_words(phrase)
    if head and head[-1] in RELATIONAL_ROLES:
        return None  # "America's ally": America is whom the person relates to, not where the person is from
    i = 0
    while i < len(words) and words[i].lower() in ("the", "a", "an", "former", "then"):
        i += 1
    countries = _countries()
    for size in (3, 2, 1):
        cand = " ".join(words[i : i + size])
        c = countries.get(fold(cand.replace("’s", "").replace("'s", "")).rstrip("."))
        if c and (size > 1 or words[i : i + 1] and words[i][0].isupper()):
            return c
    of = re.search(r"\bof\s+(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})", phrase)
    if of and _office(phrase[: of.start()]) is None and not (head and head[-1] in ("leader", "head", "chief", "citizen", "national")):
        of = None  # "a critic of Russia": only an office or a leader "of" a country is that country's
    if of:
        for size in (3, 2, 1):
            cand = " ".join(of.group(1).split()[:size])
            c = countries.get(fold(cand).rstrip("."))
            if c:
                return c
    return None


# The head of a descriptor ends where its complement starts: "the mayor | of Washington", "a vocal
# critic | of the president", "the director-general | of the Institute". An office is read only
# from the head: the president a critic criticises is not the critic's office.
_COMPLEMENT = {"of", "for", "at", "in", "to", "with", "who", "that", "which", "from", "on", "since", "under", "over", "against", "about"}


def head_words(phrase: str) -> list[str]:
    """The folded words of a descriptor up to its complement."""
    words = [fold(w).rstrip(".") for w in WORD.findall(phrase)]
    for k, w in enumerate(words):
        if w in _COMPLEMENT and k > 0:
            return words[:k]
    return words


def _office(phrase: str) -> str | None:
    """The office the descriptor's head names: its last role word, when that is an office
    ("former Trump campaign chairman": chair; "a vocal critic of the president": none, the head
    is "critic"; "whether the mayor should dismiss the city counsel": none, the head is "counsel")."""
    words = head_words(phrase)
    for k in range(len(words) - 1, -1, -1):
        word = words[k]
        if not (word in ROLE_WORDS or word in OFFICES or word.split("-")[-1] in ROLE_WORDS or word == "officer"):
            continue
        if word == "officer" and k >= 2 and " ".join(words[k - 2 : k]) == "chief executive":
            k -= 2  # "chief executive officer"
        two = " ".join(words[k - 1 : k + 1]) if k > 0 else ""
        if two in OFFICES:
            office, k = OFFICES[two], k - 1
        elif words[k] in OFFICES:
            office = OFFICES[words[k]]
        else:
            two = " ".join(words[k : k + 2])
            if two not in OFFICES:
                return None  # the head is a role that is no office: leader, critic, counsel…
            office = OFFICES[two]
        qualifiers = [w for w in words[:k] if w in ("former", "ex", "vice", "deputy", "acting", "then", "late", "incoming")]
        qualifiers += ["former"] if words[k].startswith("ex-") else []
        suffix = "-elect" if words[k].endswith("-elect") or words[min(k + 1, len(words) - 1)].endswith("-elect") else ""
        return " ".join(qualifiers + [office + suffix])
    return None


def _age(phrase: str) -> int | None:
    m = re.search(r"\d{1,3}", phrase)
    return int(m.group()) if m else None


_NUMBER_WORDS = {"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
                 "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "a dozen": "12"}
# "a father of three", "the 1,200-strong caravan", "a 66-page complaint"
_COUNT_OF = re.compile(r"\b(?P<noun>mother|father|parent|grandmother|grandfather)\s+of\s+(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", re.IGNORECASE)
_COUNT_UNIT = re.compile(r"\b(?P<n>\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)-(?P<noun>strong|member|page|seat|person|man|woman|story|bed|room)\b", re.IGNORECASE)


def _count(phrase: str) -> tuple[str, str] | None:
    """A number the descriptor gives for a quantity, with what it counts: ("children", "3")."""
    m = _COUNT_OF.search(phrase)
    if m:
        n = m.group("n").lower()
        return ("children", _NUMBER_WORDS.get(n, n))
    m = _COUNT_UNIT.search(phrase)
    if m:
        n = m.group("n").lower().replace(",", "")
        return (m.group("noun").lower(), _NUMBER_WORDS.get(n, n))
    return None
