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
    labels = [charts.label_of(i) for i in range(len(titles))]
    svg = charts.heatmap_svg(labels, titles, {(0, 1): 0.5}, "caption")
    svg += charts.timeline_svg([(labels[0], [("2020-11-09", "published", titles[0]), ("2020-10", "mention", titles[-1])])], "t")
    parser = _Tags()
    parser.feed(svg)
    assert parser.tags <= {"svg", "text", "rect", "title", "line", "circle"}
    shown = " ".join(parser.titles)
    for title in titles:
        visible = " ".join(title.translate({c: " " for c in range(32)}).replace("\x7f", " ").replace("\u2028", " ").replace("\u2029", " ").split())
        assert visible in shown
