"""The graph page (`graph.md`): who appears with whom.

The most-mentioned shared entities (at most `TOP`) as circles sized by the number of articles
that name them, joined by a line when articles name two of them together (thicker: more
articles in common). A static SVG made at build time: no script draws it, nothing is fetched.
The layout is a force layout (Fruchterman and Reingold) started from a circle in a fixed order
and run a fixed number of steps, so the same dossier always gives the same picture.

A table under the picture lists the same entities with links (what a screen reader, the offline
copy and a keyboard use); `assets/dossier/dossier.js` makes the circles open those links too.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from ..model import Entity
from . import markup
from .inputs import EntityRef, SiteInputs
from .registry import page_kind
from .templating import TYPE_LABELS, render_template

GRAPH = "graph.md"
TOP = 30  # entities drawn
MAX_EDGES = 150  # the strongest links among them
WIDTH, HEIGHT, MARGIN = 760, 560, 70
STEPS = 300
COLOURS = {"person": "#2166ac", "organization": "#b2182b", "place": "#1b7837", "other": "#762a83"}


@dataclass(frozen=True)
class Node:
    entity: EntityRef
    articles: int
    x: float
    y: float
    r: float
    partners: tuple[tuple[str, int], ...]  # names it appears with most, articles in common


@dataclass(frozen=True)
class GraphPage:
    nodes: tuple[Node, ...]
    edges: tuple[tuple[int, int, int], ...]  # node index, node index, articles in common
    shared: int  # shared entities in the dossier (the page draws at most TOP)


def top_entities(shared: list[Entity], top: int = TOP) -> list[Entity]:
    return sorted(shared, key=lambda e: (-len(e.articles), -len(e.mentions), e.name.casefold(), e.id))[:top]


def co_occurrences(entities: list[Entity]) -> dict[tuple[int, int], int]:
    """(i, j) with i < j -> articles that name both (through an article -> entities index)."""
    by_article: dict[str, list[int]] = {}
    for i, entity in enumerate(entities):
        for article in set(entity.articles):
            by_article.setdefault(article, []).append(i)
    counts: Counter[tuple[int, int]] = Counter()
    for members in by_article.values():
        members.sort()
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                counts[(members[a], members[b])] += 1
    return dict(counts)


def layout(n: int, edges: list[tuple[int, int, int]], steps: int = STEPS) -> list[tuple[float, float]]:
    """Positions in the unit square: Fruchterman-Reingold from a circle, deterministic."""
    if n == 0:
        return []
    if n == 1:
        return [(0.5, 0.5)]
    pos = [[0.5 + 0.4 * math.cos(2 * math.pi * i / n), 0.5 + 0.4 * math.sin(2 * math.pi * i / n)] for i in range(n)]
    k = math.sqrt(1.0 / n)
    heaviest = max((w for _, _, w in edges), default=1)
    temperature = 0.1
    for step in range(steps):
        moves = [[0.0, 0.0] for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
                distance = max(math.hypot(dx, dy), 1e-4)
                push = k * k / distance
                moves[i][0] += dx / distance * push
                moves[i][1] += dy / distance * push
                moves[j][0] -= dx / distance * push
                moves[j][1] -= dy / distance * push
        for i, j, weight in edges:
            dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
            distance = max(math.hypot(dx, dy), 1e-4)
            pull = distance * distance / k * (0.5 + weight / heaviest)
            moves[i][0] -= dx / distance * pull
            moves[i][1] -= dy / distance * pull
            moves[j][0] += dx / distance * pull
            moves[j][1] += dy / distance * pull
        for i in range(n):
            # A weak pull to the centre keeps entities that share nothing on the picture.
            moves[i][0] += (0.5 - pos[i][0]) * 0.05
            moves[i][1] += (0.5 - pos[i][1]) * 0.05
            length = max(math.hypot(*moves[i]), 1e-9)
            step_length = min(length, temperature)
            pos[i][0] += moves[i][0] / length * step_length
            pos[i][1] += moves[i][1] / length * step_length
        temperature = 0.1 * (1 - (step + 1) / steps) + 0.002
    xs, ys = [p[0] for p in pos], [p[1] for p in pos]
    span_x, span_y = max(max(xs) - min(xs), 1e-9), max(max(ys) - min(ys), 1e-9)
    return [((x - min(xs)) / span_x, (y - min(ys)) / span_y) for x, y in pos]


def graph_page(site: SiteInputs, top: int = TOP) -> GraphPage:
    entities = top_entities(site.shared, top)
    pairs = co_occurrences(entities)
    strongest = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))[:MAX_EDGES]
    edges = sorted((i, j, w) for (i, j), w in strongest)
    positions = layout(len(entities), edges)
    most = max((len(e.articles) for e in entities), default=1)
    partners: dict[int, list[tuple[int, int]]] = {}
    for (i, j), w in pairs.items():
        partners.setdefault(i, []).append((w, j))
        partners.setdefault(j, []).append((w, i))
    nodes = []
    for i, (entity, (x, y)) in enumerate(zip(entities, positions)):
        best = sorted(partners.get(i, []), key=lambda p: (-p[0], entities[p[1]].name.casefold()))[:3]
        nodes.append(Node(site.refs[entity.id], len(entity.articles),
                          round(MARGIN + x * (WIDTH - 2 * MARGIN), 1), round(MARGIN * 0.6 + y * (HEIGHT - 1.6 * MARGIN), 1),
                          round(8 + 18 * math.sqrt(len(entity.articles) / most), 1),
                          tuple((entities[j].name, w) for w, j in best)))
    return GraphPage(tuple(nodes), tuple(edges), len(site.shared))


def svg(page: GraphPage) -> str:
    """The picture: lines first, then circles with their names (escaped by `markup.text`)."""
    heaviest = max((w for _, _, w in page.edges), default=1)
    parts = [f'<svg class="dossier-graph" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="Who appears with whom: the {len(page.nodes)} '
             f'most-mentioned entities; the table below lists them">']
    for i, j, weight in page.edges:
        a, b = page.nodes[i], page.nodes[j]
        tip = f"{a.entity.name} and {b.entity.name}: {weight} article{'s' if weight != 1 else ''} in common"
        parts.append(f'<line x1="{a.x}" y1="{a.y}" x2="{b.x}" y2="{b.y}" stroke="#888" stroke-opacity="0.45" '
                     f'stroke-width="{1 + 5 * weight / heaviest:.1f}"><title>{_flat(tip)}</title></line>')
    for node in page.nodes:
        label = TYPE_LABELS.get(node.entity.type, "Entity")
        tip = f"{node.entity.name} · {label} · {node.articles} article{'s' if node.articles != 1 else ''}"
        colour = COLOURS.get(node.entity.type, COLOURS["other"])
        parts.append(f'<g class="dossier-graph-node" data-entity="{node.entity.id}"><title>{_flat(tip)}</title>'
                     f'<circle cx="{node.x}" cy="{node.y}" r="{node.r}" fill="{colour}" fill-opacity="0.8" stroke="#fff"/>'
                     f'<text x="{node.x}" y="{node.y + node.r + 12:.1f}" font-size="14" text-anchor="middle">'
                     f'{_flat(node.entity.name)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _flat(value: str) -> str:
    return " ".join(markup.text(value).split())


def render(page: GraphPage, memo: dict | None = None) -> str:
    return render_template("graph.md.j2", page=page, picture=svg(page) if page.nodes else "", colours=COLOURS,
                           type_labels=TYPE_LABELS)


# Deferred: after an edit under `mkdocs serve`, the picture of the whole dossier follows in the
# second phase of the rebuild (its layout takes a tenth of a second at 1,000 articles).
@page_kind("graph", order=45, render=render, deferred=True)
def _graph(site: SiteInputs, additions, made):
    yield GRAPH, graph_page(site)
