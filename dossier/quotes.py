"""Direct quotations: where they stand, who is quoted, and how two versions of one differ.

Extraction reads only headline and body paragraphs. A quotation is the text between double
quotation marks (straight or curly); news style leaves a quotation open at the end of a
paragraph when the next paragraph continues it with a fresh opening mark, so such quotations
run across paragraphs. Single quotation marks are not read: in news copy they are mostly
apostrophes, headline quotes or quotes nested inside a double-quoted one.

Alignment is word level (difflib) on normalised words, and each difference is classed:
"meaning" when it touches a name, a number, a negation or the person speaking or hoping;
"cosmetic" when only spelling, case or punctuation differ; "wording" for any other change.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

from .model import Article, Entity

MIN_QUOTE_WORDS = 4  # shorter quoted text is a scare quote or a title, not a statement

_WORD = re.compile(r"@?\w+(?:[’'.\-]\w+)*", re.U)
_TOKEN = re.compile(r"@?\w+(?:[’'.\-]\w+)*|[^\w\s]", re.U)

SPEECH_VERBS = (
    "said|says|say|tweeted|tweets|wrote|writes|added|adds|stated|states|told|tells|announced|announces|"
    "declared|explained|noted|insisted|claimed|warned|asked|replied|promised|commented|emphasized|"
    "emphasised|stressed|continued|concluded|argued|acknowledged|admitted|suggested|vowed|urged|"
    "posted|expressed|described|called|responded|confirmed|reiterated|recalled|predicted|remarked|"
    "lamented|quipped|joked|complained|conceded|boasted|cautioned|pledged|hoped|"
    "claims|notes|explains|insists|warns|argues|continues|recalls|enthused|remembered|reported|reports|"
    "wrote|answered|replied|observed|stressed|maintained|countered|announced|testified"
)
_VERB_RE = re.compile(rf"\b(?P<verb>{SPEECH_VERBS})\b")
_NAME = r"(?:[A-Z][\w’'.\-]*(?:\s+(?:von|van|de|der|da|bin|al|[A-Z][\w’'.\-]*))*)"
_SPEAKER = rf"(?:[Tt]he\s+(?:{_NAME}|[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?)|{_NAME}|[Hh]e|[Ss]he|[Tt]hey)"
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


# --- extraction -----------------------------------------------------------------------------


def extract(article: Article, entities: list[Entity] | None = None, spans: list[tuple[int, int, str]] | None = None) -> list[Quote]:
    """Every direct quotation in the article's headline and body, with speaker where given.

    Speakers are matched to `entities`' mentions; a caller with many articles passes `spans`
    instead, this article's (start, end, entity id) mentions, so that no article scans them all.
    """
    if spans is None:
        spans = [(m.start, m.end, e.id) for e in entities or [] for m in e.mentions if m.article == article.id]
    entity_spans = spans
    text = article.text
    paragraphs = article.content_paragraphs()
    raw: list[tuple[list[tuple[int, int]], list[int], bool]] = []  # parts, paragraph numbers, unterminated
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
                raw.append((parts, numbers, True))
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
            raw.append((parts, numbers, False))
            parts, numbers, open_at = [], [], None
        if open_at is not None:
            parts.append((open_at, para.end))
            numbers.append(para.number)
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if nxt is None or nxt.number != para.number + 1:
                raw.append((parts, numbers, True))
                parts, numbers, open_at = [], [], None
    if parts:
        raw.append((parts, numbers, True))

    quotes: list[Quote] = []
    for spans, nums, unterminated in raw:
        spans = [_strip_span(text, s, e) for s, e in spans]
        spans = [(s, e) for s, e in spans if s < e]
        if not spans:
            continue
        body = " ".join(text[s:e] for s, e in spans)
        if len(_WORD.findall(body)) < MIN_QUOTE_WORDS:
            continue
        quotes.append(_attribute(article, spans, tuple(dict.fromkeys(nums)), unterminated))
    quotes = _merge_split_quotes(article, quotes)
    quotes = _continue_speakers(quotes)
    return _resolve_speakers(article, quotes, entity_spans)


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
        if m.end() <= offset:
            s = m.end()
        elif m.start() >= offset:
            return s, m.start() + 1
    return s, end


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
            near = _BEFORE_VERB.search(before)
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


def _continue_speakers(quotes: list[Quote]) -> list[Quote]:
    """A quotation with no attribution right after an attributed one, in the same or the next
    paragraph, continues that speaker (news style attributes a run of quotes once)."""
    out: list[Quote] = []
    for q in quotes:
        prev = out[-1] if out else None
        if q.speaker is None and prev is not None and prev.speaker and 0 <= q.paragraphs[0] - prev.paragraphs[-1] <= 1:
            q = Quote(q.id, q.article, q.parts, q.text, q.paragraphs, prev.speaker, prev.speaker_span, None, None, q.unterminated)
        out.append(q)
    return out


def _plausible_speaker(s: str | None) -> bool:
    """"Jobs", "the company", "He": yes. "When", "During", "The airline had": no."""
    if not s or s in _NOT_SPEAKERS:
        return False
    words = s.split()
    common = _common_words()
    if len(words) == 1:
        return words[0].lower() in _PRONOUNS or words[0].lower() not in common
    if words[0].lower() == "the":
        return all(w.lower() not in common for w in words[1:])
    return words[0].lower() not in common


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from wordfreq import top_n_list

    return frozenset(top_n_list("en", 300)) | {"speaking", "asked", "during", "as", "when", "of", "chief", "according", "whereas"}


def _merge_split_quotes(article: Article, quotes: list[Quote]) -> list[Quote]:
    """`"A," Biden said. "B."` is one statement that an attribution interrupts."""
    merged: list[Quote] = []
    for q in quotes:
        prev = merged[-1] if merged else None
        if prev is not None and prev.paragraphs[-1] == q.paragraphs[0]:
            between = article.text[prev.end : q.start]
            inner = between.strip(" \"“”,.:;")
            if len(inner.split()) <= 6 and prev.speaker and prev.speaker in inner and _VERB_RE.search(inner):
                merged[-1] = Quote(
                    id="",
                    article=prev.article,
                    parts=prev.parts + q.parts,
                    text=prev.text + " " + q.text,
                    paragraphs=tuple(dict.fromkeys(prev.paragraphs + q.paragraphs)),
                    speaker=prev.speaker,
                    speaker_span=prev.speaker_span,
                    verb=prev.verb,
                    unterminated=q.unterminated,
                )
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
        out.append(
            Quote(
                id=f"{article.id}#q{n}",
                article=q.article,
                parts=q.parts,
                text=q.text,
                paragraphs=q.paragraphs,
                speaker=q.speaker,
                speaker_span=q.speaker_span,
                speaker_entity=entity,
                verb=q.verb,
                unterminated=q.unterminated,
            )
        )
    return out


# --- alignment ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # offset into Article.text
    end: int
    key: str  # what alignment compares: folded word, or the punctuation mark itself

    @property
    def is_word(self) -> bool:
        return self.key[:1].isalnum() or self.key[:1] == "@"


def tokens(text: str, spans) -> list[Token]:
    out: list[Token] = []
    for s, e in spans:
        for m in _TOKEN.finditer(text, s, e):
            out.append(Token(m.group(), m.start(), m.end(), fold(m.group())))
    return out


@lru_cache(maxsize=500_000)
def fold(word: str) -> str:
    """Case, accents, typographic apostrophes and dashes do not change a word's identity."""
    folded = anyascii(word).casefold().replace("'", "")
    return folded if folded.strip("-") else "-"


