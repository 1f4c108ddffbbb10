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
    """An article's number on a chart's columns (1, 2…): the rows carry its full label."""
    return str(index + 1)


def shorten(value: str, limit: int = 34) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def shade(value: float, hue: str = "33,102,172") -> str:
    """A fill for a value in 0..1, from faint to strong blue: never quite transparent, so that
    a cell with a small value still shows."""
    value = max(0.0, min(1.0, value))
    return f"rgba({hue},{0.08 + 0.85 * value:.2f})"


def heatmap_svg(labels: list[str], titles: list[str], values: dict[tuple[int, int], float], caption: str) -> str:
    """A triangular heat map (the values are symmetric); `values[(i, j)]` in 0..1. Each row is
    named by its article's label (outlet and date, escaped), numbered, with the article's title in
    its tooltip; the columns by the same numbers.

    The colour is on one scale for the whole chart: the largest value of the chart is the
    darkest, so two cells compare by colour anywhere in it; the printed numbers are absolute."""
    n = len(labels)
    cell, top_margin = 28, 22
    names = [f"{i + 1} · {shorten(lab)}" for i, lab in enumerate(labels)]
    left = 12 + 6 * max((len(x) for x in names), default=4)
    top = max([v for (i, j), v in values.items() if i != j] + [1e-9])
    width, height = left + max(n - 1, 1) * cell + 4, top_margin + n * cell + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{markup.text(caption)}" style="max-width:100%;height:auto">'
    ]
    parts.append('<g font-size="10" text-anchor="middle">')
    for j in range(n - 1):
        parts.append(f'<text x="{left + j * cell + cell // 2}" y="{top_margin - 8}">{j + 1}</text>')
    parts.append('</g><g font-size="10" text-anchor="end">')
    for i in range(n):
        y = top_margin + i * cell
        parts.append(f'<text x="{left - 6}" y="{y + cell // 2 + 4}">{flat(names[i])}<title>{flat(titles[i])}</title></text>')
    parts.append("</g>")
    cells, numbers = [], []
    for i in range(n):
        y = top_margin + i * cell
        for j in range(i):
            v = values.get((i, j), values.get((j, i), 0.0))
            x = left + j * cell
            cells.append(f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="{shade(v / top)}"/>')
            if v >= 0.005:
                light = ' fill="#fff"' if v / top > 0.55 else ""
                numbers.append(f'<text x="{x + (cell - 2) // 2}" y="{y + cell // 2 + 3}"{light}>{round(v * 100)}</text>')
    parts += cells
    parts.append('<g font-size="10" text-anchor="middle" fill="#222">' + "".join(numbers) + "</g></svg>")
    return "".join(parts)


def date_span(value: str) -> tuple[dt.date, dt.date] | None:
    """The days a value "YYYY-MM-DD" or "YYYY-MM" covers; None for what a chart cannot place
    (a year, a week, a malformed value)."""
    try:
        if len(value) == 10:
            d = dt.date.fromisoformat(value)
        elif len(value) == 7:
            first = dt.date.fromisoformat(value + "-01")
            nxt = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            d, last = first, nxt - dt.timedelta(days=1)
        else:
            return None
    except (ValueError, OverflowError):  # malformed, or December 9999: past the calendar's end
        return None
    # A chart needs a day of room on each side, and tick steps up to a year: the calendar's
    # first and last years (0001, 9999) are left to the table.
    if not 2 <= d.year <= 9998:
        return None
    return (d, d) if len(value) == 10 else (d, last)


def _next_month(d: dt.date, months: int = 1) -> dt.date:
    month = d.month - 1 + months
    return dt.date(d.year + month // 12, month % 12 + 1, 1)


def date_ticks(lo: dt.date, hi: dt.date, most: int = 9) -> list[tuple[dt.date, str]]:
    """Ticks of a date axis from `lo` to `hi`: days, weeks, months, quarters or years, whichever
    gives at most `most` ticks, each with its label."""
    days = (hi - lo).days
    for step in (1, 2, 7, 14):
        if days // step + 1 <= most:
            first = lo if step < 7 else lo + dt.timedelta(days=(7 - lo.weekday()) % 7)  # weeks start on Monday
            ticks = [first + dt.timedelta(days=k) for k in range(0, days - (first - lo).days + 1, step)]
            # the year on the first tick and wherever it changes
            return [(d, f"{d:%d %b %Y}" if n == 0 or d.year != ticks[n - 1].year else f"{d:%d %b}")
                    for n, d in enumerate(ticks)]
    for months in (1, 2, 3, 6):
        ticks = []
        m = _next_month(lo) if lo.day > 1 else lo
        m = dt.date(m.year, m.month, 1)
        while (m.month - 1) % months:
            m = _next_month(m)
        while m <= hi:
            ticks.append((m, f"{m:%b %Y}"))
            m = _next_month(m, months)
        if len(ticks) <= most:
            return ticks
    step = 1
    while (hi.year - lo.year) // step + 1 > most:
        step *= 2 if str(step)[0] != "2" else 2.5
        step = int(step)
    years = [y for y in range(lo.year + 1 if (lo.month, lo.day) != (1, 1) else lo.year, hi.year + 1) if y % step == 0]
    return [(dt.date(y, 1, 1), str(y)) for y in years]


def timeline_svg(rows: list[tuple[str, list[tuple[str, str, str]]]], caption: str) -> str:
    """One line per row (an article, named by its label); ■ its publication date, ● a day it
    mentions, ▬ a month it mentions, on a date axis with ticks (days, weeks, months or years,
    as the span needs).

    `rows` is [(label, [(value, kind, tooltip)])], value "YYYY-MM-DD" or "YYYY-MM"; years and
    weeks are too coarse to place and stay in the table.
    """
    placed = []
    for label, points in rows:
        merged: dict[tuple, list[str]] = {}  # one mark per day (or month) and kind, its words together
        for v, kind, tip in points:
            span = date_span(v)
            if span:
                merged.setdefault((span, kind), []).append(tip)
        if merged:
            placed.append((label, [(span, kind, "; ".join(tips[:3]) + (f" (+{len(tips) - 3})" if len(tips) > 3 else ""))
                                   for (span, kind), tips in merged.items()]))
    if not placed:
        return ""
    lo = min(p[0][0] for _, points in placed for p in points)
    hi = max(p[0][1] for _, points in placed for p in points)
    if (hi - lo).days < 2:
        lo, hi = lo - dt.timedelta(days=1), hi + dt.timedelta(days=1)
    days = max((hi - lo).days, 1)
    names = [shorten(label) for label, _ in placed]
    left = 14 + 6 * max(len(x) for x in names)
    width, row, axis = 560, 20, 34
    height = axis + row * len(placed) + 6

    def x(d) -> float:
        return left + (d - lo).days / days * width

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 30}" height="{height}" viewBox="0 0 {left + width + 30} {height}" role="img" aria-label="{markup.text(caption)}" style="max-width:100%;height:auto">']
    parts.append(f'<line x1="{left}" y1="{axis - 8}" x2="{left + width}" y2="{axis - 8}" stroke="#999"/>')
    for tick, text in date_ticks(lo, hi):
        if lo <= tick <= hi:
            parts.append(f'<line x1="{x(tick):.1f}" y1="{axis - 12}" x2="{x(tick):.1f}" y2="{height}" stroke="#e4e4e4"/>')
            parts.append(f'<text x="{x(tick):.1f}" y="{axis - 16}" font-size="9" text-anchor="middle">{text}</text>')
    for r, ((label, points), name) in enumerate(zip(placed, names)):
        y = axis + 6 + r * row
        parts.append(f'<text x="{left - 6}" y="{y + 4}" font-size="10" text-anchor="end">{flat(name)}<title>{flat(label)}</title></text>')
        parts.append(f'<line x1="{left}" y1="{y}" x2="{left + width}" y2="{y}" stroke="#f0f0f0"/>')
        for (a, b), kind, tip in points:
            title = f"<title>{flat(tip)}</title>"
            if kind == "published":
                parts.append(f'<rect x="{x(a) - 5:.1f}" y="{y - 5}" width="10" height="10" fill="#b2182b">{title}</rect>')
            elif kind == "span":
                parts.append(f'<rect x="{x(a):.1f}" y="{y - 3}" width="{max(x(b) - x(a), 3):.1f}" height="6" fill="#92c5de">{title}</rect>')
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
