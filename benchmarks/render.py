"""Render benchmark (issue #17): the full `mkdocs build` of a dossier against MkDocs + Material on
the same articles as plain pages, in the same run.

For a dossier of N articles (benchmarks/make_corpus.py, real news text) it measures, in fresh
processes and alternating the two so that load on this shared machine hits both alike:
- dossier: `mkdocs build` of the project with the dossier plugin (generation + render), from a
  cold cache and an empty docs folder of generated pages;
- plain: `mkdocs build` of a project with the same mkdocs.yml (theme, features, extensions,
  search) but no dossier plugin, whose docs are the N articles as plain Markdown pages (title and
  paragraphs): what MkDocs and Material take for the same text;
and reports wall time and CPU time (user + system of the build process), the medians of the
runs, the ratio dossier / plain of the medians and of each pair, peak memory, the number of
files, the largest output file and the search index size.

    python benchmarks/render.py 1000               # 3 pairs of runs
    python benchmarks/render.py 10000 --runs 1     # the 10k targets: time, memory, largest file
Results are appended to benchmarks/results/render.md with the date and the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import summary as machine_summary  # noqa: E402
from scale import WORK, project  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "render.md"

# Run a command and report its wall time, CPU time and peak memory (of the child only).
_RUN = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024, "code": code}))
"""


def _measure(args: list[str], cwd: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _RUN, *args], cwd=cwd, capture_output=True, text=True,
                         env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["code"] != 0:
        raise RuntimeError(f"{' '.join(args)} failed in {cwd}:\n{out.stderr[-3000:]}")
    return result


def plain_project(dossier: Path) -> Path:
    """The same articles as plain Markdown pages, with the dossier project's mkdocs.yml minus the
    plugin (and minus its generated assets)."""
    folder = dossier.parent / f"{dossier.name}-plain"
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "docs" / "articles").mkdir(parents=True)
    config = yaml.safe_load((dossier / "mkdocs-render.yml").read_text(encoding="utf-8"))
    config["plugins"] = ["search"]
    config.pop("extra_javascript", None)
    config["extra_css"] = []
    config.pop("extra", None)
    config.pop("nav", None)
    config["not_in_nav"] = "/articles/*\n"
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# Articles\n", encoding="utf-8")
    for path in sorted((dossier / "articles").glob("*.md")):
        _, header, body = path.read_text(encoding="utf-8").split("---\n", 2)
        title = yaml.safe_load(header)["title"]
        (folder / "docs" / "articles" / path.name).write_text(f"# {title}\n\n{body.strip()}\n", encoding="utf-8")
    return folder


def _clean(dossier: Path) -> None:
    for name in (".dossier-cache", "site", "dossier-ids.yml"):
        target = dossier / name
        shutil.rmtree(target, ignore_errors=True) if target.is_dir() else target.unlink(missing_ok=True)


def _sizes(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    largest = max(files, key=lambda p: p.stat().st_size)
    index = site / "search" / "search_index.json"
    return {"files": len(files), "largest": largest.relative_to(site).as_posix(),
            "largest_mb": largest.stat().st_size / 1e6, "search_index_mb": index.stat().st_size / 1e6 if index.exists() else 0}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    dossier = project(args.n, f"render-{args.n}")
    plain = plain_project(dossier)
    build = [sys.executable, "-m", "mkdocs", "build", "-q"]
    pairs = []
    for _ in range(args.runs):
        _clean(dossier)
        d = _measure(build, dossier)
        shutil.rmtree(plain / "site", ignore_errors=True)
        p = _measure(build, plain)
        pairs.append((d, p))
        print(f"dossier wall {d['wall']:.1f} s cpu {d['cpu']:.1f} s rss {d['rss_mb']:.0f} MB | "
              f"plain wall {p['wall']:.1f} s cpu {p['cpu']:.1f} s | ratio wall {d['wall'] / p['wall']:.2f} "
              f"cpu {d['cpu'] / p['cpu']:.2f}", flush=True)
    med = {k: statistics.median(d[k] for d, _ in pairs) for k in ("wall", "cpu", "rss_mb")}
    pmed = {k: statistics.median(p[k] for _, p in pairs) for k in ("wall", "cpu", "rss_mb")}
    sizes = _sizes(dossier / "site")
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    per_run = ", ".join(f"{d['wall'] / p['wall']:.2f}" for d, p in pairs)
    line = (f"| {when} | {args.n:,} | {len(pairs)} | {med['wall']:.1f} | {med['cpu']:.1f} | {pmed['wall']:.1f} | "
            f"{pmed['cpu']:.1f} | {med['wall'] / pmed['wall']:.2f} | {med['cpu'] / pmed['cpu']:.2f} | "
            f"{per_run} | {med['rss_mb']:.0f} | {sizes['files']:,} | "
            f"{sizes['largest']} {sizes['largest_mb']:.1f} MB | {sizes['search_index_mb']:.1f} | {machine_summary()} |")
    if not RESULTS.exists():
        RESULTS.write_text(
            "# Render: the dossier's full `mkdocs build` against plain pages of the same text\n\n"
            "Produced by `python benchmarks/render.py N`. Dossier: `mkdocs build` with the dossier plugin, cold cache\n"
            "(generation + render). Plain: `mkdocs build` of the same articles as plain Markdown pages, same theme,\n"
            "features, extensions and search, no plugin. The two alternate, in fresh processes; medians of the runs.\n"
            "CPU = user + system time of the build (this machine is shared: wall time includes waiting for a core).\n"
            "Targets (issue #17): at 1,000 articles the dossier at most 4x plain; at 10,000 under 4 minutes and\n"
            "2 GB, no output file over 20 MB.\n\n"
            "| when | articles | runs | dossier wall s | dossier CPU s | plain wall s | plain CPU s | ratio wall | "
            "ratio CPU | ratio per run (wall) | dossier peak MB | site files | largest file | search index MB | machine |\n"
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: | --- |\n",
            encoding="utf-8")
    with open(RESULTS, "a", encoding="utf-8") as out:
        out.write(line + "\n")
    print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
