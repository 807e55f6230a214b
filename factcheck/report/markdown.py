"""The report for editors: what the outlets disagree on, in their own words, with links back.

An editor reads this on GitHub or in a plain-text viewer, so it uses pipe tables and no HTML,
and every word quoted from an article goes through `escape_markdown`: articles are untrusted
web text. Links point at the article file and line (GitHub's ``#L12`` anchor), relative to the
folder the report is written to, so they work in the repository and in a local checkout
wherever the story and `--out` are. An article of a JSON Lines pile has no file of its own: its
links point at its line of the pile.
The output is a pure function of the report: no timestamps, stable order.
"""

from __future__ import annotations

import posixpath
import unicodedata
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from factcheck.models import ArticleRef, Claim, Discrepancy, Fact, Report
from factcheck.plural import plural
from factcheck.report.common import (
    SEVERITY_ORDER,
    ReportIndex,
    display_terms,
    pile_record,
    sorted_claims,
    sorted_discrepancies,
)
from factcheck.report.escape import escape_markdown, unescape_markdown
from factcheck.report.quotes_section import quote_variants
from factcheck.report.waived import set_aside_section

# An evidence sentence longer than this is cut around the claim, so a table row stays readable.
MAX_EVIDENCE_CHARS = 320


def render_markdown(report: Report, *, report_path: Path | None = None) -> str:
    """The editor's report; links are relative to `report_path`'s folder, else to the working
    directory (a report on standard output)."""
    index = ReportIndex.of(report)
    base = _base_folder(report_path)
    discrepancies = sorted_discrepancies(report)
    anchors = _section_anchors(discrepancies)
    lines: list[str] = []
    lines += _title(report)
    lines += _outlets(report, base)
    lines += _counts(discrepancies)
    lines += _discrepancy_list(discrepancies, anchors)
    related = related_discrepancies(discrepancies)
    for number, discrepancy in enumerate(discrepancies, start=1):
        lines += _discrepancy_section(number, discrepancy, index, base)
        lines += _see_also(related[number - 1], discrepancies, anchors)
    lines += set_aside_section(report, index, lambda claim: _where(claim, index, base))
    lines += quote_variants(discrepancies, index, lambda claim: _where(claim, index, base))
    lines += _agreements(report, index)
    lines += _single_outlet(report, index, base)
    lines += _coverage(report, index)
    lines += _problems(report)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- links


def _base_folder(report_path: Path | None) -> str:
    if report_path is None:
        return "."
    return PurePosixPath(report_path.as_posix()).parent.as_posix()


def relative_link(target: str, base: str, line: int | None = None) -> str:
    """URL of `target` (a path relative to the cwd, or absolute) as seen from the folder
    `base` (relative to the cwd too; "." is the cwd itself).

    A root-relative "/inputs/story/a.txt" would resolve only on a forge and only when the
    working directory is the repository's root; "/../stories/x/a.txt" resolves nowhere. A
    relative path works in a checkout, on GitHub and GitLab, for any story and `--out`.
    Percent-encoding keeps a file name with spaces or parentheses from ending the link early.
    """
    if base == "." and posixpath.isabs(target):
        relative = posixpath.normpath(target)
    else:
        relative = posixpath.relpath(target, base)
    url = quote(relative, safe="/-._~")
    return f"{url}#L{line}" if line is not None else url


def _where(claim: Claim, index: ReportIndex, base: str) -> str:
    path = index.path_of(claim.article)
    if path is None:
        return escape_markdown(f"{claim.article}:{claim.line}")
    record = pile_record(path)
    if record is not None:
        # The claim's line counts lines of the article's text; in the pile it is all one line.
        pile, number = record
        label = escape_markdown(f"{PurePosixPath(pile).name}:{number}")
        return f"[{label}]({relative_link(pile, base, number)})"
    label = escape_markdown(f"{PurePosixPath(path).name}:{claim.line}")
    return f"[{label}]({relative_link(path, base, claim.line)})"


def _article_link(path: str, base: str) -> str:
    record = pile_record(path)
    if record is not None:
        pile, number = record
        label = escape_markdown(f"{PurePosixPath(pile).name}:{number}")
        return f"[{label}]({relative_link(pile, base, number)})"
    return f"[{escape_markdown(PurePosixPath(path).name)}]({relative_link(path, base)})"


# --------------------------------------------------------------------------- sections


