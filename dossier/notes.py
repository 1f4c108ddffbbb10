"""Notes: analysts' notes anchored to passages of the articles (issue #5).

A note is one Markdown file in `<input>/notes/` with YAML front matter naming its article and
the passage (a W3C text-quote selector plus an optional position hint), and a Markdown body:

    ---
    article: seeds/002_438d2bf8bcbd74dd.txt
    kind: fact-check
    author: A. Analyst
    date: 2026-12-01
    selector:
      exact: "Serbia's Navalny"
      prefix: "alleged attempt with "
      suffix: ", or activities in Syria"
      position: {start: 2675, end: 2691}
    ---
    Factual error: Alexei Navalny is Russian, not Serbian.

`load_and_anchor` reads and anchors them (see `anchor.py`); a note that cannot be anchored is
an *orphan*: an error in the build report, listed on the "Unanchored notes" page, never dropped.
The comparison stage's findings become *automatic notes*; an analyst confirms or dismisses each
one in `<input>/notes/decisions.yml`, keyed by the finding's stable id.

Note bodies are untrusted Markdown: each is rendered on its own to sanitized HTML
(`untrusted.note_html`), so nothing in it can define anything for the rest of the page.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import logging
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from . import anchor as anchoring
from . import yamlsafe
from .site import markup
from .anchor import Anchor, Selector
from .model import Article, Entity, Problem
from .slugs import slugify

log = logging.getLogger("dossier")

DECISIONS_FILE = "decisions.yml"
DECISIONS = ("confirmed", "dismissed")
KNOWN_KEYS = {"article", "selector", "kind", "tags", "author", "date", "title"}
SELECTOR_KEYS = {"exact", "prefix", "suffix", "position", "type"}
SKIPPED_FILES = {"readme.md"}

MAX_NOTE_BYTES = 1 << 20  # a note file; a longer one is reported, not read
DECISIONS_LIMITS = yamlsafe.Limits(max_bytes=8 << 20, max_nodes=1_000_000)


def _safe_yaml(text: str, limits: yamlsafe.Limits = yamlsafe.DEFAULT):
    """The one strict loader (no anchors or aliases, bounded), its refusal as a YAMLError."""
    try:
        return yamlsafe.load(text, limits=limits)
    except yamlsafe.YamlError as err:
        raise _YamlRefused(err.message, err.line) from None


class _YamlRefused(yaml.YAMLError):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.problem = message.removeprefix("malformed YAML: ")
        self.line = line


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class Note:
    id: str  # unique slug; the note's anchor on pages is f"note-{id}"
    kind: str
    body: str  # Markdown as written (untrusted; rendered by untrusted.note_html)
    selector: Selector
    anchor: Anchor
    article: str | None  # Article.id, or None when the note's article was not found
    article_ref: str  # the article as the note names it
    tags: tuple[str, ...] = ()
    author: str | None = None
    date: str | None = None
    title: str | None = None
    file: str | None = None  # path relative to the project root; None for automatic notes
    automatic: bool = False
    finding: str | None = None  # the comparison finding's id (automatic notes)
    status: str = "note"  # "note" for people's notes; automatic: pending | confirmed | dismissed
    decided_by: str | None = None
    entities: tuple[str, ...] = ()  # shared entities mentioned in the anchored passage
    passage: str | None = None  # the article's text where the note is anchored

    @property
    def html_id(self) -> str:
        return f"note-{self.id}"

    @property
    def mark_id(self) -> str:
        return f"mark-{self.id}"

    @property
    def orphan(self) -> bool:
        return not self.anchor.anchored

    @property
    def shown(self) -> bool:
        """Highlighted on its article: anchored, and not a dismissed automatic finding."""
        return self.anchor.anchored and self.status != "dismissed"


@dataclass
class NoteSet:
    notes: list[Note] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)
    entity_names: dict[str, str] = field(default_factory=dict)  # shared entity id → name
    unreadable: list[Problem] = field(default_factory=list)  # note files that could not be read at all

    @property
    def orphans(self) -> list[Note]:
        return [n for n in self.notes if n.orphan]

    def for_article(self, article_id: str) -> list[Note]:
        return self._index("article").get(article_id, [])

    def for_entity(self, entity_id: str) -> list[Note]:
        return self._index("entity").get(entity_id, [])

    def _index(self, key: str) -> dict[str, list[Note]]:
        """Notes by article and by entity, built once: pages look them up per article and per
        entity, which must not cost a pass over every note each time."""
        cache = self.__dict__.setdefault("_indexes", {})
        if cache.get("size") != len(self.notes):
            by_article: dict[str, list[Note]] = {}
            by_entity: dict[str, list[Note]] = {}
            for n in self.notes:
                if n.article:
                    by_article.setdefault(n.article, []).append(n)
                for e in n.entities:
                    by_entity.setdefault(e, []).append(n)
            cache.update(size=len(self.notes), article=by_article, entity=by_entity)
        return cache[key]


class NoteError(Exception):
    """A note that cannot be created; the message is for the user."""


# --- reading note files -----------------------------------------------------------------------


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _key_line(text: str, key: str, default: int | None = 1) -> int | None:
    m = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*:", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else default


def _date(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value).strip()
    _dt.date.fromisoformat(text[:10])  # ValueError when not a date
    return text[:10]


def _str(value) -> str | None:
    """A one-line field (author, title…): white space, line breaks included, collapsed."""
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


class _Bad(Exception):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


def parse_note_file(text: str, name: str) -> tuple[dict, str, list[Problem]]:
    """Front matter (checked) and body of one note file. Raises _Bad for a file that is no note."""
    m = _FRONT_MATTER.match(text)
    if not m:
        if text.lstrip("\ufeff").startswith("---"):
            raise _Bad("front matter starts with '---' but is never closed", 1)
        raise _Bad("no front matter: a note starts with '---', then `article:` and `selector:`, then '---'", 1)
    try:
        meta = _safe_yaml(m.group(1) or "")
    except _YamlRefused as err:
        last = 1 + (m.group(1) or "").count("\n")  # the front matter's last line in the file
        line = min(1 + err.line, last) if err.line else 1
        raise _Bad(f"malformed YAML in the front matter: {err.problem}", line) from None
    if not isinstance(meta, dict):
        raise _Bad("front matter is not a mapping of keys to values", 2)
    body = text[m.end():].strip("\n")
    problems: list[Problem] = []
    unknown = sorted(str(k) for k in meta if k not in KNOWN_KEYS)
    if unknown:
        problems.append(Problem(name, f"unknown note fields ignored: {', '.join(unknown)}", "warning",
                                _key_line(text, unknown[0])))
    return meta, body, problems


def _selector(meta: dict, text: str, name: str) -> tuple[Selector, list[Problem]]:
    raw = meta.get("selector")
    line = _key_line(text, "selector")
    if isinstance(raw, str):
        raw = {"exact": raw}
    if not isinstance(raw, dict):
        raise _Bad("`selector:` is missing or not a mapping (it needs at least `exact: \"the quoted passage\"`)", line)
    problems: list[Problem] = []
    unknown = sorted(str(k) for k in raw if k not in SELECTOR_KEYS)
    if unknown:
        problems.append(Problem(name, f"unknown selector fields ignored: {', '.join(unknown)}", "warning", line))
    exact = raw.get("exact")
    if not isinstance(exact, str) or not exact.strip():
        raise _Bad("`selector.exact` (the quoted passage) is missing or empty", _key_line(text, "exact", line))
    start = end = None
    position = raw.get("position")
    try:
        if isinstance(position, dict):
            start = int(position["start"])
            end = int(position.get("end", start + len(exact)))
        elif position is not None:
            start = int(position)
            end = start + len(exact)
    except (KeyError, TypeError, ValueError):
        problems.append(Problem(name, "`selector.position` is not {start: N, end: N} or N; ignored", "warning",
                                _key_line(text, "position", line)))
        start = end = None
    if start is not None and (start < 0 or end < start):
        problems.append(Problem(name, "`selector.position` is out of order; ignored", "warning",
                                _key_line(text, "position", line)))
        start = end = None
    prefix = raw.get("prefix") or ""
    suffix = raw.get("suffix") or ""
    return Selector(exact, str(prefix), str(suffix), start, end), problems


class ArticleIndex:
    """Find an article from how a note names it: input path (preferred), id, or file name."""

    def __init__(self, articles: list[Article]):
        self.by_input = {a.input: a for a in articles}
        self.by_id = {a.id: a for a in articles}
        names: dict[str, list[Article]] = {}
        for a in articles:
            names.setdefault(a.input.rsplit("/", 1)[-1], []).append(a)
        self.by_name = {k: v[0] for k, v in names.items() if len(v) == 1}

    def find(self, ref: str) -> Article | None:
        ref = ref.strip().replace("\\", "/")
        while ref.startswith("./"):
            ref = ref[2:]
        return self.by_input.get(ref) or self.by_id.get(ref) or self.by_name.get(ref)


def _note_files(notes_dir: Path) -> list[Path]:
    if not notes_dir.is_dir():
        return []
    files = []
    for path in sorted(notes_dir.rglob("*.md")):
        rel = path.relative_to(notes_dir)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if path.name.lower() in SKIPPED_FILES:
            continue
        files.append(path)
    return files


def _unique_id(wanted: str, taken: set[str], salt: str) -> str:
    candidate = wanted or "note"
    if candidate in taken:
        candidate = f"{candidate}-{hashlib.sha1(salt.encode()).hexdigest()[:6]}"
    taken.add(candidate)
    return candidate


def _read_note(path: Path, project_root: Path, index: ArticleIndex, taken: set[str]) -> tuple[Note | None, list[Problem]]:
    name = _rel(path, project_root)
    try:
        if path.stat().st_size > MAX_NOTE_BYTES:
            return None, [Problem(name, f"note file over the {MAX_NOTE_BYTES:,}-byte limit; not read", "error")]
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem(name, "note file is not valid UTF-8; not read", "error", 1)]
    except OSError as err:
        return None, [Problem(name, f"cannot read note file: {err.strerror or err}", "error")]
    try:
        meta, body, problems = parse_note_file(text, name)
        article_ref = _str(meta.get("article"))
        if not article_ref:
            raise _Bad("`article:` is missing: name the article by its input path (e.g. seeds/001_….txt) or id",
                       _key_line(text, "article"))
        selector, selector_problems = _selector(meta, text, name)
        problems += selector_problems
    except _Bad as err:
        return None, [Problem(name, f"note not used: {err}", "error", err.line)]
    kind = slugify(_str(meta.get("kind")) or "note", max_length=32) or "note"
    tags_raw = meta.get("tags") or ()
    if isinstance(tags_raw, str):
        tags_raw = [t for t in re.split(r"[,\s]+", tags_raw) if t]
    tags = tuple(sorted({slugify(str(t), max_length=32) for t in tags_raw if slugify(str(t), max_length=32)}))
    author = _str(meta.get("author"))
    if author is None:
        problems.append(Problem(name, "note has no `author:`", "warning", 1))
    try:
        date = _date(meta.get("date"))
    except ValueError:
        problems.append(Problem(name, f"`date: {meta.get('date')}` is not an ISO date (YYYY-MM-DD); left unknown",
                                "warning", _key_line(text, "date")))
        date = None
    if date is None and "date" not in meta:
        problems.append(Problem(name, "note has no `date:`", "warning", 1))
    article = index.find(article_ref)
    if article is None:
        found = Anchor(anchoring.ORPHAN, reason=f"no article {article_ref!r} in the dossier")
    else:
        found = anchoring.anchor(article.text, selector)
    rel_in_notes = path.stem
    note = Note(
        id=_unique_id(slugify(rel_in_notes, max_length=60), taken, name),
        kind=kind,
        body=body,
        selector=selector,
        anchor=found,
        article=article.id if article is not None else None,
        article_ref=article_ref,
        tags=tags,
        author=author,
        date=date,
        title=_str(meta.get("title")),
        file=name,
    )
    line = _key_line(text, "selector")
    if note.orphan:
        problems.append(Problem(name, f"orphan note: cannot anchor {shorten(selector.exact)!r} in {article_ref}: "
                                      f"{found.reason}", "error", line))
    elif found.ambiguous:
        problems.append(Problem(name, found.reason, "warning", line))
    elif found.method == anchoring.FUZZY:
        # Not a problem: surviving edits is the point (a strict build must not fail on it). The
        # note's box says that the passage changed, and dossier.json has method "fuzzy".
        log.info("%s: the quoted passage changed; anchored to the closest match (%.0f%% similar)", name, found.score)
    return note, problems


def shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- automatic notes from the comparison stage ------------------------------------------------


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


def _get(obj, key, default=None):
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def findings_of(comparison, articles: dict[str, Article] | None = None) -> list[Finding]:
    """The comparison's findings that point at a passage, as automatic notes.

    Two sources:
    - a generic interface: `comparison.findings` (attribute or dict key, or a method), an
      iterable of objects or dicts with `id`, `kind`, `article`, `start`, `end`, `message`;
    - otherwise the comparison stage's own result (`compare.Comparison`): every meaning change
      between two versions of one quotation (`quote_groups[].alignments[].meaning_changes`),
      anchored at the changed words of the later version, and every contradicting descriptor
      (`contradictions`), anchored at both descriptors.
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
        result.append(Finding(str(fid), str(_get(item, "kind", "finding")), str(article), start, end,
                              str(_get(item, "message", "") or "")))
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


