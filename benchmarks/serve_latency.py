"""How long `mkdocs serve` takes to show an edited article, on a dossier of N articles.

Starts `mkdocs serve` on a generated dossier (benchmarks/make_corpus.py), waits for the first
build, then edits one article a few times and measures, for each edit, the time from the write
until the served page shows the new text, and counts the rebuilds (one per edit means no loop).

    python benchmarks/serve_latency.py 1000
    python benchmarks/serve_latency.py 1000 --dirty --edits=5   # `mkdocs serve --dirty`, the documented command
    python benchmarks/serve_latency.py 1000 --zensical   # `dossier build --watch` + `zensical serve`
Results are appended to benchmarks/results/serve_latency.md (watch_latency.md for the second)
with the date and the machine.
"""

from __future__ import annotations

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import summary as machine_summary  # noqa: E402
from scale import WORK, project  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "serve_latency.md"
WATCH_RESULTS = ROOT / "benchmarks" / "results" / "watch_latency.md"


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def main(n: int, edits: int = 3, zensical: bool = False, dirty: bool = False) -> None:
    folder = project(n, f"serve-{n}")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log_path = WORK / f"serve-{n}.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    helpers = []
    if zensical:
        # Zensical runs no MkDocs plugin: dossier writes the pages (and rewrites the changed
        # ones after each edit), Zensical's own server watches them.
        dossier = [sys.executable, "-m", "dossier.cli", "build", "-p", str(folder)]
        subprocess.run(dossier + ["-q"], check=True, env=env)
        watch_log = open(WORK / f"watch-{n}.log", "w")
        helpers.append(subprocess.Popen(dossier + ["--watch"], cwd=folder, stdout=watch_log, stderr=subprocess.STDOUT, env=env))
        command = ["zensical", "serve", "-a", f"127.0.0.1:{port}", "-f", str(folder / "mkdocs-render.yml")]
        building = "files written"  # one line per dossier build
        log_path = WORK / f"watch-{n}.log"
        server_log = WORK / f"zensical-{n}.log"
    else:
        command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(folder / "mkdocs.yml")]
        if dirty:
            command.append("--dirty")  # only the pages whose content changed are rendered again
        building = "Building documentation"
        server_log = log_path
    with open(server_log, "w") as log:
        server = subprocess.Popen(command, cwd=folder, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        index = None
        while index is None:
            if server.poll() is not None:
                raise RuntimeError(server_log.read_text())
            time.sleep(1)
            index = _get(f"http://127.0.0.1:{port}/dossier.json")
        first_build = time.perf_counter() - started
        article = json.loads(index)["articles"][n // 2]
        source = folder / article["input"]
        url = f"http://127.0.0.1:{port}/{article['url']}"
        latencies = []
        rebuilds = []
        for i in range(edits):
            time.sleep(3)
            before = log_path.read_text().count(building)
            marker = f"Edited{i}marker"
            text = source.read_text(encoding="utf-8")
            body = text.split("---\n", 2)
            body[2] = re.sub(r"\b(\w{5,})\b", rf"\1 {marker}", body[2], count=1)
            t0 = time.perf_counter()
            source.write_text("---\n".join(body), encoding="utf-8")
            while marker not in (_get(url) or ""):
                time.sleep(0.2)
            latencies.append(time.perf_counter() - t0)
            time.sleep(5)  # a loop would show as further builds here
            rebuilds.append(log_path.read_text().count(building) - before)
    finally:
        for process in [server, *helpers]:
            process.terminate()
            process.wait(timeout=60)
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    mode = "" if zensical else ("serve --dirty | " if dirty else "serve | ")  # watch_latency.md has no mode column
    line = (f"| {when} | {n:,} | {mode}{first_build:.0f} | {statistics.median(latencies):.1f} "
            f"({', '.join(f'{x:.1f}' for x in latencies)}) | {', '.join(map(str, rebuilds))} | {machine_summary()} |")
    if zensical:
        if not WATCH_RESULTS.exists():
            WATCH_RESULTS.write_text(
                "# `dossier build --watch` with `zensical serve`: time until an edited article shows\n\n"
                "Produced by `python benchmarks/serve_latency.py N --zensical`. Latency: from writing the article\n"
                "file to Zensical's server showing the new text; dossier rebuilds in its running process and\n"
                "rewrites only the changed pages, Zensical renders what changed. First build: Zensical's, with\n"
                "the pages already written. Rebuilds: dossier builds counted after each edit (2 phases, no loop).\n\n"
                "| when | articles | first build s | latency s, median (each edit) | rebuilds per edit | Zensical | machine |\n"
                "| --- | ---: | ---: | --- | --- | --- | --- |\n", encoding="utf-8")
        version = subprocess.run(["zensical", "--version"], capture_output=True, text=True).stdout.strip()
        with open(WATCH_RESULTS, "a", encoding="utf-8") as out:
            out.write(line.rsplit(" | ", 1)[0] + f" | {version} | {machine_summary()} |\n")
        print(line)
        return
    if not RESULTS.exists():
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(
            "# `mkdocs serve`: time until an edited article shows\n\n"
            "Produced by `python benchmarks/serve_latency.py N`. Latency: from writing the article file to the\n"
            "served page showing the new text (MkDocs rebuilds the whole site; the dossier's per-article\n"
            "recognition comes from the cache). Rebuilds: builds counted after each edit (1 = no loop).\n\n"
            "| when | articles | command | first build s | latency s, median (each edit) | rebuilds per edit | machine |\n"
            "| --- | ---: | --- | ---: | --- | --- | --- |\n", encoding="utf-8")
    with open(RESULTS, "a", encoding="utf-8") as out:
        out.write(line + "\n")
    print(line)


if __name__ == "__main__":
    sizes = [a for a in sys.argv[1:] if not a.startswith("--")]
    edits = next((int(a.split("=", 1)[1]) for a in sys.argv[1:] if a.startswith("--edits=")), 3)
    main(int(sizes[0]) if sizes else 1000, edits=edits, zensical="--zensical" in sys.argv, dirty="--dirty" in sys.argv)
