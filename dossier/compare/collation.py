"""Collation: how two versions of one statement differ, word by word.

Alignment is word level (difflib) on normalised words, and each difference is classed:
"meaning" when it touches a name, a number, a negation or the person speaking or hoping;
"cosmetic" when only spelling, case or punctuation differ; "wording" for any other change.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .words import fold

# A word as in `words.WORD`, or any single punctuation mark: punctuation is aligned too.
_TOKEN = re.compile(r"@?\w+(?:[’'.\-]\w+)*|[^\w\s]")


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
    """The words and punctuation marks of `text` inside `spans` ((start, end) pairs), in order."""
    out: list[Token] = []
    for s, e in spans:
        for m in _TOKEN.finditer(text, s, e):
            out.append(Token(m.group(), m.start(), m.end(), fold(m.group())))
    return out


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
