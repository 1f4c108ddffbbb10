"""Ingest: turn each input file into an `Article` (decoded text, metadata, paragraphs).

Inputs are plain text (optionally starting with ` date YYYY-MM-DD `), Markdown with YAML front
matter, and saved HTML pages. A sidecar `<file>.meta.yml` beside an article overrides any
metadata field without touching the article. Offsets always point into the decoded file text,
so nothing here rewrites the text: paragraphs and the title are spans of it.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path


from . import boilerplate, yamlsafe
from .model import BODY, HEADLINE, Article, Paragraph, Problem
from .slugs import slugify

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
SIDECAR_SUFFIXES = (".meta.yml", ".meta.yaml")
# Files in the input folder that are the dossier's own configuration, not articles.
RESERVED_NAMES = {"entities.yml", "entities.yaml", "dossier-ids.yml", "README.md", "readme.md"}
RESERVED_DIRS = {"notes"}
MAX_INPUT_BYTES = 5 * 1024 * 1024  # larger files are reported and skipped: no real article is this long
MAX_SIDECAR_BYTES = 64 * 1024

SIDECAR_FIELDS = {"title", "date", "source", "id", "author", "url"}

_DATE_PREFIX = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]+")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.S)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9])")


class InputError(Exception):
    """An input file that cannot become an article; the message names the problem."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Loaded:
    article: Article | None
    problems: tuple[Problem, ...]


def discover(input_dir: Path, project_root: Path | None = None) -> tuple[list[Path], list[Problem]]:
    """Every file under `input_dir`: the article files, and a problem for each file ignored.

    Paths in problems are shown relative to `project_root` (default: `input_dir`)."""
    root = project_root or input_dir
    articles: list[Path] = []
    ignored: list[Problem] = []
    for path in sorted(input_dir.rglob("*")):
        rel = path.relative_to(input_dir)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        try:
            rel.as_posix().encode("utf-8")
        except UnicodeEncodeError:  # a name in a legacy encoding: it could not be shown on a page
            shown = _rel(path, root).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            ignored.append(Problem(shown, "file name is not valid UTF-8; not read (rename the file)", "error"))
            continue
        if rel.parts[0] in RESERVED_DIRS or (len(rel.parts) == 1 and path.name in RESERVED_NAMES):
            continue
        if path.is_symlink() and not _inside(path, input_dir):
            # A link committed into the input folder must not publish a file from elsewhere.
            shown = f"{_rel(path.parent, root)}/{path.name}".removeprefix("./")
            ignored.append(Problem(shown, "symbolic link to a file outside the input folder; not read", "error"))
            continue
        if path.name.endswith(SIDECAR_SUFFIXES):
            if not _article_for_sidecar(path):
                ignored.append(Problem(_rel(path, root), "sidecar has no article beside it", "warning"))
            continue
        if path.suffix.lower() in ARTICLE_SUFFIXES:
            articles.append(path)
        else:
            ignored.append(Problem(_rel(path, root), f"not an article: unsupported file type {path.suffix or '(none)'!r}", "warning"))
    return articles, ignored


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def _article_for_sidecar(sidecar: Path) -> Path | None:
    stem = sidecar.name
    for suffix in SIDECAR_SUFFIXES:
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    candidate = sidecar.with_name(stem)
    return candidate if candidate.is_file() else None


def sidecar_for(path: Path) -> Path | None:
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_name(path.name + suffix)
        if candidate.is_file():
            return candidate
    return None


