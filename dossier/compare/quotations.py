"""Direct quotations: where they stand and who is quoted.

Extraction reads only headline and body paragraphs. A quotation is the text between double
quotation marks (straight or curly); news style leaves a quotation open at the end of a
paragraph when the next paragraph continues it with a fresh opening mark, so such quotations
run across paragraphs. Single quotation marks are not read: in news copy they are mostly
apostrophes, headline quotes or quotes nested inside a double-quoted one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from ..model import Article, Entity
from .words import WORD

MIN_QUOTE_WORDS = 4  # shorter quoted text is a scare quote or a title, not a statement

SPEECH_VERBS = (
    "said|says|say|tweeted|tweets|wrote|writes|added|adds|stated|states|told|tells|announced|announces|"
    "declared|explained|noted|insisted|claimed|warned|asked|replied|promised|commented|emphasized|"
    "emphasised|stressed|continued|concluded|argued|acknowledged|admitted|suggested|vowed|urged|"
    "posted|expressed|described|called|responded|confirmed|reiterated|recalled|predicted|remarked|"
    "lamented|quipped|joked|complained|conceded|boasted|cautioned|pledged|hoped|"
    "claims|notes|explains|insists|warns|argues|continues|recalls|enthused|remembered|reported|reports|"
    "wrote|answered|replied|observed|stressed|maintained|countered|announced|testified|"
    # participles: "Zinke echoed Trump's comment in his own tweet, saying …" (the subject speaks)
    "saying|adding|writing|tweeting|telling|noting|arguing|calling|describing|warning|insisting|explaining|"
    "claiming|declaring|stating|asking|urging|posting|promising|stressing|predicting|vowing|responding|"
    "acknowledging|suggesting|announcing|insisting|recalling|complaining|"
    # verbs that report words as someone's: "Okafor dismissed it in a statement as …"
    "dismissed|dismisses|accused|accuses|denied|denies|praised|criticized|criticised|blasted|slammed|dubbed|"
    "labeled|labelled|branded|characterized|echoed|mocked|attacked|hailed|welcomed|condemned|decried|"
    "rejected|defended|pleaded|demanded|pledged|vowed|assured|conceded|threatened|alleged|alleges|alleging|accusing"
)
_VERB_RE = re.compile(rf"\b(?P<verb>{SPEECH_VERBS})\b")
_NAME = r"(?:[A-Z][\w’'.\-]*(?:\s+(?:von|van|de|der|da|bin|al|[A-Z][\w’'.\-]*))*)"
_SPEAKER = rf"(?:[Tt]he\s+(?:{_NAME}|[a-z][\w\-]*(?:\s+(?![a-z]+ed\b)[a-z][\w\-]*)?)|{_NAME}|[Hh]e|[Ss]he|[Tt]hey)"
# `, Navalny tweeted`  ·  `, said Biden`  ·  `, according to the Kremlin`
_AFTER = re.compile(
    rf"\A[\s,.!?\"”“]*(?:(?P<s1>{_SPEAKER})\s+(?:also\s+|then\s+|later\s+)?(?P<v1>{SPEECH_VERBS})\b"
    rf"|(?P<v2>{SPEECH_VERBS})\s+(?P<s2>(?:[A-Z][\w.\-]*\s+)?(?:[a-z][\w\-]*\s+){{0,3}}{_NAME}|{_SPEAKER})"
    rf"|(?P<v3>according\s+to)\s+(?P<s3>{_SPEAKER}))"
)
_BEFORE_VERB = re.compile(
    rf"(?P<speaker>{_SPEAKER})\s+(?:(?:also|then|later|again|had|has|have|was|is|quickly|publicly|once|previously|earlier)\s+)*\Z"
)
_ACCORDING_BEFORE = re.compile(rf"\b(?P<verb>[Aa]ccording\s+to)\s+(?P<speaker>{_SPEAKER})\s*,")
_SUBJECT = re.compile(rf"\A\s*(?:(?:In|On|At|After|Before|Later|Earlier|Then|Also|But|And|However|Meanwhile)\b[^,]*,\s*)?(?P<speaker>{_SPEAKER})")
_PRONOUNS = {"he", "she", "they"}
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|for|by|with|to|from|about|at|on|in|against|toward|towards|than|like|and|or)\s+\Z", re.IGNORECASE)
_NOT_SPEAKERS = {"The", "This", "That", "It", "In", "On", "A", "An", "But", "And", "There", "These", "Those"}
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class Quote:
    id: str  # "<article>#q<n>", n counted in reading order
    article: str
    parts: tuple[tuple[int, int], ...]  # spans inside the quotation marks, in reading order
    text: str  # the parts joined by a space
    paragraphs: tuple[int, ...]
    speaker: str | None = None  # as written ("Navalny", "the Kremlin", "He")
    speaker_span: tuple[int, int] | None = None
    speaker_entity: str | None = None  # Entity.id when the speaker is a known entity
    verb: str | None = None  # "tweeted", "said", "according to"…
    unterminated: bool = False  # the closing mark is missing: the quote ends where its paragraph does

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def extract(article: Article, entities: list[Entity] | None = None, spans: list[tuple[int, int, str]] | None = None) -> list[Quote]:
    """Every direct quotation in the article's headline and body, with speaker where given.

    Speakers are matched to `entities`' mentions; a caller with many articles passes `spans`
    instead, this article's (start, end, entity id) mentions, so that no article scans them all.
    """
    if spans is None:
        spans = [(m.start, m.end, e.id) for e in entities or [] for m in e.mentions if m.article == article.id]
    text = article.text
    quotes: list[Quote] = []
    for marked in _marked_stretches(article):
        parts = [_strip_span(text, s, e) for s, e in marked.parts]
        parts = [(s, e) for s, e in parts if s < e]
        if not parts:
            continue
        body = " ".join(text[s:e] for s, e in parts)
        if len(WORD.findall(body)) < MIN_QUOTE_WORDS:
            continue
        quotes.append(_attribute(article, parts, tuple(dict.fromkeys(marked.paragraphs)), marked.unterminated))
    quotes = _merge_split_quotes(article, quotes)
    quotes = _continue_speakers(article, quotes)
    return _resolve_speakers(article, quotes, spans)


class _Marked(NamedTuple):
    """A stretch of text between quotation marks, maybe over several paragraphs."""

    parts: list[tuple[int, int]]  # one per paragraph, inside the marks
    paragraphs: list[int]  # the paragraph number of each part
    unterminated: bool  # no closing mark: the stretch ends with its paragraph


def _marked_stretches(article: Article) -> list[_Marked]:
    """Every stretch between double quotation marks in the headline and body, in reading order."""
    text = article.text
    paragraphs = article.content_paragraphs()
    raw: list[_Marked] = []
    open_at: int | None = None
    parts: list[tuple[int, int]] = []
    numbers: list[int] = []
    for index, para in enumerate(paragraphs):
        i = para.start
        if open_at is not None:
            # A continued quotation: the paragraph re-opens it with a fresh opening mark.
            j = _skip_space(text, i, para.end)
            open_at = j + 1 if j < para.end and text[j] in "\"“" else None
            if open_at is None:
                raw.append(_Marked(parts, numbers, True))
                parts, numbers = [], []
            else:
                i = open_at
        for m in re.finditer(r"[\"“”]", text[i : para.end]):
            pos = i + m.start()
            ch = text[pos]
            before = text[pos - 1] if pos > para.start else " "
            after = text[pos + 1] if pos + 1 < para.end else " "
            if open_at is None:
                if ch == "”" and not (before.isspace() and after.isalnum()):
                    continue  # a stray closing mark
                if ch == '"' and before.isdigit():
                    continue  # inch mark
                open_at = pos + 1
                continue
            if ch == "“" and not (after.isspace() or after in ".,;:!?") and not before.isspace():
                continue
            if ch == "“" and after.isalnum():
                continue  # nested or stray opening mark inside an open quotation
            parts.append((open_at, pos))
            numbers.append(para.number)
            raw.append(_Marked(parts, numbers, False))
            parts, numbers, open_at = [], [], None
        if open_at is not None:
            parts.append((open_at, para.end))
            numbers.append(para.number)
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if nxt is None or nxt.number != para.number + 1:
                raw.append(_Marked(parts, numbers, True))
                parts, numbers, open_at = [], [], None
    if parts:
        raw.append(_Marked(parts, numbers, True))
    return raw


def _skip_space(text: str, i: int, end: int) -> int:
    while i < end and text[i].isspace():
        i += 1
    return i


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _sentence_bounds(article: Article, offset: int) -> tuple[int, int]:
    para = article.paragraph_at(offset)
    start, end = (para.start, para.end) if para else (0, len(article.text))
    s = start
    for m in _SENTENCE_BREAK.finditer(article.text, start, end):
        if _abbreviation_before(article.text, start, m.start()):
            continue  # "Mr. Trump's campaign manager": not the end of a sentence
        if m.end() <= offset:
            s = m.end()
        elif m.start() >= offset:
            return s, m.start() + 1
    return s, end


def _abbreviation_before(text: str, start: int, stop: int) -> bool:
    """The full stop at `stop` ends an abbreviation or an initial ("Mr.", "U.S.", "J.")."""
    from .reading import _ABBREVIATIONS

    word = text[max(start, stop - 12) : stop].split()
    last = word[-1].lower().lstrip("(\"“") if word else ""
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def _attribute(article: Article, spans, numbers, unterminated) -> Quote:
    text = article.text
    start, end = spans[0][0], spans[-1][1]
    speaker = verb = None
    span = None
    para_end = article.paragraph_at(end - 1).end if article.paragraph_at(end - 1) else len(text)
    close = end
    while close < para_end and text[close] in "\"”“,;: ":
        close += 1
    tail = text[end:para_end][:120]
    m = _AFTER.match(tail)
    if m:
        for n in "123":
            if m.group(f"s{n}"):
                s = m.group(f"s{n}").rstrip()
                if _plausible_speaker(s):
                    speaker, verb = s, m.group(f"v{n}")
                    span = (end + m.start(f"s{n}"), end + m.start(f"s{n}") + len(s))
                break
    if speaker is None:
        sent_start, _ = _sentence_bounds(article, start)
        lead = text[sent_start : max(sent_start, start - 1)]
        acc = _ACCORDING_BEFORE.search(lead)
        verbs = list(_VERB_RE.finditer(lead))
        if acc and _plausible_speaker(acc.group("speaker")):
            speaker, verb = acc.group("speaker"), "according to"
            span = (sent_start + acc.start("speaker"), sent_start + acc.end("speaker"))
        elif verbs:
            before = lead[: verbs[0].start()]
            # "…, manager Neil Aspinall said": the name right before the verb; else the subject.
            # A name after a preposition ("a comment by Trump said") is not the subject.
            near = _BEFORE_VERB.search(before)
            if near and _PREPOSITION_BEFORE.search(before[: near.start()]):
                near = None
            subject = near if near and _plausible_speaker(near.group("speaker")) else _SUBJECT.match(before)
            if subject and _plausible_speaker(subject.group("speaker")):
                speaker, verb = subject.group("speaker"), verbs[0].group("verb")
                span = (sent_start + subject.start("speaker"), sent_start + subject.end("speaker"))
    if speaker and span and speaker.endswith(".") and "." not in speaker.split()[-1][:-1]:
        # the sentence's full stop, not an abbreviation ("U.S.")
        speaker, span = speaker[:-1], (span[0], span[1] - 1)
    return Quote(
        id="",
        article=article.id,
        parts=tuple(spans),
        text=" ".join(text[s:e] for s, e in spans),
        paragraphs=numbers,
        speaker=speaker.strip() if speaker else None,
        speaker_span=span,
        verb=" ".join(verb.lower().split()) if verb else None,
        unterminated=unterminated,
    )


def _continue_speakers(article: Article, quotes: list[Quote]) -> list[Quote]:
    """A quotation with no attribution right after an attributed one, in the same or the next
    paragraph, continues that speaker (news style attributes a run of quotes once), when it
    stands alone: a quotation inside a sentence of the reporter's ("Ortiz called it in a
    letter "…"") is that sentence's subject's, or unattributed, never the previous speaker's."""
    out: list[Quote] = []
    for q in quotes:
        prev = out[-1] if out else None
        if (q.speaker is None and prev is not None and prev.speaker and 0 <= q.paragraphs[0] - prev.paragraphs[-1] <= 1
                and _stands_alone(article, q)):
            q = Quote(q.id, q.article, q.parts, q.text, q.paragraphs, prev.speaker, prev.speaker_span, None, None, q.unterminated)
        out.append(q)
    return out


