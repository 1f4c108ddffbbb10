"""Reading note files: the front matter (checked field by field), the selector, the body, and
every problem with its file and line. A file that is no note at all is reported and skipped;
a note whose article or passage cannot be found is kept, as an orphan (see `read_note`)."""

from __future__ import annotations

import datetime as _dt
import hashlib
import logging
import re
from pathlib import Path

from .. import inputs, yamlsafe
from ..model import Article, Problem
from ..slugs import slugify
from . import anchoring
from .anchoring import Anchor, Selector
from .record import Note, shorten

log = logging.getLogger("dossier")

KNOWN_KEYS = {"article", "selector", "kind", "tags", "author", "date", "title"}
SELECTOR_KEYS = {"exact", "prefix", "suffix", "position", "type"}
SKIPPED_FILES = {"readme.md"}
MAX_NOTE_BYTES = 1 << 20  # a note file; a longer one is reported, not read

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


def yaml_problem(err: yamlsafe.YamlError) -> str:
    """What the strict loader refused, without its "malformed YAML: " (callers say where)."""
    return err.message.removeprefix("malformed YAML: ")


def relative_name(path: Path, root: Path) -> str:
    """How problems name a file: relative to the project root where it is inside it."""
    return inputs.shown(path, root)


def key_line(text: str, key: str, default: int | None = 1) -> int | None:
    """The line of the first `key:` in a YAML text (for problems), or `default`."""
    m = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*:", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else default


def iso_date(value) -> str | None:
    """A date as YAML gives it (date, datetime or text) as YYYY-MM-DD; ValueError when not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value).strip()
    _dt.date.fromisoformat(text[:10])  # ValueError when not a date
    return text[:10]


def field_text(value) -> str | None:
    """A one-line field (author, title…): white space, line breaks included, collapsed."""
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


class NoteFileError(Exception):
    """A file in the notes folder that is no usable note: the message says why, `line` where."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


def parse_note_file(text: str, name: str) -> tuple[dict, str, list[Problem]]:
    """Front matter (checked) and body of one note file. Raises NoteFileError for a file that is no note."""
    m = _FRONT_MATTER.match(text)
    if not m:
        if text.lstrip("\ufeff").startswith("---"):
            raise NoteFileError("front matter starts with '---' but is never closed", 1)
        raise NoteFileError("no front matter: a note starts with '---', then `article:` and `selector:`, then '---'", 1)
    try:
        meta = yamlsafe.load(m.group(1) or "")
    except yamlsafe.YamlError as err:
        last = 1 + (m.group(1) or "").count("\n")  # the front matter's last line in the file
        line = min(1 + err.line, last) if err.line else 1
        raise NoteFileError(f"malformed YAML in the front matter: {yaml_problem(err)}", line) from None
    if not isinstance(meta, dict):
        raise NoteFileError("front matter is not a mapping of keys to values", 2)
    body = text[m.end():].strip("\n")
    problems: list[Problem] = []
    unknown = sorted(str(k) for k in meta if k not in KNOWN_KEYS)
    if unknown:
        problems.append(Problem(name, f"unknown note fields ignored: {', '.join(unknown)}", "warning",
                                key_line(text, unknown[0])))
    return meta, body, problems


def _selector(meta: dict, text: str, name: str) -> tuple[Selector, list[Problem]]:
    raw = meta.get("selector")
    line = key_line(text, "selector")
    if isinstance(raw, str):
        raw = {"exact": raw}
    if not isinstance(raw, dict):
        raise NoteFileError("`selector:` is missing or not a mapping (it needs at least "
                            "`exact: \"the quoted passage\"`)", line)
    problems: list[Problem] = []
    unknown = sorted(str(k) for k in raw if k not in SELECTOR_KEYS)
    if unknown:
        problems.append(Problem(name, f"unknown selector fields ignored: {', '.join(unknown)}", "warning", line))
    exact = raw.get("exact")
    if not isinstance(exact, str) or not exact.strip():
        raise NoteFileError("`selector.exact` (the quoted passage) is missing or empty", key_line(text, "exact", line))
    start = end = None
    position = raw.get("position")
    try:
        if isinstance(position, dict):
            start = int(position["start"])
            end = int(position.get("end", start + len(exact)))
        elif position is not None:
            start = int(position)
            end = start + len(exact)
    except (KeyError, TypeError, ValueError, OverflowError):  # OverflowError: .inf
        problems.append(Problem(name, "`selector.position` is not {start: N, end: N} or N; ignored", "warning",
                                key_line(text, "position", line)))
        start = end = None
    if start is not None and (start < 0 or end < start):
        problems.append(Problem(name, "`selector.position` is out of order; ignored", "warning",
                                key_line(text, "position", line)))
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


