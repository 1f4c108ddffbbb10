"""The notes stage of the build: read and anchor the analysts' notes, add the comparison's
automatic notes, and give each anchored note its passage and the shared entities it mentions."""

from __future__ import annotations

import logging

from dataclasses import replace
from pathlib import Path

from ..model import Article, Entity, Problem
from .files import ArticleIndex, note_files, read_note, relative_name
from .findings import automatic_notes
from .record import Note, NoteSet, sort_key


log = logging.getLogger("dossier")


def load_and_anchor(notes_dir: Path, articles: list[Article], entities: list[Entity], project_root: Path,
                    comparison=None) -> NoteSet:
    """Every note of the dossier, anchored, in `sort_key` order, with the problems found.

    `comparison` is the comparison stage's result (or None): its findings become automatic notes."""
    index = ArticleIndex(articles)
    by_id = {a.id: a for a in articles}
    taken: set[str] = set()
    notes: list[Note] = []
    problems: list[Problem] = []
    unreadable: list[Problem] = []
    files, refused = note_files(notes_dir)
    for entry in refused:
        problem = Problem(relative_name(entry.path, project_root), entry.not_read, entry.severity)
        problems.append(problem)
        if entry.severity == "error":
            unreadable.append(problem)
    for path in files:
        try:
            path.name.encode("utf-8")
        except UnicodeEncodeError:  # a name in a legacy encoding: it could not be shown on a page
            shown = path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            problem = Problem(f"{relative_name(path.parent, project_root)}/{shown}",
                              "note file name is not valid UTF-8; not read (rename the file)", "error")
            problems.append(problem)
            unreadable.append(problem)
            continue
        try:
            note, found = read_note(path, project_root, index, taken, notes_dir.parent)
        except Exception as err:  # noqa: BLE001 - one note never stops the build
            log.debug("note %s", path, exc_info=True)
            found = [Problem(relative_name(path, project_root),
                             f"note not used: a value in it could not be read ({type(err).__name__}: {str(err)[:120]})", "error")]
            note = None
        problems += found
        if note is None:
            unreadable += [p for p in found if p.severity == "error"]
        else:
            notes.append(note)
    auto, auto_problems = automatic_notes(comparison, by_id, notes_dir, project_root, taken)
    notes += auto
    problems += auto_problems
    shared = [e for e in entities if e.shared]
    resolved = sorted(_with_passages(notes, by_id, shared), key=sort_key)
    return NoteSet(resolved, problems, by_id, {e.id: e.name for e in shared}, unreadable)


def _with_passages(notes: list[Note], articles: dict[str, Article], shared: list[Entity]) -> list[Note]:
    """Each anchored note with the text it is anchored to and the shared entities it is about:
    those mentioned in its passage, and those its finding names (when still shared)."""
    shared_ids = {e.id for e in shared}
    mentions: dict[str, list[tuple[int, int, str]]] = {}
    for entity in shared:
        for m in entity.mentions:
            mentions.setdefault(m.article, []).append((m.start, m.end, entity.id))
    resolved = []
    for note in notes:
        if note.anchor.anchored and note.article:
            s, e = note.anchor.start, note.anchor.end
            ids = sorted({eid for ms, me, eid in mentions.get(note.article, ()) if ms < e and s < me}
                         | {eid for eid in note.entities if eid in shared_ids})
            note = replace(note, entities=tuple(ids), passage=articles[note.article].text[s:e])
        resolved.append(note)
    return resolved
