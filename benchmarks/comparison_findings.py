"""Precision of the comparison's findings against findings judged by hand, and the story grouping.

Two dossiers are built as a user would build them (reading, the built-in recognizer, resolution,
then `compare.compare`), each in a temporary project folder so that nothing is written here:

* NewsWCL50 (../shared/corpora/newswcl50/articles): 10 events × 5 outlets, as ONE dossier;
* the four seed articles (seeds/), one story.

Every finding is identified by its input file (`newswcl50/<event>/<outlet>.md` or
`seeds/<file>`), the character offsets of its anchor in that file and its kind. The labels in
benchmarks/labels/comparison.yml give, for findings judged by hand against the texts, whether
the finding is right and why (one line; no article text beyond a few words of identification:
the NewsWCL50 texts belong to their publishers). A label matches the finding of its file and
kind whose anchor it overlaps most (at least half of the shorter span), so a small change in how
a span is cut does not orphan a judgement.

Printed: precision per kind for the findings marked in the article text and for all findings,
the number of findings no label judges (they must be judged before a result is reported: run
with --unjudged to list them with their context), labels that match no finding any more, and
the adjusted Rand index of the story grouping against NewsWCL50's 10 events (the seeds must be
one story). --write stores the table in benchmarks/results/comparison_findings.md with the date
and the machine.

Usage: python benchmarks/comparison_findings.py [--unjudged] [--write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from math import comb
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import summary as machine_summary  # noqa: E402
from dossier import build, compare, readers, yamlsafe  # noqa: E402
from dossier.config import Config  # noqa: E402

NEWSWCL50 = ROOT.parent / "shared" / "corpora" / "newswcl50" / "articles"
SEEDS = ROOT / "seeds"
LABELS = ROOT / "benchmarks" / "labels" / "comparison.yml"
RESULTS = ROOT / "benchmarks" / "results" / "comparison_findings.md"
TARGETS = {"marked": 0.90, "overall": 0.75, "ari": 0.95}
CORPORA = {"newswcl50": NEWSWCL50, "seeds": SEEDS}


def build_dossier(input_dir: Path):
    """Articles, entities and comparison of a folder, built as `dossier build` would, in a
    temporary project (so that no id registry or cache is written into this repository)."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Config(project_root=Path(tmp), input_dir=input_dir, docs_dir=Path(tmp) / "docs", cache=False)
        _, articles, registry, _ = readers.load_project(config)
        mentions = build.recognize_all(articles, config)
        entities, _ = build.resolve_entities(config, articles, mentions, registry)
        stories, _ = compare.load_stories(input_dir, config.project_root, articles)
        return articles, entities, compare.compare(articles, entities, stories=stories)


def file_name(corpus: str, input_dir: Path, article) -> str:
    path = Path(article.input)
    if not path.is_absolute():
        path = (input_dir.parent / path) if not (input_dir / path).exists() else input_dir / path
    try:
        rel = path.resolve().relative_to(input_dir.resolve()).as_posix()
    except ValueError:
        rel = path.name
    return f"{corpus}/{rel}"


def collect():
    """Every finding of both dossiers, as (file, start, end, kind, finding, article), and the stories."""
    rows = []
    stories = {}
    texts = {}
    for corpus, folder in CORPORA.items():
        articles, _, comparison = build_dossier(folder)
        name = {a.id: file_name(corpus, folder, a) for a in articles}
        for a in articles:
            texts[name[a.id]] = a
        for f in comparison.findings:
            rows.append((name[f.article], f.start, f.end, f.kind, f, name.get(f.other_article)))
        stories[corpus] = (articles, comparison, name)
    return rows, stories, texts


def load_labels() -> list[dict]:
    if not LABELS.is_file():
        return []
    data = yamlsafe.load(LABELS.read_text(encoding="utf-8"), limits=yamlsafe.Limits(max_bytes=8 << 20)) or []
    return [x for x in data if isinstance(x, dict)]


def match(rows, labels):
    """label index → row index: each label to the finding of its file and kind it overlaps most."""
    by_key = defaultdict(list)
    for i, (file, start, end, kind, _, _) in enumerate(rows):
        by_key[(file, kind)].append(i)
    taken: dict[int, int] = {}
    matched: dict[int, int] = {}
    # exact spans first, then the best overlaps
    order = sorted(range(len(labels)), key=lambda k: 0 if any(
        rows[i][1] == labels[k]["start"] and rows[i][2] == labels[k]["end"] for i in by_key.get((labels[k]["file"], labels[k]["kind"]), ())) else 1)
    for k in order:
        lab = labels[k]
        best, best_score = None, 0.0
        for i in by_key.get((lab["file"], lab["kind"]), ()):
            if i in taken:
                continue
            s, e = rows[i][1], rows[i][2]
            overlap = min(e, lab["end"]) - max(s, lab["start"])
            shorter = min(e - s, lab["end"] - lab["start"]) or 1
            score = overlap / shorter + (1.0 if (s, e) == (lab["start"], lab["end"]) else 0.0)
            if overlap > 0 and overlap >= 0.5 * shorter and score > best_score:
                best, best_score = i, score
        if best is not None:
            taken[best] = k
            matched[k] = best
    return matched