@dataclass(frozen=True)
class Change:
    op: str  # equal | replace | delete | insert  (delete: only in the base; insert: only in the witness)
    base: tuple[int, int] | None  # span in the base article, None for an insertion
    witness: tuple[int, int] | None
    base_text: str
    witness_text: str
    kind: str = "same"  # same | meaning | wording | cosmetic
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Alignment:
    base: str  # member id of the base version
    witness: str
    changes: tuple[Change, ...]
    similarity: float  # 0..100, rapidfuzz ratio of the folded word sequences

    @property
    def meaning_changes(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind == "meaning")


def align(base_text: str, base_spans, witness_text: str, witness_spans, base_id: str = "", witness_id: str = "") -> Alignment:
    """Word-level collation of two versions; punctuation is aligned too but never decisive.

    Two spellings of one word ("favourite"/"favorite", "@KamalaHarris"/"@Kamalaharis") align as
    the same word, so that a misspelling does not drag its neighbours into a substitution.
    """
    a = tokens(base_text, base_spans)
    b = tokens(witness_text, witness_spans)
    a_keys = [t.key for t in a]
    b_keys = _unify_spellings(a_keys, [t.key for t in b])
    matcher = difflib.SequenceMatcher(None, a_keys, b_keys, autojunk=False)
    changes: list[Change] = []

    def add(op, sa, sb, kind=None, reasons=()):
        bs = (sa[0].start, sa[-1].end) if sa else None
        ws = (sb[0].start, sb[-1].end) if sb else None
        bt = base_text[bs[0] : bs[1]] if bs else ""
        wt = witness_text[ws[0] : ws[1]] if ws else ""
        if kind is None:
            kind, reasons = classify(sa, sb)
        changes.append(Change(op, bs, ws, bt, wt, kind, reasons))

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            add(op, a[i1:i2], b[j1:j2])
            continue
        # Aligned words can still be written differently: split the run where they are.
        run = 0
        for k in range(i2 - i1 + 1):
            same = k < i2 - i1 and a[i1 + k].text == b[j1 + k].text
            if k < i2 - i1 and same:
                continue
            if run < k:
                add("equal", a[i1 + run : i1 + k], b[j1 + run : j1 + k], "same")
            if k < i2 - i1:
                ta, tb = a[i1 + k], b[j1 + k]
                why = "spelling" if ta.key != tb.key else "case or typography"
                add("equal", [ta], [tb], "cosmetic", (why,))
            run = k + 1
    score = fuzz.ratio(" ".join(t.key for t in a if t.is_word), " ".join(t.key for t in b if t.is_word))
    return Alignment(base_id, witness_id, tuple(changes), round(score, 1))


