"""Permanent ids: an article's or entity's URL, once published, never changes by accident.

An article read from its file gets a provisional id (`provisional_article_ids`): its explicit
`id:`, else a slug of its date and title. The first build records every id in `dossier-ids.yml`
beside mkdocs.yml, a file the user commits. Later builds reuse the recorded id even if the title
is corrected, the file is renamed (matched by content), or other articles arrive with the same
slug (`assign_article_ids`). When an id does change on purpose (an explicit `id:` in front
matter or a sidecar), the old URL is kept as a redirect. Entities keep their recorded ids while
they carry a recorded name (`stabilize_entity_ids`).

This module is shared by the stages rather than part of one: article ids are given when the
articles are read (`dossier.readers`), entity ids after resolution, and the registry is
written after the pages, which also read its redirects and retired entity ids.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .cache import StageCache
from .model import Article, Entity, Problem
from .slugs import slugify

REGISTRY_NAME = "dossier-ids.yml"
_HEADER = (
    "# Written by dossier. The permanent id (URL slug) of each article and entity: commit this file.\n"
    "# To change an article's URL on purpose, set `id:` in its front matter or sidecar: the old URL then redirects.\n"
)


@dataclass
class Registry:
    articles: dict[str, str] = field(default_factory=dict)  # input path (relative to input folder) → id
    digests: dict[str, str] = field(default_factory=dict)  # input path → content hash, to follow renames
    entities: dict[str, list[str]] = field(default_factory=dict)  # entity id → its names when recorded
    redirects: dict[str, str] = field(default_factory=dict)  # old URL path → new URL path
    loaded: tuple | None = field(default=None, compare=False, repr=False)  # the state read from the file
    # The file exists but could not be read: it is never written over (it holds what people
    # committed: chosen ids, redirects); the build uses ids of its own until it is fixed.
    unreadable: bool = field(default=False, compare=False, repr=False)

    def _state(self) -> tuple:
        return (dict(self.articles), dict(self.digests), {k: tuple(v) for k, v in self.entities.items()},
                dict(self.redirects))

    def unchanged(self) -> bool:
        """Whether the registry still holds exactly what its file held (then it is not written:
        making the YAML of a large dossier's registry takes a quarter of a second)."""
        return self.unreadable or (self.loaded is not None and self.loaded == self._state())

    def to_yaml(self) -> str:
        data = {
            "articles": {k: {"id": v, "sha256": self.digests.get(k, "")} for k, v in sorted(self.articles.items())},
            "entities": {k: sorted(v) for k, v in sorted(self.entities.items())},
            "redirects": dict(sorted(self.redirects.items())),
        }
        # libyaml's emitter when present: the registry of a 10,000-article dossier is megabytes.
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        return _HEADER + yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)


# Ids that name the site's own pages and sections, never an article or an entity: the index
# page of a folder (articles/index.md is the list of articles, entities/index.md the list of
# entities), the sections and files dossier generates (articles/, entities/, notes/,
# notes/unanchored.md, compare.md, build-report.md, dossier.json, feed.json, feed.xml,
# assets/dossier/), and those MkDocs and its theme generate (search/, sitemap.xml, 404.html).
RESERVED_IDS = frozenset({
    "index", "articles", "entities", "notes", "unanchored", "compare", "build-report", "dossier", "feed",
    "assets", "search", "sitemap", "404",
})
RESERVED_REASON = "is reserved for a page of the site"


def reserved(slug: str) -> bool:
    """Whether an id names one of the site's own pages or sections (`RESERVED_IDS`)."""
    return slug in RESERVED_IDS


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # an id as dossier makes them
_REDIRECT = re.compile(r"(?:[a-z0-9][a-z0-9-]*/)+")  # a site path made of slugs, like articles/some-id/
# The longest id accepted from the registry. Ids dossier makes are at most about 90 characters
# (a 64-character slug and suffixes); a page's file name is the id and ".md", and most file
# systems hold names of at most 255 bytes: a longer id could not be written.
MAX_ID_LENGTH = 120


def _registry_limits():
    """The registry grows with the dossier: about 150 bytes an article or entity."""
    from . import yamlsafe

    return yamlsafe.Limits(max_bytes=256 << 20, max_nodes=10_000_000)


