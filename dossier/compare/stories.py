"""Stories: which articles of a dossier report the same story.

A dossier may hold several stories. Two articles report the same story when they share the
words that are rare in the dossier, above all in the part of an article that states its story:
news copy puts the story in the headline and the lead (the first paragraphs, the "inverted
pyramid"), and the background further down (the people every story of a beat names, "President
Trump", "the White House") is shared by stories that are not the same.

So each article is read twice, as a whole and as its headline and lead, each a vector of its
content words weighted by how rare they are in general English (wordfreq's Zipf frequency: "Pompeo"
and "Punggye-ri" say which story an article tells, "said" and "government" do not). A word that
only one article of the dossier uses relates it to no other: it counts in the vector's length but
cannot be shared. Two articles' similarity is the mean of the two cosines, so it does not depend
on the size of the dossier: the same threshold holds for four articles and for a thousand.
Articles are grouped by average linkage: the two groups whose articles are, on average, most
similar are joined until no two groups are similar enough (`STORY_THRESHOLD`). Average linkage
does not chain: one shared actor or one shared background paragraph does not join two stories, as
a single strong pair would in single linkage. Dates are not used to split: a story is followed
over weeks (the seeds run from November to December), and two stories happen on one day.

The user corrects the grouping in `stories.yml` in the input folder (`story_file`): a listed story
keeps its articles, two listed stories are never joined, and other articles may still join a
listed story unless it is `closed`.

Only pairs that share one of their most weighty words are scored (an inverted index), so a large
dossier does not cost the square of its articles.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

from ..model import Article
from ..slugs import slugify

STORY_THRESHOLD = 0.27  # average similarity (0..1) from which two groups of articles are one story
INDEX_TERMS = 30  # an article is looked up by its weightiest words, in each reading
CANDIDATES = 30  # and scored against the articles that share most of them
ALL_PAIRS_UP_TO = 200  # articles: up to this many, every pair is scored


@dataclass(frozen=True)
class ArticleLabel:
    """How pages name an article: its outlet and date ("Fox News, 2018-04-20")."""

    article: str
    label: str  # unique in the dossier
    outlet: str | None  # the source, or the host of its URL; None when unknown
    date: str | None


@dataclass(frozen=True)
class Story:
    id: str  # stable slug: the user's, or made from the title
    title: str
    articles: tuple[str, ...]  # by date (undated last), then id
    outlets: tuple[str, ...]  # the outlets that cover it, sorted
    first_date: str | None
    last_date: str | None
    source: str  # automatic | stories.yml
    cohesion: float  # mean similarity of its articles' pairs (1.0 for one article)


@dataclass(frozen=True)
class StoryOverride:
    """One story as the user lists it in stories.yml."""

    articles: tuple[str, ...]  # article ids
    id: str | None = None
    title: str | None = None
    closed: bool = False  # no other article may join it
    line: int | None = None


class Stories(NamedTuple):
    stories: tuple[Story, ...]
    story_of: dict[str, str]  # article id → story id


def article_labels(articles: list[Article]) -> tuple[ArticleLabel, ...]:
    """Each article's label: outlet and date, unique in the dossier (a second article of one
    outlet on one day is "Fox News, 2018-04-20 (2)")."""
    labels: list[ArticleLabel] = []
    seen: Counter[str] = Counter()
    for a in sorted(articles, key=lambda a: (a.date or "9999", a.id)):
        outlet = outlet_of(a)
        name = outlet or _short_title(a.title)
        label = f"{name}, {a.date}" if a.date else f"{name}, undated"
        seen[label] += 1
        if seen[label] > 1:
            label = f"{label} ({seen[label]})"
        labels.append(ArticleLabel(a.id, label, outlet, a.date))
    order = {a.id: n for n, a in enumerate(articles)}
    return tuple(sorted(labels, key=lambda x: order[x.article]))


def outlet_of(article: Article) -> str | None:
    if article.source and article.source.strip():
        return " ".join(article.source.split())
    url = article.meta.get("url") if isinstance(article.meta, dict) else None
    if isinstance(url, str):
        host = urlsplit(url).hostname or ""
        host = host.removeprefix("www.")
        if host:
            return host
    return None


def _short_title(title: str, words: int = 5) -> str:
    parts = title.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def group(articles: list[Article], bags: dict[str, Counter[str]], leads: dict[str, Counter[str]],
          zipf: dict[str, float], overrides: tuple[StoryOverride, ...] = ()) -> Stories:
    """The dossier's stories (see the module docstring). `bags` and `leads`: each article's
    content words, as a whole and in its headline and lead; `zipf`: each word's frequency in
    general English (`reading`)."""
    ids = [a.id for a in articles]
    if not ids:
        return Stories((), {})
    sims = _similarities(ids, bags, leads, zipf)
    clusters = _average_linkage(ids, sims, overrides)
    by_id = {a.id: a for a in articles}
    stories = [_story(members, sims, by_id, override) for members, override in clusters]
    stories = _with_unique_ids(stories)
    stories.sort(key=lambda s: (s.first_date or "9999", s.last_date or "9999", s.id))
    story_of = {a: s.id for s in stories for a in s.articles}
    return Stories(tuple(stories), story_of)


# --- similarity -------------------------------------------------------------------------------------------------


def _vectors(ids: list[str], bags: dict[str, Counter[str]], zipf: dict[str, float]) -> dict[str, dict[str, float]]:
    """Each article's words weighted by how rare they are in English, unit length. The words
    of a single article count in the length but are left out of the vector: they relate it to
    nothing, and an article whose rare words no other article shares is like none."""
    df: Counter[str] = Counter()
    for a in ids:
        df.update(bags.get(a, {}).keys())
    out = {}
    for a in ids:
        vec = {w: (1 + math.log(c)) * _rarity(zipf.get(w)) for w, c in bags.get(a, {}).items() if c > 0}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out[a] = {w: v / norm for w, v in vec.items() if df[w] >= 2}
    return out


def _rarity(zipf: float | None) -> float:
    """A word's weight: the rarer in English, the more it says which story an article tells
    ("Pompeo" 5.5, "nuclear" 3, "said" 0.5). Zipf 7.5 is about "the"."""
    return max(0.5, 7.5 - (zipf if zipf is not None else 3.0))


def _cosine(u: dict[str, float], v: dict[str, float]) -> float:
    if len(u) > len(v):
        u, v = v, u
    return sum(x * v[w] for w, x in u.items() if w in v)


def _similarities(ids: list[str], bags, leads, zipf) -> dict[tuple[str, str], float]:
    """The similarity of the article pairs worth scoring, keyed (a, b) with a < b."""
    whole, lead = _vectors(ids, bags, zipf), _vectors(ids, leads, zipf)
    if len(ids) <= ALL_PAIRS_UP_TO:
        pairs = {(a, b) if a < b else (b, a) for i, a in enumerate(ids) for b in ids[i + 1 :]}
    else:
        pairs = _candidates(ids, whole) | _candidates(ids, lead)
    sims = {}
    for a, b in pairs:
        s = 0.5 * _cosine(whole[a], whole[b]) + 0.5 * _cosine(lead[a], lead[b])
        if s > 0:
            sims[(a, b)] = s
    return sims


def _candidates(ids: list[str], vectors: dict[str, dict[str, float]]) -> set[tuple[str, str]]:
    """For each article, the `CANDIDATES` articles that share most of its weightiest words."""
    postings: dict[str, list[str]] = defaultdict(list)
    tops = {}
    for a in ids:
        tops[a] = sorted(vectors[a], key=lambda w: (-vectors[a][w], w))[:INDEX_TERMS]
        for w in tops[a]:
            postings[w].append(a)
    limit = max(50, int(math.sqrt(len(ids)) * 4))  # a word in very many tops is background, not a story
    pairs: set[tuple[str, str]] = set()
    for a in ids:
        votes: Counter[str] = Counter()
        for w in tops[a]:
            members = postings[w]
            if len(members) <= limit:
                votes.update(members)
        votes.pop(a, None)
        for b, _ in votes.most_common(CANDIDATES):
            pairs.add((a, b) if a < b else (b, a))
    return pairs


# --- average linkage --------------------------------------------------------------------------------------------


def _average_linkage(ids: list[str], sims: dict[tuple[str, str], float],
                     overrides: tuple[StoryOverride, ...]) -> list[tuple[list[str], StoryOverride | None]]:
    """Groups of articles, joined by average linkage over the scored pairs (an unscored pair
    counts 0), starting from the user's stories."""
    cluster_of: dict[str, int] = {}
    members: dict[int, list[str]] = {}
    pinned: dict[int, StoryOverride] = {}
    known = set(ids)
    for n, o in enumerate(overrides):
        arts = [a for a in o.articles if a in known and a not in cluster_of]
        if not arts:
            continue
        for a in arts:
            cluster_of[a] = n
        members[n] = arts
        pinned[n] = o
    next_id = len(overrides)
    for a in ids:
        if a not in cluster_of:
            cluster_of[a] = next_id
            members[next_id] = [a]
            next_id += 1
    # summed similarity between clusters
    total: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), s in sims.items():
        x, y = cluster_of[a], cluster_of[b]
        if x != y:
            total[x][y] = total[x].get(y, 0.0) + s
            total[y][x] = total[y].get(x, 0.0) + s
    heap: list[tuple[float, int, int]] = []

    def mergeable(x: int, y: int) -> bool:
        if x in pinned and y in pinned:
            return False
        return not (x in pinned and pinned[x].closed or y in pinned and pinned[y].closed)

    def push(x: int, y: int) -> None:
        if mergeable(x, y):
            avg = total[x][y] / (len(members[x]) * len(members[y]))
            if avg >= STORY_THRESHOLD:
                heapq.heappush(heap, (-avg, min(x, y), max(x, y)))

    for x in list(total):
        for y in total[x]:
            if x < y:
                push(x, y)
    while heap:
        neg, x, y = heapq.heappop(heap)
        if x not in members or y not in members or y not in total[x]:
            continue
        current = total[x][y] / (len(members[x]) * len(members[y]))
        if abs(current + neg) > 1e-12:
            continue  # stale: one of the two grew since
        # join y into x (a pinned cluster keeps its number)
        if y in pinned and x not in pinned:
            x, y = y, x
        members[x].extend(members.pop(y))
        for z, s in total.pop(y).items():
            total[z].pop(y, None)
            if z == x:
                continue
            total[x][z] = total[x].get(z, 0.0) + s
            total[z][x] = total[x][z]
        total[x].pop(x, None)
        for z in total[x]:
            push(x, z)
    order = {a: n for n, a in enumerate(ids)}
    return [(sorted(m, key=order.__getitem__), pinned.get(k)) for k, m in members.items()]


