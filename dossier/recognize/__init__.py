"""Recognize: find the names in each article, one article at a time.

A recognizer backend reads an article's headline, body and title (never boilerplate, see
`zones`) and returns `Mention`s: sorted, non-overlapping, each with a type guess and the kind of
evidence for it (`dossier.model.Evidence`), which the resolver weighs. The backends:

* `builtin` (the default): rules and word lists, offline, no model (`builtin/`).
* `spacy`: a spaCy model the user installed (`spacy_backend.py`).

`registry` finds them by the name the `recognizer` option gives; a new backend is one more
module here that registers itself. `gazetteer` (with `data/`) holds the word lists that the
recognizer, the resolver and the comparison read: places, given names, demonyms, titles,
organization words and word frequencies.
"""

from __future__ import annotations

from .builtin import recognize
from .registry import Backend, backend, names, register
from .zones import non_overlapping, zones

__all__ = ["Backend", "backend", "names", "non_overlapping", "recognize", "register", "zones"]
