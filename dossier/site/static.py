"""The files the site ships as they are, under `assets/dossier/` (mkdocs.yml lists them):

- `dossier.css` (`extra_css`): paragraph links, note marks, tables that reflow on a phone,
  dates that never wrap, the home page's counts and the graph page;
- `dossier.js` (`extra_javascript`): dates in tables never wrap, a table too wide for a phone
  reflows into labelled rows, and the graph page's circles open their entities' pages.

They are generated like the pages, so a project made by `dossier new` gets the version of the
installed dossier, and nothing is copied into it that would then fall behind.
"""

from __future__ import annotations

from .inputs import SiteInputs
from .registry import as_is, page_kind
from .templating import asset

STYLESHEET = "assets/dossier/dossier.css"
SCRIPT = "assets/dossier/dossier.js"


@page_kind("static", order=80, render=as_is)
def _static(site: SiteInputs, additions, made):
    yield STYLESHEET, asset("dossier.css")
    yield SCRIPT, asset("dossier.js")
