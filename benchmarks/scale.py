"""Scale benchmark: generation and rendering of dossiers of 250 to 10,000 articles.

For each size it makes a dossier from real news text (benchmarks/make_corpus.py), then measures
in fresh processes:
- generation: `dossier build` (everything before the MkDocs render), cold cache;
- generation in memory: `dossier.build.generate`, what the MkDocs plugin runs before MkDocs
  renders (no Markdown files written), cold;
- incremental generation: the same after one article changed (warm cache), once with a word
  doubled and once with a sentence that brings a new person and organization; and the same
  edit rebuilt in a process that is already running (`dossier build --watch`, `mkdocs serve`);
- render: `mkdocs build` of the generated Markdown, with the dossier plugin removed so that
  only MkDocs' own work is timed; and `zensical build` when Zensical is installed;
- peak memory (max RSS) of each, site bytes, median bytes of an article page, search-index
  bytes against the articles' text bytes;
and fits the exponent of generation time against article count from 1k to 10k.

    python benchmarks/scale.py                 # 250, 1000, 4000, 10000
    python benchmarks/scale.py 250 1000        # chosen sizes
Results: benchmarks/results/scale.md (with the date and the machine).
"""

from __future__ import annotations

import json
import math
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import summary as machine_summary  # noqa: E402
from make_corpus import make  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"
RESULTS = ROOT / "benchmarks" / "results" / "scale.md"
REPEATS = 3  # runs per measurement at 250 and 1,000 articles; the median is reported

_RUN = """
import resource, subprocess, sys, time, json
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE if False else None)
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "max_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, "code": code}))
"""


_GENERATE_IN_MEMORY = """
import sys
from pathlib import Path
from dossier import build, config
build.generate(config.load(Path(sys.argv[1]), cache=False))
"""


# `dossier build --watch` and `mkdocs serve` rebuild in a process that is already running: time
# the builds after edits in one process (the first, warm build is not timed).
_IN_PROCESS = """
import json, statistics, sys, time
from pathlib import Path
from dossier import build, config
from dossier.cache import StageCache
StageCache.remember = True  # as `dossier build --watch` and `mkdocs serve` run
folder, paths = Path(sys.argv[1]), sys.argv[2:]
cfg = config.load(folder)
build.build(cfg)
times = []
for path in map(Path, paths):
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace(" the ", " the the ", 1), encoding="utf-8")
    start = time.perf_counter()
    build.build(cfg)
    times.append(time.perf_counter() - start)
    path.write_text(original, encoding="utf-8")
    build.build(cfg)
print(json.dumps({"seconds": statistics.median(times), "runs": [round(t, 2) for t in times]}))
"""


