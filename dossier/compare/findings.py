"""Findings: what the comparison has to say about a passage, each with its kind, evidence (the
words on both sides), a confidence, and a level that says where it goes.

Kinds, from the collation of two versions of one quotation (`collation`), from the speakers two
articles give one statement, and from descriptors (`contradictions`):

| kind | what |
|---|---|
| changed-quotation | a change of meaning: name, number, negation, modality, grammatical person |
| censored-quotation | one outlet masks a word the other prints |
| reworded-quotation | other words, or a few words added or left out |
| cosmetic-quotation | case, punctuation, spelling variants, contractions, number formats |
| excerpted-quotation | one outlet quotes more of the statement than the other |
| different-excerpt | two outlets quote other parts of one statement (not collated) |
| different-speaker | two outlets give the same words to different people |
| contradicting-descriptor | two descriptors of one entity that cannot both hold |

Levels ("quiet by default"): `marked` findings are confident and worth a reader's attention:
they become automatic notes marked in the article text; `review` findings become automatic notes
that wait on the review page, ranked (`rank`), until an analyst confirms (then they are marked
too) or dismisses them; `info` findings are records for the comparison pages and dossier.json,
never notes.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, replace

from ..model import Article
from .collation import Alignment, Change
from .contradictions import Contradiction
from .quotations import Quote
from .quote_groups import GroupMember, QuoteGroup

MARK_CONFIDENCE = 0.8  # from this confidence on, a finding of a marking kind is marked in the text
SPEAKER_MISMATCH = 0.6  # confidence factor for the changes between versions given to different speakers

_KIND_OF_CHANGE = {
    "meaning": "changed-quotation",
    "censoring": "censored-quotation",
    "wording": "reworded-quotation",
    "cosmetic": "cosmetic-quotation",
    "excerpt": "excerpted-quotation",
}
# Kinds that are marked in the text when confident; the others wait for review or are records.
MARKING_KINDS = ("changed-quotation", "censored-quotation", "contradicting-descriptor")
REVIEW_KINDS = ("different-speaker", "reworded-quotation")
# How much a kind weighs on the review page: confidence × weight orders it.
REVIEW_WEIGHT = {"changed-quotation": 1.0, "contradicting-descriptor": 1.0, "censored-quotation": 0.9,
                 "different-speaker": 0.8, "reworded-quotation": 0.5}
_ID_PREFIX = {
    "changed-quotation": "quote", "censored-quotation": "censor", "reworded-quotation": "reword",
    "cosmetic-quotation": "cosmetic", "excerpted-quotation": "excerpt", "different-excerpt": "parts",
    "different-speaker": "speaker", "contradicting-descriptor": "descriptor",
}


@dataclass(frozen=True)
class Finding:
    id: str  # stable across rebuilds (made from article ids and texts, never offsets): decisions are keyed by it
    kind: str  # see the module docstring
    level: str  # marked | review | info
    confidence: float  # 0..1
    reasons: tuple[str, ...]  # name, number, negation, modality, person, who hopes what; nationality, office, age…
    article: str  # where it is anchored: the version that has the words
    start: int
    end: int
    paragraph: int | None
    text: str  # the words there
    other_article: str | None  # the other version
    other_start: int | None
    other_end: int | None
    other_paragraph: int | None
    other_text: str
    message: str  # plain text, for the note
    story: str | None = None
    group: str | None = None  # the quotation group
    entity: str | None = None  # the entity a descriptor finding is about
    entities: tuple[str, ...] = ()  # entities the finding is about (shown on their pages)
    rank: int = 0  # place on the review page (1 first) for review findings; 0 otherwise


def finding_id(prefix: str, *parts: str) -> str:
    return f"{prefix}-{hashlib.sha1(chr(31).join(parts).encode('utf-8')).hexdigest()[:10]}"


REVIEW_CONFIDENCE = 0.5  # below this, a rewording is a record only


def level_of(kind: str, confidence: float, reasons: tuple[str, ...] = ()) -> str:
    if kind == "reworded-quotation" and ("function words" in reasons or confidence < REVIEW_CONFIDENCE):
        return "info"  # "on" / "for", "the" left out: what translation and copy-editing do
    if kind in MARKING_KINDS:
        return "marked" if confidence >= MARK_CONFIDENCE else "review"
    if kind in REVIEW_KINDS:
        return "review"
    return "info"


def findings(groups: tuple[QuoteGroup, ...], contradictions: tuple[Contradiction, ...], quotes: dict[str, Quote],
             by_id: dict[str, Article], story_of: dict[str, str]) -> tuple[Finding, ...]:
    """Every finding of the comparison, ids unique, review findings ranked."""
    out: list[Finding] = []
    for g in groups:
        members = {m.id: m for m in g.members}
        for al in g.alignments:
            base, witness = members.get(al.base), members.get(al.witness)
            if base is None or witness is None or base.kind != "quote" or witness.kind != "quote":
                continue  # a paraphrase says it in other words by nature
            out.extend(_quotation_findings(g, al, base, witness, quotes, by_id, story_of))
    for c in contradictions:
        out.append(_contradiction_finding(c, by_id, story_of))
    return _ranked(_unique(_one_per_place(out)))


def _one_per_place(found: list[Finding]) -> list[Finding]:
    """One finding per kind and place in a group: the words the base quotes beyond several
    shorter versions are one excerpt, not one per version."""
    seen: set[tuple] = set()
    out = []
    for f in found:
        key = (f.kind, f.group, f.article, f.start, f.end, f.kind in ("changed-quotation", "censored-quotation") and f.other_text)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


def _title(by_id: dict[str, Article], article_id: str) -> str:
    a = by_id.get(article_id)
    if a is None:
        return article_id
    title = " ".join(a.title.split())
    title = title if len(title) <= 60 else title[:59] + "…"
    return " · ".join(x for x in (a.source, a.date, title) if x)


def _paragraph(by_id: dict[str, Article], article: str, offset: int | None) -> int | None:
    a = by_id.get(article)
    if a is None or offset is None:
        return None
    p = a.paragraph_at(offset)
    return p.number if p else None


# A quotation given to a document ("the suit states") is the document's words, not a person's.
_DOCUMENTS = {"suit", "lawsuit", "complaint", "filing", "document", "indictment", "report", "memo", "memos",
              "letter", "ruling", "order", "bill", "resolution", "motion", "affidavit", "transcript", "warrant"}


def _same_speaker(a: GroupMember, b: GroupMember, quotes: dict[str, Quote]) -> bool | None:
    """True, False, or None when one of them is not known (unattributed, a pronoun, or a phrase
    such as "the president" that may name the other). A person and a document ("Perez said" /
    "the suit states") are two sources."""
    sa, sb = _surname(a.speaker), _surname(b.speaker)
    if a.speaker_entity and a.speaker_entity == b.speaker_entity or sa and sa == sb:
        return True
    da, db = _document(a.speaker), _document(b.speaker)
    if da and db:
        return da == db or None
    if da and sb or db and sa:
        return False
    if not sa or not sb:
        return None
    return False


def _document(speaker: str | None) -> str | None:
    if not speaker:
        return None
    words = speaker.lower().split()
    return words[-1] if words[0] in ("the", "a", "an", "its", "their") and words[-1] in _DOCUMENTS else None


_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def _surname(speaker: str | None) -> str | None:
    """The last name of a speaker written as a name ("Roger J. Stone Jr." → "stone"); None for
    a pronoun or a description ("the agency")."""
    if not speaker:
        return None
    words = [w.rstrip(".,") for w in speaker.split()]
    while len(words) > 1 and words[-1].lower() in _SUFFIXES:
        words.pop()
    if not words or not words[-1][:1].isupper() or speaker.split()[0].lower() in ("the", "a", "an", "he", "she", "they", "it"):
        return None
    return words[-1].lower()


def _quotation_findings(g: QuoteGroup, al: Alignment, base: GroupMember, witness: GroupMember, quotes: dict[str, Quote],
                        by_id: dict[str, Article], story_of: dict[str, str]) -> list[Finding]:
    story = story_of.get(witness.article)
    same = _same_speaker(base, witness, quotes)
    factor = SPEAKER_MISMATCH if same is False else 1.0
    out: list[Finding] = []
    speaker = base.speaker_entity or witness.speaker_entity
    entities = (speaker,) if speaker else ()
    if al.relation == "different-excerpt":
        if same is not True:
            return out  # other words, and no sign that one person said both: not one statement
        conf = 0.75
        w_span, b_span = (witness.parts[0][0], witness.parts[-1][1]), (base.parts[0][0], base.parts[-1][1])
        out.append(Finding(
            finding_id("parts", witness.article, base.article, base.text, witness.text), "different-excerpt", "info", conf, (),
            witness.article, *w_span, _paragraph(by_id, witness.article, w_span[0]), witness.text,
            base.article, *b_span, _paragraph(by_id, base.article, b_span[0]), base.text,
            f"Other words of the same statement: {_title(by_id, base.article)} quotes another part of it.",
            story, g.id, None, entities))
        return out
    if same is False:
        if al.similarity < 60:
            return out  # a few words in common, given to two people: two statements, nothing to compare
        out.append(_speaker_finding(g, base, witness, quotes, by_id, story, al))
    for c in al.changes:
        if c.kind == "same":
            continue
        kind = _KIND_OF_CHANGE[c.kind]
        confidence = round(c.confidence * factor, 2)
        longer_base = c.kind == "excerpt" and c.base and c.witness and len(c.base_text) > len(c.witness_text)
        if c.witness and c.witness[1] > c.witness[0] and not longer_base:
            # anchored at the later version's words; an excerpt at the words only one version quotes
            article, span, text, other, other_span, other_text = witness.article, c.witness, c.witness_text, base.article, c.base, c.base_text
            other_member = base
        elif c.base and c.base[1] > c.base[0]:
            article, span, text, other, other_span, other_text = base.article, c.base, c.base_text, witness.article, c.witness, c.witness_text
            other_member = witness
        else:
            continue
        if other_span is None:
            # words only this version has: the other side is the other version as a whole
            other_span = (other_member.parts[0][0], other_member.parts[-1][1])
            other_text = ""
        out.append(Finding(
            finding_id(_ID_PREFIX[kind], witness.article, base.article, c.base_text, c.witness_text), kind,
            level_of(kind, confidence, c.reasons), confidence, c.reasons,
            article, span[0], span[1], _paragraph(by_id, article, span[0]), text,
            other, other_span[0] if other_span else None, other_span[1] if other_span else None,
            _paragraph(by_id, other, other_span[0] if other_span else None), other_text,
            _change_message(kind, c, article == witness.article, by_id, base.article if article == witness.article else witness.article),
            story, g.id, None, entities))
    return out


def _change_message(kind: str, c: Change, at_witness: bool, by_id: dict[str, Article], other: str) -> str:
    here, there = (c.witness_text, c.base_text) if at_witness else (c.base_text, c.witness_text)
    who = _title(by_id, other)
    reasons = ", ".join(r for r in c.reasons)
    if kind == "changed-quotation":
        what = f"“{here}” where {who} quotes “{there}”" if there else f"“{here}”, which {who} does not quote"
        return f"Changed quotation: this article has {what}" + (f" (changes: {reasons})." if reasons else ".")
    if kind == "censored-quotation":
        return f"Censored quotation: this article writes “{here}” where {who} writes “{there}”."
    if kind == "reworded-quotation":
        if not there:
            return f"Reworded quotation: this article has “{here}”, which {who} does not quote."
        return f"Reworded quotation: this article has “{here}” where {who} quotes “{there}”."
    if kind == "cosmetic-quotation":
        return f"Cosmetic difference ({reasons}): “{here}” here, “{there}” in {who}."
    return f"Excerpt: this article quotes “{here}”, which {who} leaves out."


def _speaker_finding(g: QuoteGroup, base: GroupMember, witness: GroupMember, quotes: dict[str, Quote],
                     by_id: dict[str, Article], story: str | None, al: Alignment) -> Finding:
    def span(m: GroupMember) -> tuple[int, int]:
        q = quotes.get(m.quotes[0]) if m.quotes else None
        if q is not None and q.speaker_span:
            return q.speaker_span
        return m.parts[0][0], m.parts[-1][1]

    ws, bs = span(witness), span(base)
    w_text, b_text = by_id[witness.article].text[ws[0]:ws[1]], by_id[base.article].text[bs[0]:bs[1]]
    conf = 0.85 if al.similarity >= 80 else 0.7
    return Finding(
        finding_id("speaker", witness.article, base.article, base.speaker_entity or "", witness.speaker_entity or "", base.text),
        "different-speaker", "review", conf, ("speaker",),
        witness.article, ws[0], ws[1], _paragraph(by_id, witness.article, ws[0]), w_text,
        base.article, bs[0], bs[1], _paragraph(by_id, base.article, bs[0]), b_text,
        f"Different speaker: this article gives the words “{_short(witness.text)}” to {witness.speaker}, "
        f"{_title(by_id, base.article)} to {base.speaker}.",
        story, g.id, None, tuple(x for x in (base.speaker_entity, witness.speaker_entity) if x))


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _contradiction_finding(c: Contradiction, by_id: dict[str, Article], story_of: dict[str, str]) -> Finding:
    a, b = c.second, c.first  # anchored at the later article's descriptor, like a changed quotation
    kind = "contradicting-descriptor"
    return Finding(
        finding_id("descriptor", c.entity, c.kind, c.first.article, c.first.text, c.second.article, c.second.text),
        kind, level_of(kind, c.confidence), c.confidence, (c.kind,),
        a.article, a.start, a.end, a.paragraph, a.text, b.article, b.start, b.end, b.paragraph, b.text,
        f"Contradicting descriptor ({c.kind}: {c.detail}): this article says “{a.text}”, "
        f"{_title(by_id, b.article)} says “{b.text}”.",
        story_of.get(a.article), None, c.entity, (c.entity,))


def _unique(found: list[Finding]) -> list[Finding]:
    """One id per finding: a second finding with the same words in the same pair of articles
    gets "-2" (the first keeps the id an analyst's decision may already name)."""
    seen: Counter[str] = Counter()
    out = []
    for f in sorted(found, key=lambda f: (f.article, f.start, f.end, f.kind, f.id)):
        seen[f.id] += 1
        out.append(f if seen[f.id] == 1 else replace(f, id=f"{f.id}-{seen[f.id]}"))
    return out


def _ranked(found: list[Finding]) -> tuple[Finding, ...]:
    review = sorted((f for f in found if f.level == "review"),
                    key=lambda f: (-f.confidence * REVIEW_WEIGHT.get(f.kind, 0.5), f.article, f.start, f.id))
    rank = {f.id: n for n, f in enumerate(review, 1)}
    return tuple(replace(f, rank=rank[f.id]) if f.id in rank else f for f in found)