def load_decisions(notes_dir: Path, project_root: Path) -> tuple[dict[str, dict], list[Problem]]:
    """decisions.yml: `finding-id: confirmed|dismissed`, or `finding-id: {decision: …, by: …, date: …}`."""
    path = notes_dir / DECISIONS_FILE
    name = _rel(path, project_root)
    if not path.is_file():
        return {}, []
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = _safe_yaml(text, DECISIONS_LIMITS) or {}
    except (OSError, UnicodeDecodeError) as err:
        return {}, [Problem(name, f"cannot read decisions: {err}", "error")]
    except _YamlRefused as err:
        return {}, [Problem(name, f"malformed YAML: {err.problem}", "error", err.line)]
    if not isinstance(data, dict):
        return {}, [Problem(name, "decisions file is not a mapping of finding ids to decisions", "error", 1)]
    decisions: dict[str, dict] = {}
    problems: list[Problem] = []
    for key, value in data.items():
        entry = {"decision": value} if isinstance(value, str) else value
        if not isinstance(entry, dict) or entry.get("decision") not in DECISIONS:
            problems.append(Problem(name, f"decision for {key!r} must be `confirmed` or `dismissed`; ignored",
                                    "warning", _key_line(text, str(key))))
            continue
        decisions[str(key)] = entry
    return decisions, problems


