"""How large the comparison's pages are, in built HTML (theme included): the seeds, NewsWCL50
(../shared/corpora/newswcl50/articles, 10 events × 5 outlets) built as one dossier, and the same
50 articles forced into one story by a stories.yml (in a temporary copy of the input). Issue #16
asks for the largest comparison page of NewsWCL50 under 300 KB; tests/site/test_page_sizes.py
checks it.

Each dossier is built with `mkdocs build` in a temporary project (the repository's mkdocs.yml and
hand-written docs), so nothing is written here. Printed: per dossier, the largest page of each
kind (overview, story, outlet, review, article) and its size.

Usage: python benchmarks/page_sizes.py [--write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import summary as machine_summary  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "page_sizes.md"
KINDS = {"overview": "compare/index.html", "story": "compare/*/index.html", "outlet": "outlets/*/index.html",
         "review": "notes/review/index.html", "article": "articles/*/index.html", "entity": "entities/*/index.html"}


def newswcl50() -> Path | None:
    for shared in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        folder = shared / "corpora" / "newswcl50" / "articles"
        if folder.is_dir():
            return folder
    return None


def build(input_dir: Path, work: Path) -> Path:
    project = work / "project"
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns(
        ".dossier*", "articles", "entities", "notes", "compare*", "outlets", "dossier", "dossier.json", "feed.*", "build-report.md"))
    config = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("input: seeds ", f"input: {input_dir} ")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = work / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=project, env=env,
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(done.stderr)
    return site


def sizes(site: Path) -> dict[str, tuple[str, int]]:
    out = {}
    for kind, pattern in KINDS.items():
        pages = list(site.glob(pattern))
        if pages:
            largest = max(pages, key=lambda p: p.stat().st_size)
            out[kind] = (largest.relative_to(site).as_posix(), largest.stat().st_size)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help=f"store the table in {RESULTS.relative_to(ROOT)}")
    args = parser.parse_args()
    corpus = newswcl50()
    runs: list[tuple[str, dict]] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        runs.append(("seeds", sizes(build(ROOT / "seeds", tmp / "seeds"))))
        if corpus is not None:
            runs.append(("NewsWCL50", sizes(build(corpus, tmp / "newswcl50"))))
            copy = tmp / "one" / "articles"
            shutil.copytree(corpus, copy)
            files = sorted(p.relative_to(copy).as_posix() for p in copy.glob("*/*.md"))
            (copy / "stories.yml").write_text("stories:\n  - title: Everything\n    id: everything\n    articles:\n"
                                              + "".join(f"      - {f}\n" for f in files), encoding="utf-8")
            runs.append(("NewsWCL50 as one story", sizes(build(copy, tmp / "one"))))
    lines = ["| dossier | page kind | largest page | bytes |", "|---|---|---|---:|"]
    for name, found in runs:
        for kind, (page, size) in found.items():
            if name != "seeds" and kind == "article":
                # An article's address is made from its first words when it has no title: the
                # corpus text stays out of the repository (its date is kept).
                page = re.sub(r"^articles/(\d{4}-\d\d-\d\d-)?[^/]+", lambda m: f"articles/{m.group(1) or ''}…", page)
            lines.append(f"| {name} | {kind} | `{page}` | {size:,} |")
    table = "\n".join(lines)
    print(table)
    if args.write:
        RESULTS.write_text(f"# Page sizes (issue #16)\n\n{dt.date.today()}, {machine_summary()}. "
                           "Built HTML, Material theme included; the target is under 300 KB for every comparison page.\n\n"
                           f"{table}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
