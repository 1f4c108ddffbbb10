"""The comparison's charts: inline SVG with inline styles, no scripts, no CDN.

Every piece of input text that reaches a chart goes through `markup.text`, inside SVG too: it
turns all ASCII punctuation into numeric character references, which HTML and SVG display
literally, so no input can open a tag, an attribute or a Markdown construct.
"""

from __future__ import annotations

import datetime as dt

from . import markup


def flat(value: str) -> str:
    """Escaped text on one line: table cells and HTML blocks must not break."""
    return " ".join(markup.text(value).split())


def label_of(index: int) -> str:
    """An article's short label on the comparison page and its charts: A1, A2…"""
    return f"A{index + 1}"


def shade(value: float, hue: str = "33,102,172") -> str:
    """A fill for a value in 0..1, from faint to strong blue: never quite transparent, so that
    a cell with a small value still shows."""
    value = max(0.0, min(1.0, value))
    return f"rgba({hue},{0.08 + 0.85 * value:.2f})"


def heatmap_svg(labels: list[str], titles: list[str], values: dict[tuple[int, int], float], caption: str) -> str:
    """A square heat map; `values[(i, j)]` in 0..1. Labels are A1, A2…; titles only in tooltips."""
    n = len(labels)
    cell, margin = 34, 40
    # Shade relative to the largest value, so that a dossier of loosely related articles still
    # shows which pairs are closest; the printed numbers keep the absolute values.
    top = max([v for (i, j), v in values.items() if i != j] + [1e-9])
    size = margin + n * cell + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}" role="img" aria-label="{markup.text(caption)}" style="max-width:100%;height:auto">'
    ]
    for i, lab in enumerate(labels):
        x = margin + i * cell + cell / 2
        parts.append(f'<text x="{x:.0f}" y="{margin - 8}" font-size="10" text-anchor="middle">{lab}</text>')
        parts.append(f'<text x="{margin - 6}" y="{margin + i * cell + cell / 2 + 4:.0f}" font-size="10" text-anchor="end">{lab}</text>')
    for i in range(n):
        for j in range(n):
            v = 1.0 if i == j else values.get((i, j), values.get((j, i), 0.0))
            fill = "#cccccc" if i == j else shade(v / top)
            tip = f"{titles[i]} / {titles[j]}: {v:.2f}" if i != j else titles[i]
            parts.append(
                f'<rect x="{margin + j * cell}" y="{margin + i * cell}" width="{cell - 2}" height="{cell - 2}" fill="{fill}">'
                f"<title>{flat(tip)}</title></rect>"
            )
            if i != j and v >= 0.005:
                parts.append(
                    f'<text x="{margin + j * cell + (cell - 2) / 2:.0f}" y="{margin + i * cell + cell / 2 + 3:.0f}" font-size="10" text-anchor="middle" fill="{"#fff" if v / top > 0.55 else "#222"}">{round(v * 100)}</text>'
                )
    parts.append("</svg>")
    return "".join(parts)


def timeline_svg(rows: list[tuple[str, list[tuple[str, str, str]]]], caption: str) -> str:
    """One line per article; ■ its publication date, ● a day it mentions, ▬ a month it mentions.

    `rows` is [(label, [(value, kind, tooltip)])], value "YYYY-MM-DD" or "YYYY-MM"; years and
    weeks are too coarse to place and stay in the table.
    """

    def span(value: str) -> tuple[dt.date, dt.date] | None:
        try:
            if len(value) == 10:
                d = dt.date.fromisoformat(value)
                return d, d
            if len(value) == 7:
                first = dt.date.fromisoformat(value + "-01")
                nxt = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
                return first, nxt - dt.timedelta(days=1)
        except ValueError:
            return None
        return None

    placed = [(label, [(span(v), kind, tip) for v, kind, tip in points]) for label, points in rows]
    placed = [(label, [p for p in points if p[0]]) for label, points in placed]
    placed = [(label, points) for label, points in placed if points]
    if not placed:
        return ""
    lo = min(p[0][0] for _, points in placed for p in points)
    hi = max(p[0][1] for _, points in placed for p in points)
    days = max((hi - lo).days, 1)
    left, width, row = 44, 640, 22
    height = 30 + row * len(placed)

    def x(d) -> float:
        return left + (d - lo).days / days * width

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 20}" height="{height}" viewBox="0 0 {left + width + 20} {height}" role="img" aria-label="{markup.text(caption)}" style="max-width:100%;height:auto">']
    month = dt.date(lo.year, lo.month, 1)
    months = []
    while month <= hi:
        months.append(month)
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    step = max(1, len(months) // 8)
    for m in months[::step]:
        if m >= lo:
            parts.append(f'<line x1="{x(m):.1f}" y1="14" x2="{x(m):.1f}" y2="{height}" stroke="#ddd"/>')
            parts.append(f'<text x="{x(m):.1f}" y="11" font-size="9" text-anchor="middle">{m:%Y-%m}</text>')
    for r, (label, points) in enumerate(placed):
        y = 30 + r * row
        parts.append(f'<text x="{left - 6}" y="{y + 4}" font-size="10" text-anchor="end">{label}</text>')
        parts.append(f'<line x1="{left}" y1="{y}" x2="{left + width}" y2="{y}" stroke="#eee"/>')
        for (a, b), kind, tip in points:
            title = f"<title>{flat(tip)}</title>"
            if kind == "published":
                parts.append(f'<rect x="{x(a) - 5:.1f}" y="{y - 5}" width="10" height="10" fill="#b2182b">{title}</rect>')
            elif a == b:
                parts.append(f'<circle cx="{x(a):.1f}" cy="{y}" r="4" fill="#2166ac" fill-opacity="0.8">{title}</circle>')
            else:
                parts.append(f'<rect x="{x(a):.1f}" y="{y - 2}" width="{max(x(b) - x(a), 2):.1f}" height="4" fill="#67a9cf">{title}</rect>')
    parts.append("</svg>")
    return "".join(parts)


def bar(value: float, width: int = 80) -> str:
    """A small inline bar for a share, 0..1."""
    w = round(max(0.0, min(1.0, value)) * width)
    return (
        f'<span style="display:inline-block;width:{width}px;height:0.7em;background:#eee;vertical-align:middle">'
        f'<span style="display:inline-block;width:{w}px;height:0.7em;background:#2166ac"></span></span>'
    )