def decode(data: bytes, name: str) -> tuple[str, list[Problem]]:
    """Bytes to text. UTF-8 (a BOM is dropped); anything else is a guess and says so."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary file, not text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), [Problem(name, "decoded as UTF-16 (byte-order mark)", "warning")]
        except UnicodeDecodeError:
            raise InputError("starts with a UTF-16 byte-order mark but is not valid UTF-16") from None
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        first_bad = err.start
    # Windows-1252 is what "ANSI" text from newsroom tools nearly always is; it is a superset of
    # Latin-1's printable range. cp1252 leaves five bytes undefined: fall back to Latin-1 there.
    try:
        text = data.decode("cp1252")
        encoding = "Windows-1252"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        encoding = "Latin-1"
    line = data[:first_bad].count(b"\n") + 1
    return text, [Problem(name, f"not valid UTF-8 (first bad byte on line {line}); decoded as {encoding}", "warning")]


def load_article(path: Path, project_root: Path) -> Loaded:
    """Read one input file. Never raises for bad input: problems are returned instead."""
    name = _rel(path, project_root)
    problems: list[Problem] = []
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"file is {size:,} bytes, over the {MAX_INPUT_BYTES:,}-byte limit for one article")
        data = path.read_bytes()
        if path.suffix.lower() in (".html", ".htm"):
            from .html_input import decode_html  # a page's declared charset is not a guess

            text, decode_problems = decode_html(data, name)
        else:
            text, decode_problems = decode(data, name)
        problems += decode_problems
        if not text.strip():
            raise InputError("empty file: no text to make an article of")
        suffix = path.suffix.lower()
        if suffix in (".html", ".htm"):
            from .html_input import parse_html  # optional dependency, imported only when needed

            fields = parse_html(text, name)
        elif suffix in (".md", ".markdown"):
            fields = _parse_markdown(text, name)
        else:
            fields = _parse_text(text)
        meta = fields.pop("meta", {})
        problems += fields.pop("problems", [])
        sidecar = sidecar_for(path)
        sidecars = [path.with_name(path.name + s) for s in SIDECAR_SUFFIXES if path.with_name(path.name + s).is_file()]
        if len(sidecars) > 1:
            # Which one the author meant cannot be known: neither overrides anything.
            problems.append(Problem(_rel(sidecars[-1], project_root), "conflicting sidecars: "
                                    f"{' and '.join(s.name for s in sidecars)} both describe {path.name}; "
                                    "neither is used until one is removed", "error"))
            sidecar = None
        if sidecar is not None:
            overrides, sidecar_problems = _read_sidecar(sidecar, project_root)
            problems += sidecar_problems
            fields.update({k: v for k, v in overrides.items() if k in ("title", "date", "source", "id")})
            if "title" in overrides:
                fields["title_derived"] = False
                fields["title_span"] = _find_span(fields["text"], overrides["title"])
            meta.update({k: v for k, v in overrides.items() if k not in ("title", "date", "source", "id")})
        date, date_problem = _normalize_date(fields.get("date"), name)
        if date_problem:
            problems.append(date_problem)
        article = Article(
            id=fields.get("id") or "",
            input=name,
            text=fields["text"],
            title=fields["title"],
            title_derived=fields["title_derived"],
            date=date,
            source=_clean_str(fields.get("source")),
            paragraphs=fields["paragraphs"],
            format=fields.get("format", "text"),
            title_span=fields.get("title_span"),
            meta=meta,
            digest=hashlib.sha256(data).hexdigest(),
            id_explicit=bool(fields.get("id")),
        )
        if not article.content_paragraphs():
            problems.append(Problem(name, "no article text found (only boilerplate)", "warning"))
        return Loaded(article, tuple(problems))
    except InputError as err:
        return Loaded(None, tuple(problems) + (Problem(name, str(err), "error", err.line),))
    except OSError as err:
        return Loaded(None, tuple(problems) + (Problem(name, f"cannot read: {err.strerror or err}", "error"),))
    except (RecursionError, MemoryError, ValueError, TypeError, LookupError, AttributeError) as err:
        # A file that trips a bug or a library limit is reported; it never stops the other articles.
        return Loaded(None, tuple(problems) + (Problem(name, f"could not be read as an article: {type(err).__name__}: {err}", "error"),))


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _clean_str(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _normalize_date(value, name: str) -> tuple[str | None, Problem | None]:
    if value is None or value == "":
        return None, None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat(), None
    if isinstance(value, _dt.date):
        return value.isoformat(), None
    text = str(value).strip()
    try:
        return _dt.date.fromisoformat(text[:10]).isoformat(), None
    except ValueError:
        return None, Problem(name, f"date {text!r} is not an ISO date (YYYY-MM-DD); date left unknown", "warning")


# --- plain text ---------------------------------------------------------------------------


def _parse_text(text: str, offset: int = 0, end: int | None = None) -> dict:
    """Fields of a plain-text article whose content is text[offset:end]."""
    end = len(text) if end is None else end
    date = None
    m = _DATE_PREFIX.match(text, offset) if offset == 0 else None
    if m:
        date = m.group(1)
        offset = m.end()
    spans = split_paragraphs(text, offset, end)
    kinds = boilerplate.classify(text, spans)
    source = boilerplate.masthead(text, spans, kinds)
    headline = _find_headline(text, spans, kinds)
    paragraphs = []
    for number, ((start, stop), (kind, reason)) in enumerate(zip(spans, kinds), 1):
        if headline is not None and (start, stop) == headline:
            kind, reason = HEADLINE, ""
        paragraphs.append(Paragraph(number, start, stop, kind, reason))
    if headline is not None:
        title, derived, title_span = text[headline[0] : headline[1]], False, headline
    else:
        title, derived, title_span = derive_title(text, paragraphs), True, None
    return {
        "text": text,
        "date": date,
        "source": source,
        "title": title,
        "title_derived": derived,
        "title_span": title_span,
        "paragraphs": tuple(paragraphs),
        "format": "text",
    }


def split_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Paragraph spans, trimmed of surrounding white space.

    Blank lines separate blocks. Inside a block each line is its own paragraph (news copied from
    the web puts one paragraph per line), unless the block is hard-wrapped prose, where lines
    are joined back into one paragraph.
    """
    spans: list[tuple[int, int]] = []
    block: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text[start:end]):
        if not m.group():
            break
        s, e = _trim(text, start + m.start(), start + m.end())
        if s < e:
            block.append((s, e))
            continue
        spans.extend(_block_paragraphs(text, block))
        block = []
    spans.extend(_block_paragraphs(text, block))
    return spans


