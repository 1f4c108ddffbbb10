"""The `dossier` command.

Exit codes (also in docs/how-it-works.md):
  0  the dossier was built; problems, if any, are listed in the build report
  1  strict mode (`--strict` or `strict: true`) and the build found at least one problem
  2  the command could not run: bad options, or an input folder or config that does not exist
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from . import __version__
from . import config as config_module

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


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


def _load_config(project: str, **overrides):
    root = Path(project)
    try:
        cfg = config_module.load(root, **overrides)
        cfg.validate()
    except (ValueError, OSError) as err:
        raise ConfigurationError(str(err)) from None
    return cfg


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dossier")
def main() -> None:
    """Build an annotated, cross-linked news dossier from a folder of articles."""


_project_option = click.option("--project", "-p", default=".", show_default=True, type=click.Path(file_okay=False),
                               help="Project folder (the one with mkdocs.yml).")


@main.command()
@_project_option
@click.option("--input", "input_dir", help="Folder of articles (default: the plugin's `input`, else seeds/).")
@click.option("--docs", "docs_dir", help="Docs folder to write into (default: mkdocs.yml's docs_dir).")
@click.option("--min-articles", type=click.IntRange(1), help="Articles an entity needs to get a page and links.")
@click.option("--link", "link_mode", type=click.Choice(config_module.LINK_MODES), help="Link the first mention per article, or all.")
@click.option("--strict/--no-strict", default=None, help="Fail (exit 1) on any problem.")
@click.option("--jobs", "-j", type=click.IntRange(1), help="Processes for per-article stages.")
@click.option("--no-cache", is_flag=True, help="Ignore cached per-article results.")
@click.option("--verbose", "-v", is_flag=True)
@click.option("--quiet", "-q", is_flag=True)
def build(project, input_dir, docs_dir, min_articles, link_mode, strict, jobs, no_cache, verbose, quiet):
    """Generate the dossier's Markdown pages and dossier.json into the docs folder."""
    from .build import build as run_build

    _configure_logging(verbose, quiet)
    cfg = _load_config(project, input_dir=input_dir, docs_dir=docs_dir, min_articles=min_articles,
                       link_mode=link_mode, strict=strict, jobs=jobs, cache=False if no_cache else None)
    result = run_build(cfg)
    d = result.dossier
    for problem in result.problems:
        click.echo(str(problem), err=True)
    total = sum(d.timings.values())
    if not quiet:
        click.echo(
                f"{len(d.articles)} articles, {sum(1 for e in d.entities if e.shared)} shared entities, "
            f"{len(result.emitted.written)} files written, {len(result.emitted.unchanged)} unchanged, "
            f"{len(result.problems)} problems, {total:.2f}s"
        )
    if cfg.strict and result.problems:
        raise SystemExit(EXIT_PROBLEMS)


@main.command()
@_project_option
@click.option("--all", "show_all", is_flag=True, help="Also list entities mentioned in only one article.")
def entities(project, show_all):
    """List the dossier's entities for review: type, aliases, articles, and approximate merges."""
    from . import curation, ingest, resolve
    from .build import recognize_all

    _configure_logging(False, True)
    cfg = _load_config(project)
    articles, problems = ingest.load_all(cfg.input_dir, cfg.project_root, jobs=cfg.jobs)
    rules, curation_problems = curation.load_curation(cfg.curation_file)
    for problem in problems + curation_problems:
        click.echo(str(problem), err=True)
    found = resolve.resolve(articles, recognize_all(articles, cfg), rules, min_articles=cfg.min_articles)
    if not show_all:
        found = [e for e in found if e.shared]
    for line in resolve.review_lines(found):
        click.echo(line)


if __name__ == "__main__":  # pragma: no cover
    main()
