"""stories.yml: the user's correction of how the articles are grouped into stories.

The file lives in the input folder beside the articles and is committed with them:

    # Each story lists its articles by input path (relative to this folder) or by article id.
    stories:
      - title: Pompeo's secret visit to Kim Jong-un
        id: pompeo-visit          # optional: the story's id in URLs (a slug)
        articles:
          - 0-pompeo-north-korea/L.md
          - 0-pompeo-north-korea/M.md
      - title: North Korea halts nuclear tests
        closed: true              # optional: no other article joins this story
        articles: [2-north-korea-test-halt/L.md, 2-north-korea-test-halt/R.md]

A listed story keeps its articles and is never joined with another listed story; articles the
file does not list are grouped automatically and may join a listed story (unless it is
`closed`). The file is read with the strict YAML loader; every problem names the file and the
line, and the rest of the file still applies.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .. import inputs, yamlsafe
from ..model import Article, Problem
from ..slugs import slugify
from .stories import StoryOverride

STORY_FILES = ("stories.yml", "stories.yaml")
LIMITS = yamlsafe.Limits(max_bytes=4 << 20, max_nodes=500_000)
_KEYS = ("title", "id", "articles", "closed")


def story_file(input_dir: Path) -> Path | None:
    """The stories file of an input folder, if there is one."""
    for name in STORY_FILES:
        path = input_dir / name
        if path.exists() or path.is_symlink():  # a link, even a dangling one, is read (and refused) as such
            return path
    return None


def load_stories(input_dir: Path, project_root: Path, articles: list[Article]) -> tuple[tuple[StoryOverride, ...], list[Problem]]:
    """The stories the user lists in `<input>/stories.yml`, with article references resolved to
    ids, and the problems found (with line numbers). No file: no stories, no problems."""
    path = story_file(input_dir)
    if path is None:
        return (), []
    try:
        name = path.resolve().relative_to(project_root.resolve()).as_posix()
    except ValueError:
        name = path.name
    try:
        text = inputs.read_text_inside(path, input_dir, LIMITS.max_bytes)
    except inputs.Refused as err:
        return (), [Problem(name, f"stories file {err.not_read}", "error")]
    if text is None:
        return (), []
    return parse_stories(text, name, _references(articles, input_dir, project_root))


def _references(articles: list[Article], input_dir: Path, project_root: Path) -> dict[str, str]:
    """Every way the file may name an article: its id, its input path relative to the input
    folder, or as the dossier records it (relative to the project root)."""
    refs: dict[str, str] = {}
    folder = input_dir.resolve()
    for a in articles:
        refs[a.id] = a.id
        refs[a.input] = a.id
        try:
            refs[(project_root / a.input).resolve().relative_to(folder).as_posix()] = a.id
        except (ValueError, OSError):
            pass
    return refs


def parse_stories(text: str, name: str, refs: dict[str, str]) -> tuple[tuple[StoryOverride, ...], list[Problem]]:
    """The stories of a stories file's text; `refs` maps each way of naming an article to its id."""
    try:
        root = yamlsafe.compose(text, limits=LIMITS)
        data = yamlsafe.construct(root)
    except yamlsafe.YamlError as err:
        return (), [Problem(name, f"malformed YAML, stories file not used: {err.message.removeprefix('malformed YAML: ')}", "error", err.line)]
    if data is None:
        return (), []
    items_node = root
    if isinstance(data, dict):
        unknown = [k for k in data if k != "stories"]
        problems = [Problem(name, f"unknown key {k!r} ignored (the file lists `stories:`)", "warning", _key_line(root, k)) for k in unknown]
        data = data.get("stories")
        items_node = _value_node(root, "stories")
    else:
        problems = []
    if data is None:
        return (), problems
    if not isinstance(data, list) or not isinstance(items_node, yaml.SequenceNode):
        return (), problems + [Problem(name, "stories file not used: `stories:` must be a list of stories", "error", _line(items_node))]
    overrides: list[StoryOverride] = []
    placed: dict[str, int] = {}
    ids: set[str] = set()
    for n, (item, node) in enumerate(zip(data, items_node.value), 1):
        line = _line(node)
        if not isinstance(item, dict):
            problems.append(Problem(name, f"story {n}: expected `title:` and `articles:`; ignored", "warning", line))
            continue
        for key in item:
            if key not in _KEYS:
                problems.append(Problem(name, f"story {n}: unknown key {key!r} ignored (known: {', '.join(_KEYS)})", "warning", _key_line(node, key)))
        title = item.get("title")
        if title is not None and not isinstance(title, (str, int, float)):
            problems.append(Problem(name, f"story {n}: `title` should be a text; ignored", "warning", _key_line(node, "title")))
            title = None
        title = " ".join(str(title).split()) if title is not None else None
        story_id = item.get("id")
        if story_id is not None:
            slug = slugify(str(story_id), max_length=60)
            if not slug:
                problems.append(Problem(name, f"story {n}: `id` {story_id!r} has no letters or digits; ignored", "warning", _key_line(node, "id")))
                story_id = None
            elif slug in ids:
                problems.append(Problem(name, f"story {n}: id {slug!r} is given to another story; ignored", "warning", _key_line(node, "id")))
                story_id = None
            else:
                if slug != str(story_id):
                    problems.append(Problem(name, f"story {n}: id {story_id!r} used as {slug!r}", "warning", _key_line(node, "id")))
                story_id = slug
                ids.add(slug)
        closed = item.get("closed", False)
        if not isinstance(closed, bool):
            problems.append(Problem(name, f"story {n}: `closed` should be true or false; taken as false", "warning", _key_line(node, "closed")))
            closed = False
        listed = item.get("articles")
        listed_node = _value_node(node, "articles")
        if isinstance(listed, str):
            listed, listed_nodes = [listed], [listed_node]
        elif isinstance(listed, list) and isinstance(listed_node, yaml.SequenceNode):
            listed_nodes = list(listed_node.value)
        else:
            problems.append(Problem(name, f"story {n}: `articles` should list the story's articles; ignored", "warning",
                                    _line(listed_node) or line))
            continue
        members: list[str] = []
        for ref, ref_node in zip(listed, listed_nodes):
            ref_line = _line(ref_node) or line
            article = refs.get(str(ref).strip().removeprefix("./")) if isinstance(ref, (str, int)) else None
            if article is None:
                problems.append(Problem(name, f"story {n}: no article {ref!r} (name an input file relative to the input folder, or an article id); ignored", "warning", ref_line))
                continue
            if article in placed:
                problems.append(Problem(name, f"story {n}: article {ref!r} is already in story {placed[article]}; kept there", "warning", ref_line))
                continue
            placed[article] = n
            members.append(article)
        if not members:
            problems.append(Problem(name, f"story {n}: no article of the dossier listed; ignored", "warning", line))
            continue
        overrides.append(StoryOverride(tuple(members), story_id, title, closed, line))
    return tuple(overrides), problems


def _line(node) -> int | None:
    return node.start_mark.line + 1 if node is not None and getattr(node, "start_mark", None) is not None else None


def _value_node(mapping, key: str):
    if not isinstance(mapping, yaml.MappingNode):
        return None
    for k, v in mapping.value:
        if k.value == key:
            return v
    return None


def _key_line(mapping, key) -> int | None:
    if not isinstance(mapping, yaml.MappingNode):
        return _line(mapping)
    for k, _ in mapping.value:
        if k.value == str(key):
            return _line(k)
    return _line(mapping)
