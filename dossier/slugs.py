"""Slugs for ids and URLs: ASCII, lower-case, hyphenated, and safe as one path segment."""

from __future__ import annotations

from functools import lru_cache

from slugify import slugify as _slugify


# A pure function of its arguments, called for every entity and article name on every build (a
# rebuild under `mkdocs serve` asks for the same few thousand names again).
@lru_cache(maxsize=65_536)
def slugify(text: str, max_length: int = 64) -> str:
    """A slug that can never climb out of its folder: no dots, slashes or empty names."""
    slug = _slugify(str(text), max_length=max_length, word_boundary=True, save_order=True)
    return slug.strip("-")