def _unify_spellings(a_keys: list[str], b_keys: list[str]) -> list[str]:
    """b's keys, with each word that only differs from one of a's words by spelling given a's key."""
    known = set(a_keys)
    by_initial: dict[str, list[str]] = {}
    for k in known:
        if len(k) >= 4:
            by_initial.setdefault(k[:1], []).append(k)
    out = []
    for k in b_keys:
        if k not in known and len(k) >= 4:
            match = next((x for x in by_initial.get(k[:1], ()) if _spelling_variant(x, k)), None)
            out.append(match or k)
        else:
            out.append(k)
    return out


_NEGATIONS = {"not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "without", "cannot", "dont", "doesnt", "didnt", "isnt", "wasnt", "wont", "cant", "n't"}
_PERSONS = {"i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his", "she", "her", "hers", "they", "them", "their", "theirs"}
_NUMBER_WORDS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion", "trillion",
    "first", "second", "third", "fourth", "fifth", "half", "dozen", "dozens", "hundreds", "thousands", "millions",
}
_HOPE_WORDS = {"hope", "hopes", "hoped", "hoping", "wish", "wishes", "wished", "want", "wants", "looking", "expect", "expects", "believe", "believes", "fear", "fears"}


def _is_name(tok: Token, first: bool) -> bool:
    t = tok.text
    if t.startswith("@"):
        return True
    return t[:1].isupper() and not first and t.lower() not in _PERSONS or (t.isupper() and len(t) > 1)


