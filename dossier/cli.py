"""The `dossier` command.

Exit codes (also in docs/how-it-works.md):
  0  the dossier was built; problems, if any, are listed in the build report
  1  strict mode (`--strict` or `strict: true`) and the build found at least one problem
  2  the command could not run: an unknown or misspelled option (the message names the nearest valid
     one), a malformed mkdocs.yml or a bad plugin option (one message with the file and line), an input
     path that does not exist or is a file, no mkdocs.yml (`dossier build` outside a project, unless
     given --input and --docs), or, under --strict, an input folder with no articles
  3  the generated pages could not be written (read-only or full disk); the docs folder is as before
  130  interrupted (Ctrl-C); files already written are whole, the rest are as before
"""

from __future__ import annotations

import logging
import shlex
import sys
from pathlib import Path

import click

from . import __version__
from . import config as config_module

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_OUTPUT, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class ConfigurationError(click.ClickException):
    exit_code = EXIT_USAGE


def _configure_logging(verbose: bool, quiet: bool) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbose else logging.INFO)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s" if sys.stderr.isatty() else "dossier: %(message)s"))
    logger = logging.getLogger("dossier")
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False


def _load_config(project: str, outside_ok: bool = True, **overrides):
    """The project's settings, checked. Every problem is one message (exit code 2). Outside a
    project (no mkdocs.yml) only when `outside_ok`: `dossier build` passes False unless it is
    given both --input and --docs; the note and entities commands read the defaults there."""
    root = Path(project)
    if not root.is_dir():
        raise ConfigurationError(f"project folder {config_module.shown(root)} does not exist"
                                 + (" (it is a file)" if root.exists() else ""))
    if not (root / config_module.MKDOCS_YML).is_file() and not outside_ok:
        where = config_module.shown(root.resolve())
        raise ConfigurationError(
            f"{where} is not a dossier project: it has no mkdocs.yml. Start one with `dossier new PATH`, or name "
            f"one with --project. To build without a project, give both --input and --docs (the ids and the cache "
            f"would then be written into {where}: dossier-ids.yml, .dossier-cache/).")
    try:
        return config_module.load(root, validate=True, **overrides)
    except ValueError as err:  # ConfigError: one sentence with the file and line
        raise ConfigurationError(str(err)) from None


class _Suggesting:
    """Click's errors for an unknown option or command, naming the nearest valid one."""

    def parse_args(self, ctx, args):
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as err:
            known = sorted({o for p in self.get_params(ctx) for o in p.opts + p.secondary_opts if o.startswith("-")})
            close = config_module.nearest(err.option_name, known, cutoff=0.5)
            hint = f"; did you mean {close}?" if close else f" (options: {', '.join(known)})"
            raise click.UsageError(f"no such option {err.option_name}{hint}", ctx) from None


class Command(_Suggesting, click.Command):
    pass


class Group(_Suggesting, click.Group):
    command_class = Command

    def invoke(self, ctx):
        # Ctrl-C at any moment (reading the configuration, importing, building) is one line and
        # the documented exit code 130, not click's "Aborted!" with code 1.
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\ninterrupted: the docs folder holds the previous output, or all of the new one", err=True)
            raise SystemExit(EXIT_INTERRUPTED) from None

    def resolve_command(self, ctx, args):
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = config_module.nearest(name, self.list_commands(ctx), cutoff=0.5)
            hint = f"; did you mean `{ctx.command_path} {close}`?" if close else \
                f" (commands: {', '.join(self.list_commands(ctx))})"
            raise click.UsageError(f"no such command {name!r}{hint}", ctx)
        return super().resolve_command(ctx, args)


Group.group_class = Group


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dossier")
def main() -> None:
    """Build an annotated, cross-linked news dossier from a folder of articles."""


_project_option = click.option("--project", "-p", default=".", show_default=True, type=click.Path(file_okay=False),
                               help="Project folder (the one with mkdocs.yml).")


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--title", help="The dossier's title (site_name; default: made from the folder's name).")
@click.option("--description", help="One sentence on the story (site_description, the home page's first line).")
def new(path, title, description):
    """Start a dossier for a new story in PATH (a new or empty folder): mkdocs.yml with your
    title, an empty articles/ folder with a how-to, .gitignore, requirements.txt and the GitHub
    Pages workflow. Never overwrites anything."""
    from . import scaffold

    requirement = scaffold.installed_requirement()
    try:
        files = scaffold.create(path, title, description, requirement)
    except scaffold.ScaffoldError as err:
        raise ConfigurationError(str(err)) from None
    shown = config_module.shown(path)
    python = shlex.quote(sys.executable)
    click.echo(f"Created {shown}: " + ", ".join(sorted(files)))
    if requirement.note:
        click.echo(f"Note: requirements.txt, how the Pages workflow installs dossier: {requirement.note}.", err=True)
    click.echo(f"""
Next:
  1. Put the articles about the story in {shown}/{scaffold.ARTICLES}/ (.txt, .md with front matter,
     or saved .html pages; {shown}/{scaffold.ARTICLES}/README.md says how).
  2. Preview:  cd {shlex.quote(shown)} && {python} -m mkdocs serve   (then open http://127.0.0.1:8000/)
  3. Publish:  commit the folder (with dossier-ids.yml after the first build), push it to GitHub,
     and choose Settings -> Pages -> Source: GitHub Actions.""")