def _block_paragraphs(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not lines:
        return []
    if _hard_wrapped(text, lines):
        return [(lines[0][0], lines[-1][1])]
    return lines


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    if len(lines) < 2:
        return False
    lengths = [e - s for s, e in lines]
    # Wrapped prose: every line but the last is of similar, moderate width, and the next line
    # continues the sentence rather than starting a new one.
    if not all(40 <= n <= 100 for n in lengths[:-1]) or max(lengths) > 100:
        return False
    return all(not text[e - 1] in ".!?:\"”" for s, e in lines[:-1])


def _find_headline(text: str, spans, kinds) -> tuple[int, int] | None:
    """A headline: the first non-boilerplate block, when it is short, title-cased and unpunctuated."""
    for (start, end), (kind, _) in zip(spans, kinds):
        if kind != BODY:
            continue
        line = text[start:end]
        if "\n" in line or len(line) > 160 or line[-1] in ".,;:" or len(line.split()) < 3:
            return None
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if w.lower() not in _MINOR_WORDS]
        capitalized = sum(1 for w in words if w[0].isupper())
        return (start, end) if words and capitalized / len(words) >= 0.8 else None
    return None


_MINOR_WORDS = {
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with",
    "from", "as", "into", "over", "after", "vs", "via", "per", "up", "off", "out", "is", "are", "be",
}


