"""Markdown with YAML front matter (.md, .markdown).

The front matter (between `---` lines at the top) gives `title`, `date`, `source` and `id`;
other keys are kept as metadata. The body is read as plain text (`plain_text.parse_text`):
offsets still point into the whole file, and the Markdown is never rendered here.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..decoding import yaml_data
from ..format_registry import Reader, register
from ..metadata import clean_text
from ..paragraphs import find_span
from ..records import InputError, ParsedArticle
from .plain_text import parse_text

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.S)


def parse_markdown(text: str) -> ParsedArticle:
    meta: dict = {}
    body_start = 0
    m = _FRONT_MATTER.match(text)
    if m:
        meta = yaml_data(m.group(1) or "", first_line=2)
        if not isinstance(meta, dict):
            raise InputError("front matter is not a mapping of keys to values", line=2)
        body_start = m.end()
    elif text.startswith("---"):
        raise InputError("front matter starts with '---' but is never closed", line=1)
    given: dict = {}
    title = clean_text(meta.pop("title", None))
    if title:
        # The title stands in the front matter; a headline repeated at the top of the body
        # stays a headline paragraph.
        given.update(title=title, title_derived=False, title_span=find_span(text[:body_start], title))
    for key in ("date", "source"):
        if key in meta:
            given[key] = meta.pop(key)
    if "id" in meta:
        given["id"] = str(meta.pop("id"))
    given["meta"] = {k: v for k, v in meta.items() if isinstance(k, str)}
    return replace(parse_text(text, body_start, format_name="markdown"), **given)


@register
class MarkdownReader(Reader):
    format = "markdown"
    suffixes = (".md", ".markdown")

    def parse(self, text: str, name: str) -> ParsedArticle:
        return parse_markdown(text)
