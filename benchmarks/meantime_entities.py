"""Benchmark the recognizer and resolver on the MEANTIME corpus (English Wikinews, gold.json).

All 120 articles are loaded with `dossier.readers.read_file` and resolved as ONE dossier
(min_articles=2). The 14 unannotated GM articles are processed but never scored. "Predictions"
are the mentions of the resolved entities (what the site would link), not the raw recognizer
output. Metrics:

* recall — gold mentions with `proper: true`, found with exactly the same span.
* dense precision — predictions that start in the title zone (the front-matter title) or before
  `documents[path].dense_until`; one is correct when its span equals the span of ANY gold mention
  of that article (proper or not), since only that zone is densely annotated.
* linking — gold chains whose proper-name mentions occur in >= 2 annotated articles. For chain c,
  A(c) is that set of articles. c is recovered when ONE shared entity has, in every article of
  A(c), a mention whose span equals a proper gold mention of c. Score = recovered / all such chains.
* purity — among shared entities with at least one mention whose span equals a gold mention
  (proper or not) in an annotated article, the share whose matched gold mentions all belong to one
  chain.
* speed — whitespace tokens of all 120 articles (title + headline/body paragraphs) divided by the
  median wall time (time.perf_counter, 7 runs) of recognize() on every article plus resolve(), in
  one process on one core. Gazetteers and word lists are loaded once before timing.

Run from the repository root:  python benchmarks/meantime_entities.py [--corpus PATH] [--runs N]
It prints the numbers and writes benchmarks/results/meantime_entities.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe as machine_describe  # noqa: E402
from dossier.recognize.gazetteer import load  # noqa: E402
from dossier.ids import provisional_article_ids  # noqa: E402
from dossier.readers import read_file  # noqa: E402
from dossier.recognize import recognize  # noqa: E402
from dossier.resolve import resolve  # noqa: E402
from dossier.resolve.keys import fold_spelling, name_key  # noqa: E402

TARGETS = {"recall": 0.90, "dense_precision": 0.732, "linking": 0.85, "purity": 0.95, "tokens_per_s": 100_000}


def load_corpus(corpus: Path):
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    paths = sorted((corpus / "articles").rglob("*.md"))
    articles = []
    for p in paths:
        loaded = read_file(p, ROOT)
        assert loaded.article is not None, loaded.problems
        articles.append(loaded.article)
    articles = provisional_article_ids(articles)
    rel = {}
    for a, p in zip(sorted(articles, key=lambda a: a.input), sorted(paths)):
        rel[a.id] = p.relative_to(corpus / "articles").as_posix()
    return gold, articles, rel


def run_once(articles):
    name_key.cache_clear()  # every run starts cold: no result is reused between runs
    fold_spelling.cache_clear()
    mentions = {a.id: recognize(a) for a in articles}
    return resolve(articles, mentions, None, min_articles=2)


def score(gold, articles, rel, entities):
    annotated = {p for p, d in gold["documents"].items() if d["annotated"]}
    by_path = {rel[a.id]: a for a in articles}
    gold_spans = defaultdict(dict)  # path -> (start, end) -> list of gold mentions
    for path, ms in gold["articles"].items():
        for m in ms:
            gold_spans[path].setdefault((m["start"], m["end"]), []).append(m)
    pred = defaultdict(set)  # path -> spans
    pred_entity = {}
    for e in entities:
        for m in e.mentions:
            path = rel[m.article]
            pred[path].add((m.start, m.end))
            pred_entity[(path, m.start, m.end)] = e
    # recall
    proper = [(p, m) for p, ms in gold["articles"].items() for m in ms if m["proper"]]
    found = sum(1 for p, m in proper if (m["start"], m["end"]) in pred[p])
    recall = found / len(proper)
    # dense precision
    dense_total = dense_ok = 0
    wrong = {"inside a longer gold mention": 0, "covering or crossing a gold mention": 0, "no gold mention there": 0}
    for path in annotated:
        a = by_path[path]
        ts = a.title_span or (-1, -1)
        limit = gold["documents"][path]["dense_until"]
        for s, e in pred[path]:
            if ts[0] <= s < ts[1] or s < limit:
                dense_total += 1
                if (s, e) in gold_spans[path]:
                    dense_ok += 1
                    continue
                overlapping = [g for g in gold_spans[path] if g[0] < e and s < g[1]]
                if not overlapping:
                    wrong["no gold mention there"] += 1
                elif any(g[0] <= s and e <= g[1] for g in overlapping):
                    wrong["inside a longer gold mention"] += 1
                else:
                    wrong["covering or crossing a gold mention"] += 1
    precision = dense_ok / dense_total if dense_total else 0.0
    # linking
    chain_articles = defaultdict(lambda: defaultdict(set))  # chain -> path -> spans
    for path, ms in gold["articles"].items():
        if path not in annotated:
            continue
        for m in ms:
            if m["proper"]:
                chain_articles[m["chain"]][path].add((m["start"], m["end"]))
    multi = {c: arts for c, arts in chain_articles.items() if len(arts) >= 2}
    recovered = []
    ties = []
    strict = 0
    for c, arts in multi.items():
        per_entity = defaultdict(set)
        hits = defaultdict(int)
        entity = {}
        for path, spans in arts.items():
            for s in spans:
                e = pred_entity.get((path, *s))
                if e is not None:
                    hits[e.id] += 1
                    entity[e.id] = e
                    per_entity[e.id].add(path)
        if not hits:
            continue
        best = min(hits, key=lambda x: (-hits[x], -len(per_entity[x]), x))
        if sum(1 for x in hits if hits[x] == hits[best] and len(per_entity[x]) == len(per_entity[best])) > 1:
            ties.append(gold["chains"][c]["name"])
        e = entity[best]
        if e.shared and set(arts) <= {rel[a] for a in e.articles}:
            recovered.append(c)
        if any(len(paths) == len(arts) and entity[x].shared for x, paths in per_entity.items()):
            strict += 1
    linking = len(recovered) / len(multi) if multi else 0.0
    # purity
    pure = impure = 0
    impure_examples = []
    for e in entities:
        if not e.shared:
            continue
        chains = set()
        for m in e.mentions:
            path = rel[m.article]
            if path not in annotated:
                continue
            for g in gold_spans[path].get((m.start, m.end), ()):
                chains.add(g["chain"])
        if not chains:
            continue
        if len(chains) == 1:
            pure += 1
        else:
            impure += 1
            impure_examples.append((e.name, sorted(gold["chains"][c]["name"] for c in chains)))
    purity = pure / (pure + impure) if pure + impure else 0.0
    missed_chains = sorted(gold["chains"][c]["name"] for c in multi if c not in recovered)
    return {
        "recall": recall, "recall_n": (found, len(proper)),
        "dense_precision": precision, "dense_n": (dense_ok, dense_total),
        "linking": linking, "linking_n": (len(recovered), len(multi)),
        "linking_strict": strict / len(multi) if multi else 0.0,
        "purity": purity, "purity_n": (pure, pure + impure),
        "impure": impure_examples, "missed_chains": missed_chains, "wrong": wrong,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "meantime")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "meantime_entities.md")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    gold, articles, rel = load_corpus(args.corpus)
    load()  # gazetteers and word lists, once
    tokens = 0
    for a in articles:
        tokens += a.words
        if a.title_span and not any(p.start <= a.title_span[0] < p.end for p in a.paragraphs):
            tokens += len(a.text[a.title_span[0]:a.title_span[1]].split())
    times = []
    cpu = []
    entities = None
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    for _ in range(max(1, args.runs)):
        t0, c0 = time.perf_counter(), time.process_time()
        entities = run_once(articles)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    median = statistics.median(times)
    cpu_median = statistics.median(cpu)
    s = score(gold, articles, rel, entities)
    speed = tokens / median
    shared = sum(1 for e in entities if e.shared)
    lines = [
        f"recall (proper, exact span)      {s['recall']:.3f}  ({s['recall_n'][0]}/{s['recall_n'][1]})  target >= {TARGETS['recall']}",
        f"dense-zone precision (exact)     {s['dense_precision']:.3f}  ({s['dense_n'][0]}/{s['dense_n'][1]})  target >= {TARGETS['dense_precision']}",
        f"cross-article linking            {s['linking']:.3f}  ({s['linking_n'][0]}/{s['linking_n'][1]})  target >= {TARGETS['linking']}",
        f"  (strict: exact span in every article: {s['linking_strict']:.3f})",
        f"purity of shared entities        {s['purity']:.3f}  ({s['purity_n'][0]}/{s['purity_n'][1]})  target >= {TARGETS['purity']}",
        f"speed                            {speed:,.0f} tokens/s  ({tokens:,} tokens, median {median * 1000:.0f} ms of {len(times)} runs)  target >= {TARGETS['tokens_per_s']:,}",
        f"  (CPU time of this process: median {cpu_median * 1000:.0f} ms = {tokens / cpu_median:,.0f} tokens/s; 1-min load average before: {load_before:.2f})",
        f"entities                         {len(entities)} ({shared} shared)",
    ]
    print("\n".join(lines))
    if args.verbose:
        print("impure:", s["impure"])
        print("missed chains:", s["missed_chains"])
    if not args.no_write:
        m = machine_describe()
        ok = lambda v, t: "met" if v >= t else "**not met**"  # noqa: E731
        doc = f"""# MEANTIME entity benchmark