@main.command()
@_project_option
@click.option("--input", "input_dir", help="Folder of articles (default: the plugin's `input`, else seeds/).")
@click.option("--docs", "docs_dir", help="Docs folder to write into (default: mkdocs.yml's docs_dir).")
@click.option("--min-articles", type=click.IntRange(1), help="Articles an entity needs to get a page and links.")
@click.option("--link", "link_mode", type=click.Choice(config_module.LINK_MODES), help="Link the first mention per article, or all.")
@click.option("--strict/--no-strict", default=None, help="Fail (exit 1) on any problem.")
@click.option("--jobs", "-j", type=click.IntRange(1), help="Processes for per-article stages.")
@click.option("--no-cache", is_flag=True, help="Ignore cached per-article results.")
@click.option("--recognizer", type=click.Choice(config_module.RECOGNIZERS),
              help="Built-in recognizer (default), or spaCy when it and a model are installed.")
@click.option("--watch", is_flag=True, help="Stay up and build again whenever the input folder changes.")
@click.option("--verbose", "-v", is_flag=True)
@click.option("--quiet", "-q", is_flag=True)
def build(project, input_dir, docs_dir, min_articles, link_mode, strict, jobs, no_cache, recognizer, watch, verbose, quiet):
    """Generate the dossier's Markdown pages and dossier.json into the docs folder."""
    _configure_logging(verbose, quiet)
    outside = not (Path(project) / config_module.MKDOCS_YML).is_file()
    cfg = _load_config(project, outside_ok=bool(input_dir and docs_dir), input_dir=input_dir, docs_dir=docs_dir,
                       min_articles=min_articles, link_mode=link_mode, strict=strict, jobs=jobs,
                       cache=False if no_cache else None, recognizer=recognizer)
    if outside and not quiet:
        click.echo(f"dossier: no mkdocs.yml in {config_module.shown(cfg.project_root)}: building "
                   f"{config_module.shown(cfg.input_dir)} into {config_module.shown(cfg.docs_dir)} (ids in "
                   f"{config_module.shown(cfg.id_registry)}, cache in {config_module.shown(cfg.cache_dir)})", err=True)
    if cfg.strict:
        from .build import empty_input

        empty = empty_input(cfg)
        if empty:  # without --strict, the build goes on and reports it as a warning
            raise ConfigurationError(f"{empty} (a strict build needs at least one)")
    if watch:
        from .cache import StageCache

        StageCache.remember = True  # this process builds again: keep what it stores in memory too
    failed, built = _build_once(cfg, verbose, quiet, watching=watch)
    if watch:
        from .watch import watch as watch_folder

        last = [built]

        def rebuild() -> None:
            # Two phases, as under `mkdocs serve`: the edited article's pages first, with the
            # previous comparison (a renderer watching docs/ shows the edit within a second or
            # two), then everything, the comparison's pages and dossier.json included.
            if last[0] is not None and last[0].comparison is not None:
                _build_once(cfg, verbose, quiet, watching=True, previous=last[0])
            last[0] = _build_once(cfg, verbose, quiet, watching=True)[1] or last[0]

        click.echo(f"watching {cfg.input_dir} (Ctrl-C to stop)", err=True)
        try:
            watch_folder(cfg.input_dir, rebuild, ignored=[cfg.docs_dir, cfg.cache_dir, cfg.id_registry])
        except KeyboardInterrupt:
            click.echo("\nstopped watching", err=True)
        return
    if failed:
        raise SystemExit(EXIT_PROBLEMS)


def _interrupted():
    """Ctrl-C: one line, exit 130. The emitter finished or skipped its rename batch: the docs
    folder is old or new, not mixed (workers of `--jobs` ignore Ctrl-C and are ended, see
    `dossier.workers`)."""
    import signal

    # Pressed again while the process exits, Ctrl-C ends it at once (the shell still sees 130),
    # never with a traceback from the middle of the exit.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    click.echo("\ninterrupted: the docs folder holds the previous output, or all of the new one", err=True)
    raise SystemExit(EXIT_INTERRUPTED) from None


def _build_once(cfg, verbose: bool, quiet: bool, watching: bool = False, previous=None):
    """Build and report: (True when a strict build found problems, the dossier built or None).
    With `previous`, the first phase of a rebuild (`build.generate`)."""
    try:
        # Importing the stages takes a while: Ctrl-C may come during it too.
        from .emit import EmitError
        from .build import build as run_build
        from .progress import Progress, TerminalProgress

        result = run_build(cfg, TerminalProgress() if sys.stderr.isatty() and not quiet and not verbose else Progress(),
                           previous)
    except KeyboardInterrupt:
        _interrupted()
    except EmitError as err:
        click.echo(f"dossier: {err}", err=True)
        if watching:
            return True, None
        raise SystemExit(EXIT_OUTPUT) from None
    d = result.dossier
    for problem in result.problems if previous is None else ():  # the full phase reports them
        click.echo(str(problem), err=True)
    total = sum(d.timings.values())
    if not quiet:
        click.echo(
                f"{len(d.articles)} articles, {sum(1 for e in d.entities if e.shared)} shared entities, "
            f"{len(result.emitted.written)} files written, {len(result.emitted.unchanged)} unchanged, "
            f"{len(result.problems)} problems, {total:.2f}s"
        )
    return bool(cfg.strict and result.problems), d


