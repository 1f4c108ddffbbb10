"""Reading: turn each input file into an `Article` (decoded text, metadata, paragraphs).

Inputs are plain text (optionally starting with ` date YYYY-MM-DD `), Markdown with YAML front
matter, and saved HTML pages, each read by its format's module in `formats/` (registered by
file suffix, `format_registry`). A sidecar `<file>.meta.yml` beside an article overrides any
metadata field without touching the article (`sidecars`). Offsets always point into the
decoded file text, so nothing here rewrites the text: paragraphs and the title are spans of it.

    discovery        which files are articles, sidecars, or neither (reported)
    decoding         bytes to text; YAML by the one strict loader
    format_registry  Reader, @register, reader_for(path)
    formats/         one module per input format
    paragraphs       paragraph spans, headline, a title made from the lead
    boilerplate      appeals, teasers, captions: kept but marked
    sidecars         <file>.meta.yml overrides
    metadata         dates and text values cleaned for the Article
    input_file       one file -> LoadedFile (article and problems); never raises
    folder           many files -> articles: cache, processes, duplicates, provisional ids
    project          load_project(config): THE way commands load articles (permanent ids)

Article ids (provisional and permanent) are made by `dossier.ids`, shared with later stages.
"""

from __future__ import annotations

from . import formats  # noqa: F401  (imports every format module, which registers its reader)
from .discovery import discover
from .folder import read_folder
from .input_file import MAX_INPUT_BYTES, read_file
from .project import ProjectArticles, load_project
from .records import InputError, LoadedFile, ParsedArticle

__all__ = ["InputError", "LoadedFile", "MAX_INPUT_BYTES", "ParsedArticle", "ProjectArticles", "discover",
           "load_project", "read_file", "read_folder"]
