"""Make a dossier of N articles from real news text, for scale benchmarks.

Each output article is a MEANTIME article (../shared/corpora/meantime, CC BY 4.0) with one
paragraph borrowed from another article of the same topic, so shared passages exist. Every
block of 120 articles is a "variant" in which the names from the gold annotations are renamed
consistently (Boeing → Taveron in variant 3, everywhere in that variant), so the number of
distinct entities grows with the dossier instead of staying at MEANTIME's few hundred.

    python benchmarks/make_corpus.py 1000 /tmp/corpus-1k
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MEANTIME = ROOT.parent / "shared" / "corpora" / "meantime"
_KEEP = {"The", "Inc", "Co", "Corp", "Company", "CEO", "Group", "International", "Airlines", "Motor", "Motors",
         "Stock", "Exchange", "Index", "Average", "Industrial", "Bank", "President", "Chief", "New", "North",
         "South", "East", "West", "United", "States", "Air", "Force"}
_SYLLABLES = ["ka", "ro", "ve", "lin", "tar", "mo", "sen", "du", "ri", "vak", "el", "zor", "pa", "nel", "ost",
              "bri", "gan", "tu", "mer", "sol", "ka", "dre", "lo", "vin", "har", "qu", "is", "ten"]


def _load_articles() -> list[dict]:
    articles = []
    for path in sorted((MEANTIME / "articles").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, header, body = text.split("---\n", 2)
        meta = yaml.safe_load(header)
        paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
        articles.append({"topic": path.parent.name, "title": meta["title"], "date": str(meta["date"]),
                         "paragraphs": paragraphs, "name": path.stem})
    return articles


def _name_tokens() -> list[str]:
    gold = json.loads((MEANTIME / "gold.json").read_text(encoding="utf-8"))
    tokens: set[str] = set()
    for chain in gold["chains"].values():
        for alias in chain["aliases"]:
            for token in re.findall(r"[A-Z][A-Za-z]{2,}", alias):
                if token not in _KEEP:
                    tokens.add(token)
    return sorted(tokens, key=len, reverse=True)


def _synthetic(token: str, variant: int) -> str:
    digest = hashlib.sha256(f"{token}/{variant}".encode()).digest()
    parts = [_SYLLABLES[b % len(_SYLLABLES)] for b in digest[: 2 + digest[5] % 2]]
    return "".join(parts).capitalize()


def make(n: int, out: Path, seed: int = 0) -> Path:
    articles = _load_articles()
    tokens = _name_tokens()
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, tokens)) + r")\b")
    by_topic: dict[str, list[dict]] = {}
    for article in articles:
        by_topic.setdefault(article["topic"], []).append(article)
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        base = articles[i % len(articles)]
        variant = i // len(articles)
        donor = rng.choice(by_topic[base["topic"]])
        paragraphs = list(base["paragraphs"])
        borrowed = rng.choice(donor["paragraphs"])
        paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), borrowed)
        rename = (lambda m: _synthetic(m.group(1), variant)) if variant else (lambda m: m.group(1))
        title = pattern.sub(rename, base["title"])
        body = pattern.sub(rename, "\n\n".join(paragraphs))
        year, month, day = (int(x) for x in base["date"].split("-"))
        date = f"{year + variant % 5:04d}-{month:02d}-{day:02d}"
        header = yaml.safe_dump({"title": title, "date": date, "source": f"Outlet {variant % 17}"},
                                allow_unicode=True, sort_keys=False)
        (out / f"{i:05d}_{base['topic']}_{base['name']}.md").write_text(f"---\n{header}---\n\n{body}\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    make(int(sys.argv[1]), Path(sys.argv[2]))
