"""The resolution rules, in the order they run: `RULES`.

Every rule is a function `rule(index) -> None` over the one shared `Index` (`..index`). The key
rules join keys in `index.unions`, each union recorded with its rule and evidence, so that a
person can check it (`fuzzy=True` marks those resting on an approximate match, listed for review
by `dossier entities`); a union that curation blocked never happens. After
`mentions.group_clusters`, the mention rules place single mentions (a surname alone, a short
form) in a group, or drop them. Each rule's docstring says what it joins and when.
"""

from __future__ import annotations

from . import curation, mentions, numbers, organizations, persons, places, spelling

RULES = [
    # Curation first: its blocks hold against every later rule, its unions are made.
    curation.block_pairs,
    curation.join_named,
    # The same place written differently, and names with a place before them.
    places.place_aliases,
    places.place_prefixes,
    places.government,
    places.qualifiers,  # after government: it joins only a name whose qualified forms are one group
    # Organizations.
    organizations.legal_forms,
    organizations.acronyms,
    organizations.spelled_numbers,
    # People. titled_surnames only votes: it must come before the rules that ask who is a person.
    persons.titled_surnames,
    persons.handles,
    persons.transliterations,
    persons.name_variants,
    # Spelling.
    spelling.word_order,
    spelling.misspellings,
    # Numbers and longer names: last of the key rules, they ask which groups the others made.
    numbers.model_numbers,
    numbers.longer_forms,
    # From here on, single mentions: the groups so far are recorded, then each mention is decided
    # by the first of these rules that applies to it.
    mentions.group_clusters,
    persons.surnames,
    persons.family_names,
    persons.given_names,
    organizations.head_words,
    organizations.short_forms,  # last: it settles every mention left
]
