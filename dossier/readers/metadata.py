"""Metadata values as inputs give them (YAML scalars, text), made into what an `Article` holds."""

from __future__ import annotations

import datetime as _dt
import re

from .. import ids
from ..model import Problem
from ..slugs import slugify

_ID_KEY = re.compile(r"""^[ \t]*["']?id["']?[ \t]*:""", re.M)


def clean_text(value) -> str | None:
    """A metadata value as text, stripped; None when absent or blank."""
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def normalize_date(value, name: str) -> tuple[str | None, Problem | None]:
    """An ISO date (YYYY-MM-DD) from a YAML date, a datetime or text; a problem when the value
    is not one (the date is then unknown, never guessed)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat(), None
    if isinstance(value, _dt.date):
        return value.isoformat(), None
    text = str(value).strip()
    try:
        return _dt.date.fromisoformat(text[:10]).isoformat(), None
    except ValueError:
        return None, Problem(name, f"date {text!r} is not an ISO date (YYYY-MM-DD); date left unknown", "warning")


def checked_id(value, name: str, source: str) -> tuple[str | None, Problem | None]:
    """An explicit id as the input gives it (front matter or sidecar), unless it names one of
    the site's own pages (`dossier.ids.RESERVED_IDS`): then None, and an error naming the file
    `name` and the line of `id:` in `source` (the YAML it was read from), where it can be found."""
    if value is None or not ids.reserved(slugify(str(value))):
        return value, None
    found = _ID_KEY.search(source)
    line = source.count("\n", 0, found.start()) + 1 if found else None
    return None, Problem(name, f"id {str(value)!r} {ids.RESERVED_REASON}; not used, the article gets another id",
                         "error", line)


def front_matter(text: str) -> str:
    """The front matter block at the top of a text (with its opening line), or ""."""
    if not text.startswith("---"):
        return ""
    end = text.find("\n---", 3)
    return text[: end if end >= 0 else len(text)]
