"""Moved to `dossier.recognize.gazetteer`. Kept only because `compare.py` (another helper's
scope in issue #14) still imports `dossier.gazetteer`; remove once it imports the new module."""

from .recognize.gazetteer import *  # noqa: F401,F403
from .recognize.gazetteer import country_names, load, zipf  # noqa: F401