def _entry_lines(node) -> dict[tuple[str, str], int]:
    """The line of each entry of the registry's sections: (section, key) → line (for an
    article, the line of its `id:`)."""
    import yaml as _yaml

    lines: dict[tuple[str, str], int] = {}
    if not isinstance(node, _yaml.MappingNode):
        return lines
    for section_node, entries in node.value:
        if not isinstance(entries, _yaml.MappingNode):
            continue
        for key_node, value_node in entries.value:
            line = key_node.start_mark.line + 1
            if isinstance(value_node, _yaml.MappingNode):
                for field_node, field_value in value_node.value:
                    if getattr(field_node, "value", None) == "id":
                        line = field_value.start_mark.line + 1
            lines[(str(section_node.value), str(key_node.value))] = line
    return lines


def _id_refusal(value: str) -> str | None:
    """Why an id from the registry cannot be used as it is, or None."""
    if len(value) > MAX_ID_LENGTH:
        return f"is {len(value):,} characters long, over the {MAX_ID_LENGTH}-character limit for an id"
    if reserved(value):
        return RESERVED_REASON
    return None


def load(path: Path) -> tuple[Registry, list[Problem]]:
    """The registry `path` holds (an empty one when there is no file), and its problems.

    The file is read only from the project folder (`path`'s folder: a link out of it is
    refused), and anyone may edit it: an id that is not a slug never becomes a path or a link,
    and an entry whose id cannot be used is reported with its line and not used."""
    from . import inputs, yamlsafe

    name = path.name
    try:
        try:
            data_bytes = inputs.read_inside(path, path.parent, _registry_limits().max_bytes,
                                            folder_name="the project folder")
        except inputs.Refused as err:
            if err.kind == "missing":
                return Registry(), []
            raise _RegistryError(err.not_read, None) from None
        data, lines = _parsed(data_bytes)
        registry = Registry()
        problems: list[Problem] = []
        for key, value in (data.get("articles") or {}).items():
            recorded = str(value.get("id") or "") if isinstance(value, dict) else ""
            refusal = _id_refusal(recorded)
            if refusal or not _SLUG.fullmatch(recorded):
                shortened = slugify(recorded)
                if refusal or reserved(shortened):
                    shown = recorded if len(recorded) <= 40 else f"{recorded[:40]}…"
                    if not shortened or reserved(shortened):
                        what, shortened = "not used: the article gets a new id", ""
                    else:
                        what = f"using {shortened!r}"
                    problems.append(Problem(name, f"id {shown!r} recorded for {key} {refusal or RESERVED_REASON}; {what}",
                                            "error", lines.get(("articles", str(key)))))
                recorded = shortened
            if recorded:
                registry.articles[str(key)] = recorded
                registry.digests[str(key)] = str(value.get("sha256") or "")
        for key, names in (data.get("entities") or {}).items():
            refusal = _id_refusal(str(key))
            if refusal:
                shown = str(key) if len(str(key)) <= 40 else f"{str(key)[:40]}…"
                problems.append(Problem(name, f"entity id {shown!r} {refusal}; not used", "error",
                                        lines.get(("entities", str(key)))))
            elif _SLUG.fullmatch(str(key)) and isinstance(names, list):
                registry.entities[str(key)] = [str(n) for n in names if isinstance(n, (str, int, float))]
        registry.redirects = {str(k): str(v) for k, v in (data.get("redirects") or {}).items()
                              if _redirect_path(str(k)) and _redirect_path(str(v))}
        registry.loaded = registry._state()
        return registry, problems
    except (OSError, ValueError, yaml.YAMLError, AttributeError, RecursionError, UnicodeDecodeError) as err:
        line = getattr(err, "line", None)
        return Registry(unreadable=True), [Problem(
            name, f"id registry not read, and not written over: {err}. Until it is fixed (or deleted to "
            "start again), this build's ids may differ from the published ones", "error", line)]


# The last registry text parsed, by its hash: a running process reads the registry after every
# edit, and it grows with the dossier (parsing it is the slow part, not reading it).
_LAST_PARSED: dict[str, tuple[dict, dict]] = {}


