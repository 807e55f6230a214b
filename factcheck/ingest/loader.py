"""A story folder to a `Story`: every article that can be read, and a `Problem` for each that can't.

One unreadable article (missing, binary, a symlink leading out of the folder) must never cost
the others: it becomes a `Problem` on the story and loading goes on. Only a broken manifest is
fatal for the story, because every article's dates hang on it.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from factcheck.errors import InputError
from factcheck.ingest.clean import clean_article
from factcheck.ingest.decode import UnreadableFile, decode_article
from factcheck.ingest.frontmatter import read_front_matter
from factcheck.ingest.manifest import (
    DATE_FIELDS,
    MANIFEST_NAME,
    as_aware,
    check_values,
    front_matter_schema,
    load_manifest,
    parse_when,
    stringify_dates,
)
from factcheck.ingest.stamps import article_stamps, infer_published
from factcheck.models import Article, ArticleEntry, ArticleFormat, Problem, Story, StoryManifest
from factcheck.yamlsource import YamlDocument, validate

ARTICLE_FORMATS: dict[str, ArticleFormat] = {
    ".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
}
# Beyond this an input is not a news article (a dump, a log, a mis-saved video): refuse it with
# a message rather than hold it and its clean copy in memory. Loading costs about 13 bytes of
# memory per byte of file at its peak (benchmarks/README.md, "Size"), so the default keeps one
# article under 1 GB. `factcheck run --max-article-mb` and `max_article_mb` in the
# configuration set another limit; callers of `load_story` pass `max_article_bytes`.
MAX_ARTICLE_BYTES = 64 * 1024 * 1024
_METADATA = ("outlet", "published", "reference_time", "url", "language", "title", "timezone",
             "notes")


@dataclass
class _Loading:
    """What one story's loading has gathered so far."""

    story_dir: Path
    display: str
    manifest: StoryManifest
    max_article_bytes: int = MAX_ARTICLE_BYTES
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def shown(self, relative: str) -> str:
        return str(PurePosixPath(self.display) / relative)

    def problem(self, relative: str, message: str, *, severity: str = "error",
                line: int | None = None, column: int | None = None) -> None:
        self.problems.append(Problem(
            file=self.shown(relative), message=message, severity=severity,  # type: ignore[arg-type]
            line=line, column=column,
        ))


def load_story(story_dir: Path, *, max_article_bytes: int = MAX_ARTICLE_BYTES) -> Story:
    """Load a story folder: manifest (optional), articles in manifest order, then the rest.

    An article file larger than `max_article_bytes` is a `Problem`, never read.
    """
    display = story_dir.as_posix()
    if not story_dir.is_dir():
        raise InputError("not a story folder", file=display)
    loaded = load_manifest(story_dir, str(PurePosixPath(display) / MANIFEST_NAME))
    manifest = loaded[0] if loaded else StoryManifest()
    state = _Loading(story_dir=story_dir, display=display, manifest=manifest,
                     max_article_bytes=max_article_bytes)

    listed: set[str] = set()
    entries: list[ArticleEntry] = []
    for entry in manifest.articles:
        key = _normalised(entry.file)
        if key in listed:
            state.problem(entry.file, f"listed twice in {MANIFEST_NAME}; loaded once",
                          severity="warning")
            continue
        listed.add(key)
        entries.append(entry)
    for path in _article_files(story_dir):
        if path.name in listed:
            continue
        if loaded is not None:
            state.problem(path.name, f"not listed in {MANIFEST_NAME}; loaded without metadata",
                          severity="warning")
        entries.append(ArticleEntry(file=path.name))

    for entry in entries:
        _load_article(state, entry)
    if not state.articles:
        _nothing_to_compare(state, entries, loaded[1] if loaded else None)
    story_id = _story_id(story_dir)
    return Story(
        id=story_id, path=display, title=manifest.title, timezone=manifest.timezone,
        articles=state.articles, problems=state.problems,
    )


