"""Curation: the decisions a person makes about the dossier's entities, kept in one YAML file.

The file is `entities.yml` in the input folder, beside the articles. Its fields and what they do
are described for users in docs/entities-yml.md; this module reads it into `Curation` (one
`EntityDecision` per entry) and reports what it cannot use. The resolver applies the decisions
(`rules/curation.py`, `curated.py`, `entities.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import inputs, yamlsafe
from ..model import ENTITY_TYPES, Problem

LIMITS = yamlsafe.Limits(max_bytes=2 << 20)  # a curation of thousands of entities is well under 1 MB

_FIELD_NAMES = {
    "name": "name",
    "rename": "name",
    "id": "id",
    "type": "type",
    "description": "description",
    "aliases": "aliases",
    "alias": "aliases",
    "add aliases": "aliases",
    "remove aliases": "remove_aliases",
    "not aliases": "remove_aliases",
    "same as": "same_as",
    "merge": "same_as",
    "not same as": "not_same_as",
    "split": "not_same_as",
    "different from": "not_same_as",
    "ignore": "ignore",
}


@dataclass(frozen=True)
class EntityDecision:
    """What the file says about one entity (the top-level key `ref`)."""

    ref: str
    line: int | None = None
    name: str | None = None
    id: str | None = None
    type: str | None = None
    description: str | None = None
    aliases: tuple[str, ...] = ()
    remove_aliases: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()
    not_same_as: tuple[str, ...] = ()
    ignore: bool = False


@dataclass(frozen=True)
class Curation:
    decisions: tuple[EntityDecision, ...] = ()
    path: str = ""

    def __bool__(self) -> bool:
        return bool(self.decisions)


def parse_curation(text: str, path: str = "entities.yml") -> tuple[Curation, list[Problem]]:
    """Curation from the text of an entities file. Never raises for bad input."""
    problems: list[Problem] = []
    try:
        root = yamlsafe.compose(text, limits=LIMITS)
        data = yamlsafe.construct(root)
    except yamlsafe.YamlError as err:
        message = err.message.removeprefix("malformed YAML: ")
        return Curation((), path), [Problem(path, f"malformed YAML, curation not used: {message}", "error", err.line)]
    if data is None:
        return Curation((), path), []
    if not isinstance(data, dict) or root is None or not isinstance(root, yaml.MappingNode):
        return Curation((), path), [
            Problem(path, "curation not used: the file must map entity names to decisions", "error", 1)
        ]
    lines = {}
    for key_node, value_node in root.value:
        lines[str(key_node.value)] = (key_node.start_mark.line + 1, value_node)
    decisions = []
    for ref, body in data.items():
        ref_s = str(ref).strip()
        line, node = lines.get(str(ref), (None, None))
        if not ref_s:
            problems.append(Problem(path, "an entry has an empty name; ignored", "warning", line))
            continue
        if body is None:
            body = {}
        if not isinstance(body, dict):
            problems.append(Problem(path, f"{ref_s!r}: expected fields such as 'type:' or 'aliases:' under the name; ignored", "warning", line))
            continue
        field_lines = {}
        if isinstance(node, yaml.MappingNode):
            for k, _ in node.value:
                field_lines[str(k.value)] = k.start_mark.line + 1
        fields: dict = {}
        for raw_key, value in body.items():
            key = str(raw_key).strip().lower().replace("_", " ").replace("-", " ")
            fline = field_lines.get(str(raw_key), line)
            canon = _FIELD_NAMES.get(key)
            if canon is None:
                problems.append(Problem(path, f"{ref_s!r}: unknown field {raw_key!r} ignored (known: name, id, type, description, aliases, remove aliases, same as, not same as, ignore)", "warning", fline))
                continue
            if canon in ("aliases", "remove_aliases", "same_as", "not_same_as"):
                names, bad = _names(value)
                if bad:
                    problems.append(Problem(path, f"{ref_s!r}: {raw_key!r} should be a name or a list of names", "warning", fline))
                fields[canon] = tuple(fields.get(canon, ())) + names
            elif canon == "ignore":
                if not isinstance(value, bool):
                    problems.append(Problem(path, f"{ref_s!r}: 'ignore' should be true or false", "warning", fline))
                    continue
                fields["ignore"] = value
            elif canon == "type":
                t = str(value).strip().lower() if value is not None else ""
                if t not in ENTITY_TYPES:
                    problems.append(Problem(path, f"{ref_s!r}: type {value!r} is not one of {', '.join(ENTITY_TYPES)}; ignored", "warning", fline))
                    continue
                fields["type"] = t
            else:
                if value is None or isinstance(value, (dict, list)) or not str(value).strip():
                    problems.append(Problem(path, f"{ref_s!r}: {raw_key!r} should be a short text", "warning", fline))
                    continue
                fields[canon] = str(value).strip()
        decisions.append(EntityDecision(ref=ref_s, line=line, **fields))
    return Curation(tuple(decisions), path), problems


def _names(value) -> tuple[tuple[str, ...], bool]:
    if value is None:
        return (), False
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list):
        return (), True
    names, bad = [], False
    for item in value:
        if isinstance(item, (str, int, float)) and not isinstance(item, bool) and str(item).strip():
            names.append(str(item).strip())
        else:
            bad = True
    return tuple(names), bad


def _display(path: Path, root: Path | None = None) -> str:
    """The path as problems show it: relative to `root` (the build's `Config.display_root`, so
    no absolute path is published), else to the working directory, when possible."""
    try:
        return path.resolve().relative_to((root or Path.cwd()).resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def load_curation(path: Path, root: Path | None = None) -> tuple[Curation, list[Problem]]:
    """Read `<input>/entities.yml`. A missing file is an empty curation; problems never raise."""
    name = _display(path, root)
    try:
        # Read only from the input folder: a link out of it is refused, and so is anything
        # that is not a plain file (a device linked here would be read without end).
        text = inputs.read_text_inside(path, path.parent, LIMITS.max_bytes)
    except inputs.Refused as err:
        return Curation((), name), [Problem(name, f"curation file {err.not_read}", "error")]
    if text is None:
        return Curation((), name), []
    return parse_curation(text, name)