def _parsed(data_bytes: bytes) -> tuple[dict, dict[tuple[str, str], int]]:
    from . import yamlsafe

    digest = hashlib.sha1(data_bytes).hexdigest()
    if digest in _LAST_PARSED:
        return _LAST_PARSED[digest]
    try:
        node = yamlsafe.compose(data_bytes.decode("utf-8"), limits=_registry_limits())
        data = yamlsafe.construct(node) or {}
    except yamlsafe.YamlError as err:
        raise _RegistryError(str(err), err.line) from None
    if not isinstance(data, dict):
        raise ValueError("not a mapping")
    _LAST_PARSED.clear()
    _LAST_PARSED[digest] = (data, _entry_lines(node))
    return _LAST_PARSED[digest]


def _redirect_path(value: str) -> bool:
    """A site path made of slugs, each short enough to be a folder's name."""
    return bool(_REDIRECT.fullmatch(value)) and all(len(part) <= MAX_ID_LENGTH for part in value.split("/"))


class _RegistryError(ValueError):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


def article_slug(article: Article) -> str:
    """The id an article without an explicit one wants: a slug of its date and title."""
    base = " ".join(x for x in (article.date, article.title.rstrip("…")) if x)
    return slugify(base, max_length=64) or "article"


class _SameObjects:
    """`replace(article, id=...)` that gives the very object of the last call for the same
    article object and id. In a long-running process (`mkdocs serve`, `--watch`) the stored
    readings are the same objects from build to build, and so, through this, are the articles
    with their ids: the later stages know an unchanged article by its identity, without
    hashing its text again."""

    def __init__(self):
        self.last: dict[int, tuple[Article, str, Article]] = {}
        self.now: dict[int, tuple[Article, str, Article]] = {}

    def with_id(self, article: Article, new_id: str) -> Article:
        if article.id == new_id:
            return article
        known = self.last.get(id(article))
        made = known[2] if known is not None and known[0] is article and known[1] == new_id else replace(article, id=new_id)
        self.now[id(article)] = (article, new_id, made)
        return made

    def done(self) -> None:
        # Only this call's articles are kept (a deleted article's objects are let go).
        self.last, self.now = (self.now, {}) if StageCache.remember else ({}, {})


_PROVISIONAL, _FINAL = _SameObjects(), _SameObjects()


def provisional_article_ids(articles: list[Article]) -> list[Article]:
    """Give each article a unique id: its own if set, else date + title slug.

    When two articles would get the same slug, the later input path gets a suffix made from a
    hash of its path, so that its id does not depend on which other articles exist.
    """
    taken: set[str] = set(RESERVED_IDS)  # articles/index.md is the list of articles
    result = []
    explicit = {a.id for a in articles if a.id}
    for article in sorted(articles, key=lambda a: a.input):
        wanted = (slugify(article.id) if article.id else "") or article_slug(article)
        candidate = wanted
        if candidate in taken or (not article.id and candidate in explicit):
            candidate = f"{wanted}-{hashlib.sha1(article.input.encode()).hexdigest()[:6]}"
        taken.add(candidate)
        result.append(_PROVISIONAL.with_id(article, candidate))
    _PROVISIONAL.done()
    return result


def assign_article_ids(articles: list[Article], registry: Registry, input_dir: Path,
                       project_root: Path) -> tuple[list[Article], list[Problem]]:
    """Give every article its recorded id, or record the id it gets now.

    `articles` carry provisional ids (`provisional_article_ids`: explicit, or date + title slug).
    """
    # The input's path relative to the input folder, as named (a symbolic link inside the
    # folder is its own input, not the file it points to).
    folder = Path(os.path.abspath(input_dir))
    keys: dict[int, str] = {}
    for article in articles:
        try:
            keys[id(article)] = Path(os.path.abspath(project_root / article.input)).relative_to(folder).as_posix()
        except ValueError:  # an input folder outside the project: inputs are named "<folder>/<path>"
            keys[id(article)] = article.input.removeprefix(f"{folder.name}/")

    def key(article: Article) -> str:
        return keys[id(article)]

    problems: list[Problem] = []
    present = set(keys.values())
    # A renamed file keeps its id: same content, old path gone.
    renamed_from = {d: p for p, d in sorted(registry.digests.items()) if p not in present and d}
    owner = {i: p for p, i in registry.articles.items()}  # id → the input that holds it
    chosen: dict[str, Article] = {}
    for article in sorted(articles, key=key):
        k = key(article)
        if k not in registry.articles and article.digest in renamed_from:
            old = renamed_from.pop(article.digest)
            registry.articles[k] = registry.articles.pop(old)
            registry.digests.pop(old, None)
            owner[registry.articles[k]] = k
        recorded = registry.articles.get(k)
        if article.id_explicit:
            wanted = article.id
            if recorded and recorded != wanted:
                registry.redirects[f"articles/{recorded}/"] = f"articles/{wanted}/"
                owner.pop(recorded, None)
        else:
            wanted = recorded or article.id
        final = wanted
        n = 2
        while final in chosen or owner.get(final, k) != k:
            final, n = f"{wanted}-{n}", n + 1
        if final != wanted and article.id_explicit:
            problems.append(Problem(article.input, f"id {wanted!r} is already used by another article; using {final!r}", "error"))
        registry.articles[k] = final
        registry.digests[k] = article.digest
        owner[final] = k
        chosen[final] = _FINAL.with_id(article, final)
    _FINAL.done()
    # Removed articles keep their records, so their ids are never given to a different article.
    return sorted(chosen.values(), key=lambda a: a.input), problems


