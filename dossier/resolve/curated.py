"""What curation (`entities.yml`, see `curation.py`) adds before any rule runs: mentions of the
names it lists, found by exact match in the texts, and a way to find the keys an entry names."""

from __future__ import annotations

import re
from collections import defaultdict

from ..model import Article, Evidence, Mention
from ..slugs import slugify
from .curation import Curation
from .keys import best_form, name_key


def wanted_names(curation: Curation) -> dict[str, tuple[str, str | None]]:
    """Each name curation lists (an entry's name and its aliases) → (the entry's name, its type)."""
    wanted: dict[str, tuple[str, str | None]] = {}
    for d in curation.decisions:
        if d.ignore:
            continue
        for n in (d.ref, *d.aliases):
            wanted.setdefault(n, (d.ref, d.type))
    return wanted


def add_curated(article: Article, ms: list[Mention], wanted, known) -> list[Mention]:
    """Mentions of curated names, found by exact match. A name the recognizer never found takes
    the place of shorter mentions it overlaps; a known name only fills gaps."""
    text = article.text
    zones = [(p.start, p.end) for p in article.content_paragraphs()]
    span = article.title_span
    if span and not any(p.start <= span[0] < p.end for p in article.paragraphs):
        zones.append(span)
    found = []
    for name, (ref, typ) in wanted.items():
        pat = re.compile(r"(?<![\w@])" + re.escape(name) + r"(?![\w])")
        for s, e in zones:
            for mt in pat.finditer(text, s, e):
                found.append(Mention(article.id, mt.start(), mt.end(), mt.group(), typ or "other", f"curation: {ref}",
                                     Evidence.CURATION))
    if not found:
        return ms
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    keep_found = []
    last = -1
    for m in found:
        if m.start >= last:
            keep_found.append(m)
            last = m.end
    strong = [f for f in keep_found if name_key(f.text) not in known]
    out = [m for m in ms if not any(f.start < m.end and m.start < f.end and (f.end - f.start) >= (m.end - m.start)
                                    for f in strong)]
    kept = [f for f in keep_found if not any(f.start < m.end and m.start < f.end for m in out)]
    return sorted(out + kept, key=lambda m: m.start)


class RefIndex:
    """Find the keys a curation entry refers to: by name, alias or id."""

    def __init__(self, keys, forms):
        self.keys = set(keys)
        self.forms = forms
        self._slugs = None

    def keys_for(self, ref: str, pinned_id: str | None) -> set[str]:
        k = name_key(ref)
        if k in self.keys:
            return {k}
        if self._slugs is None:
            self._slugs = defaultdict(set)
            for key in self.keys:
                self._slugs[slugify(best_form(self.forms[key]))].add(key)
        for candidate in (ref, pinned_id):
            if candidate and slugify(candidate) in self._slugs:
                return set(self._slugs[slugify(candidate)])
        return set()
