"""Report writers: one module per output format, all rendering the same `Report`.

`render` turns a report into the text of one format and `write_reports` writes rendered texts
atomically under their standard file names. Rendering is pure; only `write_reports` does I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from factcheck.models import Report
from factcheck.report.escape import escape_markdown
from factcheck.report.github import render_github
from factcheck.report.json_report import render_json
from factcheck.report.markdown import render_markdown
from factcheck.report.sarif import RuleInfo, render_sarif, rule_infos
from factcheck.report.write import FILE_NAMES, write_files, write_reports

FORMATS: tuple[str, ...] = ("md", "json", "sarif", "github")

__all__ = [
    "FILE_NAMES",
    "FORMATS",
    "RuleInfo",
    "escape_markdown",
    "render",
    "render_github",
    "render_json",
    "render_markdown",
    "render_sarif",
    "rule_infos",
    "write_files",
    "write_reports",
]


def render(
    report: Report,
    fmt: str,
    *,
    rules: object = None,
    report_path: Path | None = None,
    out_dir: Path | None = None,
    originals: Mapping[str, str] | None = None,
    max_annotations: int = 10,
) -> str:
    """Text of one format for one report.

    `rules` is a sequence of `RuleInfo` or the rules engine's rule set (see `rule_infos`); only
    SARIF uses it. Markdown links are relative to `report_path`'s folder, else to `out_dir`
    (where `write_reports` will put `report.md`), else to the working directory.
    """
    if fmt == "md":
        if report_path is None and out_dir is not None:
            report_path = out_dir / FILE_NAMES["md"]
        return render_markdown(report, report_path=report_path)
    if fmt == "json":
        return render_json(report)
    if fmt == "sarif":
        return render_sarif([report], rules, originals=originals)
    if fmt == "github":
        return render_github(report, max_annotations=max_annotations)
    raise ValueError(f"unknown report format {fmt!r}; choose from {', '.join(FORMATS)}")