def _title(report: Report) -> list[str]:
    story = report.story
    heading = escape_markdown(story.title) if story.title else escape_markdown(story.id)
    lines = [f"# Fact check: {heading}", ""]
    details = [f"Story: {escape_markdown(story.id)}"]
    if story.timezone:
        details.append(f"time zone: {escape_markdown(story.timezone)}")
    details.append(f"{plural(len(report.articles), 'article')}, "
                   f"{plural(len(report.claims), 'claim')}")
    lines += ["; ".join(details) + ".", ""]
    return lines


def _outlets(report: Report, base: str) -> list[str]:
    lines = ["## Outlets", ""]
    if not report.articles:
        return [*lines, "No article could be read.", ""]
    lines += ["| Article | Outlet | Published |", "| --- | --- | --- |"]
    for article in sorted(report.articles, key=lambda article: article.id):
        link = _article_link(article.path, base)
        outlet = escape_markdown(article.outlet) if article.outlet else "unknown"
        lines.append(f"| {link} | {outlet} | {_published(article)} |")
    return [*lines, ""]


def _published(article: ArticleRef) -> str:
    """The date, and where it was read when the metadata did not give it: a date inferred
    from the page must be seen to be one ("2014-03-04T18:02:00+00:00, from the article's
    stamp, line 3")."""
    value = article.published
    if value is None:
        return "unknown"
    shown = escape_markdown(value.isoformat())
    if article.published_from in ("stamp", "dateline"):
        kind = "published" if article.published_from == "stamp" else "dateline"
        source = next((stamp for stamp in article.stamps
                       if stamp.kind == kind and stamp.resolved == value), None)
        where = f", line {source.line}" if source is not None else ""
        shown += f", from the article's {article.published_from}{where}"
    return shown


def _counts(discrepancies: list[Discrepancy]) -> list[str]:
    lines = ["## Discrepancies by severity", "", "| Severity | Discrepancies |", "| --- | --- |"]
    for severity in SEVERITY_ORDER:
        count = sum(1 for discrepancy in discrepancies if discrepancy.severity == severity)
        lines.append(f"| {severity} | {count} |")
    return [*lines, ""]


def _heading_text(number: int, discrepancy: Discrepancy) -> str:
    return f"{number}. {discrepancy.severity.capitalize()}, {discrepancy.verdict}: "


def _section_anchors(discrepancies: list[Discrepancy]) -> list[str]:
    """The anchors GitHub gives the section headings, so the list can link to them.

    GitHub slugs the rendered heading text: lower case, punctuation dropped, spaces to hyphens,
    and a "-1", "-2" suffix for repeats. Headings are rendered from escaped text, so the slug is
    computed from the text as shown (the escape undone).
    """
    seen: dict[str, int] = {}
    anchors: list[str] = []
    for number, discrepancy in enumerate(discrepancies, start=1):
        shown = "Discrepancy " + _heading_text(number, discrepancy) + _shown(discrepancy.title)
        slug = github_slug(shown)
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.append(slug if count == 0 else f"{slug}-{count}")
    return anchors


def _shown(text: str) -> str:
    """What a renderer shows for escaped text, for slugging."""
    return unescape_markdown(escape_markdown(text))


def github_slug(text: str) -> str:
    """GitHub's heading anchor (github-slugger): keep letters, marks, numbers, '-', '_', ' '."""
    kept = "".join(
        char
        for char in text.lower()
        if char in " -_" or unicodedata.category(char)[0] in {"L", "M", "N"}
    )
    return kept.replace(" ", "-")


def _discrepancy_list(discrepancies: list[Discrepancy], anchors: list[str]) -> list[str]:
    lines = ["## Discrepancies", ""]
    if not discrepancies:
        return [*lines, "The outlets do not contradict each other on any fact the rules check.", ""]
    for number, (discrepancy, anchor) in enumerate(
        zip(discrepancies, anchors, strict=True), start=1
    ):
        title = escape_markdown(discrepancy.title)
        label = f"{discrepancy.severity}, {discrepancy.verdict}: {title}"
        lines.append(f"{number}. [{label}](#{anchor})")
    return [*lines, ""]


