"""Automatic notes: the comparison's findings that point at a passage, each with the decision
an analyst recorded about it in `<notes>/decisions.yml` (pending until then).

Quiet by default: a finding carries a level (`compare.findings`). A `marked` finding is a note
marked in its article's text; a `review` finding is a note that waits on the review page (not
marked in the text) until an analyst confirms it (then it is marked) or dismisses it; an `info`
finding is no note at all (it stays in the comparison's records and dossier.json).

decisions.yml maps a finding's stable id to `confirmed` or `dismissed`, or to
`{decision: …, by: …, date: …}`; `dossier note confirm|dismiss` writes it (`authoring.decide`),
for marked and review findings alike.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .. import inputs, yamlsafe
from ..model import Article, Problem
from ..slugs import slugify
from . import anchoring
from .anchoring import Anchor
from .files import field_text, key_line, relative_name, unique_id, yaml_problem
from .record import Note, shorten

DECISIONS_FILE = "decisions.yml"
DECISIONS = ("confirmed", "dismissed")
DECISIONS_LIMITS = yamlsafe.Limits(max_bytes=8 << 20, max_nodes=1_000_000)


@dataclass(frozen=True)
class Finding:
    """What notes needs of one comparison finding (the documented interface; see findings_of)."""

    id: str  # stable across rebuilds: decisions are keyed by it
    kind: str  # e.g. changed-quotation, contradicting-descriptor
    article: str  # Article.id
    start: int
    end: int
    message: str  # plain text, shown as the note's body
    entities: tuple[str, ...] = ()  # entities the finding is about (shown on their pages)
    level: str = "marked"  # marked (a note marked in the text) | review (a note waiting for review)
    confidence: float | None = None  # 0..1, when the comparison gives one
    rank: int = 0  # place on the review page (1 first), for review findings


def _get(obj, key, default=None):
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def findings_of(comparison, articles: dict[str, Article] | None = None) -> list[Finding]:
    """The comparison's findings that point at a passage, as automatic notes.

    Two sources:
    - `comparison.findings` (attribute or dict key, or a method): an iterable of objects or
      dicts with `id`, `kind`, `article`, `start`, `end`, `message`, and optionally `level`
      (marked | review | info: info findings are not notes), `confidence`, `rank` and
      `entities`. The comparison stage's own result (`compare.Comparison.findings`) is one;
    - otherwise (a comparison without `findings`) every meaning change between two versions of
      one quotation (`quote_groups[].alignments[].meaning_changes`), anchored at the changed
      words of the later version, and every contradicting descriptor (`contradictions`),
      anchored at both descriptors, all marked.
    Finding ids are made from article ids and texts, never offsets, so a decision about a
    finding survives rebuilds and edits elsewhere in the articles.
    """
    if comparison is None:
        return []
    items = _get(comparison, "findings")
    if callable(items):
        items = items()
    if items is None:
        return _comparison_findings(comparison, articles or {})
    result = []
    for item in items or ():
        fid, article = _get(item, "id"), _get(item, "article")
        start, end = _get(item, "start"), _get(item, "end")
        if not fid or not article or not isinstance(start, int) or not isinstance(end, int) or end <= start:
            continue
        level = str(_get(item, "level", "marked") or "marked")
        if level == "info":
            continue  # a record for the comparison pages, not a note
        confidence = _get(item, "confidence")
        rank = _get(item, "rank", 0)
        entities = _get(item, "entities", ()) or ()
        result.append(Finding(str(fid), str(_get(item, "kind", "finding")), str(article), start, end,
                              str(_get(item, "message", "") or ""),
                              tuple(str(e) for e in entities) if isinstance(entities, (list, tuple)) else (),
                              level if level in ("marked", "review") else "marked",
                              float(confidence) if isinstance(confidence, (int, float)) else None,
                              rank if isinstance(rank, int) else 0))
    return result


def _finding_id(prefix: str, *parts: str) -> str:
    return f"{prefix}-{hashlib.sha1(chr(31).join(parts).encode('utf-8')).hexdigest()[:10]}"


def _title_of(articles: dict[str, Article], article_id: str) -> str:
    article = articles.get(article_id)
    if article is None:
        return article_id
    return " · ".join(x for x in (article.date, shorten(article.title, 60)) if x)


def _comparison_findings(comparison, articles: dict[str, Article]) -> list[Finding]:
    found: list[Finding] = []
    for group in _get(comparison, "quote_groups", ()) or ():
        members = {m.id: m for m in group.members}
        for alignment in group.alignments:
            base, witness = members.get(alignment.base), members.get(alignment.witness)
            if base is None or witness is None or base.kind != "quote" or witness.kind != "quote":
                continue
            for change in alignment.meaning_changes:
                if change.witness is None or change.witness[1] <= change.witness[0]:
                    continue
                if change.base_text:
                    what = f"“{change.witness_text}” where {_title_of(articles, base.article)} quotes “{change.base_text}”"
                else:
                    what = f"“{change.witness_text}”, which {_title_of(articles, base.article)} does not quote"
                reasons = ", ".join(change.reasons)
                found.append(Finding(
                    _finding_id("quote", witness.article, base.article, change.base_text, change.witness_text),
                    "changed-quotation", witness.article, change.witness[0], change.witness[1],
                    f"Changed quotation: this article has {what}" + (f" (changes: {reasons})." if reasons else "."),
                ))
    for c in _get(comparison, "contradictions", ()) or ():
        fid = _finding_id("descriptor", c.entity, c.kind, c.first.article, c.first.text, c.second.article, c.second.text)
        for this, other in ((c.first, c.second), (c.second, c.first)):
            found.append(Finding(
                fid, "contradicting-descriptor", this.article, this.start, this.end,
                f"Contradicting descriptor ({c.kind}: {c.detail}): this article says “{this.text}”, "
                f"{_title_of(articles, other.article)} says “{other.text}”.",
                (c.entity,),
            ))
    return found


class Decision(NamedTuple):
    """An analyst's decision on one finding (an entry of decisions.yml)."""

    status: str  # confirmed | dismissed; "pending" for a finding without a decision
    by: str | None = None
    date: str | None = None