def _automatic_notes(comparison, articles: dict[str, Article], notes_dir: Path, project_root: Path,
                     taken: set[str]) -> tuple[list[Note], list[Problem]]:
    decisions, problems = load_decisions(notes_dir, project_root)
    try:
        findings = findings_of(comparison, articles)
    except (AttributeError, TypeError, KeyError, IndexError) as err:
        # A comparison result of another shape must not stop the build; say what is missing.
        problems.append(Problem("dossier/notes.py", f"automatic notes left out: the comparison result has an "
                                                    f"unexpected shape ({type(err).__name__}: {err})", "warning"))
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
        decision = decisions.get(f.id, {})
        selector = anchoring.selector_for(article.text, f.start, f.end)
        notes.append(Note(
            id=_unique_id("auto-" + (slugify(f.id, max_length=60) or "finding"), taken, f"{f.id}/{f.article}/{f.start}"),
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
            status=decision.get("decision", "pending"),
            decided_by=_str(decision.get("by")),
            date=_str(decision.get("date")),
            entities=f.entities,
        ))
    stale = sorted(set(decisions) - seen)
    if stale:
        name = _rel(notes_dir / DECISIONS_FILE, project_root)
        problems.append(Problem(name, f"decisions about findings the comparison no longer makes: {', '.join(stale)}",
                                "warning"))
    return notes, problems