def _nothing_to_compare(
    state: _Loading, entries: list[ArticleEntry], manifest: YamlDocument | None
) -> None:
    """A story without a single article is an input that could not be used, not a clean
    report: an empty folder or `articles: []` is a mistake in the input (a wrong path, a
    failed download), and "no discrepancies" would hide it. When every article already
    failed with an error, those errors say it and nothing is added."""
    if any(problem.severity == "error" for problem in state.problems):
        return
    kinds = ", ".join(ARTICLE_FORMATS)
    if entries:
        message = "no article could be read, so there is nothing to compare"
        state.problems.append(Problem(file=state.display, message=message))
    elif manifest is not None:
        line, column = manifest.locate(["articles"])
        state.problems.append(Problem(
            file=manifest.file, line=line, column=column,
            message=f"lists no articles and the folder has no article files ({kinds});"
            " nothing to compare",
        ))
    else:
        state.problems.append(Problem(
            file=state.display,
            message=f"no article files ({kinds}) in the story folder; nothing to compare",
        ))


def load_article_file(path: Path) -> Article:
    """One article file on its own (front matter is its only metadata), for `factcheck extract`.

    A file that cannot be read is an `InputError` here, since there is nothing else to go on.
    """
    if not path.exists() and not path.is_symlink():
        raise InputError("file not found", file=path.as_posix())
    state = _Loading(story_dir=path.parent, display=path.parent.as_posix(),
                     manifest=StoryManifest())
    _load_article(state, ArticleEntry(file=path.name))
    errors = [p for p in state.problems if p.severity == "error"]
    if errors or not state.articles:
        problem = (errors or state.problems)[0]
        raise InputError(problem.message, file=problem.file, line=problem.line,
                         column=problem.column)
    return state.articles[0]


def _story_id(story_dir: Path) -> str:
    """The folder's own name; `.`, `..` or a trailing `/..` would name another folder, and the
    id becomes an output folder name, so those are resolved first."""
    name = story_dir.name
    if name in ("", ".", ".."):
        name = story_dir.resolve().name
    return name or "story"


def _normalised(relative: str) -> str:
    return PurePosixPath(relative.replace("\\", "/")).as_posix()


def _article_files(story_dir: Path) -> list[Path]:
    """Article files in the folder itself, by name; hidden files and READMEs are not articles."""
    found = []
    for path in story_dir.iterdir():
        if path.suffix.lower() not in ARTICLE_FORMATS or path.name.startswith("."):
            continue
        if path.stem.upper() in ("README", "LICENSE", "LICENCE", "CHANGELOG"):
            continue
        found.append(path)
    return sorted(found, key=lambda p: p.name)


def _locate_file(state: _Loading, relative: str) -> Path | None:
    """The article's path, or None (with a problem) when it cannot or must not be read."""
    if PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).anchor:
        state.problem(relative, "absolute path; give the path relative to the story folder")
        return None
    if posixpath.normpath(_normalised(relative)).split("/")[0] == "..":
        # Refused by its words, before any look at the disk: whether 'a/../../x' exists must
        # not depend on folders outside the story.
        state.problem(relative, "path leads outside the story folder; not read")
        return None
    path = state.story_dir / _normalised(relative)
    if path.is_symlink() and not path.exists():
        state.problem(relative, "broken symbolic link")
        return None
    if not path.exists():
        state.problem(relative, "file not found")
        return None
    if not path.resolve().is_relative_to(state.story_dir.resolve()):
        state.problem(relative, "path leads outside the story folder; not read")
        return None
    if path.is_dir():
        state.problem(relative, "is a folder, not an article file")
        return None
    return path