def ari(truth: list[str], predicted: list[str]) -> float:
    n = len(truth)
    contingency = Counter(zip(truth, predicted))
    a, b = Counter(truth), Counter(predicted)
    index = sum(comb(v, 2) for v in contingency.values())
    sa, sb = sum(comb(v, 2) for v in a.values()), sum(comb(v, 2) for v in b.values())
    expected = sa * sb / comb(n, 2)
    maximum = (sa + sb) / 2
    return (index - expected) / (maximum - expected) if maximum != expected else 1.0


def precision_table(rows, labels, matched):
    verdict = {matched[k]: bool(labels[k].get("correct")) for k in matched}
    table = defaultdict(lambda: {"marked": [0, 0], "all": [0, 0]})
    for i, (_, _, _, kind, f, _) in enumerate(rows):
        if i not in verdict:
            continue
        for scope in ("all",) + (("marked",) if f.level == "marked" else ()):
            table[kind][scope][1] += 1
            table[kind][scope][0] += verdict[i]
            table["(overall)"][scope][1] += 1
            table["(overall)"][scope][0] += verdict[i]
    return table


def _p(pair) -> str:
    right, total = pair
    return f"{right / total:.2f} ({right}/{total})" if total else "–"


def context(article, start: int, end: int, width: int = 160) -> str:
    text = article.text
    return " ".join((text[max(0, start - width) : start] + "⟦" + text[start:end] + "⟧" + text[end : end + width]).split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--unjudged", action="store_true", help="list the findings no label judges, with context")
    parser.add_argument("--write", action="store_true", help="store the table in benchmarks/results/")
    args = parser.parse_args()

    rows, stories, texts = collect()
    labels = load_labels()
    matched = match(rows, labels)
    judged = set(matched.values())
    table = precision_table(rows, labels, matched)
    levels = Counter(f.level for *_, f, _ in rows)
    kinds = Counter(k for _, _, _, k, _, _ in rows)

    articles, comparison, name = stories["newswcl50"]
    truth = [name[a.id].split("/")[1] for a in articles]
    predicted = [comparison.story_of[a.id] for a in articles]
    score = ari(truth, predicted)
    seed_stories = len(stories["seeds"][1].stories)

    lines = ["| Kind | Marked in the text | All findings | Findings (marked / review / info) |", "|---|---:|---:|---:|"]
    for kind in sorted(k for k in table if k != "(overall)") + ["(overall)"]:
        per_level = Counter(f.level for _, _, _, k, f, _ in rows if k == kind or kind == "(overall)")
        lines.append(f"| {kind} | {_p(table[kind]['marked'])} | {_p(table[kind]['all'])} | "
                     f"{per_level['marked']} / {per_level['review']} / {per_level['info']} |")
    unjudged = [i for i in range(len(rows)) if i not in judged]
    stale = [labels[k] for k in range(len(labels)) if k not in matched]
    summary = [
        f"Findings: {len(rows)} ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}); "
        f"levels: {levels['marked']} marked, {levels['review']} review, {levels['info']} info.",
        f"Judged by hand: {len(judged)} findings ({len(labels)} labels; {len(stale)} labels match no finding any more). "
        f"Unjudged findings: {len(unjudged)}.",
        f"Targets: marked ≥ {TARGETS['marked']}, overall ≥ {TARGETS['overall']}.",
        f"Story grouping, NewsWCL50 as one dossier: {len(comparison.stories)} stories, adjusted Rand index "
        f"{score:.3f} against the 10 events (target ≥ {TARGETS['ari']}); the seeds: {seed_stories} "
        f"stor{'y' if seed_stories == 1 else 'ies'} (one expected).",
    ]
    print("\n".join(lines))
    print()
    print("\n".join(summary))
    if args.unjudged:
        for i in unjudged:
            file, start, end, kind, f, other = rows[i]
            print(f"\n- file: {file}\n  start: {start}\n  end: {end}\n  kind: {kind}\n  # level {f.level}, confidence {f.confidence}, "
                  f"reasons {', '.join(f.reasons)}; other: {other} {f.other_start}-{f.other_end}")
            print(f"  # HERE : {context(texts[file], start, end)}")
            if other and f.other_start is not None:
                print(f"  # OTHER: {context(texts[other], f.other_start, f.other_end)}")
        for lab in stale:
            print(f"\nstale label: {lab}")
    if args.write:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        head = "# Comparison findings: precision against hand-judged labels, and story grouping\n"
        old = RESULTS.read_text(encoding="utf-8") if RESULTS.is_file() else head
        run = (f"\n## Run of {now}\n\nCode as of commit {commit} (plus uncommitted changes, if any). "
               f"Machine: {machine_summary()}.\nCommand: `python benchmarks/comparison_findings.py --write`. "
               f"Labels: `benchmarks/labels/comparison.yml`.\n\n" + "\n".join(lines) + "\n\n" + "\n".join(f"- {x}" for x in summary) + "\n")
        RESULTS.write_text(old.rstrip("\n") + "\n" + run, encoding="utf-8")
        print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