def measure(args: list[str], cwd: Path) -> dict:
    """Wall time and peak memory of a command, measured from a fresh parent process."""
    out = subprocess.run([sys.executable, "-c", _RUN, *args], cwd=cwd, capture_output=True, text=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["code"] != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{out.stderr[-3000:]}")
    return result


def project(n: int, name: str | None = None) -> Path:
    folder = WORK / (name or str(n))
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    make(n, folder / "articles")
    from dossier import yamlsafe

    config = yamlsafe.load_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("site_url", None)
    config.pop("use_directory_urls", None)
    config["plugins"] = ["search", {"dossier": {"input": "articles", "min_articles": 2, "link": "first"}}]
    config.pop("not_in_nav", None)
    config["not_in_nav"] = "/articles/*\n/entities/*\n"
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # The render-only config: same site, no dossier plugin (the pages are already on disk).
    render = dict(config, plugins=["search"])
    (folder / "mkdocs-render.yml").write_text(yaml.safe_dump(render, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # Hand-written docs only: what an earlier `dossier build` generated is listed in its manifest.
    try:
        generated = set(json.loads((ROOT / "docs" / ".dossier-manifest.json").read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError):
        generated = set()
    for path in (ROOT / "docs").rglob("*"):
        rel = path.relative_to(ROOT / "docs").as_posix()
        if path.is_file() and rel not in generated and not rel.startswith(".dossier"):
            (folder / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, folder / "docs" / rel)
    return folder


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def clean_generated(folder: Path) -> None:
    """Remove what a build wrote (pages listed in the manifest, the manifest, the id registry and
    the cache), so that the next build starts cold, as on a fresh clone."""
    manifest = folder / "docs" / ".dossier-manifest.json"
    if manifest.exists():
        for rel in json.loads(manifest.read_text(encoding="utf-8"))["files"]:
            (folder / "docs" / rel).unlink(missing_ok=True)
        manifest.unlink()
    (folder / "dossier-ids.yml").unlink(missing_ok=True)
    shutil.rmtree(folder / ".dossier-cache", ignore_errors=True)


def median_of(results: list[dict]) -> dict:
    return {"seconds": statistics.median(r["seconds"] for r in results),
            "max_rss_mb": max(r["max_rss_mb"] for r in results), "runs": [round(r["seconds"], 2) for r in results]}


def run_size(n: int, jobs: int, render_from: dict | None = None) -> dict:
    folder = project(n)
    repeats = REPEATS if n <= 1000 else 1  # the large sizes take minutes per run
    dossier = [sys.executable, "-m", "dossier.cli", "build", "--project", str(folder), "--quiet", "--jobs", str(jobs)]
    colds = []
    for _ in range(repeats):
        clean_generated(folder)
        colds.append(measure(dossier + ["--no-cache"], folder))
    cold = median_of(colds)
    # What the MkDocs plugin does before MkDocs renders: the same generation, kept in memory.
    in_memory = median_of([measure([sys.executable, "-c", _GENERATE_IN_MEMORY, str(folder)], folder)
                           for _ in range(repeats)])
    # Incremental: change one article, rebuild with the cache warm; a different article each time.
    measure(dossier, folder)  # warm the cache (and check a no-change rebuild works)
    paths = sorted((folder / "articles").glob("*.md"))
    doubled, new_name, originals = [], [], []
    for k in range(repeats):
        edited = paths[(n // 2 + k * 7) % n]
        original = edited.read_text(encoding="utf-8")
        originals.append(original)
        edited.write_text(original.replace(" the ", " the the ", 1), encoding="utf-8")
        doubled.append(measure(dossier, folder))
        # An edit that brings a new name and a new organization into the dossier.
        edited.write_text(original + f"\n\nAnalyst Marta Okonjo-Vale{k} of the Halvorsen{k} Institute said the "
                          "outcome surprised investors.\n", encoding="utf-8")
        new_name.append(measure(dossier, folder))
    incremental, incremental_new_name = median_of(doubled), median_of(new_name)
    for k in range(repeats):  # back as they were
        paths[(n // 2 + k * 7) % n].write_text(originals[k], encoding="utf-8")
    edited_paths = [str(paths[(n // 3 + k * 11) % n]) for k in range(repeats)]
    out = subprocess.run([sys.executable, "-c", _IN_PROCESS, str(folder), *edited_paths], cwd=folder,
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"in-process rebuild failed:\n{out.stderr[-3000:]}")
    in_process = json.loads(out.stdout.strip().splitlines()[-1])
    index = json.loads((folder / "docs" / "dossier.json").read_text(encoding="utf-8"))
    text_bytes = sum(len((folder / "articles" / Path(a["input"]).name).read_text(encoding="utf-8").encode()) for a in index["articles"])
    if render_from is not None:
        # The MkDocs render of these same pages, measured in an earlier run (it takes minutes).
        row = dict(render_from)
        row.update({"articles": n, "entities_shared": sum(1 for e in index["entities"] if e["shared"]),
                    "generate_s": cold["seconds"], "generate_rss_mb": cold["max_rss_mb"],
                    "generate_in_memory_s": in_memory["seconds"],
                    "incremental_s": incremental["seconds"], "incremental_new_name_s": incremental_new_name["seconds"],
                    "incremental_in_process_s": in_process["seconds"], "incremental_rss_mb": incremental["max_rss_mb"],
                    "render_reused": True})
        return row
    render = median_of([measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs-render.yml", "-d", "site"],
                                folder) for _ in range(repeats)])
    site = folder / "site"
    article_pages = [p.stat().st_size for p in (site / "articles").glob("*/index.html")]
    row = {
        "articles": n,
        "entities_shared": sum(1 for e in index["entities"] if e["shared"]),
        "generate_s": cold["seconds"],
        "generate_rss_mb": cold["max_rss_mb"],
        "generate_in_memory_s": in_memory["seconds"],
        "incremental_s": incremental["seconds"],
        "incremental_new_name_s": incremental_new_name["seconds"],
        "incremental_in_process_s": in_process["seconds"],
        "incremental_rss_mb": max(incremental["max_rss_mb"], incremental_new_name["max_rss_mb"]),
        "render_s": render["seconds"],
        "runs": {"generate": cold["runs"], "generate_in_memory": in_memory["runs"], "incremental": incremental["runs"],
                 "incremental_new_name": incremental_new_name["runs"], "incremental_in_process": in_process["runs"],
                 "render": render["runs"]},
        "render_rss_mb": render["max_rss_mb"],
        "site_bytes": folder_bytes(site),
        "pages": sum(1 for _ in site.rglob("index.html")),
        "article_page_bytes_median": int(statistics.median(article_pages)),
        "search_index_bytes": (site / "search" / "search_index.json").stat().st_size,
        "article_text_bytes": text_bytes,
    }
    if shutil.which("zensical") and n <= 1000:  # beside MkDocs at the sizes a person waits for; minutes more above
        try:
            row["zensical_s"] = measure(["zensical", "build", "-f", "mkdocs-render.yml"], folder)["seconds"]
        except RuntimeError as err:
            row["zensical_s"] = None
            print(f"zensical failed: {err}", file=sys.stderr)
    shutil.rmtree(site, ignore_errors=True)
    return row


def exponent(rows: list[dict], key: str = "generate_s") -> float | None:
    points = [(math.log(r["articles"]), math.log(r[key])) for r in rows if r["articles"] >= 1000]
    if len(points) < 2:
        return None
    mx = statistics.mean(x for x, _ in points)
    my = statistics.mean(y for _, y in points)
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)


def main(sizes: list[int], jobs: int = 1, render_from: Path | None = None) -> None:
    previous = {}
    if render_from is not None:
        for line in render_from.read_text(encoding="utf-8").splitlines():
            if line.startswith("{"):
                row = json.loads(line.rsplit("} (", 1)[0] + "}" if "} (" in line else line)
                previous[row["articles"]] = row
    rows = []
    for n in sizes:
        started = time.perf_counter()
        rows.append(run_size(n, jobs, previous.get(n)))
        print(json.dumps(rows[-1]), f"({time.perf_counter() - started:.0f}s)", flush=True)
    k = exponent(rows)
    lines = [
        "# Scale benchmark",
        "",
        f"Run on {date.today().isoformat()}, {machine_summary()}; `--jobs {jobs}`. Every measurement is a fresh process;",
        f"at 250 and 1,000 articles each number is the median of {REPEATS} runs (a different article edited in each",
        "incremental run), at 4,000 and 10,000 one run. Generation starts cold (no cache, no earlier output).",
        "Produced by `python benchmarks/scale.py`; the single runs are in the JSON lines it prints.",
        "",
        "| articles | shared entities | generate s | generate / render | in memory s | in memory / render | incremental s (1 article changed) | incremental / full | incremental s (new name added) | incremental / full | incremental s in a running process (--watch) | in process / full | render s (MkDocs) | zensical s | peak MB generate | peak MB incremental | peak MB render | site MB | pages | article page bytes (median) | search index / article text |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        z = r.get("zensical_s")
        lines.append(
            f"| {r['articles']:,} | {r['entities_shared']:,} | {r['generate_s']:.1f} | {r['generate_s'] / r['render_s']:.2f} | "
            f"{r['generate_in_memory_s']:.1f} | {r['generate_in_memory_s'] / r['render_s']:.2f} | "
            f"{r['incremental_s']:.1f} | {r['incremental_s'] / r['generate_s']:.2f} | "
            f"{r['incremental_new_name_s']:.1f} | {r['incremental_new_name_s'] / r['generate_s']:.2f} | "
            f"{r['incremental_in_process_s']:.1f} | {r['incremental_in_process_s'] / r['generate_s']:.2f} | {r['render_s']:.1f} | "
            f"{'%.1f' % z if z else ('not timed' if 'zensical_s' not in r and r['articles'] > 1000 and shutil.which('zensical') else 'not installed')} | "
            f"{r['generate_rss_mb']:.0f} | {r['incremental_rss_mb']:.0f} | {r['render_rss_mb']:.0f} | "
            f"{r['site_bytes'] / 1e6:.1f} | {r['pages']:,} | {r['article_page_bytes_median']:,} | "
            f"{r['search_index_bytes'] / r['article_text_bytes']:.2f} |"
        )
    lines += ["", f"Fitted exponent of generation time, 1k to 10k articles: {k:.2f}" if k is not None else ""]
    if any(r.get("render_reused") for r in rows):
        lines += ["", "Render columns (render s, peak MB render, site MB, pages, page bytes, search index) come from an",
                  "earlier full run on the same generated pages (`--render-from`); generation was measured in this run."]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    previous = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    notes = previous.split("<!-- notes -->", 1)[1] if "<!-- notes -->" in previous else "\n"
    RESULTS.write_text("\n".join(lines) + "\n\n<!-- notes -->" + notes, encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    jobs = next((int(a.split("=")[1]) for a in sys.argv[1:] if a.startswith("--jobs=")), 1)
    render_from = next((Path(a.split("=", 1)[1]) for a in sys.argv[1:] if a.startswith("--render-from=")), None)
    main([int(a) for a in args] or [250, 1000, 4000, 10000], jobs, render_from)