def note_files(notes_dir: Path) -> tuple[list[Path], list[inputs.Refused]]:
    """The note files under `notes_dir`, sorted (Markdown files; hidden ones and READMEs left
    out), and every entry that is not read: a link to outside the input folder, a pipe, ...
    A notes folder that is itself a link to outside the input folder gives no files."""
    if not notes_dir.is_dir():
        if notes_dir.is_symlink() or notes_dir.exists():
            kind = "symbolic link that leads to no folder" if notes_dir.is_symlink() else "not a folder"
            return [], [inputs.Refused(notes_dir, f"{kind}; notes not read", "not-a-file")]
        return [], []

    def skip(parts: tuple[str, ...]) -> bool:
        return parts[-1].startswith(".")

    found, refused = inputs.walk(notes_dir, within=notes_dir.parent, skip=skip)
    files = [p for p in found if p.suffix.lower() == ".md" and p.name.lower() not in SKIPPED_FILES]
    refused = [r for r in refused if r.kind != "folder-link" and (r.path.suffix.lower() == ".md" or r.kind in
                                                                  ("outside", "unreadable"))]
    return files, refused


def unique_id(wanted: str, taken: set[str], salt: str) -> str:
    """`wanted`, or when another note has it, `wanted` with a hash of `salt` (the same on every
    build); added to `taken`."""
    candidate = wanted or "note"
    if candidate in taken:
        candidate = f"{candidate}-{hashlib.sha1(salt.encode()).hexdigest()[:6]}"
    taken.add(candidate)
    return candidate


def read_note(path: Path, project_root: Path, index: ArticleIndex, taken: set[str],
              folder: Path | None = None) -> tuple[Note | None, list[Problem]]:
    """One note file as a Note (anchored, or an orphan), with its problems; None when the file
    is no usable note (its problems say why)."""
    name = relative_name(path, project_root)
    try:
        # The input folder (that holds notes/) bounds where a note may be read from.
        text = inputs.read_text_inside(path, path.parent if folder is None else folder, MAX_NOTE_BYTES)
    except inputs.Refused as err:
        return None, [Problem(name, f"note file {err.not_read}", "error", 1 if err.kind == "unreadable" else None)]
    if text is None:
        return None, [Problem(name, "note file disappeared while the build ran; not read", "error")]
    try:
        meta, body, problems = parse_note_file(text, name)
        article_ref = field_text(meta.get("article"))
        if not article_ref:
            raise NoteFileError("`article:` is missing: name the article by its input path (e.g. seeds/001_….txt) "
                                "or id", key_line(text, "article"))
        selector, selector_problems = _selector(meta, text, name)
        problems += selector_problems
    except NoteFileError as err:
        return None, [Problem(name, f"note not used: {err}", "error", err.line)]
    kind = slugify(field_text(meta.get("kind")) or "note", max_length=32) or "note"
    tags_raw = meta.get("tags") or ()
    if not isinstance(tags_raw, (list, tuple)):  # one tag, a comma list, or a number or date written as one
        tags_raw = [t for t in re.split(r"[,\s]+", str(tags_raw)) if t]
    tags = tuple(sorted({slugify(str(t), max_length=32) for t in tags_raw if slugify(str(t), max_length=32)}))
    author = field_text(meta.get("author"))
    if author is None:
        problems.append(Problem(name, "note has no `author:`", "warning", 1))
    try:
        date = iso_date(meta.get("date"))
    except ValueError:
        problems.append(Problem(name, f"`date: {meta.get('date')}` is not an ISO date (YYYY-MM-DD); left unknown",
                                "warning", key_line(text, "date")))
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
        id=unique_id(slugify(rel_in_notes, max_length=60), taken, name),
        kind=kind,
        body=body,
        selector=selector,
        anchor=found,
        article=article.id if article is not None else None,
        article_ref=article_ref,
        tags=tags,
        author=author,
        date=date,
        title=field_text(meta.get("title")),
        file=name,
    )
    line = key_line(text, "selector")
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

