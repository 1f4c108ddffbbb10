"""Sidecars: `<file>.meta.yml` beside an article overrides its metadata without touching it.

A sidecar may set `title`, `date`, `source` and `id` (the article's own fields) and `author`
and `url` (kept as metadata). A broken sidecar is reported and ignored: the article still
builds, with the metadata its own file gives. Two sidecars for one file (`.meta.yml` and
`.meta.yaml`) are reported and neither is used, since which one was meant cannot be known.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .. import inputs
from ..model import Problem
from .decoding import decode, yaml_data
from .metadata import checked_id
from .discovery import shown_path, sidecars_of
from .paragraphs import find_span
from .records import InputError, ParsedArticle

SIDECAR_FIELDS = {"title", "date", "source", "id", "author", "url"}
MAX_SIDECAR_BYTES = 64 * 1024


@dataclass(frozen=True)
class Sidecar:
    """The fields a sidecar sets (None: not set). Values are text, except a YAML date."""

    title: str | None = None
    date: Any = None
    source: str | None = None
    id: str | None = None
    meta: dict[str, str] = field(default_factory=dict)  # author, url


def with_sidecar(parsed: ParsedArticle, path: Path, project_root: Path,
                 folder: Path | None = None) -> tuple[ParsedArticle, list[Problem]]:
    """The article with its sidecar's fields, if it has one sidecar, and the sidecar's problems.
    The sidecar must really be inside `folder` (default: the article's folder)."""
    folder = path.parent if folder is None else folder
    found = sidecars_of(path)
    if not found:
        return parsed, []
    if len(found) > 1:
        return parsed, [Problem(shown_path(found[-1], project_root, folder), "conflicting sidecars: "
                                f"{' and '.join(s.name for s in found)} both describe {path.name}; "
                                "neither is used until one is removed", "error")]
    sidecar, problems = read_sidecar(found[0], project_root, folder)
    return apply(parsed, sidecar), problems


def apply(parsed: ParsedArticle, sidecar: Sidecar) -> ParsedArticle:
    """`parsed` with every field the sidecar sets."""
    given: dict[str, Any] = {}
    if sidecar.title is not None:
        given.update(title=sidecar.title, title_derived=False, title_span=find_span(parsed.text, sidecar.title))
    for key in ("date", "source", "id"):
        if getattr(sidecar, key) is not None:
            given[key] = getattr(sidecar, key)
    return replace(parsed, **given, meta={**parsed.meta, **sidecar.meta})


def read_sidecar(path: Path, project_root: Path, folder: Path | None = None) -> tuple[Sidecar, list[Problem]]:
    """The fields of one sidecar file, which must really be inside `folder` (default: its own
    folder); an unreadable one gives no fields and an error."""
    folder = path.parent if folder is None else folder
    name = shown_path(path, project_root, folder)
    try:
        try:
            data = inputs.read_inside(path, folder, MAX_SIDECAR_BYTES)
        except inputs.TooLarge:
            raise InputError(f"over the {MAX_SIDECAR_BYTES:,}-byte limit for a sidecar") from None
        except inputs.Refused as err:
            raise InputError(err.reason) from None
        text, problems = decode(data, name)
        data = yaml_data(text)
    except InputError as err:
        return Sidecar(), [Problem(name, f"sidecar ignored: {err}", "error", err.line)]
    if data is None:
        return Sidecar(), problems
    if not isinstance(data, dict):
        return Sidecar(), problems + [Problem(name, "sidecar ignored: it is not a mapping of fields to values", "error", 1)]
    unknown = sorted(str(k) for k in data if k not in SIDECAR_FIELDS)
    if unknown:
        problems.append(Problem(name, f"unknown sidecar fields ignored: {', '.join(unknown)}", "warning"))
    fields: dict[str, Any] = {}
    for key in sorted(k for k in data if k in SIDECAR_FIELDS):
        value = data[key]
        if isinstance(value, (dict, list, set, tuple)):
            problems.append(Problem(name, f"sidecar field {key!r} ignored: it must be a single value, not a list or mapping", "error"))
        elif value is not None:
            fields[key] = value if key == "date" else str(value)
    core = {k: fields.pop(k) for k in ("title", "date", "source", "id") if k in fields}
    if "id" in core:
        core["id"], refused = checked_id(core["id"], name, text)
        if refused is not None:
            problems.append(refused)
    return Sidecar(**core, meta=fields), problems