Produced by `python benchmarks/meantime_entities.py` on {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC.
Machine: {m['nproc']} CPUs (`nproc`), {m['cpu']}, Python {m['python']}.

Corpus: `../shared/corpora/meantime` (120 Wikinews articles, `gold.json`), resolved as one dossier
with `min_articles=2`; the 14 unannotated GM articles are processed but not scored.
Predictions are the mentions of the resolved entities (what the site links).

| Metric | Value | Target | |
|---|---|---|---|
| Proper-name mention recall (exact span) | {s['recall']:.3f} ({s['recall_n'][0]}/{s['recall_n'][1]}) | >= {TARGETS['recall']} | {ok(s['recall'], TARGETS['recall'])} |
| Dense-zone exact-span precision | {s['dense_precision']:.3f} ({s['dense_n'][0]}/{s['dense_n'][1]}) | >= {TARGETS['dense_precision']} | {ok(s['dense_precision'], TARGETS['dense_precision'])} |
| Cross-article linking | {s['linking']:.3f} ({s['linking_n'][0]}/{s['linking_n'][1]}) | >= {TARGETS['linking']} | {ok(s['linking'], TARGETS['linking'])} |
| Purity of shared entities | {s['purity']:.3f} ({s['purity_n'][0]}/{s['purity_n'][1]}) | >= {TARGETS['purity']} | {ok(s['purity'], TARGETS['purity'])} |
| Speed, recognition + resolution, one core | {speed:,.0f} tokens/s | >= {TARGETS['tokens_per_s']:,} | {ok(speed, TARGETS['tokens_per_s'])} |

Speed detail: wall-clock runs {', '.join(f'{t * 1000:.0f}' for t in times)} ms; CPU time of the process
(`time.process_time`) median {cpu_median * 1000:.0f} ms, i.e. {tokens / cpu_median:,.0f} tokens/s. The machine is shared
with other jobs (1-minute load average {load_before:.2f} before the runs), so wall-clock time includes
waiting for a core; the CPU time is what recognition and resolution cost.

Entities: {len(entities)}, of which {shared} shared by two or more articles.

## Definitions

* **Recall**: gold mentions with `proper: true` (1,215) whose exact span (start, end) is the span
  of a predicted mention.
* **Dense-zone precision**: predicted mentions that start inside the front-matter title or before
  `documents[path].dense_until`, in the 106 annotated articles; a prediction is correct when its
  span equals the span of any gold mention of that article (proper or not). For comparison,
  spaCy `en_core_web_sm` scores 0.582 here.
* **Linking**: for each gold chain with proper-name mentions in two or more annotated articles
  (A = those articles), the chain's entity is the predicted entity with the most mentions whose
  span equals one of the chain's proper gold mentions (ties: the one whose matches are in more
  articles of A, then the smallest id). The chain is recovered
  when that entity is shared and its articles include every article of A. A stricter variant,
  reported for information ({s['linking_strict']:.3f}): some shared entity has, in every article
  of A, a mention whose span equals one of the chain's proper gold mentions there.
