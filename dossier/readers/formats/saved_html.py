"""Saved web pages (.html, .htm): the article's text and metadata, extracted with trafilatura.

The page is untrusted. It is parsed, never rendered: its markup, scripts and links are dropped,
and only the extracted text (one paragraph per line) becomes `Article.text`, which then goes
through the same boilerplate marking, recognition, comparison and notes as any text article.
Offsets point into that extracted text, not into the file (`Article.offsets_valid` is False).

Nothing here touches the network: trafilatura gets the HTML as a string, no URL, and no
function that downloads is ever called. Metadata comes only from the page itself (title, meta
tags, microdata, JSON-LD); a date is never guessed from the body text.
"""

from __future__ import annotations

import codecs
import re

from ...model import Problem
from .. import boilerplate
from ..decoding import BYTE_ORDER_MARKS, decode
from ..format_registry import Reader, register
from ..paragraphs import derive_title, find_span, numbered_paragraphs
from ..records import InputError, ParsedArticle

# A charset declared in the first bytes of the page (HTML5 prescan, simplified).
_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
# WHATWG: these labels mean windows-1252; UTF-16 declared inside an 8-bit page means UTF-8.
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                    "ascii": "cp1252", "iso8859-1": "cp1252", "l1": "cp1252", "utf-16": "utf-8",
                    "utf-16le": "utf-8", "utf-16be": "utf-8", "x-user-defined": "cp1252"}

_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# The publication date is read only where the page states it as data: meta tags, microdata and
# JSON-LD. A date written in the body ("Updated 2021-01-20") may be anything, so it is not used.
_DATE_META = {"article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
              "publish-date", "publication_date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created",
              "sailthru.date", "parsely-pub-date", "citation_publication_date", "citation_date"}
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')
_META_FIELDS = ("author", "url", "description", "language")


def declared_charset(data: bytes) -> str | None:
    """The Python codec for the charset the page declares in its first 4 KB, if any is usable."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    label = m.group(1).decode("ascii", "replace").strip().lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        info = codecs.lookup(label)
        # Only a text encoding that reads ASCII as ASCII, as browsers require of a declared
        # charset: not UTF-7 (the old XSS trick), UTF-32, or a codec such as rot13 or base64.
        if not getattr(info, "_is_text_encoding", True) or info.name in ("utf-7", "utf-32", "utf-32-le", "utf-32-be"):
            return None
        if b'<meta charset="x">'.decode(info.name) != '<meta charset="x">':
            return None
        return info.name
    except (LookupError, ValueError):
        return None


def decode_html(data: bytes, name: str) -> tuple[str, list[Problem]]:
    """Bytes of a saved page to text: a BOM, else the declared charset, else as any text file."""
    if data.startswith((b"\xef\xbb\xbf", *(mark for mark, _, _ in BYTE_ORDER_MARKS))) or b"\x00" in data[:8192]:
        return decode(data, name)
    charset = declared_charset(data)
    if charset is None or charset == "utf-8":
        return decode(data, name)
    try:
        return data.decode(charset), []
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        try:
            text = data.decode(charset, errors="replace")
        except Exception as inner:  # pragma: no cover - a codec that cannot even replace
            raise InputError(f"cannot decode as the declared charset {charset}: {inner}") from None
        return text, [Problem(name, f"not valid {charset} as the page declares (first bad byte on line {line}); "
                                    "undecodable bytes shown as �", "warning")]


def _extract(html: str):
    """trafilatura's extraction of the main text and metadata, as a dict, or None."""
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            html,
            url=None,  # no URL: nothing is resolved or fetched
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception:  # a page the extractor chokes on is reported by the caller, not fatal
        return None
    if document is None:
        return None
    if hasattr(document, "as_dict"):
        return document.as_dict()
    return dict(document)


def structured_date(html: str) -> str | None:
    """The publication date the page gives as data (ISO text as found), or None."""
    try:
        import lxml.html

        tree = lxml.html.document_fromstring(html.encode("utf-8"))
    except Exception:
        return None
    candidates: list[str] = []
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        if key in _DATE_META and element.get("content"):
            candidates.append(element.get("content"))
    for element in tree.xpath('//*[@itemprop="datePublished"]'):
        candidates.append(element.get("datetime") or element.get("content") or "")
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        candidates.extend(_JSON_LD_DATE.findall(script.text or ""))
    for value in candidates:
        value = value.strip()
        if re.match(r"\d{4}-\d{2}-\d{2}", value):
            return value[:10]
    return None


# trafilatura's extraction takes time that grows faster than the page: libxml2 evaluates the
# XPath `//p//text()` it runs in time quadratic in the nodes found (25,000 paragraphs: 3 s;
# 50,000: 11 s; 100,000: minutes), and one paragraph of 8,000 links or spans costs as much. A page
# with more elements than this in its body (scripts, styles, SVG and the like aside) is read
# without it, in linear time: its text block by block (`_block_lines`), with a warning. No real
# article page comes near it; below it, the extractor's cost is bounded (about a second).
MAX_EXTRACTED_ELEMENTS = 5_000
# Never text: their subtrees are neither counted nor read.
_NEVER_TEXT = frozenset({"head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
                         "embed", "canvas", "video", "audio", "select", "button"})
# Elements that start a new line of text.
_BLOCKS = frozenset({"address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl",
                     "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
                     "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
                     "td", "tfoot", "th", "thead", "tr", "ul"})


