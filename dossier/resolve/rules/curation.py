"""Curation rules: what `entities.yml` says, applied before any other rule.

Blocks come first, so that no later rule can undo them; then the unions curation asks for.
"""

from __future__ import annotations

from ..index import Index
from ..keys import name_key


def block_pairs(index: Index) -> None:
    """`not same as` and `remove aliases`: these keys are never joined with the entry's."""
    refs, blocked = index.refs, index.unions.blocked
    for d in index.curation.decisions:
        own = refs.keys_for(d.ref, d.id)
        for other in d.not_same_as:
            for x in own:
                for y in refs.keys_for(other, None):
                    if x != y:
                        blocked.add(frozenset((x, y)))
        for alias in d.remove_aliases:
            ak = name_key(alias)
            for x in own:
                if x != ak:
                    blocked.add(frozenset((x, ak)))


def join_named(index: Index) -> None:
    """`aliases`, `same as`, and the several keys one entry's name or id finds: one entity."""
    curation, refs, unions = index.curation, index.refs, index.unions
    source = curation.path or "entities.yml"
    removed = {name_key(a) for d in curation.decisions for a in d.remove_aliases}
    for d in curation.decisions:
        own = sorted(refs.keys_for(d.ref, d.id))
        if not own:
            continue
        for alias in d.aliases:
            ak = name_key(alias)
            if ak in index.key_set and ak not in removed:
                unions.join(own[0], ak, "curation", f"alias of {d.ref} in {source}")
        for other in d.same_as:
            for y in sorted(refs.keys_for(other, None)):
                unions.join(own[0], y, "curation", f"'same as' in {source}")
        for x in own[1:]:
            unions.join(own[0], x, "curation", f"named {d.ref!r} in {source}")
