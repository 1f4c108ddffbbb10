"""The comparison's SVG charts: no input text can form markup."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.site import charts


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.titles: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.titles.append(data)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=40), min_size=2, max_size=4))
def test_charts_never_let_input_text_form_markup(titles):
    # Rows are named by article labels (outlet and date): input text too.
    labels = [t[::-1] for t in titles]
    svg = charts.heatmap_svg(labels, titles, {(0, 1): 0.5}, "caption")
    svg += charts.timeline_svg([(labels[0], [("2020-11-09", "published", titles[0]), ("2020-10", "mention", titles[-1])])], "t")
    parser = _Tags()
    parser.feed(svg)
    assert parser.tags <= {"svg", "g", "text", "rect", "title", "line", "circle"}
    shown = " ".join(parser.titles)
    for title in titles:
        visible = " ".join(title.translate({c: " " for c in range(32)}).replace("\x7f", " ").replace("\u2028", " ").replace("\u2029", " ").split())
        assert visible in shown


def test_timeline_has_a_date_axis_scaled_by_date():
    import datetime as dt
    import re

    d = dt.date
    # ticks as the span needs them: days, weeks, months, years; the year where it changes
    assert [t for _, t in charts.date_ticks(d(2018, 4, 17), d(2018, 4, 20))] == ["17 Apr 2018", "18 Apr", "19 Apr", "20 Apr"]
    assert [t for _, t in charts.date_ticks(d(2020, 11, 9), d(2020, 12, 15))][:2] == ["09 Nov 2020", "16 Nov"]
    assert [t for _, t in charts.date_ticks(d(2018, 1, 3), d(2018, 9, 1))][0] == "Feb 2018"
    assert [t for _, t in charts.date_ticks(d(1950, 1, 1), d(2018, 5, 1))] == [str(y) for y in range(1950, 2011, 10)]
    svg = charts.timeline_svg([("Fox News, 2018-04-20", [("2018-04-20", "published", "p"), ("2018-04-10", "mention", "m")]),
                               ("HuffPost, 2018-04-30", [("2018-04-30", "published", "p")])], "t")
    xs = [float(x) for x in re.findall(r'<rect x="([\d.]+)" y="\d+" width="10"', svg)]
    mention = float(re.search(r'<circle cx="([\d.]+)"', svg).group(1))
    # publication squares centred 10 days apart as the mention is 10 days before the first
    assert abs((xs[1] - xs[0]) - ((xs[0] + 5) - mention)) < 0.2
    assert "Fox News, 2018&#45;04&#45;20" in svg and svg.count("<text") >= 2 + 3  # two rows, three weekly ticks


def test_heat_map_colour_is_one_scale_for_the_whole_chart():
    import re

    svg = charts.heatmap_svg(["a", "b", "c"], ["A", "B", "C"], {(0, 1): 0.2, (0, 2): 0.1, (1, 2): 0.05}, "c")
    fills = re.findall(r'fill="rgba\(33,102,172,([\d.]+)\)"', svg)
    # three cells below the diagonal; the largest value is the darkest, the others in proportion
    assert sorted(map(float, fills)) == sorted([0.93, round(0.08 + 0.85 * 0.5, 2), round(0.08 + 0.85 * 0.25, 2)])
