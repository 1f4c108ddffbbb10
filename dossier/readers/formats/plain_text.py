"""Plain text (.txt): the file's text as written, optionally starting with ` date YYYY-MM-DD `.

Blank lines (or, in a block, line breaks) separate paragraphs; a short title-cased first block
is the headline and the title; without one the title is made from the lead sentence.
Boilerplate (appeals, teasers, captions) is kept but marked. The body of a Markdown file is
read the same way (`parse_text` with the offset where its front matter ends).
"""

from __future__ import annotations

import re

from .. import boilerplate
from ..format_registry import Reader, register
from ..paragraphs import derive_title, find_headline, numbered_paragraphs, split_paragraphs
from ..records import ParsedArticle

_DATE_PREFIX = re.compile(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]+")


def parse_text(text: str, offset: int = 0, format_name: str = "text") -> ParsedArticle:
    """The article whose content is text[offset:]; a date prefix is read only at the file's start."""
    date = None
    m = _DATE_PREFIX.match(text, offset) if offset == 0 else None
    if m:
        date = m.group(1)
        offset = m.end()
    spans = split_paragraphs(text, offset, len(text))
    kinds = boilerplate.classify(text, spans)
    headline = find_headline(text, spans, kinds)
    paragraphs = numbered_paragraphs(spans, kinds, headline)
    if headline is not None:
        title, derived, title_span = text[headline[0] : headline[1]], False, headline
    else:
        title, derived, title_span = derive_title(text, paragraphs), True, None
    return ParsedArticle(text=text, paragraphs=paragraphs, title=title, title_derived=derived, title_span=title_span,
                         format=format_name, date=date, source=boilerplate.masthead(text, spans, kinds))


@register
class PlainTextReader(Reader):
    format = "text"
    suffixes = (".txt",)

    def parse(self, text: str, name: str) -> ParsedArticle:
        return parse_text(text)
