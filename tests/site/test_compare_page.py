"""The comparison page: input text stays inert, and the page builds with MkDocs --strict."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace

from dossier import compare
from dossier.site import compare_page, descriptor_tables
from dossier.site.html import Urls


def test_page_escapes_input_and_builds_strict(seed_dossier, tmp_path):
    articles, entities, _, _ = seed_dossier
    hostile = '<script>alert(1)</script> *x* [y](z) {: #id }'
    articles = [replace(articles[0], title=hostile)] + articles[1:]
    c = compare.compare(articles, entities)
    page = compare_page.render_compare_page(c, articles, entities)
    # Link titles are attributes that the Markdown renderer escapes; everywhere else the text
    # itself must be inert.
    outside_titles = re.sub(r' "[^"]*"\)', ")", page)
    assert "<script" not in outside_titles and "[y](z)" not in outside_titles
    assert "Vijay" in page and "Serbia" in page
    docs = tmp_path / "docs"
    (docs / "articles").mkdir(parents=True)
    (docs / "entities").mkdir()
    (docs / "index.md").write_text("# Dossier\n")
    (docs / "compare.md").write_text(page)
    for a in articles:
        (docs / "articles" / f"{a.id}.md").write_text("# Article\n")
    for e in entities:
        if e.shared:
            (docs / "entities" / f"{e.id}.md").write_text("# Entity\n\n" + descriptor_tables.render_descriptors(c, e.id, f"entities/{e.id}.md", Urls()))
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme: {name: material}\n"
        "markdown_extensions: [attr_list, md_in_html, admonition, pymdownx.details, tables]\n"
    )
    # The Python running the tests, not whatever `mkdocs` is on PATH: the README's test command
    # does not put the virtual environment's bin/ on PATH, and this test must not skip there.
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=tmp_path,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "site" / "compare" / "index.html").read_text()
    # Shown as text: in the page, or as HTML-escaped text in a link title (Material's tooltips
    # insert titles as HTML, so the browser must read `&lt;script&gt;` there).
    import html as html_module

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html or "&lt;script&gt;alert" in html_module.unescape(html)
    assert html.count("<svg") >= 2 and "dossier-collation" in html
