"""Attack (after #13): reading and publishing files from outside the input folder.

Only article files are checked for symbolic links leaving the input folder
(`readers.discovery`). Every other input is opened by following links:

- a sidecar `a.txt.meta.yml -> /elsewhere/x.yml`: reported as "symbolic link to a file outside
  the input folder; not read" by discovery, but `sidecars_of`/`read_sidecar` read it anyway
  (its title is published);
- a note file `notes/x.md -> /elsewhere/n.md`, or the whole `notes/` folder as a link;
- `entities.yml` and `stories.yml` as links;
- `notes/decisions.yml` as a link: not used (nothing valid in it), but the problem names it by
  its absolute path on the build machine, in dossier.json and the build report; a linked note
  file is published with its absolute path (`file` in dossier.json, unanchored notes page);
- a hard link to a file outside the input folder is read like any file.

The security page says: "A symbolic link in the input folder that points outside it is reported
and not read", and "nothing published names a path outside the project".
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dossier import build, config

ARTICLE = "Vladimir Putin congratulated Joe Biden, the Kremlin in Moscow said.\n"
SECRET = "SECRETFROMOUTSIDE"


def _project(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "project"
    (root / "seeds" / "notes").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - dossier:\n      input: seeds\n", encoding="utf-8")
    for name in ("a", "b"):
        (root / "seeds" / f"{name}.txt").write_text(f"Article {name}.\n\n{ARTICLE}", encoding="utf-8")
    outside = tmp_path / "outside"
    (outside / "notesdir").mkdir(parents=True)
    (outside / "sidecar.yml").write_text(f"title: {SECRET} title\n", encoding="utf-8")
    note = (f"---\narticle: seeds/a.txt\nselector: Vladimir Putin\nauthor: {SECRET}author\ndate: 2020-01-01\n"
            f"---\n{SECRET} body\n")
    (outside / "note.md").write_text(note, encoding="utf-8")
    (outside / "notesdir" / "n.md").write_text(note, encoding="utf-8")
    (outside / "entities.yml").write_text(f"Joe Biden:\n  description: {SECRET} description\n", encoding="utf-8")
    (outside / "stories.yml").write_text(f"stories:\n  - title: {SECRET} story\n    articles: [a.txt, b.txt]\n",
                                         encoding="utf-8")
    (outside / "decisions.yml").write_text("not: [a, mapping, of, decisions\n", encoding="utf-8")
    (outside / "article.txt").write_text(f"{SECRET} article.\n\n{ARTICLE}", encoding="utf-8")
    (outside / "registry.yml").write_text(f"entities:\n  ghost: [{SECRET} name]\n", encoding="utf-8")
    return root, outside


LINKS = {
    "sidecar": ("seeds/a.txt.meta.yml", "sidecar.yml"),
    "note file": ("seeds/notes/x.md", "note.md"),
    "notes folder": ("seeds/notes", "notesdir"),
    "entities.yml": ("seeds/entities.yml", "entities.yml"),
    "stories.yml": ("seeds/stories.yml", "stories.yml"),
    "dossier-ids.yml": ("dossier-ids.yml", "registry.yml"),  # beside mkdocs.yml: published on a retired page
}


def _published(dossier) -> str:
    return "\n".join(v if isinstance(v, str) else v.decode("utf-8", "replace") for v in dossier.outputs.values())


@pytest.mark.parametrize("what", LINKS)
def test_a_symbolic_link_out_of_the_input_folder_is_not_read(tmp_path, what):
    root, outside = _project(tmp_path)
    rel, target = LINKS[what]
    link = root / rel
    if link.is_dir():
        link.rmdir()
    link.symlink_to(outside / target)
    dossier = build.generate(config.load(root))
    assert SECRET not in _published(dossier)
    assert not any(SECRET in str(p) for p in dossier.problems)
    # Skipped inputs are reported (the brief of #13): the link is named in a problem.
    assert any(rel.split("/")[-1] in p.path for p in dossier.problems), [str(p) for p in dossier.problems]


@pytest.mark.parametrize("rel, target", [("seeds/notes/x.md", "note.md"), ("seeds/notes/decisions.yml", "decisions.yml")])
def test_no_absolute_path_of_the_build_machine_is_published(tmp_path, rel, target):
    root, outside = _project(tmp_path)
    (root / rel).symlink_to(outside / target)
    dossier = build.generate(config.load(root))
    published = _published(dossier)
    for folder in {str(tmp_path), str(tmp_path.resolve())}:
        assert folder not in published
        assert not any(folder in p.path or folder in p.message for p in dossier.problems)


@pytest.mark.parametrize("rel, target", [("seeds/c.txt", "article.txt"), ("seeds/a.txt.meta.yml", "sidecar.yml")])
def test_a_hard_link_to_a_file_outside_the_input_folder_is_not_published(tmp_path, rel, target):
    root, outside = _project(tmp_path)
    try:
        os.link(outside / target, root / rel)
    except OSError as err:  # pragma: no cover - file systems without hard links
        pytest.skip(f"no hard links here: {err}")
    dossier = build.generate(config.load(root))
    assert SECRET not in _published(dossier)


@pytest.mark.parametrize("kind", ["dangling link", "linked folder", "FIFO", "link loop"])
def test_an_input_that_is_skipped_is_reported(tmp_path, kind):
    root, outside = _project(tmp_path)
    seeds = root / "seeds"
    if kind == "dangling link":
        (seeds / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
        name = "gone.txt"
    elif kind == "linked folder":
        (outside / "more").mkdir()
        (outside / "more" / "x.txt").write_text(f"{SECRET}.\n\n{ARTICLE}", encoding="utf-8")
        (seeds / "more").symlink_to(outside / "more")
        name = "more"
    elif kind == "FIFO":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        os.mkfifo(seeds / "pipe.txt")
        name = "pipe.txt"
    else:
        (seeds / "loop.txt").symlink_to(seeds / "loop.txt")
        name = "loop.txt"
    dossier = build.generate(config.load(root))
    assert any(name in p.path for p in dossier.problems), [str(p) for p in dossier.problems]


def test_notes_are_never_written_through_a_link_out_of_the_input_folder(tmp_path):
    """`dossier note add` and `note confirm` write into the input folder only: a linked notes
    folder or decisions.yml is refused with a message, and nothing outside changes."""
    from dossier.notes.authoring import NoteError, create_note, decide
    from dossier.readers.project import load_project

    root, outside = _project(tmp_path)
    articles = load_project(config.load(root)).articles
    notes = root / "seeds" / "notes"
    notes.rmdir()
    notes.symlink_to(outside / "notesdir", target_is_directory=True)
    before = sorted(p.name for p in (outside / "notesdir").iterdir())
    with pytest.raises(NoteError, match="inside the input folder"):
        create_note(notes, articles, "seeds/a.txt", "Vladimir Putin", kind="context", author="x", body="b")
    with pytest.raises(NoteError, match="inside the input folder"):
        decide(notes, "f-1", "confirmed")
    assert sorted(p.name for p in (outside / "notesdir").iterdir()) == before
    # A real notes folder with decisions.yml linked out: refused, the outside file unchanged.
    notes.unlink()
    notes.mkdir()
    (notes / "decisions.yml").symlink_to(outside / "decisions.yml")
    with pytest.raises(NoteError, match="symbolic link"):
        decide(notes, "f-1", "dismissed")
    assert (outside / "decisions.yml").read_text(encoding="utf-8") == "not: [a, mapping, of, decisions\n"


def test_the_id_registry_is_not_written_through_a_link(tmp_path):
    from dossier import emit

    target = tmp_path / "elsewhere.yml"
    target.write_text("kept\n", encoding="utf-8")
    link = tmp_path / "dossier-ids.yml"
    link.symlink_to(target)
    with pytest.raises(emit.EmitError, match="symbolic link"):
        emit.write_registry("articles: {}\n", link)
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "kept\n"
