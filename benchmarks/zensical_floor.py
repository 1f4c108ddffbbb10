"""What Zensical alone takes to show an edit, on the dossier's pages and on plain pages.

The Zensical path of issue #17 (`dossier build --watch` + `zensical serve`, an edit at 1,000
articles shown in under 3 s) is dossier's rebuild plus Zensical's. This measures Zensical's share
with no dossier process running: `zensical serve` on the pages `dossier build` wrote, and on the
same articles as plain Markdown pages (benchmarks/render.py's plain project), while the benchmark
itself edits a file in docs/ and polls the page until the edit shows. Three edits are timed:
- a generated article page of the dossier (the page an edit to its article rewrites);
- a new one-paragraph page that nothing links to, in the dossier's docs (what any edit costs);
- a plain article page in the plain project (Zensical on pages of the same text, no dossier).
For each: the median latency of the edits and the CPU seconds Zensical's processes used per edit.

    PATH=/path/to/zensical-venv/bin:$PATH python benchmarks/zensical_floor.py 1000
Results are appended to benchmarks/results/watch_latency.md with the date and the machine.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import summary as machine_summary  # noqa: E402
from render import plain_project  # noqa: E402
from scale import project  # noqa: E402
from serve_latency import WATCH_RESULTS, _get  # noqa: E402

LONE = "zensical-floor-lone.md"


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children still running (from /proc)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
        pending += [int(c) for c in children]
    return total


def _edit_times(folder: Path, config: str, page: str, edits: int) -> tuple[list[float], float]:
    """Latencies of `edits` edits of docs/<page> under `zensical serve`, and CPU s per edit."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    source = folder / "docs" / page
    original = source.read_text(encoding="utf-8")
    url = f"http://127.0.0.1:{port}/{page[:-3]}/"
    log = open(folder / "zensical-floor.log", "w")
    server = subprocess.Popen(["zensical", "serve", "-a", f"127.0.0.1:{port}", "-f", config], cwd=folder,
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        while _get(url) is None:
            if server.poll() is not None:
                raise RuntimeError((folder / "zensical-floor.log").read_text())
            time.sleep(1)
        time.sleep(5)  # let the first build's stragglers finish before counting CPU time
        cpu_before = _cpu_seconds(server.pid)
        latencies = []
        for i in range(edits):
            marker = f"Floor{i}marker"
            # The edit: a word added to the body, after the front matter.
            start = original.index("---\n", 4) + 4 if original.startswith("---\n") else 0
            edited = original[:start] + original[start:].replace(" the ", f" the {marker} ", 1)
            began = time.perf_counter()
            source.write_text(edited, encoding="utf-8")
            while marker not in (_get(url) or ""):
                time.sleep(0.05)
            latencies.append(time.perf_counter() - began)
            time.sleep(4)
        cpu = (_cpu_seconds(server.pid) - cpu_before) / edits
    finally:
        server.terminate()
        server.wait(timeout=60)
        source.write_text(original, encoding="utf-8")
    return latencies, cpu


def main(n: int, edits: int = 5) -> None:
    dossier = project(n, f"zensical-floor-{n}")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "dossier.cli", "build", "-p", str(dossier), "-q"], check=True, env=env)
    article = sorted((dossier / "docs" / "articles").glob("*.md"))[n // 2]
    article = article.relative_to(dossier / "docs").as_posix()
    (dossier / "docs" / LONE).write_text("---\ntitle: Lone\n---\n\n# Lone\n\nA page that the site never links to.\n",
                                         encoding="utf-8")
    plain = plain_project(dossier)
    plain_article = sorted((plain / "docs" / "articles").glob("*.md"))[n // 2].relative_to(plain / "docs").as_posix()
    rows = []
    try:
        for label, folder, config, page in (
                ("dossier: a generated article page", dossier, "mkdocs-render.yml", article),
                ("dossier: a new page nothing links to", dossier, "mkdocs-render.yml", LONE),
                ("plain: an article page", plain, "mkdocs.yml", plain_article)):
            latencies, cpu = _edit_times(folder, config, page, edits)
            rows.append((label, latencies, cpu))
            print(f"{label}: median {statistics.median(latencies):.2f} s, CPU {cpu:.1f} s per edit", flush=True)
    finally:
        (dossier / "docs" / LONE).unlink(missing_ok=True)
        shutil.rmtree(plain, ignore_errors=True)
    version = subprocess.run(["zensical", "--version"], capture_output=True, text=True).stdout.strip()
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    with open(WATCH_RESULTS, "a", encoding="utf-8") as out:
        out.write(f"\nZensical alone, no dossier process (`python benchmarks/zensical_floor.py {n}`), {when}, "
                  f"Zensical {version}, {machine_summary()}: time from writing a file in docs/ to the page "
                  f"showing it, median of {edits} edits (each), and CPU seconds of Zensical's processes per edit.\n\n"
                  "| edited file | latency s, median (each edit) | CPU s per edit |\n| --- | --- | ---: |\n")
        for label, latencies, cpu in rows:
            out.write(f"| {label} | {statistics.median(latencies):.2f} ({', '.join(f'{x:.2f}' for x in latencies)}) "
                      f"| {cpu:.1f} |\n")


if __name__ == "__main__":
    sizes = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(int(sizes[0]) if sizes else 1000)
