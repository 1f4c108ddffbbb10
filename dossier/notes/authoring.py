"""Writing notes and decisions: what `dossier note add`, `dossier note confirm` and
`dossier note dismiss` do. A note file is never overwritten; decisions.yml is rewritten whole,
sorted, through a temporary file."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

import yaml

from .. import inputs, yamlsafe
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


def _refuse_outside(notes_dir: Path, file: Path | None = None) -> None:
    """Notes are written into the input folder only: a `notes` folder (or decisions.yml) that is
    a link to somewhere else is refused, not followed (the build would refuse to read it too)."""
    folder = notes_dir.parent
    if (notes_dir.exists() or notes_dir.is_symlink()) and not (notes_dir.is_dir() and inputs.is_inside(notes_dir, folder)):
        raise NoteError(f"{notes_dir}: not a folder inside the input folder (a link elsewhere?); "
                        "notes are written only inside it")
    if file is not None and file.is_symlink():
        raise NoteError(f"{file}: a symbolic link; replace it with the file itself, then run this again")


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
    _refuse_outside(notes_dir)
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

    One line per finding: a decision already recorded for it is replaced in place, a new one is
    added at the end; everything else in the file (comments, entries written by hand) is kept as
    written. `known`, when given, is the list of current finding ids: an unknown id is refused.
    """
    if decision not in DECISIONS:
        raise NoteError(f"decision must be one of {', '.join(DECISIONS)}")
    if known is not None and finding not in known:
        raise NoteError(f"no automatic note {finding!r} in the current comparison")
    path = notes_dir / DECISIONS_FILE
    entry = {"decision": decision, "date": date or _dt.date.today().isoformat()}
    if by:
        entry["by"] = by
    y = _yaml_string
    fields = ", ".join(f"{k}: {y(str(v))}" for k, v in sorted(entry.items(), key=lambda kv: (kv[0] != "decision", kv[0])))
    line = f"{y(finding)}: {{{fields}}}"
    _refuse_outside(notes_dir, path)
    try:
        original = inputs.read_text_inside(path, notes_dir.parent, DECISIONS_LIMITS.max_bytes)
    except inputs.Refused as err:
        raise NoteError(f"{path.name}: {err}") from None
    if original is not None:
        # The file is people's too (comments, entries written by hand): only this finding's
        # entry is replaced, or added at the end; every other line stays as it is.
        try:
            root = yamlsafe.compose(original, limits=DECISIONS_LIMITS)
        except yamlsafe.YamlError as err:
            raise NoteError(f"{path.name}: malformed YAML at line {err.line}, fix it first: {err}") from None
        if root is not None and not isinstance(root, yaml.MappingNode):
            raise NoteError(f"{path.name}: not a mapping of finding ids to decisions; fix it first")
        lines = original.splitlines()
        for key_node, value_node in (root.value if root is not None else ()):
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == finding:
                first, last = key_node.start_mark.line, value_node.end_mark.line
                if value_node.end_mark.column == 0:  # a block value ends at the start of the next line
                    last -= 1
                lines[first: last + 1] = [line]
                break
        else:
            lines.append(line)
        text = "\n".join(lines) + "\n"
    else:
        text = ("# Analysts' decisions on the comparison's automatic notes: confirmed or dismissed.\n"
                "# Written by `dossier note confirm|dismiss`; keyed by finding id; safe to edit by hand.\n" + line + "\n")
    notes_dir.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(text, encoding="utf-8")
    temp.replace(path)
    return path