def classify(a: list[Token], b: list[Token]) -> tuple[str, tuple[str, ...]]:
    """Why a difference between two stretches of words matters, or that it does not."""
    wa = [t for t in a if t.is_word]
    wb = [t for t in b if t.is_word]
    if not wa and not wb:
        return "cosmetic", ("punctuation",)
    ka, kb = "".join(t.key for t in wa), "".join(t.key for t in wb)
    if ka == kb:
        return "cosmetic", ("spacing or hyphenation",)
    reasons: list[str] = []
    if len(wa) == len(wb) and all(_spelling_variant(x.key, y.key) for x, y in zip(wa, wb)):
        return "cosmetic", ("spelling",)
    na = {t.key.lstrip("@").replace(".", "") for t in wa if _is_name(t, False)}
    nb = {t.key.lstrip("@").replace(".", "") for t in wb if _is_name(t, False)}
    if na != nb and not _same_names(na, nb):
        reasons.append("name")
    numbers_a = {t.key for t in wa if any(ch.isdigit() for ch in t.key) or t.key in _NUMBER_WORDS}
    numbers_b = {t.key for t in wb if any(ch.isdigit() for ch in t.key) or t.key in _NUMBER_WORDS}
    if numbers_a != numbers_b:
        reasons.append("number")
    neg_a = sum(1 for t in wa if t.key in _NEGATIONS or t.key.endswith("nt") and t.key[:-2] in {"do", "does", "did", "is", "was", "were", "are", "could", "would", "should", "ca", "wo"})
    neg_b = sum(1 for t in wb if t.key in _NEGATIONS or t.key.endswith("nt") and t.key[:-2] in {"do", "does", "did", "is", "was", "were", "are", "could", "would", "should", "ca", "wo"})
    if neg_a != neg_b:
        reasons.append("negation")
    # "US" is a country, not "us".
    pa = {t.key for t in wa if t.key in _PERSONS and not (t.text.isupper() and len(t.text) > 1)}
    pb = {t.key for t in wb if t.key in _PERSONS and not (t.text.isupper() and len(t.text) > 1)}
    if pa != pb:
        reasons.append("person")
    if {t.key for t in wa if t.key in _HOPE_WORDS} != {t.key for t in wb if t.key in _HOPE_WORDS} and (na or nb or pa or pb):
        reasons.append("who hopes what")
    if reasons:
        return "meaning", tuple(reasons)
    return "wording", ()


def _spelling_variant(x: str, y: str) -> bool:
    """favourite/favorite, Alexey/Alexei, KamalaHarris/Kamalaharis: one word, spelt two ways."""
    if x == y:
        return True
    if len(x) < 4 or len(y) < 4 or x[:1] != y[:1]:
        return False
    if x.rstrip("s") == y.rstrip("s"):
        return False  # singular and plural differ in number, not in spelling
    return fuzz.ratio(x, y) >= 85


def _same_names(na: set[str], nb: set[str]) -> bool:
    """The same names, spelt differently or abbreviated ("US" / "United States")."""
    rest_a = {x for x in na if not any(_spelling_variant(x, y) for y in nb)}
    rest_b = {y for y in nb if not any(_spelling_variant(x, y) for x in na)}
    if not rest_a and not rest_b:
        return True
    initials_a = "".join(sorted(x[0] for x in rest_a))
    initials_b = "".join(sorted(y[0] for y in rest_b))
    acronyms_a = {x.replace(".", "") for x in rest_a}
    acronyms_b = {y.replace(".", "") for y in rest_b}
    return any(sorted(ac) == sorted(initials_b) for ac in acronyms_a if len(ac) == len(rest_b) > 1) or any(
        sorted(ac) == sorted(initials_a) for ac in acronyms_b if len(ac) == len(rest_a) > 1
    )
