"""Templates and the escaping helpers they use: the one place a page's Markdown is put together.

Every piece of input text passes through `markup.text` (or `one_line`, `page_title`), so it
displays literally; only the links, anchors and structure the templates add are Markdown.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

import jinja2
import markupsafe

from . import markup

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"

_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
# Characters YAML does not allow even quoted (MkDocs would then show the front matter as text).
_NOT_YAML = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")

TYPE_LABELS = {"person": "Person", "organization": "Organization", "place": "Place"}


def one_line(value: str) -> str:
    """Untrusted text in a heading, table cell or list item: literal, and on one line, so a line
    break in a title or name cannot end the heading or row and start a block of its own."""
    return markup.text(_LINE_BREAKS.sub(" ", value))


def page_title(value: str) -> str:
    """A page's front-matter `title:`. MkDocs themes insert it as HTML (Material's header and
    <title>), not as text, so it is HTML-escaped here, then quoted as YAML."""
    return markup.yaml_string(html.escape(_NOT_YAML.sub(" ", _LINE_BREAKS.sub(" ", value)), quote=False))


def tooltip(entity) -> str:
    """The preview a link to an entity gives on hover and focus (Material's tooltips show a
    link's title): type, description or number of articles, a few other names, and one passage
    that names it. Plain text: `markup.link_title` and `html.tooltip_attribute` escape it (names,
    descriptions and passages come from the input)."""
    label = TYPE_LABELS.get(entity.type, "Entity")
    count = entity.article_count if hasattr(entity, "article_count") else len(entity.articles)
    parts = [f"{label}: {entity.description}" if entity.description else f"{label} · {count} articles"]
    aliases = getattr(entity, "aliases", ())[:3]
    if aliases:
        parts.append("also " + ", ".join(aliases))
    context = getattr(entity, "context", "")
    if context:
        parts.append(f"“{context}”")
    return " · ".join(parts)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=False,  # the output is Markdown: escaping is markup.text's job, applied explicitly
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    env.globals.update(md=one_line, yaml=markup.yaml_string, page_title=page_title, link=markup.link,
                       tooltip=tooltip)
    return env


@lru_cache(maxsize=1)
def _page_environment() -> jinja2.Environment:
    """Templates of pages written as HTML blocks between Markdown headings (`html.py`): HTML
    autoescaping on, so every value is text unless it is already-made HTML (`Markup`)."""
    from . import html as html_page

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # A line break in a value (a title, a name, a description) becomes a space: a blank line
        # would end the raw HTML block it stands in. Ready-made HTML (Markup) is left alone.
        finalize=lambda value: value if isinstance(value, markupsafe.Markup) or not isinstance(value, str)
        else _LINE_BREAKS.sub(" ", value),
    )
    env.globals.update(page_title=lambda v: markupsafe.Markup(page_title(v)),
                       heading=lambda *a, **k: markupsafe.Markup(html_page.heading(*a, **k)),
                       tooltip=lambda entity: markupsafe.Markup(html_page.tooltip_attribute(tooltip(entity))))
    return env


def render_page(name: str, **context) -> str:
    """A page written as HTML blocks between Markdown headings (see `html.py`)."""
    return tidy(_page_environment().get_template(name).render(**context))


def render_template(name: str, **context) -> str:
    text = _environment().get_template(name).render(**context)
    return tidy(text)


def tidy(text: str) -> str:
    """Collapse the blank lines that template control blocks leave, keeping Markdown structure."""
    out: list[str] = []
    blank = 0
    for line in text.split("\n"):  # only "\n": splitlines would also break at characters of the input
        if line.strip():
            blank = 0
            out.append(line.rstrip())
        else:
            blank += 1
            if blank == 1:
                out.append("")
    return "\n".join(out).strip() + "\n"


def asset(name: str) -> str:
    """A file the site ships as is (scripts under assets/dossier/)."""
    return (ASSETS / name).read_text(encoding="utf-8")
