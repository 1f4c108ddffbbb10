"""Slugs for ids and URLs: ASCII, lower-case, hyphenated, and safe as one path segment."""

from __future__ import annotations

from slugify import slugify as _slugify


def slugify(text: str, max_length: int = 64) -> str:
    """A slug that can never climb out of its folder: no dots, slashes or empty names."""
    slug = _slugify(str(text), max_length=max_length, word_boundary=True, save_order=True)
    return slug.strip("-")
