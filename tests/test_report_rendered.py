"""The seed report rendered as GitHub/GitLab would (CommonMark plus GFM tables).

Escaping tests show that article text cannot become markup; this shows the whole document
renders the way an editor will see it: every table keeps its columns, every link goes to an
input line, and no raw HTML survives.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

REPORT = Path(__file__).resolve().parent.parent / "reports" / "putin-kim-2024" / "report.md"


def render() -> str:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(
        REPORT.read_text(encoding="utf-8")
    )


def test_tables_keep_their_columns() -> None:
    html = render()
    tables = re.findall(r"<table>(.*?)</table>", html, re.DOTALL)
    assert len(tables) >= 5
    for table in tables:
        header = len(re.findall(r"<th[ >]", table.split("</thead>")[0]))
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("</thead>")[1], re.DOTALL):
            assert len(re.findall(r"<td[ >]", row)) == header, row[:200]


def test_no_raw_html_and_links_point_at_input_lines() -> None:
    html = render()
    tags = set(re.findall(r"</?([a-z0-9]+)", html))
    assert tags <= {
        "h1", "h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td", "a", "strong",
        "em", "ul", "ol", "li", "s", "code", "blockquote",
    }, tags
    links = re.findall(r'<a href="([^"]+)"', html)
    inputs = [link for link in links if link.startswith("../../inputs/")]
    anchors = [link for link in links if link.startswith("#")]
    assert inputs and all(re.search(r"\.txt(#L\d+)?$", link) for link in inputs)
    assert len(inputs) + len(anchors) == len(links)
    for link in inputs:  # relative to the report's folder, each reaches its article
        assert (REPORT.parent / link.split("#")[0]).is_file(), link
    for anchor in anchors:
        assert f'id="{anchor[1:]}"' in html or anchor[1:] in _heading_slugs(html), anchor


def _heading_slugs(html: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens."""
    slugs = set()
    for heading in re.findall(r"<h[1-3]>(.*?)</h[1-3]>", html):
        text = re.sub(r"<[^>]+>", "", heading)
        text = re.sub(r"&[a-z]+;|&#\d+;", "", text).lower()
        slugs.add(re.sub(r"[^\w\- ]", "", text).replace(" ", "-"))
    return slugs
