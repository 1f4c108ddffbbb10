"""Notes: analysts' notes anchored to passages of the articles (issue #5).

A note is one Markdown file in `<input>/notes/` with YAML front matter naming its article and
the passage (a W3C text-quote selector plus an optional position hint), and a Markdown body:

    ---
    article: seeds/002_438d2bf8bcbd74dd.txt
    kind: fact-check
    author: A. Analyst
    date: 2026-12-01
    selector:
      exact: "Serbia's Navalny"
      prefix: "alleged attempt with "
      suffix: ", or activities in Syria"
      position: {start: 2675, end: 2691}
    ---
    Factual error: Alexei Navalny is Russian, not Serbian.

`load_and_anchor` reads and anchors them (see `anchoring.py`); a note that cannot be anchored is
an *orphan*: an error in the build report, listed on the "Unanchored notes" page, never dropped.
The comparison stage's findings become *automatic notes*; an analyst confirms or dismisses each
one in `<input>/notes/decisions.yml`, keyed by the finding's stable id.

This package computes; it never renders. The notes' pages, highlights and their part of
dossier.json are made in `dossier/site/notes.py` and `dossier/site/notes_json.py`.

- `record.py`: `Note` and `NoteSet`, what the stage hands on;
- `files.py`: reading note files (front matter, selector, problems with file and line);
- `anchoring.py`: finding a quoted passage again in an edited article;
- `findings.py`: automatic notes from the comparison, and the decisions in decisions.yml;
- `stage.py`: `load_and_anchor`, the stage as the build calls it;
- `authoring.py`: `create_note` and `decide`, the writers behind `dossier note`.
"""

from .authoring import NoteError, create_note, decide, note_text
from .findings import DECISIONS_FILE, Finding, findings_of
from .record import Note, NoteSet
from .stage import load_and_anchor

__all__ = ["DECISIONS_FILE", "Finding", "Note", "NoteError", "NoteSet", "create_note", "decide", "findings_of",
           "load_and_anchor", "note_text"]