PENDING = Decision("pending")


def load_decisions(notes_dir: Path, project_root: Path) -> tuple[dict[str, Decision], list[Problem]]:
    """decisions.yml: `finding-id: confirmed|dismissed`, or `finding-id: {decision: …, by: …, date: …}`."""
    path = notes_dir / DECISIONS_FILE
    name = relative_name(path, project_root)
    try:
        text = inputs.read_text_inside(path, notes_dir.parent, DECISIONS_LIMITS.max_bytes)
        if text is None:
            return {}, []
        data = yamlsafe.load(text, limits=DECISIONS_LIMITS) or {}
    except inputs.Refused as err:
        return {}, [Problem(name, f"decisions {err.not_read}", "error")]
    except yamlsafe.YamlError as err:
        return {}, [Problem(name, f"malformed YAML: {yaml_problem(err)}", "error", err.line)]
    if not isinstance(data, dict):
        return {}, [Problem(name, "decisions file is not a mapping of finding ids to decisions", "error", 1)]
    decisions: dict[str, Decision] = {}
    problems: list[Problem] = []
    for key, value in data.items():
        entry = {"decision": value} if isinstance(value, str) else value
        if not isinstance(entry, dict) or entry.get("decision") not in DECISIONS:
            problems.append(Problem(name, f"decision for {key!r} must be `confirmed` or `dismissed`; ignored",
                                    "warning", key_line(text, str(key))))
            continue
        decisions[str(key)] = Decision(entry["decision"], field_text(entry.get("by")), field_text(entry.get("date")))
    return decisions, problems


def automatic_notes(comparison, articles: dict[str, Article], notes_dir: Path, project_root: Path,
                    taken: set[str]) -> tuple[list[Note], list[Problem]]:
    """A note for each finding placed in its article (with its decision), and the problems:
    decisions.yml's, and decisions about findings the comparison no longer makes. `taken`: the
    note ids already given (people's notes), to which these are added."""
    decisions, problems = load_decisions(notes_dir, project_root)
    try:
        findings = findings_of(comparison, articles)
    except (AttributeError, TypeError, KeyError, IndexError) as err:
        # A comparison result of another shape must not stop the build; say what is missing.
        problems.append(Problem("dossier/notes/findings.py",
                                f"automatic notes left out: the comparison result has an unexpected shape "
                                f"({type(err).__name__}: {err})", "warning"))
        findings = []
    notes = []
    seen: set[str] = set()
    placed: set[tuple] = set()
    for f in findings:
        article = articles.get(f.article)
        if article is None or f.end > len(article.text) or (f.id, f.article, f.start, f.end) in placed:
            continue
        placed.add((f.id, f.article, f.start, f.end))
        seen.add(f.id)
        decision = decisions.get(f.id, PENDING)
        selector = anchoring.selector_for(article.text, f.start, f.end)
        notes.append(Note(
            id=unique_id("auto-" + (slugify(f.id, max_length=60) or "finding"), taken, f"{f.id}/{f.article}/{f.start}"),
            kind=slugify(f.kind, max_length=32) or "finding",
            body=f.message,
            selector=selector,
            anchor=Anchor(anchoring.EXACT, f.start, f.end, 100.0),
            article=article.id,
            article_ref=article.input,
            author="dossier (comparison)",
            file=None,
            automatic=True,
            finding=f.id,
            status=decision.status,
            decided_by=decision.by,
            date=decision.date,
            entities=f.entities,
            level=f.level,
            confidence=f.confidence,
            rank=f.rank,
        ))
    stale = sorted(set(decisions) - seen)
    if stale:
        name = relative_name(notes_dir / DECISIONS_FILE, project_root)
        problems.append(Problem(name, f"decisions about findings the comparison no longer makes: {', '.join(stale)}",
                                "warning"))
    return notes, problems