# --- the stage --------------------------------------------------------------------------------------


def load_and_anchor(notes_dir: Path, articles: list[Article], entities: list[Entity], project_root: Path,
                    comparison=None) -> NoteSet:
    index = ArticleIndex(articles)
    by_id = {a.id: a for a in articles}
    taken: set[str] = set()
    notes: list[Note] = []
    problems: list[Problem] = []
    unreadable: list[Problem] = []
    for path in _note_files(notes_dir):
        note, found = _read_note(path, project_root, index, taken)
        problems += found
        if note is None:
            unreadable += [p for p in found if p.severity == "error"]
        else:
            notes.append(note)
    auto, auto_problems = _automatic_notes(comparison, by_id, notes_dir, project_root, taken)
    notes += auto
    problems += auto_problems
    shared = [e for e in entities if e.shared]
    shared_ids = {e.id for e in shared}
    mentions: dict[str, list[tuple[int, int, str]]] = {}
    for entity in shared:
        for m in entity.mentions:
            mentions.setdefault(m.article, []).append((m.start, m.end, entity.id))
    resolved = []
    for note in notes:
        if note.anchor.anchored and note.article:
            s, e = note.anchor.start, note.anchor.end
            ids = sorted({eid for ms, me, eid in mentions.get(note.article, ()) if ms < e and s < me}
                         | {eid for eid in note.entities if eid in shared_ids})
            note = replace(note, entities=tuple(ids), passage=by_id[note.article].text[s:e])
        resolved.append(note)
    resolved.sort(key=sort_key)
    return NoteSet(resolved, problems, by_id, {e.id: e.name for e in shared}, unreadable)


