"""The optional spaCy recognizer backend, chosen with `recognizer: spacy` in the plugin's options.

It reads the same parts of an article as the built-in recognizer (headline, body and title, never
boilerplate), maps spaCy's entity labels to the dossier's four types and returns the same
`Mention`s, so resolution, linking and everything after it work unchanged. spaCy and its model
are the user's own installation: nothing is downloaded. A missing spaCy or model is a
configuration error that says what to install, raised before any work starts.
"""

from __future__ import annotations

from functools import lru_cache, partial

from ..model import Article, Evidence, Mention
from .registry import Backend, register
from .zones import non_overlapping, zones

# NORP (nationalities, religious and political groups) is left out, as demonyms are by the
# built-in recognizer; dates, times, numbers, money and languages are not names.
TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "PRODUCT": "other",
    "EVENT": "other",
    "WORK_OF_ART": "other",
    "LAW": "other",
}
_POSSESSIVE = ("'s", "’s", "'S", "’S")


def check(model: str) -> None:
    """Raise ValueError, saying what to install, unless spaCy and `model` can be loaded."""
    try:
        nlp = load(model)
    except ImportError:
        raise ValueError("recognizer: spacy needs spaCy, which is not installed "
                         "(pip install spacy, then install an English model such as en_core_web_sm); "
                         "or use recognizer: builtin") from None
    except OSError:
        raise ValueError(f"recognizer: spacy: the model {model!r} is not installed. dossier never downloads "
                         f"a model; install it (for example: python -m spacy download {model}) or set "
                         "spacy_model to an installed package or a model folder") from None
    if "ner" not in nlp.pipe_names and "entity_ruler" not in nlp.pipe_names:
        raise ValueError(f"recognizer: spacy: the model {model!r} has no entity recognizer (ner)")


@lru_cache(maxsize=4)
def load(model: str):
    import spacy

    # Only what finds entities: the parser and lemmatizer cost time and are not read.
    return spacy.load(model, exclude=["parser", "lemmatizer", "textcat", "senter"])


def version(model: str) -> str:
    """What cached results depend on: spaCy's version and the model's name and version."""
    import spacy

    meta = load(model).meta
    return f"spacy {spacy.__version__}; {model}; {meta.get('lang')}_{meta.get('name')} {meta.get('version')}"


def recognize(article: Article, model: str) -> list[Mention]:
    """Names in the article's headline, body and title, sorted by start, non-overlapping."""
    nlp = load(model)
    read = zones(article)
    text = article.text
    found: list[Mention] = []
    for (start, end, _kind), doc in zip(read, nlp.pipe(text[s:e] for s, e, _ in read)):
        for ent in doc.ents:
            mtype = TYPES.get(ent.label_)
            if mtype is None:
                continue
            a, b = start + ent.start_char, start + ent.end_char
            surface = text[a:b]
            if surface.endswith(_POSSESSIVE):
                b -= 2  # "Putin's": the possessive is not part of the name, as in the built-in recognizer
            while a < b and not text[a].isalnum() and text[a] not in "@#":
                a += 1
            while b > a and not text[b - 1].isalnum() and text[b - 1] not in ".)":
                b -= 1
            if a < b:
                found.append(Mention(article.id, a, b, text[a:b], mtype, f"spaCy {ent.label_}", Evidence.LABEL))
    return non_overlapping(found)


def _recognizer(config):
    return partial(recognize, model=config.spacy_model)


register(Backend(
    name="spacy",
    recognizer=_recognizer,
    stage="recognize-spacy",
    code=("dossier.recognize.spacy_backend",),
    version=lambda config: version(config.spacy_model),
    check=lambda config: check(config.spacy_model),
    parallel=False,  # a model per process costs more than it saves; spaCy batches the zones itself
))