def derive_title(text: str, paragraphs) -> str:
    """A short title made from the lead sentence, for articles that have no headline."""
    body = [p for p in paragraphs if p.kind == BODY]
    if not body:
        return "Untitled article"
    lead = text[body[0].start : body[0].end]
    sentence = _SENTENCE_END.split(lead, maxsplit=1)[0].strip()
    words = sentence.split()
    if len(words) > 12:
        sentence = " ".join(words[:12]).rstrip(",;:–-") + "…"
    return sentence


def _find_span(text: str, needle: str) -> tuple[int, int] | None:
    index = text.find(needle) if needle else -1
    return (index, index + len(needle)) if index >= 0 else None


# --- Markdown with front matter ---------------------------------------------------------------


def _parse_markdown(text: str, name: str) -> dict:
    meta: dict = {}
    body_start = 0
    m = _FRONT_MATTER.match(text)
    if m:
        header = m.group(1) or ""
        meta = _safe_yaml(header, name, first_line=2)
        if not isinstance(meta, dict):
            raise InputError("front matter is not a mapping of keys to values", line=2)
        body_start = m.end()
    elif text.startswith("---"):
        raise InputError("front matter starts with '---' but is never closed", line=1)
    fields = _parse_text(text, body_start)
    fields["format"] = "markdown"
    title = _clean_str(meta.pop("title", None))
    if title:
        fields["title"], fields["title_derived"] = title, False
        fields["title_span"] = _find_span(text[:body_start], title) if m else None
        if fields["title_span"] is None:
            fields["title_span"] = None
        # A headline repeated at the top of the body stays a headline paragraph.
    if "date" in meta:
        fields["date"] = meta.pop("date")
    if "source" in meta:
        fields["source"] = meta.pop("source")
    if "id" in meta:
        fields["id"] = str(meta.pop("id"))
    fields["meta"] = {k: v for k, v in meta.items() if isinstance(k, str)}
    return fields


def _safe_yaml(source: str, name: str, first_line: int = 1):
    """YAML by the one strict loader (`yamlsafe`): plain data only, no anchors or aliases, no
    repeated keys, bounded size and depth."""
    try:
        return yamlsafe.load(source, first_line=first_line)
    except yamlsafe.YamlError as err:
        raise InputError(err.message, line=err.line) from None


def _read_sidecar(path: Path, project_root: Path) -> tuple[dict, list[Problem]]:
    name = _rel(path, project_root)
    try:
        if path.stat().st_size > MAX_SIDECAR_BYTES:
            raise InputError(f"over the {MAX_SIDECAR_BYTES:,}-byte limit for a sidecar")
        text, problems = decode(path.read_bytes(), name)
        data = _safe_yaml(text, name)
    except InputError as err:
        return {}, [Problem(name, f"sidecar ignored: {err}", "error", err.line)]
    if data is None:
        return {}, problems
    if not isinstance(data, dict):
        return {}, problems + [Problem(name, "sidecar ignored: it is not a mapping of fields to values", "error", 1)]
    unknown = sorted(str(k) for k in data if k not in SIDECAR_FIELDS)
    if unknown:
        problems.append(Problem(name, f"unknown sidecar fields ignored: {', '.join(unknown)}", "warning"))
    fields = {}
    for key in sorted(k for k in data if k in SIDECAR_FIELDS):
        value = data[key]
        if isinstance(value, (dict, list, set, tuple)):
            problems.append(Problem(name, f"sidecar field {key!r} ignored: it must be a single value, not a list or mapping", "error"))
        elif value is not None:
            fields[key] = value if key == "date" else str(value)
    return fields, problems


# --- the whole input folder ----------------------------------------------------------------------


def load_all(input_dir: Path, project_root: Path, jobs: int = 1) -> tuple[list[Article], list[Problem]]:
    """Every article under `input_dir`, with stable unique ids, and every problem found."""
    paths, problems = discover(input_dir, project_root)
    articles, load_problems = load_paths(paths, project_root, jobs)
    return articles, problems + load_problems


