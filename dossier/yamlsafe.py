"""The one YAML loader for everything a user writes: front matter, sidecars, notes, their
decisions, `entities.yml` and `dossier-ids.yml`.

YAML is a rich language and these files come from anyone who can add a file to the input
folder. The loader therefore accepts only plain data, checked while the parser reads it, before
anything is built:

- no anchors (`&name`) and no aliases (`*name`): an alias bomb of a few hundred bytes would
  otherwise expand to gigabytes when the document is built;
- only the safe tags (strings, numbers, booleans, dates, null, lists, mappings);
- at most `max_depth` levels of nesting, `max_nodes` values, `max_scalar` characters in one
  value and `max_bytes` in the whole text;
- no key given twice in one mapping (which value was meant cannot be known);
- no lone surrogate (`"\\udc80"`): it is not a character, and the page or file it reached could
  not be written.

Every refusal is a `YamlError` with the line (in the file, `first_line` being the line the text
starts on) and a sentence a person can act on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser where installed
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 1 << 20  # characters of the whole text
    max_depth: int = 32
    max_nodes: int = 100_000
    max_scalar: int = 100_000


DEFAULT = Limits()


class YamlError(ValueError):
    """YAML that is not accepted, with the line in the file where it is."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return self.message


def _line(mark, first_line: int) -> int | None:
    return first_line + mark.line if mark is not None else None


def _check_events(text: str, limits: Limits, first_line: int) -> None:
    """Read the text as parser events and refuse what the module docstring lists, before any
    node or value is built."""
    loader = _Loader(text)
    depth = nodes = 0
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return
            where = _line(event.start_mark, first_line)
            if isinstance(event, yaml.AliasEvent):
                raise YamlError(f"aliases (*{event.anchor}) and anchors are not allowed: write the value out", where)
            if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                if event.anchor is not None:
                    raise YamlError(f"anchors (&{event.anchor}) and aliases are not allowed: write the value out", where)
                nodes += 1
                if nodes > limits.max_nodes:
                    raise YamlError(f"more than {limits.max_nodes:,} values", where)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limits.max_depth:
                    raise YamlError(f"nested more than {limits.max_depth} levels deep", where)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.ScalarEvent):
                if len(event.value) > limits.max_scalar:
                    raise YamlError(f"a value longer than {limits.max_scalar:,} characters", where)
                bad = _SURROGATE.search(event.value)
                if bad:
                    raise YamlError(f"the escape \\u{ord(bad.group()):04x} is half of a UTF-16 pair, not a "
                                    "character: write the character itself", where)
    finally:
        loader.dispose()


def _repeated_key(node) -> yaml.Node | None:
    """The first key node given twice in any mapping of a composed document."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen = set()
            for key_node, value_node in current.value:
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.value in seen:
                        return key_node
                    seen.add(key_node.value)
                stack.append(value_node)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return None


def _failure(err: yaml.YAMLError, first_line: int) -> YamlError:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    return YamlError(f"malformed YAML: {problem}", _line(mark, first_line))


def compose(text: str, *, first_line: int = 1, limits: Limits = DEFAULT) -> yaml.Node | None:
    """The checked node tree of a YAML text (for callers that report lines of keys), or None
    for an empty document. Raises YamlError."""
    if len(text) > limits.max_bytes:
        raise YamlError(f"over the {limits.max_bytes:,}-character limit for this file", None)
    try:
        _check_events(text, limits, first_line)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as err:
        raise _failure(err, first_line) from None
    if node is not None:
        repeated = _repeated_key(node)
        if repeated is not None:
            raise YamlError(f"key {repeated.value!r} is given twice", _line(repeated.start_mark, first_line))
    return node


def construct(node: yaml.Node | None, *, first_line: int = 1) -> Any:
    """The value of a node tree made by `compose`. Raises YamlError for a value the safe
    constructor cannot build: an unknown tag, but also a plain value it chokes on (an impossible
    date such as 2020-02-30, an integer of thousands of digits, `!!bool maybe`), which PyYAML
    reports with exceptions of every kind."""
    if node is None:
        return None
    loader = _Loader("")
    try:
        return loader.construct_document(node)
    except yaml.YAMLError as err:  # a tag the safe loader does not know: !!python/object, !custom
        raise _failure(err, first_line) from None
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError, ArithmeticError, IndexError) as err:
        bad = _unbuildable(node)
        where = _line(bad.start_mark, first_line) if bad is not None else None
        shown = repr(bad.value[:60]) if bad is not None and isinstance(bad.value, str) else "a value"
        raise YamlError(f"{shown} cannot be read as the value its form or tag says "
                        f"({type(err).__name__}: {str(err)[:120]})", where) from None
    finally:
        loader.dispose()


def _unbuildable(node: yaml.Node) -> yaml.ScalarNode | None:
    """The first scalar of a node tree that the safe constructor cannot build, for the line."""
    stack = [node]
    while stack:
        current = stack.pop(0)
        if isinstance(current, yaml.ScalarNode):
            loader = _Loader("")
            try:
                loader.construct_object(current, deep=True)
            except Exception:  # noqa: BLE001 - whatever it raises, this is the value
                return current
            finally:
                loader.dispose()
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack += [key, value]
        elif isinstance(current, yaml.SequenceNode):
            stack += current.value
    return None


def load(text: str, *, first_line: int = 1, limits: Limits = DEFAULT) -> Any:
    """The value of a YAML text that passes every check above. Raises YamlError."""
    return construct(compose(text, first_line=first_line, limits=limits), first_line=first_line)


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml: the project's own configuration, which MkDocs reads too. Its tags
    (`!ENV`, `!!python/name:` in Material's emoji setup) become plain values instead of running
    anything; aliases are allowed there, as MkDocs allows them."""


def _ignore_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_ConfigLoader.add_multi_constructor("", _ignore_tag)


def load_config(text: str) -> Any:
    """mkdocs.yml's value (see `_ConfigLoader`). Raises YamlError."""
    try:
        return yaml.load(text, Loader=_ConfigLoader)  # noqa: S506 - a safe loader with inert tags
    except yaml.YAMLError as err:
        raise _failure(err, 1) from None
    except RecursionError:
        raise YamlError("nested too deeply", None) from None
