"""Collation: how two versions of one statement differ, word by word, and what each difference is.

The two versions are first compared as wholes:

- when they share too few words to be the same stretch of the statement, they are *different
  excerpts* (other parts of one statement or speech) and are never collated word by word;
- otherwise the words they share make a *core*; whatever one version has before or after the
  core is an *excerpt* (one outlet quotes less of the same words), and so is a long stretch one
  version leaves out inside the core, or one it marks as left out with an ellipsis.

Inside the core each difference is classed, with the words as evidence and a confidence:

| kind | when |
|---|---|
| cosmetic | case, punctuation, typographic quotes, spelling variants (US/UK, transliteration), contractions ("We are"/"We’re"), number formats ("five"/"5"), editorial brackets |
| censoring | one version masks a word the other spells out ("motherf***er", "f---", "[expletive]") |
| meaning | a different name (not a spelling variant or a short form of the same name), number, negation, modality (may/will/must), or grammatical person (who speaks or acts) |
| wording | any other change of words, or a few words added or left out |
| excerpt | words only one version quotes (at its ends, elided inside, or a different stretch) |

Alignment is word level (difflib) on canonical words: folded, contractions expanded, number
words as digits, US/UK spellings and abbreviation dots levelled, so that none of these drags its
neighbours into a substitution. Punctuation is compared only between words both versions have,
and never across the attribution that interrupts a quotation.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

from .words import content_stem, fold

# A token: an editorial mask ("[expletive]"), a censored word ("motherf***er", "f---", "s—t"),
# a word as in `words.WORD` (a leading @ keeps a handle one word), an ellipsis, or any single
# punctuation mark.
_TOKEN = re.compile(
    r"[\[(](?:expletive|expletives|bleep|bleeped|censored|obscenity|profanity)(?:\s+deleted)?[\])]"
    r"|[A-Za-z]+\*+[A-Za-z*]*"
    r"|[A-Za-z]+(?:-{2,}|[—–]+(?=[a-z]))[A-Za-z]*"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|@?\w+(?:[’'.\-]\w+)*"
    r"|…|\.{3}"
    r"|[^\w\s]",
    re.IGNORECASE,
)
_MASK = re.compile(r"[\[(](?:expletive|expletives|bleep|bleeped|censored|obscenity|profanity)", re.IGNORECASE)
_CENSORED = re.compile(r"(?P<head>[A-Za-z]*)(?P<mask>\*+|-{2,}|[—–]+)(?P<tail>[A-Za-z]*)")


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # offset into Article.text
    end: int
    key: str  # what alignment compares: folded word, or the punctuation mark itself
    part: int = 0  # which span of the version it stands in (a quotation interrupted by its attribution has two)

    @property
    def is_word(self) -> bool:
        return self.key[:1].isalnum() or self.key[:1] in "@%" or self.censored

    @property
    def censored(self) -> bool:
        return bool(_MASK.match(self.text)) or ("*" in self.text or "--" in self.text or "—" in self.text[1:] or "–" in self.text[1:]) and self.text[:1].isalpha()


def tokens(text: str, spans) -> list[Token]:
    """The words and punctuation marks of `text` inside `spans` ((start, end) pairs), in order."""
    out: list[Token] = []
    for n, (s, e) in enumerate(spans):
        for m in _TOKEN.finditer(text, s, e):
            out.append(Token(m.group(), m.start(), m.end(), fold(m.group()), n))
    return out


@dataclass(frozen=True)
class Change:
    op: str  # equal | replace | delete | insert  (delete: only in the base; insert: only in the witness)
    base: tuple[int, int] | None  # span in the base article, None for an insertion
    witness: tuple[int, int] | None
    base_text: str
    witness_text: str
    kind: str = "same"  # same | cosmetic | censoring | wording | meaning | excerpt
    reasons: tuple[str, ...] = ()
    confidence: float = 1.0  # 0..1: how sure the class is (see `classify`)


@dataclass(frozen=True)
class Alignment:
    base: str  # member id of the base version
    witness: str
    changes: tuple[Change, ...]  # in text order; empty for different excerpts
    similarity: float  # 0..100, rapidfuzz ratio of the canonical word sequences
    relation: str = "collated"  # collated | different-excerpt (other parts of the statement: not collated)
    shared_words: int = 0  # words the two versions have in common, in stretches they share

    @property
    def meaning_changes(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind == "meaning")


# --- canonical words --------------------------------------------------------------------------------------------

_NEGATIONS = {"not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere", "cannot"}
_NOT_NEGATING = {("no", "matter"), ("no", "longer"), ("not", "only"), ("no", "doubt"), ("never", "ever")}
_MODALS = {
    "may": "possibility", "might": "possibility", "could": "possibility", "can": "possibility",
    "must": "necessity", "should": "necessity", "ought": "necessity", "need": "necessity", "needs": "necessity",
    "will": "future", "shall": "future", "would": "future", "wo": "future",
}
# Pronouns by grammatical person and by their role: a change of person within one role is a change
# of who speaks or acts ("my" / "his"); a pronoun turned into a phrase is a rewording.
_PRONOUNS = {
    "i": ("1s", "subject"), "me": ("1s", "object"), "my": ("1s", "possessive"), "mine": ("1s", "possessive"), "myself": ("1s", "object"),
    "we": ("1p", "subject"), "us": ("1p", "object"), "our": ("1p", "possessive"), "ours": ("1p", "possessive"), "ourselves": ("1p", "object"),
    "you": ("2", "subject"), "your": ("2", "possessive"), "yours": ("2", "possessive"), "yourself": ("2", "object"),
    "he": ("3m", "subject"), "him": ("3m", "object"), "his": ("3m", "possessive"), "himself": ("3m", "object"),
    "she": ("3f", "subject"), "her": ("3f", "object"), "hers": ("3f", "possessive"), "herself": ("3f", "object"),
    "they": ("3p", "subject"), "them": ("3p", "object"), "their": ("3p", "possessive"), "theirs": ("3p", "possessive"),
    "themselves": ("3p", "object"),
}
_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
    "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20",
    "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000", "trillion": "1000000000000",
    "first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th", "sixth": "6th",
    "seventh": "7th", "eighth": "8th", "ninth": "9th", "tenth": "10th", "half": "0.5", "dozen": "12",
    "percent": "%", "pct": "%", "once": "1 time", "twice": "2 times", "thrice": "3 times",
}
_QUANTITY_WORDS = {"few", "several", "many", "some", "dozens", "hundreds", "thousands", "millions", "billions", "most", "all"}
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_CONTRACTION = re.compile(r"^(?P<stem>[a-z]+)'(?P<end>s|re|ve|ll|d|m)$")
_IS_CONTRACTING = {"it", "that", "there", "here", "what", "who", "where", "how", "he", "she", "this", "everything", "nothing", "let"}
_NEGATED_STEMS = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}  # won't, can't, shan't, ain't
_EXPANSIONS = {"cannot": ("can", "not"), "gonna": ("going", "to"), "wanna": ("want", "to"), "gotta": ("got", "to")}
# US/UK and other spellings of one word, levelled in both versions (colour/color, realise/realize…)
_SPELLING_RULES = (
    (re.compile(r"^(\w{2,}[^aeiou])our(s|ed|ing|ite|ites|able)?$"), r"\1or\2"),
    (re.compile(r"^(\w{3,})is(e|es|ed|ing|ation|ations)$"), r"\1iz\2"),
    (re.compile(r"^(\w{2,})ys(e|es|ed|ing)$"), r"\1yz\2"),
    (re.compile(r"^(\w{3,})tre(s)?$"), r"\1ter\2"),
    (re.compile(r"^(\w{3,})ogue(s)?$"), r"\1og\2"),
    (re.compile(r"^(\w{3,}[aeiou])ll(ed|ing|er|ers)$"), r"\1l\2"),
    (re.compile(r"^(\w{2,})ence(s)?$"), r"\1ense\2"),
    (re.compile(r"^(\w{3,})amme(s)?$"), r"\1am\2"),
)
_WORD_VARIANTS = {
    "aluminium": "aluminum", "grey": "gray", "judgement": "judgment", "towards": "toward", "amongst": "among",
    "whilst": "while", "afterwards": "afterward", "upwards": "upward", "forwards": "forward", "backwards": "backward",
    "ok": "okay", "till": "until", "learnt": "learned", "spelt": "spelled", "dreamt": "dreamed", "burnt": "burned",
    "memorandums": "memoranda", "mr": "mr", "mrs": "mrs",
}
_COUNTRY_SHORT = {"us": "united-states", "usa": "united-states", "uk": "united-kingdom", "eu": "european-union", "un": "united-nations"}
_COUNTRY_LONG = {("united", "states"): "united-states", ("united", "kingdom"): "united-kingdom",
                 ("european", "union"): "european-union", ("united", "nations"): "united-nations"}
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "president", "sen", "senator", "rep", "gov", "governor", "gen", "general",
               "prime", "minister", "secretary", "chancellor", "king", "queen", "prince", "pope", "lord", "lady", "madam",
               "mister", "director", "chairman", "speaker", "leader", "attorney", "the", "of", "a"}


class _Unit:
    """One canonical word and the tokens (by index into the version's words) it stands for."""

    __slots__ = ("key", "first", "last")

    def __init__(self, key: str, first: int, last: int):
        self.key, self.first, self.last = key, first, last


def _plain(word: str) -> str:
    """Folded, with apostrophes kept (fold drops them: "we're" would be "were")."""
    return anyascii(word).casefold()


def _canonical(words: list[Token]) -> list[_Unit]:
    """The canonical words of a version: contractions expanded, numbers and spellings levelled,
    "United States" and "U.S." one word."""
    units: list[_Unit] = []
    i = 0
    while i < len(words):
        t = words[i]
        if t.censored:
            units.append(_Unit("*" + _plain(t.text), i, i))
            i += 1
            continue
        w = _plain(t.text).replace("’", "'")
        nxt = _plain(words[i + 1].text) if i + 1 < len(words) else ""
        long_name = _COUNTRY_LONG.get((w, nxt))
        if long_name:
            units.append(_Unit(long_name, i, i + 1))
            i += 2
            continue
        if w == "per" and nxt == "cent":
            units.append(_Unit("%", i, i + 1))
            i += 2
            continue
        for key in _word_keys(w, t.text):
            units.append(_Unit(key, i, i))
        i += 1
    return units


@lru_cache(maxsize=100_000)
def _word_keys(w: str, original: str) -> tuple[str, ...]:
    if w.endswith("n't") and len(w) > 3:
        stem = w[:-3]
        return (_NEGATED_STEMS.get(stem, stem), "not")
    if w in _EXPANSIONS:
        return _EXPANSIONS[w]
    m = _CONTRACTION.match(w)
    if m:
        stem, end = m.group("stem"), m.group("end")
        if end == "s":
            if stem == "let":
                return ("let", "us")
            if stem in _IS_CONTRACTING:
                return (stem, "is")
            return (_level(stem + "s"),)  # a possessive
        return (stem, {"re": "are", "ve": "have", "ll": "will", "d": "would", "m": "am"}[end])
    bare = w.replace("'", "").replace(".", "") if not any(c.isdigit() for c in w) else w.replace(",", "")
    if original.isupper() and bare in _COUNTRY_SHORT or bare in ("usa",) or w in ("u.s.", "u.s", "u.k.", "u.k", "e.u.", "e.u", "u.n.", "u.n"):
        return (_COUNTRY_SHORT[bare],)
    if bare.endswith(".") and bare[:-1].replace(".", "").isdigit():
        bare = bare[:-1]
    return (_level(bare),)


@lru_cache(maxsize=100_000)
def _level(word: str) -> str:
    """One spelling for the US and UK forms, number words and formats of a word."""
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    m = _ORDINAL.match(word)
    if m:
        return word
    if word in _WORD_VARIANTS:
        return _WORD_VARIANTS[word]
    if word == "%":
        return "%"
    for pattern, repl in _SPELLING_RULES:
        if pattern.match(word):
            return pattern.sub(repl, word)
    return word


# --- names ----------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=100_000)
def _common(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= 3.5


def _sentence_initial(words: list[Token], i: int, text: str) -> bool:
    if i == 0:
        return True
    prev = words[i - 1]
    if prev.part != words[i].part:
        return True
    between = text[prev.end : words[i].start]
    return bool(re.search(r"[.!?:;…]|[\"“”‘]", between)) or prev.text in ("...", "…")


def _names(words: list[Token], indices: range, text: str) -> set[str]:
    """The names among words[indices]: handles, acronyms, and capitalised words that are not
    capitalised only because a sentence starts with them."""
    out: set[str] = set()
    for i in indices:
        t = words[i]
        s = t.text
        if s.startswith("@"):
            out.add(_name_key(s))
            continue
        if not s[:1].isupper() or s.lower() in _PRONOUNS:
            continue
        low = _plain(s).replace("'", "").replace(".", "")
        if s.isupper() and len(s.replace(".", "")) > 1:
            if len(s.replace(".", "")) <= 5 and not _common(low) or low in _COUNTRY_SHORT:
                out.add(_name_key(s))
            continue
        if _sentence_initial(words, i, text) and _common(low):
            continue
        if low in _HONORIFICS:
            continue
        out.add(_name_key(s))
    return out


def _name_key(s: str) -> str:
    w = _plain(s).lstrip("@").replace(".", "")
    w = re.sub(r"'s$", "", w.replace("’", "'")).replace("'", "")
    return _COUNTRY_SHORT.get(w, w)


def _skeleton(word: str) -> str:
    """Consonants in order, doubles collapsed: Mama/Momma, Alexey/Alexei, Navalny/Navalni."""
    out = []
    for c in word[1:]:
        if c in "aeiouy" or (out and out[-1] == c):
            continue
        out.append(c)
    return word[:1] + "".join(out)


def spelling_variant(x: str, y: str) -> bool:
    """favourite/favorite, Alexey/Alexei, Mama/Momma, KamalaHarris/Kamalaharis: one word, spelt two ways."""
    if x == y:
        return True
    if len(x) < 4 or len(y) < 4 or x[:1] != y[:1]:
        return False
    if x.rstrip("s") == y.rstrip("s"):
        return False  # singular and plural differ in number, not in spelling
    if _level(x) == _level(y):
        return True
    return fuzz.ratio(x, y) >= 85 or _skeleton(x) == _skeleton(y) and abs(len(x) - len(y)) <= 2


def _same_names(na: set[str], nb: set[str]) -> bool:
    """The same names: spelt differently, one a short form of the other ("Donald Trump" / "Trump",
    "Mr. Kim" / "Kim"), or abbreviated ("US" / "United States")."""
    if not na or not nb:
        return True
    def same(x: str, y: str) -> bool:
        return spelling_variant(x, y) or x.rstrip("s") == y.rstrip("s") or x in y.split("-") or y in x.split("-")

    rest_a = {x for x in na if not any(same(x, y) for y in nb)}
    rest_b = {y for y in nb if not any(same(x, y) for x in na)}
    if not rest_a or not rest_b:
        return True  # one side only adds or drops part of a name: a short form
    initials_a = "".join(sorted(x[0] for x in rest_a))
    initials_b = "".join(sorted(y[0] for y in rest_b))
    return any(sorted(ac) == sorted(initials_b) for ac in rest_a if len(ac) == len(rest_b) > 1) or any(
        sorted(ac) == sorted(initials_a) for ac in rest_b if len(ac) == len(rest_a) > 1
    )


# --- alignment --------------------------------------------------------------------------------------------------


MIN_CORE_WORDS = 3  # fewer shared words than this: different excerpts
MIN_CORE_SHARE = 0.4  # or fewer than this share of the shorter version's words
LONG_GAP = 6  # words left out inside the core: from this many on, an elision (an excerpt), not a rewording
MAX_MEANING_WORDS = 6  # a change of meaning is a short substitution; a longer one is rewording or other words


def align(base_text: str, base_spans, witness_text: str, witness_spans, base_id: str = "", witness_id: str = "") -> Alignment:
    """Word-level collation of two versions (see the module docstring)."""
    a_all = tokens(base_text, base_spans)
    b_all = tokens(witness_text, witness_spans)
    a = [t for t in a_all if t.is_word]
    b = [t for t in b_all if t.is_word]
    ua, ub = _canonical(a), _canonical(b)
    ua = _join_compounds(ua, {u.key for u in ub})
    ub = _join_compounds(ub, {u.key for u in ua})
    a_keys = [u.key for u in ua]
    b_keys = _unify(a_keys, [u.key for u in ub], a, b, ua, ub)
    score = round(fuzz.ratio(" ".join(a_keys), " ".join(b_keys)), 1)
    matcher = difflib.SequenceMatcher(None, a_keys, b_keys, autojunk=False)
    blocks = [blk for blk in matcher.get_matching_blocks() if blk.size and _solid(a_keys[blk.a : blk.a + blk.size])]
    shared = sum(blk.size for blk in blocks)
    if not a or not b or shared < MIN_CORE_WORDS or shared < MIN_CORE_SHARE * min(len(a_keys), len(b_keys)):
        return Alignment(base_id, witness_id, (), score, "different-excerpt", shared)
    ctx = _Context(base_text, witness_text, a, b, ua, ub, score)
    if _silent_elision(blocks, ctx):
        return Alignment(base_id, witness_id, (), score, "different-excerpt", shared)
    changes: list[Change] = []
    # before the core: one version quotes more of the statement
    first, last = blocks[0], blocks[-1]
    changes += ctx.edge(0, first.a, 0, first.b, "start")
    for n, blk in enumerate(blocks):
        changes += ctx.equal(blk.a, blk.a + blk.size, blk.b, blk.b + blk.size)
        if n + 1 < len(blocks):
            nxt = blocks[n + 1]
            changes += ctx.gap(blk.a + blk.size, nxt.a, blk.b + blk.size, nxt.b)
    changes += ctx.edge(last.a + last.size, len(ua), last.b + last.size, len(ub), "end")
    return Alignment(base_id, witness_id, tuple(changes), score, "collated", shared)


def _silent_elision(blocks, ctx: "_Context") -> bool:
    """A long stretch one version has between two words the other has side by side, with no
    ellipsis and no attribution there, next to a shared stretch of fewer than three words:
    quoted text does not silently skip words, so these are two statements sharing a few words
    ("a new levy on imported solar panels" / "…on solar panels, and we will not back down. Whatever
    they try — levies, quotas…")."""
    for left, right in zip(blocks, blocks[1:]):
        ga, gb = right.a - (left.a + left.size), right.b - (left.b + left.size)
        if min(ga, gb) > 1 or max(ga, gb) < LONG_GAP or min(left.size, right.size) >= 3:
            continue
        a0, b0 = left.a + left.size, left.b + left.size
        if ctx._ellipsis(a0, right.a, b0, right.b, in_base=ga > gb):
            continue
        interrupted = (ctx._interrupted(ctx.ua, ctx.a, a0, right.a), ctx._interrupted(ctx.ub, ctx.b, b0, right.b))
        if interrupted[1 if ga > gb else 0]:
            continue  # the shorter version's quotation is interrupted there: the words may be outside its marks
        return True
    return False


def _join_compounds(units: list[_Unit], other: set[str]) -> list[_Unit]:
    """"good will" as one word where the other version writes "goodwill"."""
    out: list[_Unit] = []
    i = 0
    while i < len(units):
        if i + 1 < len(units):
            joined = units[i].key + units[i + 1].key
            if joined in other and not (units[i].key in other and units[i + 1].key in other):
                out.append(_Unit(joined, units[i].first, units[i + 1].last))
                i += 2
                continue
        out.append(units[i])
        i += 1
    return out


def _solid(keys: list[str]) -> bool:
    """A shared stretch that shows the versions are aligned: two words or more, or one rare word."""
    return len(keys) >= 2 or bool(keys and content_stem(keys[0]) is not None and not keys[0].isdigit())


def _unify(a_keys: list[str], b_keys: list[str], a: list[Token], b: list[Token], ua: list[_Unit], ub: list[_Unit]) -> list[str]:
    """b's keys, with each word that only differs from one of a's words by spelling, or masks it
    (censoring), given a's key."""
    known = set(a_keys)
    by_initial: dict[str, list[str]] = {}
    for k in known:
        if len(k) >= 4:
            by_initial.setdefault(k[:1], []).append(k)
    out = []
    for k, u in zip(b_keys, ub):
        if k in known:
            out.append(k)
        elif k.startswith("*"):
            out.append(next((x for x in known if _masks(k[1:], x)), k))
        elif len(k) >= 4:
            out.append(next((x for x in by_initial.get(k[:1], ()) if spelling_variant(x, k)), k))
        else:
            out.append(k)
    # a's censored words take b's key when b spells them out
    for i, k in enumerate(a_keys):
        if k.startswith("*"):
            hit = next((x for x in out if _masks(k[1:], x)), None)
            if hit:
                a_keys[i] = hit
    return out


def _masks(censored: str, word: str) -> bool:
    """"motherf***er" masks "motherfucker", "f---" masks "fuck", "[expletive]" masks any word."""
    if _MASK.match(censored):
        return len(word) >= 3 and word.isalpha()
    m = _CENSORED.fullmatch(censored)
    if not m or not word.isalpha():
        return False
    head, tail = m.group("head").lower(), m.group("tail").lower()
    return word.startswith(head) and word.endswith(tail) and len(word) > len(head) + len(tail) and bool(head)


class _Context:
    """What classifying one alignment's changes reads: both versions' texts, words and units."""

    def __init__(self, base_text, witness_text, a, b, ua, ub, score):
        self.base_text, self.witness_text = base_text, witness_text
        self.a, self.b, self.ua, self.ub = a, b, ua, ub
        self.score = score
        self._last_gap = (False, False)  # whether each version's quotation is interrupted around the gap being classed

    def _tokens(self, units: list[_Unit], i: int, j: int) -> range:
        if i >= j:
            return range(0)
        return range(units[i].first, units[j - 1].last + 1)

    def _text(self, text: str, words: list[Token], idx: range) -> tuple[tuple[int, int] | None, str]:
        if not idx:
            return None, ""
        pieces = []
        part, start = None, None
        for k in idx:
            t = words[k]
            if t.part != part:
                if part is not None:
                    pieces.append(text[start:prev_end])
                part, start = t.part, t.start
            prev_end = t.end
        pieces.append(text[start:prev_end])
        return (words[idx[0]].start, words[idx[-1]].end), " … ".join(pieces)

    def change(self, op, ia: range, ib: range, kind, reasons=(), confidence=1.0) -> Change:
        bs, bt = self._text(self.base_text, self.a, ia)
        ws, wt = self._text(self.witness_text, self.b, ib)
        return Change(op, bs, ws, bt, wt, kind, tuple(reasons), round(confidence, 2))

    def edge(self, a0, a1, b0, b1, where) -> list[Change]:
        ia, ib = self._tokens(self.ua, a0, a1), self._tokens(self.ub, b0, b1)
        if not ia and not ib:
            return []
        if ia and ib and max(len(ia), len(ib)) <= 2 * MAX_MEANING_WORDS:
            # both versions have a few words of their own here: a substitution at the quotation's edge
            return self.gap(a0, a1, b0, b1)
        if ia and ib and min(len(ia), len(ib)) <= 3:
            return self._short_edge(a0, a1, b0, b1, where)
        out = []
        if ia:
            out.append(self.change("delete", ia, range(0), "excerpt", (f"only the base quotes the {where}",), 0.9))
        if ib:
            out.append(self.change("insert", range(0), ib, "excerpt", (f"only the witness quotes the {where}",), 0.9))
        return out

    def _short_edge(self, a0, a1, b0, b1, where: str) -> list[Change]:
        """A long stretch only one version quotes at an edge, and a word or three of the other's
        own. The few words are aligned with the long stretch's end next to the core ("The" /
        "…adding the northern"): the same words are the same, the rest of the long stretch is an
        excerpt, and what is left of the few words is worded differently ("If they restart" /
        "…anything. They restart")."""
        short_a = (a1 - a0) <= (b1 - b0)
        s0, s1, l0, l1 = (a0, a1, b0, b1) if short_a else (b0, b1, a0, a1)
        window = (s1 - s0) + 3
        w0, w1 = (max(l0, l1 - window), l1) if where == "start" else (l0, min(l1, l0 + window))
        sk = [u.key for u in (self.ua if short_a else self.ub)[s0:s1]]
        lk = [u.key for u in (self.ub if short_a else self.ua)[w0:w1]]
        blocks = [blk for blk in difflib.SequenceMatcher(None, sk, lk, autojunk=False).get_matching_blocks() if blk.size]
        side = "witness" if short_a else "base"

        def excerpt(i, j):
            if i >= j:
                return []
            if short_a:
                return [self.change("insert", range(0), self._tokens(self.ub, i, j), "excerpt", (f"only the {side} quotes the {where}",), 0.9)]
            return [self.change("delete", self._tokens(self.ua, i, j), range(0), "excerpt", (f"only the {side} quotes the {where}",), 0.9)]

        def pair_gap(si, sj, li, lj):
            return self.gap(si, sj, li, lj) if short_a else self.gap(li, lj, si, sj)

        def pair_equal(si, sj, li, lj):
            return self.equal(si, sj, li, lj) if short_a else self.equal(li, lj, si, sj)

        if not blocks:
            # nothing in common: the few words are the other version's own wording
            if where == "start":
                return excerpt(l0, l1) + pair_gap(s0, s1, l1, l1)
            return pair_gap(s0, s1, l0, l0) + excerpt(l0, l1)
        # the few words that match, and the gaps around them
        pieces: list[Change] = []
        si, li = s0, w0
        for blk in blocks:
            bs, bl = s0 + blk.a, w0 + blk.b
            if where == "start" and not pieces and li < bl and si == bs:
                li = bl  # the long stretch before the first match is the excerpt (below)
            if si < bs or li < bl:
                pieces += pair_gap(si, bs, li, bl)
            pieces += pair_equal(bs, bs + blk.size, bl, bl + blk.size)
            si, li = bs + blk.size, bl + blk.size
        if si < s1 or li < w1:
            if where == "end" and si == s1:
                return pieces + excerpt(li, l1)
            pieces += pair_gap(si, s1, li, w1)
        first_match = w0 + blocks[0].b
        if where == "start":
            return excerpt(l0, first_match if s0 + blocks[0].a == s0 else w0) + pieces
        return pieces + excerpt(w1, l1)

    def equal(self, a0, a1, b0, b1) -> list[Change]:
        """Words both versions have: the same, or written differently (cosmetic), or masked."""
        out: list[Change] = []
        segments = self._segments(a0, a1, b0, b1)
        run: list[tuple[range, range]] = []

        def flush():
            if run:
                out.append(self.change("equal", range(run[0][0][0], run[-1][0][-1] + 1),
                                       range(run[0][1][0], run[-1][1][-1] + 1), "same"))
                run.clear()

        prev: tuple[range, range] | None = None
        for ia, ib in segments:
            texts_a = [self.a[i].text for i in ia]
            texts_b = [self.b[j].text for j in ib]
            if prev is not None and self._punctuation_differs(prev[0][-1], ia[0], prev[1][-1], ib[0]):
                flush()
                out.append(self._punctuation_change(prev[0][-1], ia[0], prev[1][-1], ib[0]))
            if texts_a == texts_b:
                run.append((ia, ib))
            else:
                flush()
                if len(ia) == len(ib) == 1:
                    kind, reasons, confidence = self._surface(self.a[ia[0]], self.b[ib[0]])
                elif _joined(t.lower() for t in texts_a) == _joined(t.lower() for t in texts_b):
                    kind, reasons, confidence = "cosmetic", ("spacing or hyphenation",), 0.95
                elif any(c.isdigit() for t in texts_a + texts_b for c in t):
                    kind, reasons, confidence = "cosmetic", ("number format",), 0.9
                else:
                    kind, reasons, confidence = "cosmetic", ("contraction or abbreviation",), 0.95
                out.append(self.change("equal", ia, ib, kind, reasons, confidence))
            prev = (ia, ib)
        flush()
        return out

    def _segments(self, a0, a1, b0, b1) -> list[tuple[range, range]]:
        """Equal units grouped so that a token never stands in two groups ("we're" is two units)."""
        segments: list[tuple[range, range]] = []
        k = 0
        n = a1 - a0
        while k < n:
            end = k + 1
            while end < n and (self.ua[a0 + end].first <= self.ua[a0 + end - 1].last
                               or self.ub[b0 + end].first <= self.ub[b0 + end - 1].last):
                end += 1
            ia = range(self.ua[a0 + k].first, self.ua[a0 + end - 1].last + 1)
            ib = range(self.ub[b0 + k].first, self.ub[b0 + end - 1].last + 1)
            segments.append((ia, ib))
            k = end
        return segments

    def _surface(self, ta: Token, tb: Token) -> tuple[str, tuple[str, ...], float]:
        if ta.censored != tb.censored:
            return "censoring", ("masked word",), 0.95
        if ta.key == tb.key:
            return "cosmetic", ("case or typography",), 0.95
        if _plain(ta.text).replace("’", "'").replace("'", "") == _plain(tb.text).replace("’", "'").replace("'", ""):
            return "cosmetic", ("case or typography",), 0.95
        if any(c.isdigit() for c in ta.text + tb.text) or "%" in ta.text + tb.text:
            return "cosmetic", ("number format",), 0.9
        if ta.text.replace(".", "").lower() == tb.text.replace(".", "").lower() or ta.key != tb.key and _word_keys(
                _plain(ta.text), ta.text) == _word_keys(_plain(tb.text), tb.text) and "." in ta.text + tb.text:
            return "cosmetic", ("contraction or abbreviation",), 0.95
        return "cosmetic", ("spelling",), 0.9

    def _gap_text(self, text, words, i, j) -> str | None:
        if words[i].part != words[j].part:
            return None  # the attribution that interrupts the quotation
        gap = text[words[i].end : words[j].start]
        if gap.startswith(".") and _ABBREVIATION.match(words[i].text):
            gap = gap[1:]  # the full stop of "U.S." or "Mr."
        return _norm_punct(gap)

    def _punctuation_differs(self, a0, a1, b0, b1) -> bool:
        ga, gb = self._gap_text(self.base_text, self.a, a0, a1), self._gap_text(self.witness_text, self.b, b0, b1)
        return ga is not None and gb is not None and ga != gb

    def _punctuation_change(self, a0, a1, b0, b1) -> Change:
        ta0, ta1, tb0, tb1 = self.a[a0], self.a[a1], self.b[b0], self.b[b1]
        ga = self.base_text[ta0.end : ta1.start].strip()
        gb = self.witness_text[tb0.end : tb1.start].strip()
        bs = (ta0.end + self.base_text[ta0.end : ta1.start].find(ga), 0) if ga else None
        ws = (tb0.end + self.witness_text[tb0.end : tb1.start].find(gb), 0) if gb else None
        bs = (bs[0], bs[0] + len(ga)) if bs else None
        ws = (ws[0], ws[0] + len(gb)) if ws else None
        op = "replace" if ga and gb else "delete" if ga else "insert"
        return Change(op, bs, ws, ga, gb, "cosmetic", ("punctuation",), 0.95)

    def gap(self, a0, a1, b0, b1) -> list[Change]:
        """Words between two shared stretches: a substitution, an omission or an addition."""
        out: list[Change] = []
        # words both sides begin or end with are the same words (difflib left them out of the
        # stretches it shares only because they are common)
        while a0 < a1 and b0 < b1 and self.ua[a0].key == self.ub[b0].key and self.ua[a0].first != self.ua[a1 - 1].last:
            out += self.equal(a0, a0 + 1, b0, b0 + 1)
            a0, b0 = a0 + 1, b0 + 1
        tail: list[Change] = []
        while a0 < a1 and b0 < b1 and self.ua[a1 - 1].key == self.ub[b1 - 1].key and self.ua[a1 - 1].first != self.ua[a0].first:
            tail = self.equal(a1 - 1, a1, b1 - 1, b1) + tail
            a1, b1 = a1 - 1, b1 - 1
        ia, ib = self._tokens(self.ua, a0, a1), self._tokens(self.ub, b0, b1)
        if not ia and not ib:
            # nothing but punctuation can differ between the two stretches
            return out + tail
        # whether each version's quotation is interrupted (by an attribution) around this gap
        self._last_gap = (self._interrupted(self.ua, self.a, a0, a1), self._interrupted(self.ub, self.b, b0, b1))
        op = "replace" if ia and ib else "delete" if ia else "insert"
        if not (ia and ib) and self._ellipsis(a0, a1, b0, b1, in_base=bool(ia)):
            side = "witness" if ia else "base"
            return out + [self.change(op, ia, ib, "excerpt", (f"the {side} marks the words left out with an ellipsis",), 0.95)] + tail
        kind, reasons, confidence = self.classify(ia, ib, a0, a1, b0, b1)
        return out + [self.change(op, ia, ib, kind, reasons, confidence)] + tail

    @staticmethod
    def _interrupted(units: list[_Unit], words: list[Token], i: int, j: int) -> bool:
        """The words before position i and from position j stand in different parts."""
        if i == 0 or j >= len(units):
            return False
        return words[units[i - 1].last].part != words[units[j].first].part

    def _outside_marks(self, words: list[Token], in_base: bool) -> bool:
        """The other version's quotation is interrupted where these words stand: it has them
        outside its quotation marks (`"hundreds of local families" would "almost certainly…"`)."""
        return self._last_gap[1 if in_base else 0]

    def _ellipsis(self, a0, a1, b0, b1, in_base: bool) -> bool:
        """The version without the words has an ellipsis where they would stand."""
        units, words, text, i, j = (self.ub, self.b, self.witness_text, b0, b1) if in_base else (self.ua, self.a, self.base_text, a0, a1)
        if i == 0 or i >= len(units):
            return False
        left, right = words[units[i - 1].last], words[units[i].first]
        return "…" in text[left.end : right.start] or "..." in text[left.end : right.start]

    def classify(self, ia: range, ib: range, a0, a1, b0, b1) -> tuple[str, tuple[str, ...], float]:
        """The class of one difference inside the core, its reasons and a confidence."""
        wa, wb = [self.a[i] for i in ia], [self.b[j] for j in ib]
        ka = [u.key for u in self.ua[a0:a1]]
        kb = [u.key for u in self.ub[b0:b1]]
        # the size of a change is counted in content words: "Looking forward to the" is two
        size = max(_content_size(ka), _content_size(kb), 1)
        # confidence falls with the size of the change and with a weak alignment around it
        confidence = {1: 0.95, 2: 0.9, 3: 0.85, 4: 0.75, 5: 0.65}.get(size, 0.55)
        if self.score < 60:
            confidence -= 0.15
        if _joined(ka) == _joined(kb) or _joined(t.key for t in wa) == _joined(t.key for t in wb):
            return "cosmetic", ("spacing or hyphenation",), 0.95
        if any(t.censored for t in wa + wb):
            return "censoring", ("masked word",), 0.9
        if wb and self._bracketed(self.witness_text, wb) or wa and self._bracketed(self.base_text, wa):
            return "cosmetic", ("editorial brackets",), 0.85
        if len(wa) == len(wb) and all(spelling_variant(x.key, y.key) for x, y in zip(wa, wb)) and not self._numbers_differ(ka, kb):
            return "cosmetic", ("spelling",), 0.85
        if not wa or not wb:
            return self._addition(wa or wb, ka or kb, bool(wa), confidence)
        long, short = max(len(wa), len(wb)), min(len(wa), len(wb))
        if long >= LONG_GAP and short * 3 <= long:
            return "excerpt", ("other words of the statement",), 0.7
        if min(len(wa), len(wb)) >= 5 and size > MAX_MEANING_WORDS and fuzz.ratio(" ".join(ka), " ".join(kb)) < 50:
            return "excerpt", ("other words of the statement",), 0.5
        reasons = self._meaning(ia, ib, ka, kb)
        if reasons:
            if size > MAX_MEANING_WORDS:
                return "wording", tuple(f"long: {r}" for r in reasons), max(0.3, confidence - 0.2)
            return "meaning", reasons, confidence
        if not _content_size(ka) and not _content_size(kb):
            return "wording", ("function words",), confidence  # "on" / "for", "the" / "a"
        return "wording", (), confidence

    def _addition(self, words: list[Token], keys: list[str], in_base: bool, confidence: float) -> tuple[str, tuple[str, ...], float]:
        """Words only one version has, inside the core: left out by one outlet, or added."""
        side = "witness" if in_base else "base"
        if self._outside_marks(words, in_base):
            return "excerpt", (f"the {side} has these words outside its quotation marks",), 0.8
        if len(words) >= LONG_GAP or any(t.text in ".!?" for t in words[:-1]):
            return "excerpt", (f"the {side} leaves out a stretch",), 0.85
        if {k for k in keys} & _NEGATIONS and not _idiom(keys):
            return "meaning", ("negation",), min(confidence, 0.85)
        if {k for k in keys if k in _MODALS} and len(keys) <= 2:
            return "meaning", ("modality",), min(confidence, 0.75)
        minor = () if _content_size(keys) else ("function words",)
        return "wording", ("words left out" if in_base else "words added",) + minor, confidence

    @staticmethod
    def _bracketed(text: str, words: list[Token]) -> bool:
        before = text[: words[0].start].rstrip()[-1:]
        after = text[words[-1].end :].lstrip()[:1]
        return before + after in ("[]", "()")

    @staticmethod
    def _numbers_differ(ka: list[str], kb: list[str]) -> bool:
        return {k for k in ka if _is_number(k)} != {k for k in kb if _is_number(k)}

    def _meaning(self, ia: range, ib: range, ka: list[str], kb: list[str]) -> tuple[str, ...]:
        reasons: list[str] = []
        na = _names(self.a, ia, self.base_text)
        nb = _names(self.b, ib, self.witness_text)
        if na and nb and not _same_names(na, nb):
            reasons.append("name")
        nums_a = {k for k in ka if _is_number(k)}
        nums_b = {k for k in kb if _is_number(k)}
        if nums_a != nums_b and (nums_a and nums_b or (nums_a or nums_b) and set(ka + kb) & _QUANTITY_WORDS):
            reasons.append("number")
        if _negated(ka) != _negated(kb):
            reasons.append("negation")
        ma = {_MODALS[k] for k in ka if k in _MODALS}
        mb = {_MODALS[k] for k in kb if k in _MODALS}
        if ma and mb and ma != mb:
            reasons.append("modality")
        if _person_changed(ka, kb, na, nb):
            reasons.append("person")
        elif _who_hopes_changed(ka, kb, na, nb):
            reasons.append("who hopes what")
        return tuple(reasons)


_ABBREVIATION = re.compile(r"^(?:(?:[A-Za-z]\.)+[A-Za-z]|Mr|Mrs|Ms|Dr|Jr|Sr|St|Gen|Sen|Rep|Gov|Lt|Col|No|Inc|Corp|Co|Ltd)$")


# Closed-class words: a change among these alone ("on" / "for", "the" left out) is what
# translation and copy-editing do; it says nothing about what was said.
FUNCTION_WORDS = frozenset("""a an the this that these those some any each every such
of in on at to for from by with about as into onto upon over under between through during before after above below
toward across along among around behind beside besides beyond near off out up down via within without against
and or but so yet nor if than then because while whereas although though whether
is are was were be been being am do does did have has had having
it its there here which who whom whose what
very just also too quite rather really even still""".split())


def _joined(keys) -> str:
    """The words written together: "World — big" / "World-big", "good will" / "goodwill"."""
    return "".join(keys).replace("-", "")


def _content_size(keys: list[str]) -> int:
    """How many words of a change carry content: not function words (pronouns, negations,
    modals and numbers always do)."""
    return sum(1 for k in keys if k not in FUNCTION_WORDS)


def _norm_punct(gap: str) -> str:
    g = "".join(gap.split())
    g = re.sub(r"[\"“”‘’'«»]", "", g)  # quotation marks inside a quotation are typography
    return re.sub(r"[—–]|--", "-", g)


def _is_number(key: str) -> bool:
    return any(c.isdigit() for c in key) or key == "%"


def _idiom(keys: list[str]) -> bool:
    return any((x, y) in _NOT_NEGATING for x, y in zip(keys, keys[1:]))


def _negated(keys: list[str]) -> bool:
    count = 0
    for n, k in enumerate(keys):
        if k in _NEGATIONS and not (n + 1 < len(keys) and (k, keys[n + 1]) in _NOT_NEGATING):
            count += 1
    return count % 2 == 1


def _person_changed(ka: list[str], kb: list[str], na: set[str], nb: set[str]) -> bool:
    """Who speaks or acts: a pronoun of another person in the same role ("my" / "his"), or a first
    or second person turned into a name ("I" / "Trump")."""
    pa = [_PRONOUNS[k] for k in ka if k in _PRONOUNS]
    pb = [_PRONOUNS[k] for k in kb if k in _PRONOUNS]
    if pa and pb:
        roles_a = {role: person for person, role in pa}
        roles_b = {role: person for person, role in pb}
        return any(roles_a[r] != roles_b[r] for r in roles_a.keys() & roles_b.keys())
    one = pa or pb
    names = nb if pa else na
    return bool(one and names and any(person in ("1s", "1p", "2") and role == "subject" for person, role in one)
                and len(ka) <= 2 and len(kb) <= 2)


_HOPE_WORDS = {"hope", "hopes", "hoped", "hoping", "wish", "wishes", "wished", "want", "wants", "wanted", "looking",
               "look", "expect", "expects", "expected", "believe", "believes", "fear", "fears", "trust", "trusts"}


def _who_hopes_changed(ka: list[str], kb: list[str], na: set[str], nb: set[str]) -> bool:
    """Who hopes, wishes or expects: one version gives the attitude to someone the other does not
    ("Looking forward to" / "Russia and the United States hope for")."""
    ha, hb = set(ka) & _HOPE_WORDS, set(kb) & _HOPE_WORDS
    if not ha and not hb:
        return False
    subjects_a = na | {k for k in ka if k in _PRONOUNS and _PRONOUNS[k][1] == "subject"}
    subjects_b = nb | {k for k in kb if k in _PRONOUNS and _PRONOUNS[k][1] == "subject"}
    return bool(subjects_a ^ subjects_b) and (bool(ha) != bool(hb) or subjects_a.isdisjoint(subjects_b))
