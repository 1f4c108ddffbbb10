"""Writing untrusted text into generated Markdown so that it displays exactly as written.

Article text, titles, names and notes come from outside. Python-Markdown and its extensions
give meaning to most ASCII punctuation (`*`, `_`, `#`, `1.`, `[a](b)`, `<b>`, `:emoji:`,
`@handle`, `~~`, `==`…), and which characters matter depends on the extensions a user enables.
So every ASCII punctuation character becomes a numeric character reference: the browser shows
the character, no Markdown rule can see it, and no HTML can be formed from it.
"""

from __future__ import annotations

import html
import json
import re
import string
from functools import lru_cache

# The comma is the one ASCII punctuation mark no Markdown extension gives a meaning to, and the
# most frequent one in prose: leaving it keeps pages smaller.
_ENTITY_TABLE = {ord(c): f"&#{ord(c)};" for c in string.punctuation if c != ","}
# Line breaks inside a paragraph stay soft breaks; other control characters never reach a page.
_CONTROL = {c: " " for c in range(0x20) if chr(c) not in "\n"}
_CONTROL.update({0x7F: " ", 0x2028: " ", 0x2029: " "})
_ENTITY_TABLE.update(_CONTROL)

_ATTRIBUTE_TABLE = {**_CONTROL, ord('"'): "”", ord("\n"): " "}


# The same mapping as a regular expression: `str.translate` looks every character up in the
# table, `re.sub` only the few it replaces, twice as fast on prose (pages make 250,000 calls at
# 1,000 articles).
_REPLACED = {chr(code): replacement for code, replacement in _ENTITY_TABLE.items()}
_TO_REPLACE = re.compile("[" + re.escape("".join(_REPLACED)) + "]")


def _replacement(match: re.Match) -> str:
    return _REPLACED[match.group()]


def text_inline(value: str) -> str:
    """A piece of inline text, spaces kept: every character shows literally."""
    return _TO_REPLACE.sub(_replacement, value)


def text(value: str) -> str:
    """Text as a whole inline element: literal, and trimmed so leading spaces never make a code block."""
    return text_inline(value).strip()


def lines(value: str) -> str:
    """Multi-line text as one paragraph whose line breaks are kept as soft breaks."""
    return "\n".join(text(line) for line in value.splitlines() if line.strip())


@lru_cache(maxsize=65_536)  # a few titles recur tens of thousands of times ("Open this paragraph")
def link_title(value: str) -> str:
    """Text for a Markdown link title ("…"), on one line.

    Material's tooltips (`content.tooltips`) insert a title into the page as HTML, so the value
    the browser reads must be HTML-escaped text (`&lt;`, not `<`); and its ASCII punctuation
    becomes character references, as in any text, so a quote or a parenthesis cannot end the
    Markdown link title early."""
    one_line = value.translate(_ATTRIBUTE_TABLE).replace('”', '"')
    return text(html.escape(one_line, quote=False))


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar that round-trips any text."""
    return json.dumps(value, ensure_ascii=False)


def link(label_markdown: str, target: str, title: str | None = None) -> str:
    """A Markdown link. `label_markdown` must already be escaped; `target` is a docs-relative .md path."""
    if title:
        return f'[{label_markdown}]({target} "{link_title(title)}")'
    return f"[{label_markdown}]({target})"