def stabilize_entity_ids(entities: list[Entity], registry: Registry) -> list[Entity]:
    """Keep each entity's recorded id while it still carries the recorded names.

    A recorded id goes back to the entity that carries most of its recorded names (then the one
    whose own name is among them, then the one that adds fewest others, then the bigger one), the
    strongest claims first across all entities: an entity that shares one alias with a record
    ("Trump", "Sellers") never takes it from the entity that carries the rest. An entity can
    claim a record only with two of its names, or all of them, or its own display name: a recorded
    id never passes to a different entity that shares a single other name with it."""
    # Every recorded id that carries a name claims it: two entities may share a name (a person
    # and a product both called "Merbri"), and each must find its own id again.
    claims: dict[str, list[str]] = {}
    recorded_names: dict[str, set[str]] = {}
    for entity_id in sorted(registry.entities):
        recorded_names[entity_id] = {name.casefold() for name in registry.entities[entity_id]}
        for name in recorded_names[entity_id]:
            claims.setdefault(name, []).append(entity_id)
    ranked = []
    for entity in entities:
        names = {n.casefold() for n in (entity.name, *entity.aliases)}
        votes = Counter(candidate for name in names for candidate in claims.get(name, ()))
        own = entity.name.casefold()
        for candidate, common in votes.items():
            recorded = recorded_names[candidate]
            if not (common >= 2 or recorded <= names or own in recorded):
                continue
            ranked.append((-common, own not in recorded, len(recorded - names), -len(entity.mentions), entity.id,
                           candidate))
    assigned: dict[str, str] = {}  # resolver id → final id
    used: set[str] = set(RESERVED_IDS)  # entities/index.md is the list of entities: an entity named Index must not hide it
    for *_, entity_id, candidate in sorted(ranked):
        if entity_id not in assigned and candidate not in used:
            assigned[entity_id] = candidate
            used.add(candidate)
    for entity in sorted(entities, key=lambda e: e.id):
        if entity.id in assigned:
            continue
        # An id recorded for another entity is never reused: a wiki link to it must not land
        # on a different person.
        final, n = entity.id, 2
        while final in used or final in registry.entities:
            final, n = f"{entity.id}-{n}", n + 1
        assigned[entity.id] = final
        used.add(final)
    result = [replace(e, id=assigned[e.id]) if assigned[e.id] != e.id else e for e in entities]
    for entity in result:
        if entity.shared:
            registry.entities[entity.id] = sorted({entity.name, *entity.aliases, *registry.entities.get(entity.id, [])})
    return sorted(result, key=lambda e: e.id)


def curated_id_problems(curation) -> list[Problem]:
    """A problem for each id `entities.yml` pins that is reserved (`RESERVED_IDS`): the entity
    gets another id (`stabilize_entity_ids`), and the file and line are named."""
    problems: list[Problem] = []
    for decision in getattr(curation, "decisions", ()):
        pinned = getattr(decision, "id", None)
        if pinned and reserved(slugify(str(pinned))):
            problems.append(Problem(str(getattr(curation, "path", "entities.yml")),
                                    f"{getattr(decision, 'ref', pinned)!r}: id {str(pinned)!r} {RESERVED_REASON}; "
                                    "the entity gets another id", "error", getattr(decision, "line", None)))
    return problems
