"""Resolve: group the names found in every article into the dossier's entities, with reasons.

`resolve(articles, mentions, curation)` returns one `Entity` per real-world thing. Names are
compared by a key (`keys.name_key`: "the U.S.'s" → "us"); mentions with the same key are one
entity unless curation says otherwise. Different keys are merged only by the rules, each merge
recorded as a `Merge` with the rule and the evidence, so that a person can check it.

The modules, in the order the work flows:

* `curation` reads `entities.yml` (the user's reference: docs/entities-yml.md);
  `curated` finds the names it adds in the texts and the keys each entry names.
* `keys`: how names are compared (keys, spelling folds, initials, place aliases).
* `index`: the one index every rule reads and adds to (mentions by key, forms, type votes, the
  union-find of keys).
* `rules/`: the rules, one named function each, grouped by kind (curation, places,
  organizations, persons, spelling, numbers, single mentions); their order is `rules.RULES`.
* `entities`: display names, merges, ids: the `Entity` records.
* `resolver`: `resolve()` runs the index, the rules in order and the entities.
* `reuse`: `resolve_reusing()` keeps an earlier build's entities when the articles read the same.
* `review`: what `dossier entities` prints.
"""

from __future__ import annotations

from .curation import Curation, EntityDecision, load_curation, parse_curation
from .keys import name_key
from .resolver import resolve
from .reuse import reading, resolve_reusing
from .review import review_lines

__all__ = ["Curation", "EntityDecision", "load_curation", "name_key", "parse_curation", "reading", "resolve",
           "resolve_reusing", "review_lines"]