@main.command()
@_project_option
@click.option("--all", "show_all", is_flag=True, help="Also list entities mentioned in only one article.")
def entities(project, show_all):
    """List the dossier's entities for review: type, aliases, articles, and approximate merges."""
    from . import readers, resolve
    from .build import recognize_all, resolve_entities

    _configure_logging(False, True)
    cfg = _load_config(project)
    # The same stages as a build (ids from dossier-ids.yml included), without writing anything.
    _, articles, registry, problems = readers.load_project(cfg)
    found, curation_problems = resolve_entities(cfg, articles, recognize_all(articles, cfg), registry)
    for problem in problems + curation_problems:
        click.echo(str(problem), err=True)
    if not show_all:
        found = [e for e in found if e.shared]
    from .model import printable

    for line in resolve.review_lines(found):
        click.echo(printable(line))



# --- notes (issue #5; see docs/annotating.md) ---------------------------------------------------------------


def _shown(path: Path, cfg) -> str:
    """A file of the input folder as the build names it (relative to `Config.display_root`)."""
    return path.resolve().relative_to(cfg.display_root).as_posix()


class NoteCommandError(click.ClickException):
    """A note that cannot be written (passage missing or ambiguous, unknown article…): exit 2."""

    exit_code = EXIT_USAGE


@main.group()
def note() -> None:
    """Analysts' notes: add one anchored to a passage; confirm or dismiss automatic findings."""


@note.command("add")
@_project_option
@click.argument("article")
@click.argument("passage")
@click.option("--kind", required=True, help="fact-check, error, context, translation, …")
@click.option("--author", required=True)
@click.option("--body", default="", help="The note, in Markdown ('-' reads it from standard input).")
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@click.option("--date", help="ISO date (default: today).")
@click.option("--occurrence", type=click.IntRange(1), help="Which occurrence of an ambiguous passage (1 = first).")
@click.option("--within", help="A longer passage, occurring once, that contains PASSAGE.")
@click.option("--name", help="File name for the note (default: made from the article and the passage).")
def note_add(project, article, passage, kind, author, body, tags, date, occurrence, within, name):
    """Write a note on PASSAGE (quoted exactly) of ARTICLE (input path or article id).

    Fails, writing nothing, when the passage is not in the article or occurs more than once.
    Never overwrites a note file."""
    from . import notes, readers

    cfg = _load_config(project)
    if Path(article).is_file() and Path(article).resolve().is_relative_to(cfg.display_root):
        article = _shown(Path(article), cfg)  # as the build names articles (Config.display_root)
    if body == "-":
        body = _read_stdin()
    # As the build loads them: an article is known by the id the site published (dossier-ids.yml).
    articles = readers.load_project(cfg).articles
    try:
        path = notes.create_note(cfg.notes_dir, articles, article, passage, kind=kind, author=author, body=body,
                                 tags=tags, date=date, occurrence=occurrence, within=within, name=name)
    except notes.NoteError as err:
        raise NoteCommandError(str(err)) from None
    click.echo(f"wrote {_shown(path, cfg)}")


def _read_stdin() -> str:
    """A note's body piped in: UTF-8, as note files are, whatever the terminal's locale says."""
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8", "surrogateescape")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise NoteCommandError(f"the note's body on standard input is not UTF-8 text (byte {err.start})") from None


def _decide(project: str, finding: str, decision: str, by: str | None) -> None:
    from . import notes
    from .build import generate

    _configure_logging(False, True)
    cfg = _load_config(project)
    note_set = generate(cfg).notes
    known = sorted({n.finding for n in note_set.notes if n.automatic})
    try:
        path = notes.decide(cfg.notes_dir, finding, decision, by=by, known=known)
    except notes.NoteError as err:
        hint = f" (current findings: {', '.join(known)})" if known and "no automatic note" in str(err) else ""
        raise NoteCommandError(f"{err}{hint}") from None
    click.echo(f"{finding}: {decision} (recorded in {_shown(path, cfg)})")


@note.command("confirm")
@_project_option
@click.argument("finding")
@click.option("--by", help="Who decided.")
def note_confirm(project, finding, by):
    """Confirm the automatic note FINDING (its id is shown with the note)."""
    _decide(project, finding, "confirmed", by)


@note.command("dismiss")
@_project_option
@click.argument("finding")
@click.option("--by", help="Who decided.")
def note_dismiss(project, finding, by):
    """Dismiss the automatic note FINDING: it is no longer highlighted."""
    _decide(project, finding, "dismissed", by)

if __name__ == "__main__":  # pragma: no cover
    main()