def _page_tree(html: str):
    """The page parsed by lxml (the text is already decoded: any charset it declares is ignored),
    or None."""
    try:
        import lxml.html

        parser = lxml.html.HTMLParser(encoding="utf-8")
        return lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except Exception:  # noqa: BLE001 - a page lxml cannot parse is left to the extractor
        return None


def _walk_content(tree):
    """(event, element) for the elements of the body, outside `_NEVER_TEXT` subtrees; in linear time."""
    from lxml import etree

    body = tree.find("body")
    if body is None:
        return
    walker = etree.iterwalk(body, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else None  # None: a comment or instruction
        if event == "start" and (tag is None or tag.lower() in _NEVER_TEXT):
            walker.skip_subtree()
        yield event, element, tag


def _content_elements(tree) -> int:
    return sum(1 for event, _, tag in _walk_content(tree) if event == "start" and tag is not None)


def _block_lines(tree) -> list[str]:
    """The text of the body, one line per block element, in linear time."""
    lines: list[str] = []
    pieces: list[str] = []

    def flush() -> None:
        line = " ".join("".join(pieces).split())
        if line:
            lines.append(line)
        pieces.clear()

    for event, element, tag in _walk_content(tree):
        block = tag is not None and tag.lower() in _BLOCKS
        if event == "start":
            if block:
                flush()
            if tag is not None and tag.lower() not in _NEVER_TEXT and element.text:
                pieces.append(element.text)
        else:
            if block:
                flush()
            if element.tail:
                pieces.append(element.tail)
    flush()
    return lines


def _meta_content(tree, *keys: str) -> str | None:
    wanted = set(keys)
    head = tree.find("head")
    for element in head.iter("meta") if head is not None else ():
        key = (element.get("property") or element.get("name") or "").strip().lower()
        if key in wanted and (element.get("content") or "").strip():
            return element.get("content")
    return None


def _plain_extraction(tree) -> dict:
    """What `_extract` gives, for a page too large for the extractor: the text block by block,
    and the metadata the page states in its head."""
    title = _meta_content(tree, "og:title") or tree.findtext(".//title")
    return {"text": "\n".join(_block_lines(tree)), "title": title, "sitename": _meta_content(tree, "og:site_name"),
            "author": _meta_content(tree, "author", "article:author"), "url": _meta_content(tree, "og:url"),
            "description": _meta_content(tree, "description", "og:description"), "language": tree.get("lang")}


def _whole_page_text(html: str) -> str:
    import trafilatura

    try:
        return trafilatura.html2txt(html) or ""
    except Exception:
        return ""


def _text_or_none(value) -> str | None:
    if value is None or not isinstance(value, (str, int, float)):
        return None
    value = " ".join(str(value).split())
    return value or None


def parse_html(html: str, name: str) -> ParsedArticle:
    """The article a saved page holds: its extracted text, one paragraph per block."""
    try:
        import trafilatura  # noqa: F401
    except ImportError as err:  # pragma: no cover - trafilatura is a core dependency
        raise InputError(f"saved web pages need trafilatura, which cannot be imported ({err})") from None
    problems: list[Problem] = []
    tree = _page_tree(html)
    elements = _content_elements(tree) if tree is not None else 0
    if elements > MAX_EXTRACTED_ELEMENTS:
        data = _plain_extraction(tree)
        problems.append(Problem(name, f"page has {elements:,} elements, over the {MAX_EXTRACTED_ELEMENTS:,} read with "
                                      "boilerplate removal; its text is taken block by block, menus and footers "
                                      "included", "warning"))
    else:
        data = _extract(html) or {}
    body = data.get("text") or ""
    if not body.strip():
        body = _whole_page_text(html)
        if body.strip():
            problems.append(Problem(name, "the article could not be told apart from the rest of the page; "
                                          "the whole page text is used", "warning"))
    lines = [" ".join(line.split()) for line in body.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise InputError("no text found in the HTML page")
    # One paragraph per extracted block. Blank lines between them keep the text readable as a
    # plain file and stop any re-splitting from joining blocks back together.
    text = "\n\n".join(lines) + "\n"
    spans: list[tuple[int, int]] = []
    cursor = 0
    for line in lines:
        spans.append((cursor, cursor + len(line)))
        cursor += len(line) + 2
    kinds = boilerplate.classify(text, spans)
    title = _text_or_none(data.get("title"))
    headline = spans[0] if title and lines[0] == title and kinds[0][0] != "boilerplate" else None
    paragraphs = numbered_paragraphs(spans, kinds, headline)
    if title:
        derived, title_span = False, find_span(text, title)
    else:
        title, derived, title_span = derive_title(text, paragraphs), True, None
    source = _text_or_none(data.get("sitename")) or boilerplate.masthead(text, spans, kinds)
    meta = {key: value for key in _META_FIELDS if (value := _text_or_none(data.get(key)))}
    return ParsedArticle(text=text, paragraphs=paragraphs, title=title, title_derived=derived, title_span=title_span,
                         format="html", date=structured_date(html), source=source, meta=meta, problems=tuple(problems))


@register
class SavedHtmlReader(Reader):
    format = "html"  # extracted text: `Article.offsets_valid` is False, offsets do not point into the file
    suffixes = (".html", ".htm")
    libraries = ("trafilatura", "lxml")

    def decode(self, data: bytes, name: str) -> tuple[str, list[Problem]]:
        return decode_html(data, name)  # a page's declared charset is not a guess

    def parse(self, text: str, name: str) -> ParsedArticle:
        return parse_html(text, name)