def sort_key(note: Note):
    return (note.article or "~", note.anchor.start if note.anchor.start is not None else -1,
            note.automatic, note.id)


# --- writing notes and decisions (the `dossier note` command) ------------------------------------------


def note_text(article: Article, selector: Selector, kind: str, author: str, body: str, date: str,
              tags: tuple[str, ...] = ()) -> str:
    """The file for a new note: front matter in a fixed order, every string quoted."""
    y = markup.yaml_string
    lines = [
        "---",
        f"article: {y(article.input)}",
        f"kind: {y(kind)}",
    ]
    if tags:
        lines.append("tags: [" + ", ".join(y(t) for t in tags) + "]")
    lines += [
        f"author: {y(author)}",
        f"date: {date}",
        "selector:",
        f"  exact: {y(selector.exact)}",
        f"  prefix: {y(selector.prefix)}",
        f"  suffix: {y(selector.suffix)}",
        f"  position: {{start: {selector.start}, end: {selector.end}}}",
        "---",
        body.strip(),
        "",
    ]
    return "\n".join(lines)


def create_note(notes_dir: Path, articles: list[Article], article_ref: str, quote: str, *, kind: str,
                author: str, body: str, tags: tuple[str, ...] = (), date: str | None = None,
                occurrence: int | None = None, within: str | None = None, name: str | None = None) -> Path:
    """Write a new, correctly anchored note file and return its path.

    Raises NoteError when the article is unknown, the passage is missing or ambiguous, or the
    file exists (a note file is never overwritten).
    """
    index = ArticleIndex(articles)
    article = index.find(article_ref)
    if article is None:
        raise NoteError(f"no article {article_ref!r}: name it by its input path (e.g. seeds/001_….txt) or its id")
    if not author.strip():
        raise NoteError("a note needs an author (--author)")
    kind = slugify(kind, max_length=32)
    if not kind:
        raise NoteError("a note needs a kind (--kind), e.g. fact-check, error, context, translation")
    try:
        start, end = anchoring.find_passage(article.text, quote, occurrence=occurrence, within=within)
    except anchoring.PassageError as err:
        raise NoteError(f"{article.input}: {err}") from None
    selector = anchoring.selector_for(article.text, start, end)
    check = anchoring.anchor(article.text, selector)
    if (check.start, check.end) != (start, end):  # the written selector must find this very place again
        raise NoteError(f"{article.input}: the passage cannot be anchored unambiguously; quote more of it")
    if date is None:
        date = _dt.date.today().isoformat()
    else:
        try:
            date = _date(date)
        except ValueError:
            raise NoteError(f"--date {date!r} is not an ISO date (YYYY-MM-DD)") from None
    text = note_text(article, selector, kind, author.strip(), body, date, tuple(slugify(t) for t in tags if slugify(t)))
    notes_dir.mkdir(parents=True, exist_ok=True)
    if name is not None:
        stem = slugify(name.removesuffix(".md"), max_length=60)
        if not stem:
            raise NoteError(f"--name {name!r} gives no usable file name")
        candidates = [stem]
    else:
        base = f"{Path(article.input).stem}-{slugify(article.text[start:end], max_length=40) or kind}"
        base = slugify(base, max_length=80)
        candidates = [base] + [f"{base}-{i}" for i in range(2, 1000)]
    for stem in candidates:
        path = notes_dir / f"{stem}.md"
        try:
            with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
                handle.write(text)
            return path
        except FileExistsError:
            continue
    raise NoteError(f"note file {notes_dir / (candidates[0] + '.md')} already exists; choose another --name")