# --- the story records ------------------------------------------------------------------------------------------


def _story(arts: list[str], sims: dict[tuple[str, str], float], by_id: dict[str, Article],
           override: StoryOverride | None) -> Story:
    def sim(a: str, b: str) -> float:
        return sims.get((a, b) if a < b else (b, a), 0.0)

    ordered = sorted(arts, key=lambda a: (by_id[a].date or "9999", a))
    pairs = [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]
    cohesion = sum(sim(a, b) for a, b in pairs) / len(pairs) if pairs else 1.0
    dates = sorted(by_id[a].date for a in ordered if by_id[a].date)
    outlets = sorted({o for o in (outlet_of(by_id[a]) for a in ordered) if o})
    title = override.title if override and override.title else _central_title(ordered, sim, by_id)
    return Story(
        id=(override.id if override and override.id else ""),
        title=title,
        articles=tuple(ordered),
        outlets=tuple(outlets),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        source="stories.yml" if override else "automatic",
        cohesion=round(cohesion, 3),
    )


def _central_title(arts: list[str], sim, by_id: dict[str, Article]) -> str:
    """The headline of the article most like the others (a headline the input gives, when one does)."""
    def centrality(a: str) -> float:
        return sum(sim(a, b) for b in arts if b != a)

    ranked = sorted(arts, key=lambda a: (by_id[a].title_derived, -centrality(a), by_id[a].date or "9999", a))
    return " ".join(by_id[ranked[0]].title.split())


def _with_unique_ids(stories: list[Story]) -> list[Story]:
    taken: set[str] = {s.id for s in stories if s.id}
    out = []
    for s in sorted(stories, key=lambda s: (s.first_date or "9999", s.articles[0])):
        if s.id:
            out.append(s)
            continue
        base = "story-" + (slugify(s.title, max_length=48) or "untitled")
        sid, n = base, 2
        while sid in taken:
            sid, n = f"{base}-{n}", n + 1
        taken.add(sid)
        out.append(Story(sid, s.title, s.articles, s.outlets, s.first_date, s.last_date, s.source, s.cohesion))
    return out