def _stands_alone(article: Article, q: Quote) -> bool:
    """The quotation opens its sentence: nothing but quotation marks before it."""
    sent_start, _ = _sentence_bounds(article, q.start)
    return not re.sub(r"[\s\"“”‘’'(\[—–-]", "", article.text[sent_start : q.start])


def _plausible_speaker(s: str | None) -> bool:
    """"Jobs", "the company", "He": yes. "When", "During", "The airline had": no."""
    if not s or s in _NOT_SPEAKERS:
        return False
    if s.endswith(("'s", "’s", "s'", "s’")):
        return False  # "the mayor's 2022 budget plan": a possessive is not the one who speaks
    words = s.split()
    common = _common_words()
    if len(words) == 1:
        return words[0].lower() in _PRONOUNS or words[0].lower() not in common
    if words[0].lower() == "the":
        # "the Kremlin", "the White House", "the company"; not "The airline had"
        return all(w[:1].isupper() for w in words[1:]) or all(w.lower() not in common for w in words[1:])
    return words[0].lower() not in common


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from wordfreq import top_n_list

    return frozenset(top_n_list("en", 300)) | {"speaking", "asked", "during", "as", "when", "of", "chief", "according", "whereas"}


def _merge_split_quotes(article: Article, quotes: list[Quote]) -> list[Quote]:
    """`"A," Biden said. "B."` is one statement that an attribution interrupts (up to 16 words
    long, naming the speaker and a speech verb)."""
    merged: list[Quote] = []
    for q in quotes:
        prev = merged[-1] if merged else None
        if prev is not None and prev.paragraphs[-1] == q.paragraphs[0]:
            between = article.text[prev.end : q.start]
            inner = between.strip(" \"“”,.:;")
            # `"It is a mistake," the minister said as she left the summit hall. "We will…"`
            if len(inner.split()) <= 16 and prev.speaker and prev.speaker in inner and _VERB_RE.search(inner):
                merged[-1] = replace(
                    prev, id="", parts=prev.parts + q.parts, text=prev.text + " " + q.text,
                    paragraphs=tuple(dict.fromkeys(prev.paragraphs + q.paragraphs)), unterminated=q.unterminated)
                continue
        merged.append(q)
    return merged


def _resolve_speakers(article: Article, quotes: list[Quote], spans: list[tuple[int, int, str]]) -> list[Quote]:
    out: list[Quote] = []
    last_entity: str | None = None
    for n, q in enumerate(quotes, 1):
        entity = None
        if q.speaker_span:
            s, e = q.speaker_span
            hits = [(ms, me, eid) for ms, me, eid in spans if ms < e and s < me]
            if hits:
                entity = max(hits, key=lambda h: min(h[1], e) - max(h[0], s))[2]
            elif q.speaker and q.speaker.lower() in _PRONOUNS:
                # "He added that …": the pronoun points back to the last quoted speaker.
                entity = last_entity
        if entity:
            last_entity = entity
        out.append(replace(q, id=f"{article.id}#q{n}", speaker_entity=entity))
    return out
