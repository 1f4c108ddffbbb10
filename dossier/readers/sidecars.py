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


@dataclass(frozen=True)
class SidecarFile:
    """A sidecar's bytes as read once (or why they were not): what is parsed, and what the
    stored reading of its article is keyed by."""

    name: str  # as problems show it
    suffix: str  # ".meta.yml" or ".meta.yaml"
    data: bytes | None
    refusal: str | None = None  # why `data` is None, as one line


def take_sidecars(path: Path, project_root: Path, folder: Path | None = None) -> tuple[SidecarFile, ...]:
    """The bytes of every sidecar beside `path`, read from inside `folder` (default: the
    article's folder) only."""
    folder = path.parent if folder is None else folder
    taken = []
    for sidecar in sidecars_of(path):
        name = shown_path(sidecar, project_root, folder)
        suffix = sidecar.name[len(path.name):]
        try:
            taken.append(SidecarFile(name, suffix, inputs.read_inside(sidecar, folder, MAX_SIDECAR_BYTES)))
        except inputs.TooLarge:
            taken.append(SidecarFile(name, suffix, None, f"over the {MAX_SIDECAR_BYTES:,}-byte limit for a sidecar"))
        except inputs.Refused as err:
            taken.append(SidecarFile(name, suffix, None, err.reason))
    return tuple(taken)


def with_sidecar(parsed: ParsedArticle, sidecars: tuple[SidecarFile, ...],
                 file_name: str) -> tuple[ParsedArticle, list[Problem]]:
    """The article with its sidecar's fields, if it has one sidecar, and the sidecar's problems
    (`file_name`: the article's file name, without its folder)."""
    if not sidecars:
        return parsed, []
    if len(sidecars) > 1:
        return parsed, [Problem(sidecars[-1].name, "conflicting sidecars: "
                                f"{' and '.join(file_name + s.suffix for s in sidecars)} both describe {file_name}; "
                                "neither is used until one is removed", "error")]
    sidecar, problems = read_sidecar(sidecars[0])
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


def read_sidecar(sidecar: SidecarFile) -> tuple[Sidecar, list[Problem]]:
    """The fields of one sidecar; an unreadable one gives no fields and an error."""
    name = sidecar.name
    try:
        if sidecar.data is None:
            raise InputError(sidecar.refusal or "not read")
        text, problems = decode(sidecar.data, name)
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
