"""How the comparison stage's time grows with the size of a dossier.

Synthetic dossiers are built in memory by recombining the paragraphs of the 120 MEANTIME
articles (../shared/corpora/meantime): each synthetic article takes 6–14 paragraphs from random
articles, and a quarter of the paragraphs are "spun" (a random tenth of their words dropped),
so the index meets verbatim copies, near copies and unrelated text as a real dossier would.
Entities are the gold chains' proper-name aliases, found by exact string match.

Usage: python benchmarks/compare_scaling.py [--sizes 1000,3000,10000] [--write]

It prints the time of `compare.compare` per size and the exponent k of time ∝ n^k fitted by
least squares on log–log; k close to 1 means linear growth. The fit uses the process's CPU
time, which other work on a shared machine disturbs less than wall-clock time. --write stores the table in
benchmarks/results/compare_scaling.md with the date and the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import summary as machine_summary  # noqa: E402
from dossier import compare  # noqa: E402
from dossier.readers import read_file  # noqa: E402
from dossier.model import BODY, HEADLINE, Article, Entity, Mention, Paragraph  # noqa: E402

MEANTIME = ROOT.parent / "shared" / "corpora" / "meantime"


def source_paragraphs() -> list[str]:
    out = []
    for path in sorted((MEANTIME / "articles").rglob("*.md")):
        a = read_file(path, ROOT).article
        out.extend(a.text[p.start : p.end] for p in a.body_paragraphs())
    return out


def name_pattern() -> re.Pattern:
    gold = json.loads((MEANTIME / "gold.json").read_text(encoding="utf-8"))
    names = {}
    for chain_id, chain in gold["chains"].items():
        if len(chain["articles"]) >= 2:
            for alias in chain["aliases"]:
                if len(alias) > 2:
                    names.setdefault(alias, chain_id)
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b"), names


def synthetic(n: int, paragraphs: list[str], seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        chosen = []
        for _ in range(rng.randint(6, 14)):
            text = rng.choice(paragraphs)
            if rng.random() < 0.25:
                words = text.split()
                text = " ".join(w for w in words if rng.random() > 0.1) or text
            chosen.append(text)
        title = f"Synthetic article {i}"
        text = title + "\n\n" + "\n\n".join(chosen)
        paras = [Paragraph(1, 0, len(title), HEADLINE)]
        pos = len(title) + 2
        for k, chunk in enumerate(chosen, 2):
            paras.append(Paragraph(k, pos, pos + len(chunk), BODY))
            pos += len(chunk) + 2
        date = (dt.date(2007, 1, 1) + dt.timedelta(days=rng.randint(0, 1500))).isoformat() if rng.random() < 0.9 else None
        articles.append(Article(f"syn-{i:05d}", f"synthetic/{i}.txt", text, title, False, date, "Synthetic", tuple(paras), title_span=(0, len(title))))
    return articles


def entities_for(articles: list[Article], pattern: re.Pattern, names: dict[str, str]) -> list[Entity]:
    mentions: dict[str, list[Mention]] = {}
    for a in articles:
        for p in a.content_paragraphs():
            for m in pattern.finditer(a.text, p.start, p.end):
                mentions.setdefault(names[m.group()], []).append(Mention(a.id, m.start(), m.end(), m.group()))
    out = []
    for chain, ms in sorted(mentions.items()):
        ms.sort(key=lambda m: (m.article, m.start))
        out.append(Entity(chain.lower(), ms[0].text, "other", (), tuple(ms), shared=len({m.article for m in ms}) >= 2))
    return out


def fit_exponent(points: list[tuple[int, float]]) -> float:
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000,10000")
    parser.add_argument("--write", action="store_true", help="store the results in benchmarks/results")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    paragraphs = source_paragraphs()
    pattern, names = name_pattern()
    # Warm-up: word lists, the country table and the word caches load once per process; that
    # cost must not land on the first size measured.
    warm = synthetic(100, paragraphs, seed=1)
    compare.compare(warm, entities_for(warm, pattern, names))
    rows = []
    for n in sizes:
        articles = synthetic(n, paragraphs)
        entities = entities_for(articles, pattern, names)
        sentences = sum(len(compare.reading.sentences(a)) for a in articles)
        started, cpu_started = time.perf_counter(), time.process_time()
        result = compare.compare(articles, entities)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        rows.append((n, cpu, sentences, len(result.passages), len(result.quote_groups), len(entities), elapsed))
        print(f"{n:>6} articles  {sentences:>7} sentences  compare {elapsed:7.2f} s wall, {cpu:7.2f} s CPU  "
              f"({len(result.passages)} shared passages, {len(result.quote_groups)} quotation groups)", flush=True)
    k = fit_exponent([(n, t) for n, t, *_ in rows]) if len(rows) > 1 else float("nan")
    print(f"fitted exponent: time ∝ n^{k:.2f}")
    steps = [
        f"{a[0]:,}→{b[0]:,}: n^{math.log(b[1] / a[1]) / math.log(b[0] / a[0]):.2f}" for a, b in zip(rows, rows[1:])
    ]
    if steps:
        print("between sizes: " + ", ".join(steps))
    if args.write:
        out = ROOT / "benchmarks" / "results" / "compare_scaling.md"
        out.parent.mkdir(parents=True, exist_ok=True)
        # Each run is appended, so that the file keeps the history of measurements.
        previous = out.read_text(encoding="utf-8").rstrip() + "\n\n" if out.exists() else "# Comparison stage: time against dossier size\n\n"
        lines = [
            f"## Run of {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC",
            "",
            f"Machine: {machine_summary()}; load average before the run {os.getloadavg()[0]:.1f}.",
            "Command: `python benchmarks/compare_scaling.py --sizes " + args.sizes + " --write`.",
            "Synthetic dossiers recombine MEANTIME paragraphs (a quarter of them spun); see the script's docstring.",
            "The machine was shared with other work while this ran, so single timings are noisy.",
            "",
            "| Articles | Sentences | `compare.compare` CPU (s) | wall (s) | Shared passages | Quotation groups | Entities |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        lines += [f"| {n:,} | {s:,} | {t:.2f} | {w:.2f} | {p:,} | {g:,} | {e:,} |" for n, t, s, p, g, e, w in rows]
        lines += ["", f"Fitted exponent of CPU time (least squares on log–log): time ∝ n^{k:.2f}. Between sizes: {', '.join(steps)}.", ""]
        out.write_text(previous + "\n".join(lines), encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