def _discrepancy_section(
    number: int, discrepancy: Discrepancy, index: ReportIndex, base: str
) -> list[str]:
    heading = "Discrepancy " + _heading_text(number, discrepancy)
    lines = [f"### {heading}{escape_markdown(discrepancy.title)}", ""]
    lines += [
        f"Severity: {discrepancy.severity}; verdict: {discrepancy.verdict}; "
        f"rule: {escape_markdown(discrepancy.rule)}.",
        "",
        escape_markdown(discrepancy.summary),
        "",
    ]
    if discrepancy.explanation:
        lines += [escape_markdown(discrepancy.explanation), ""]
    lines += [
        "| Outlet | What it says, in its own words | Normalised value | Where |",
        "| --- | --- | --- | --- |",
    ]
    for position in discrepancy.positions:
        value = escape_markdown(position.value)
        claims = index.claims_of(position.claims)
        for claim in claims:
            outlet = escape_markdown(index.outlet_of(claim))
            quote_cell = evidence_with_claim(claim)
            lines.append(f"| {outlet} | {quote_cell} | {value} | {_where(claim, index, base)} |")
        if not claims:
            label = escape_markdown(position.label)
            lines.append(f"| {label} | (claims not in the report) | {value} | |")
    lines.append("")
    majority = majority_line(discrepancy, index)
    if majority:
        lines += [majority, ""]
    return lines


def related_discrepancies(discrepancies: list[Discrepancy]) -> list[list[int]]:
    """For each discrepancy, the (0-based) others that cite one of its claims.

    Rules look at different sides of one fact (the date of an arrival and its time of day), so
    one pair of wordings can stand in two findings; an editor should read them together rather
    than fix one and miss that the other is the same disagreement.
    """
    by_claim: dict[str, list[int]] = {}
    for number, discrepancy in enumerate(discrepancies):
        for claim_id in {c for position in discrepancy.positions for c in position.claims}:
            by_claim.setdefault(claim_id, []).append(number)
    related: list[set[int]] = [set() for _ in discrepancies]
    for numbers in by_claim.values():
        for number in numbers:
            related[number].update(other for other in numbers if other != number)
    return [sorted(others) for others in related]


def _see_also(
    others: list[int], discrepancies: list[Discrepancy], anchors: list[str]
) -> list[str]:
    if not others:
        return []
    links = [
        f"[Discrepancy {other + 1}](#{anchors[other]}) "
        f"({escape_markdown(discrepancies[other].rule)})"
        for other in others
    ]
    return [f"Cites some of the same claims as {', '.join(links)}.", ""]


def evidence_with_claim(claim: Claim) -> str:
    """The evidence sentence, escaped, with the claim's own words in bold.

    The claim is found in its sentence by text (the contract has no sentence offset); when the
    words are not there (a claim cleaned differently from its sentence) they are shown after it.
    """
    evidence, words = claim.evidence, claim.text.strip()
    at = evidence.find(words) if words else -1
    if at < 0:
        shown = escape_markdown(evidence).strip()
        return f"{shown} (**{escape_markdown(words)}**)" if words else shown
    before, after = evidence[:at], evidence[at + len(words):]
    before, after = _trim_context(before, after, len(words))
    left = escape_markdown(before).lstrip()
    right = escape_markdown(after).rstrip()
    bold = f"**{escape_markdown(words)}**"
    return f"{left}{bold}{right}".strip()


def _trim_context(before: str, after: str, claim_length: int) -> tuple[str, str]:
    room = max(MAX_EVIDENCE_CHARS - claim_length, 40)
    if len(before) + len(after) <= room:
        return before, after
    half = room // 2
    keep_before = max(half, room - len(after))
    keep_after = max(half, room - len(before))
    if len(before) > keep_before:
        before = "… " + before[len(before) - keep_before:].lstrip()
    if len(after) > keep_after:
        after = after[:keep_after].rstrip() + " …"
    return before, after


def majority_line(discrepancy: Discrepancy, index: ReportIndex) -> str | None:
    """"3 outlets say X; 1 says Y" when at least three outlets take part; it never says who is
    right, because being in the majority is not evidence of being correct."""
    counted: list[tuple[int, int, str]] = []
    everyone: set[str] = set()
    for order, position in enumerate(discrepancy.positions):
        outlets = index.outlets_of_claims(position.claims)
        everyone.update(outlets)
        if outlets:
            counted.append((len(outlets), order, position.value))
    if len(everyone) < 3 or len(counted) < 2:
        return None
    if all(count == 1 for count, _, _ in counted):
        # Every outlet alone with its value: the table already says all there is to say.
        return None
    counted.sort(key=lambda item: (-item[0], item[1]))
    parts = []
    for rank, (count, _, value) in enumerate(counted):
        noun = "outlet says" if count == 1 else "outlets say"
        verb = noun if rank == 0 else ("says" if count == 1 else "say")
        parts.append(f"{count} {verb} {escape_markdown(value)}")
    return "; ".join(parts) + "."