def decide(notes_dir: Path, finding: str, decision: str, by: str | None = None, date: str | None = None,
           known: list[str] | None = None) -> Path:
    """Record an analyst's decision on an automatic note in decisions.yml (created if needed).

    The file keeps one line per finding, sorted, so that it diffs well; other entries are kept.
    `known`, when given, is the list of current finding ids: an unknown id is refused.
    """
    if decision not in DECISIONS:
        raise NoteError(f"decision must be one of {', '.join(DECISIONS)}")
    if known is not None and finding not in known:
        raise NoteError(f"no automatic note {finding!r} in the current comparison")
    path = notes_dir / DECISIONS_FILE
    entries: dict[str, dict] = {}
    if path.is_file():
        try:
            data = _safe_yaml(path.read_text(encoding="utf-8-sig"), DECISIONS_LIMITS) or {}
        except yaml.YAMLError as err:
            raise NoteError(f"{path}: malformed YAML, fix it first: {err}") from None
        if not isinstance(data, dict):
            raise NoteError(f"{path}: not a mapping of finding ids to decisions; fix it first")
        for key, value in data.items():
            entries[str(key)] = {"decision": value} if isinstance(value, str) else dict(value or {})
    entry = {"decision": decision, "date": date or _dt.date.today().isoformat()}
    if by:
        entry["by"] = by
    entries[finding] = entry
    y = markup.yaml_string
    lines = ["# Analysts' decisions on the comparison's automatic notes: confirmed or dismissed.",
             "# Written by `dossier note confirm|dismiss`; keyed by finding id; safe to edit by hand."]
    for key in sorted(entries):
        fields = ", ".join(f"{k}: {y(str(v))}" for k, v in sorted(entries[key].items(), key=lambda kv: (kv[0] != "decision", kv[0])))
        lines.append(f"{y(key)}: {{{fields}}}")
    notes_dir.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temp.replace(path)
    return path