def _load_article(state: _Loading, entry: ArticleEntry) -> None:
    relative = _normalised(entry.file)
    path = _locate_file(state, entry.file)
    if path is None:
        return
    try:
        size = path.stat().st_size
        if size > state.max_article_bytes:
            state.problem(relative, f"file is {_megabytes(size)}, over the limit of "
                          f"{_megabytes(state.max_article_bytes)} for one article; not read "
                          "(--max-article-mb sets another limit)")
            return
        decoded = decode_article(path.read_bytes())
    except OSError as error:
        state.problem(relative, f"cannot read file: {error.strerror or error}")
        return
    except UnreadableFile as error:
        state.problem(relative, str(error))
        return
    if decoded.warning:
        state.problem(relative, decoded.warning, severity="warning")
    original = decoded.text
    format = ARTICLE_FORMATS.get(path.suffix.lower(), "text")

    metadata, body_start = _front_matter(state, relative, original, format)
    if metadata is None:
        return
    # The manifest wins over the article's own front matter.
    for key in _METADATA:
        value = getattr(entry, key)
        if value is not None:
            metadata[key] = value
    zone = metadata.get("timezone") or state.manifest.timezone
    times: dict[str, datetime | date | None] = {}
    for key in DATE_FIELDS:
        times[key] = _when(state, relative, key, metadata.get(key), zone)

    cleaned = clean_article(original, format, body_start=body_start)
    if not cleaned.mapped.text.strip():
        state.problem(relative, "no article text left after cleaning; skipped", severity="warning")
        return
    article_id = _unique_id(state, relative)
    stamps = article_stamps(cleaned.stamps, original, zone)
    published = infer_published(times["published"], stamps)
    if published.problem is not None:
        state.problem(relative, published.problem, severity="warning",
                      line=published.stamp.line if published.stamp else None)
    state.articles.append(Article(
        id=article_id,
        path=relative,
        outlet=metadata.get("outlet"),
        published=published.when,
        published_from=published.source,
        stamps=stamps,
        reference_time=times["reference_time"],
        url=metadata.get("url"),
        language=metadata.get("language"),
        title=metadata.get("title") or cleaned.title,
        timezone=zone,
        format=format,
        original=original,
        text=cleaned.mapped.text,
        offsets=cleaned.mapped.offset_map(),
    ))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _front_matter(
    state: _Loading, relative: str, original: str, format: ArticleFormat
) -> tuple[dict[str, Any] | None, int]:
    """Front-matter metadata and where the body starts; None (with problems) when invalid."""
    if format == "html":
        return {}, 0
    shown = state.shown(relative)
    try:
        front = read_front_matter(original, shown)
    except InputError as error:
        state.problem(relative, f"front matter: {error.message}", line=error.line,
                      column=error.column)
        return None, 0
    if front is None:
        return {}, 0
    document = YamlDocument(
        data=stringify_dates(front.document.data), file=shown, root=front.document.root
    )
    errors = validate(document, front_matter_schema()) or check_values(document, document.data, [])
    for error in errors:
        state.problem(relative, f"front matter: {error.message}", line=error.line,
                      column=error.column)
    if errors:
        return None, 0
    return dict(document.data), front.body_start


def _when(
    state: _Loading, relative: str, key: str, value: str | None, zone: str | None
) -> datetime | date | None:
    if value is None:
        return None
    moment = parse_when(value, zone)  # already checked: manifest and front matter validation
    if isinstance(moment, datetime) and moment.tzinfo is None:
        state.problem(relative, f"{key} {value!r} has no offset and no time zone is known; "
                      "read as UTC", severity="warning")
        return as_aware(moment)
    return moment


def _unique_id(state: _Loading, relative: str) -> str:
    """The file name without extension; with it when two files share a stem ("a.md", "a.txt")."""
    candidate = str(PurePosixPath(relative).with_suffix(""))
    if candidate in state.ids:
        state.problem(relative, f"another article already has the id {candidate!r}; "
                      f"using {relative!r}", severity="warning")
        candidate = relative
    state.ids.add(candidate)
    return candidate
