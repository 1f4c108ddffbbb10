"""Model numbers: "Boeing 787", "iPhone 4", and "the 787" alone where the article names the model."""

from __future__ import annotations

import re

from ..gazetteer import NEVER_NAMES
from .tokens import PUNCT, WORD, verbish

# A year, a span of years or a decade: "2016", "1914-18", "2014–2016", "the 1990s". A date,
# never a model's number, even before a capitalized word ("the 1914-18 Great War").
YEARS = re.compile(r"(?:1[89]|20)\d\d(?:s|[-–/](?:\d\d|(?:1[89]|20)\d\d))?")

_UNIT_WORDS = {"percent", "per", "%", "million", "billion", "trillion", "points", "point", "years", "days",
               "people", "employees", "jobs", "units", "aircraft", "planes", "cars", "bn", "m", "km", "mph"}


def model_numbers(tokenized) -> set[str]:
    """Numbers written after a name in this article ("Boeing 787", "Boeing 777-200LR")."""
    models = set()
    for kind, tokens in tokenized:
        for idx in range(1, len(tokens)):
            tok = tokens[idx]
            prev = tokens[idx - 1]
            if not (tok[3] == WORD and tok[2][0].isdigit() and len(tok[2]) >= 3 and is_model_number(tok[2], tokens, idx)):
                continue
            nxt = tokens[idx + 1] if idx + 1 < len(tokens) else None
            if (prev[3] == WORD and prev[2][0].isupper() and prev[1] + 1 == tok[0]) or (
                    nxt is not None and nxt[3] == WORD and nxt[2][0].isupper() and tok[1] + 1 == nxt[0]
                    and nxt[2].casefold() not in NEVER_NAMES):
                models.add(tok[2])
                if "-" in tok[2]:
                    models.add(tok[2].split("-")[0])  # "777-200LR" names the 777 too
    return models


def bare_models(text, tokens, models):
    """A model number standing alone: "the 787" or "787s" where this article names the model
    ("Boeing 787"); or "the 787" in running text, which the resolver keeps only when the
    number names a model elsewhere in the dossier."""
    for idx, (s, e, tok, k, _) in enumerate(tokens):
        if k != WORD or not tok[0].isdigit():
            continue
        base = tok[:-1] if tok.endswith("s") and tok[:-1] in models else tok
        if base.endswith("0") or YEARS.fullmatch(tok) or YEARS.fullmatch(base):
            continue  # "FTSE 100" does not make "100" a name, nor is a year one
        if idx > 0 and tokens[idx - 1][3] == WORD and tokens[idx - 1][2][0].isupper() and tokens[idx - 1][2] not in ("The",):
            continue  # part of a longer name, found by the name rules
        after_the = idx > 0 and tokens[idx - 1][2] in ("the", "The") and text[tokens[idx - 1][1]:s] == " "
        nxt = tokens[idx + 1] if idx + 1 < len(tokens) else None
        head = nxt is None or nxt[3] == PUNCT or (nxt[2][0].islower() and verbish(nxt[2]))
        if base in models:
            yield (tokens[idx - 1][0] if after_the and head else s), e, "model number named in this article", False
        elif after_the and head and re.fullmatch(r"[1-9]\d{2}(-\w+)?", tok) and nxt is not None:
            yield tokens[idx - 1][0], e, "model number; unconfirmed", True


def is_model_number(tok: str, tokens, j) -> bool:
    if YEARS.fullmatch(tok):
        return False  # a year, a span of years, a decade
    if j + 1 < len(tokens):
        nxt = tokens[j + 1][2]
        if nxt.casefold() in _UNIT_WORDS or nxt == "%":
            return False
    if re.fullmatch(r"\d+\.\d+", tok) or re.fullmatch(r"\d+\.\d+-\w+", tok):
        return False  # a price or an index level, not a version ("1.1.1")
    return bool(re.fullmatch(r"\d[\w.\-]*", tok))