* **Purity**: among shared entities with at least one mention whose span equals a gold mention in
  an annotated article, the share whose matched gold mentions all belong to one gold chain.
* **Speed**: whitespace tokens of the title and headline/body paragraphs of all 120 articles
  ({tokens:,}), divided by the median wall time (`time.perf_counter`, {len(times)} runs) of
  `recognize()` on every article plus `resolve()` on all of them, in one process. Loading the
  gazetteers and word lists (once per process) is not timed.

## Where dense-zone precision is lost

Wrong predictions in the dense zone, by how they meet the gold:
{chr(10).join(f'* {k}: {v}' for k, v in s['wrong'].items())}

Most wrong predictions are names inside a longer gold mention: MEANTIME annotates noun phrases
("its iPod portable music players", "Apple CEO Steve Jobs", "Mobile, Alabama", "the S&P 500
index") and does not annotate the name inside them. The recognizer keeps such names (a reader wants
"iPod" linked in "its iPod range") and leaves titles out of person names, as the brief asks.
Dropping every name that modifies a following noun would raise this precision to about 0.75 but
lose about 120 proper-name mentions of recall, so it is not done. Predictions with no gold mention
are mostly events (WWDC, Paris Air Show), which MEANTIME does not annotate, and airlines in
articles where the annotators missed them.

## Left to judge

Shared entities whose gold-matched mentions span several chains:
{chr(10).join(f'* {name}: {", ".join(chains)}' for name, chains in s['impure']) or '* none'}

Chains not recovered ({len(s['missed_chains'])}): {', '.join(s['missed_chains'])}.
"""
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(doc, encoding="utf-8")
        print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
