"""Writing notes and decisions: what `dossier note add`, `dossier note confirm` and
`dossier note dismiss` do. A note file is never overwritten; decisions.yml is rewritten whole,
sorted, through a temporary file."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

from .. import yamlsafe
from ..model import Article
from ..slugs import slugify
from . import anchoring
from .anchoring import Selector
from .files import ArticleIndex, iso_date
from .findings import DECISIONS, DECISIONS_FILE, DECISIONS_LIMITS


class NoteError(Exception):
    """A note that cannot be created; the message is for the user."""


def _yaml_string(value: str) -> str:
    """A YAML double-quoted scalar that round-trips any text (a JSON string is one). The same
    rule as `site.markup.yaml_string`, which computing does not import."""
    return json.dumps(value, ensure_ascii=False)


def note_text(article: Article, selector: Selector, kind: str, author: str, body: str, date: str,
              tags: tuple[str, ...] = ()) -> str:
    """The file for a new note: front matter in a fixed order, every string quoted."""
    y = _yaml_string
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
            date = iso_date(date)
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
            data = yamlsafe.load(path.read_text(encoding="utf-8-sig"), limits=DECISIONS_LIMITS) or {}
        except yamlsafe.YamlError as err:
            raise NoteError(f"{path}: malformed YAML, fix it first: {err}") from None
        if not isinstance(data, dict):
            raise NoteError(f"{path}: not a mapping of finding ids to decisions; fix it first")
        for key, value in data.items():
            entries[str(key)] = {"decision": value} if isinstance(value, str) else dict(value or {})
    entry = {"decision": decision, "date": date or _dt.date.today().isoformat()}
    if by:
        entry["by"] = by
    entries[finding] = entry
    y = _yaml_string
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
