"""Metadata values as inputs give them (YAML scalars, text), made into what an `Article` holds."""

from __future__ import annotations

import datetime as _dt

from ..model import Problem


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
