"""The home page (`index.md`): what the dossier holds, from the build.

Counts (articles, outlets, shared entities, notes), the stories the comparison found (when it
finds them), the most-mentioned entities, the latest notes, and the sections of the site. The
title is mkdocs.yml's `site_name`, the first paragraph its `site_description`.

A hand-written `docs/index.md` (or `docs/README.md`) wins: the page is then not generated at
all, so neither `dossier build` nor the MkDocs plugin reports a page it could not write.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import yamlsafe
from ..emit import load_manifest, written_by_dossier
from ..notes.record import shorten
from .inputs import EntityRef, SiteInputs
from .registry import page_kind
from .templating import render_template

HOME = "index.md"
TOP_ENTITIES = 10
LATEST_NOTES = 5
STORIES = 12  # listed on the home page; the comparison page has them all
SECTIONS = ("articles/index.md", "entities/index.md", "graph.md", "compare.md", "notes/index.md", "build-report.md",
            "dossier.json", "feed.xml")


@dataclass(frozen=True)
class StoryRow:
    title: str
    articles: int
    outlets: int
    first_date: str | None
    last_date: str | None
    first_article: str | None  # the id of its first article, linked


@dataclass(frozen=True)
class EntityRow:
    entity: EntityRef
    articles: int
    mentions: int


@dataclass(frozen=True)
class NoteRow:
    kind: str
    date: str | None
    author: str | None
    passage: str  # the annotated words, shortened
    article_title: str
    target: str  # docs-relative .md link with the note's anchor


@dataclass(frozen=True)
class HomePage:
    """Everything the home page shows."""

    title: str
    description: str
    input_name: str
    articles: int
    outlets: int
    unsourced: int  # articles that name no outlet
    shared: int
    notes: int
    findings: int  # automatic notes from the comparison
    first_date: str | None
    last_date: str | None
    stories: tuple[StoryRow, ...]
    more_stories: int
    entities: tuple[EntityRow, ...]
    latest: tuple[NoteRow, ...]
    sections: tuple[str, ...]  # the generated pages it links to ("compare.md", "graph.md", …)


def _settings(project_root: Path) -> tuple[str, str]:
    """mkdocs.yml's site_name and site_description, read without executing any tag."""
    try:
        data = yamlsafe.load_config((project_root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yamlsafe.YamlError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    name, description = data.get("site_name"), data.get("site_description")
    return (str(name).strip() if name else "News dossier"), (str(description).strip() if description else "")


def hand_written_home(docs_dir: Path | None) -> bool:
    """Whether the docs folder has a home page that dossier did not write (it is never replaced)."""
    if docs_dir is None or not docs_dir.is_dir():
        return False
    manifest = load_manifest(docs_dir)
    return any((docs_dir / name).is_file() and not written_by_dossier(docs_dir, name, manifest)
               for name in (HOME, "README.md"))


def _stories(site: SiteInputs) -> tuple[list[StoryRow], int]:
    # Read with getattr: the comparison's story records may not exist in this version.
    stories = list(getattr(site.comparison, "stories", None) or ())
    rows = []
    for story in stories[:STORIES]:
        articles = tuple(getattr(story, "articles", ()) or ())
        rows.append(StoryRow(str(getattr(story, "title", "") or getattr(story, "id", "") or "Story"), len(articles),
                             len(tuple(getattr(story, "outlets", ()) or ())), getattr(story, "first_date", None),
                             getattr(story, "last_date", None), articles[0] if articles else None))
    return rows, max(0, len(stories) - STORIES)


def _latest_notes(site: SiteInputs) -> tuple[list[NoteRow], int, int]:
    notes = list(getattr(site.note_set, "notes", None) or ())
    people = [n for n in notes if not n.automatic]
    findings = sum(1 for n in notes if n.automatic and n.status != "dismissed")
    titles = {a.id: a.title for a in site.articles}
    rows = []
    for note in sorted(people, key=lambda n: (n.date or "", n.id), reverse=True)[:LATEST_NOTES]:
        if note.shown and note.article:
            target = f"articles/{note.article}.md#{note.html_id}"
        else:
            target = f"notes/unanchored.md#{note.html_id}"
        rows.append(NoteRow(note.kind, note.date, note.author, shorten(note.passage or note.selector.exact or "", 90),
                            titles.get(note.article or "", note.article_ref), target))
    return rows, len(people), findings


def home_page(site: SiteInputs, made=()) -> HomePage:
    title, description = _settings(site.project_root)
    dated = [a.date for a in site.articles if a.date]
    stories, more = _stories(site)
    top = sorted(site.shared, key=lambda e: (-len(e.articles), -len(e.mentions), e.name.casefold(), e.id))[:TOP_ENTITIES]
    latest, people, findings = _latest_notes(site)
    return HomePage(
        title=title, description=description, input_name=site.input_name or "the input folder",
        articles=len(site.articles), outlets=len({a.source.strip().casefold() for a in site.articles if a.source and a.source.strip()}),
        unsourced=sum(1 for a in site.articles if not (a.source and a.source.strip())),
        shared=len(site.shared), notes=people, findings=findings,
        first_date=min(dated) if dated else None, last_date=max(dated) if dated else None,
        stories=tuple(stories), more_stories=more,
        entities=tuple(EntityRow(site.refs[e.id], len(e.articles), len(e.mentions)) for e in top),
        latest=tuple(latest), sections=tuple(sorted(p for p in made if p in SECTIONS)))


def render(page: HomePage, memo: dict | None = None) -> str:
    return render_template("home.md.j2", page=page)


# After the kinds whose pages it links to (it links only those made), before the redirects.
@page_kind("home", order=85, render=render)
def _home(site: SiteInputs, additions, made):
    if hand_written_home(site.docs_dir):
        return
    yield HOME, home_page(site, made)