def load_paths(paths: list[Path], project_root: Path, jobs: int = 1, cache=None) -> tuple[list[Article], list[Problem]]:
    """The articles of these files. With a `dossier.cache.StageCache`, a file whose bytes (and
    sidecars' bytes) were read before is not parsed again."""
    loaded: list[Loaded | None] = [None] * len(paths)
    keys: list[str | None] = [None] * len(paths)
    if cache is not None:
        for i, path in enumerate(paths):
            keys[i] = input_key(path, project_root)
            if keys[i] is not None:
                loaded[i] = cache.get(keys[i])
    todo = [i for i, item in enumerate(loaded) if item is None]
    if jobs > 1 and len(todo) > 8:
        from concurrent.futures import ProcessPoolExecutor
        from functools import partial

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            fresh = list(pool.map(partial(load_article, project_root=project_root), [paths[i] for i in todo],
                                  chunksize=max(1, len(todo) // (jobs * 8))))
    else:
        fresh = [load_article(paths[i], project_root) for i in todo]
    for i, item in zip(todo, fresh):
        loaded[i] = item
        if cache is not None and keys[i] is not None:
            cache.put(keys[i], item)
    problems: list[Problem] = []
    articles: list[Article] = []
    first_with_text: dict[str, str] = {}
    for item in sorted(loaded, key=lambda item: item.problems[0].path if item.article is None else item.article.input):
        problems.extend(item.problems)
        if item.article is None:
            continue
        key = content_key(item.article)
        if key and key in first_with_text:
            # The same article saved twice would count as two articles mentioning each name.
            problems.append(Problem(item.article.input, f"duplicate of {first_with_text[key]} (same text); "
                                    "not built as a separate page", "warning"))
            continue
        first_with_text.setdefault(key, item.article.input)
        articles.append(item.article)
    return assign_ids(articles), problems


def input_key(path: Path, project_root: Path) -> str | None:
    """What `load_article` reads of a file: its name, its bytes and its sidecars' bytes (None when
    the file cannot be read or is too large; such a file is loaded, and reported, every time)."""
    h = hashlib.sha256(_rel(path, project_root).encode("utf-8", "surrogateescape"))
    try:
        if path.stat().st_size > MAX_INPUT_BYTES:
            return None
        h.update(path.read_bytes())
        for suffix in SIDECAR_SUFFIXES:
            sidecar = path.with_name(path.name + suffix)
            if sidecar.is_file():
                h.update(b"\0" + suffix.encode() + b"\0" + sidecar.read_bytes())
    except OSError:
        return None
    return h.hexdigest()


def content_key(article: Article) -> str:
    """What makes two inputs the same article: their paragraphs' text, white space and Unicode
    normalization aside (so a CRLF, BOM or re-wrapped copy is still a duplicate)."""
    import unicodedata

    words = " ".join(article.text[p.start : p.end] for p in article.paragraphs).split()
    return hashlib.sha256(unicodedata.normalize("NFC", " ".join(words)).encode("utf-8")).hexdigest() if words else ""


def article_slug(article: Article) -> str:
    base = " ".join(x for x in (article.date, article.title.rstrip("…")) if x)
    return slugify(base, max_length=64) or "article"


def assign_ids(articles: list[Article]) -> list[Article]:
    """Give each article a unique id: its own if set, else date + title slug.

    When two articles would get the same slug, the later input path gets a suffix made from a
    hash of its path, so that its id does not depend on which other articles exist.
    """
    taken: set[str] = {"index"}  # articles/index.md is the list of articles
    result = []
    explicit = {a.id for a in articles if a.id}
    for article in sorted(articles, key=lambda a: a.input):
        wanted = (slugify(article.id) if article.id else "") or article_slug(article)
        candidate = wanted
        if candidate in taken or (not article.id and candidate in explicit):
            candidate = f"{wanted}-{hashlib.sha1(article.input.encode()).hexdigest()[:6]}"
        taken.add(candidate)
        result.append(replace(article, id=candidate))
    return result