def _fact_what(fact: Fact, index: ReportIndex) -> str:
    terms = display_terms(fact.about, index.claims_of(fact.claims))
    what = ", ".join(terms) if terms else "unspecified"
    return f"{escape_markdown(what)} ({fact.kind})"


def _quoted_claims(claims: Iterable[Claim], index: ReportIndex) -> str:
    quoted = [
        f"“{escape_markdown(claim.text)}” ({escape_markdown(index.outlet_of(claim))})"
        for claim in sorted_claims(claims)
    ]
    return ", ".join(quoted)


def _agreements(report: Report, index: ReportIndex) -> list[str]:
    lines = ["## Facts the outlets agree on", ""]
    agreed = [
        fact for fact in report.facts
        if fact.verdict == "consistent" and len(index.fact_outlets(fact)) >= 2
    ]
    if not agreed:
        return [*lines, "None found.", ""]
    for fact in sorted(agreed, key=lambda fact: (-len(index.fact_outlets(fact)), fact.id)):
        outlets = index.fact_outlets(fact)
        claims = _quoted_claims(index.claims_of(fact.claims), index)
        agree = plural(len(outlets), "outlet")  # two or more: "agree" fits
        lines.append(f"- {_fact_what(fact, index)}: {agree} agree: {claims}")
    return [*lines, ""]


def _distinct_facts(report: Report) -> list[Fact]:
    """One fact per set of claims: two rules (a date rule, a time-of-day rule) may both have
    looked at the same claims, and an editor should read that fact once."""
    seen: set[tuple[str, ...]] = set()
    distinct = []
    for fact in sorted(report.facts, key=lambda fact: fact.id):
        key = tuple(sorted(fact.claims))
        if key not in seen:
            seen.add(key)
            distinct.append(fact)
    return distinct


def _single_outlet(report: Report, index: ReportIndex, base: str) -> list[str]:
    lines = ["## Reported by one outlet only", ""]
    single = [fact for fact in _distinct_facts(report) if len(index.fact_outlets(fact)) == 1]
    if not single:
        return [*lines, "None.", ""]
    for fact in sorted(single, key=lambda fact: (index.fact_outlets(fact)[0], fact.id)):
        claims = sorted_claims(index.claims_of(fact.claims))
        where = ", ".join(_where(claim, index, base) for claim in claims)
        quoted = _quoted_claims(claims, index)
        lines.append(f"- {_fact_what(fact, index)}: {quoted} — {where}")
    return [*lines, ""]


def _coverage(report: Report, index: ReportIndex) -> list[str]:
    lines = ["## Coverage", ""]
    if not report.facts:
        return [*lines, "No facts were aligned.", ""]
    outlets = list(dict.fromkeys(
        index.outlet_of_article(article.id)
        for article in sorted(report.articles, key=lambda article: article.id)
    ))
    for fact in report.facts:
        for outlet in index.fact_outlets(fact):
            if outlet not in outlets:
                outlets.append(outlet)
    header = " | ".join(escape_markdown(outlet) for outlet in outlets)
    lines += [f"| Fact | {header} |", "| --- |" + " :-: |" * len(outlets)]
    for fact in sorted(_distinct_facts(report), key=lambda fact: (fact.kind, fact.about, fact.id)):
        present = set(index.fact_outlets(fact))
        cells = " | ".join("✓" if outlet in present else " " for outlet in outlets)
        lines.append(f"| {_fact_what(fact, index)} | {cells} |")
    return [*lines, ""]


def _problems(report: Report) -> list[str]:
    lines = ["## Input problems", ""]
    if not report.problems:
        return [*lines, "None.", ""]
    problems = sorted(
        report.problems, key=lambda problem: (problem.file, problem.line or 0, problem.message)
    )
    for problem in problems:
        where = problem.file
        if problem.line is not None:
            where += f":{problem.line}"
            if problem.column is not None:
                where += f":{problem.column}"
        lines.append(
            f"- {escape_markdown(where)}: {problem.severity}: {escape_markdown(problem.message)}"
        )
    return [*lines, ""]
