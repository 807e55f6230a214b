"""Writing reports so that a failed or killed run never leaves a half-written one.

Each file is written to a temporary file in the same folder (same file system, so the rename
is atomic), flushed and fsynced, and only then renamed over the old report with `os.replace`.
All temporary files are written before any is renamed, so a failure while writing leaves every
previous report as it was. Names are checked to stay inside the output folder.

A story's reports are a set (report.md, report.json, report.sarif...) and renaming several
files cannot be one atomic step, so a kill between two renames would leave new and old files
side by side. A journal makes that detectable and repairable: before the first rename, the
list of (temporary, final name) pairs is written, fsynced and renamed into place as
`.factcheck-journal.<pid>.json`; it is removed after the last rename. So, for each folder:

- no journal: every file of the set comes from one run (all old, or all new);
- a journal: a run was stopped between renames; the set may be mixed, and the journal names
  the complete new files still waiting to be renamed. The next write into the folder (any
  later `factcheck run` reaching that story) first finishes those renames (roll forward), then
  writes its own set. `complete_interrupted(folder)` does the same on demand, and
  `interrupted(folder)` tells whether a folder is in that state.

A set may also drop a file: a run with fewer formats than the last must not leave the last
run's `report.sarif` beside its new `report.md`, as if both described the same inputs. Such
files are listed in the same journal (with no temporary) and removed after the renames, so the
removal is rolled forward like a rename.

A run killed before its journal is in place leaves only temporary files; their names carry the
writer's process id, so the next write into the folder removes those whose writer is gone and
leaves alone those of a run still going.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

FILE_NAMES: dict[str, str] = {
    "md": "report.md",
    "json": "report.json",
    "sarif": "report.sarif",
    "github": "annotations.txt",
}
DEFAULT_MODE = 0o644


def target_path(out_dir: Path, name: str) -> Path:
    """`out_dir / name`, refusing any name that would land outside `out_dir`."""
    if not name or Path(name).is_absolute() or Path(name).name != name or name in {".", ".."}:
        raise ValueError(f"refusing to write {name!r}: not a plain file name inside {out_dir}")
    target = out_dir / name
    if target.resolve().parent != out_dir.resolve():
        raise ValueError(f"refusing to write {target}: it resolves outside {out_dir}")
    return target


def story_folder(out_dir: Path, story_id: str) -> Path:
    """`out_dir / story_id`, refusing an id that would put a story's reports outside `out_dir`
    (empty, `.`, `..`, a path)."""
    if (not story_id or story_id in {".", ".."} or "/" in story_id or "\\" in story_id
            or Path(story_id).is_absolute()):
        raise ValueError(f"refusing story id {story_id!r} as a folder name inside {out_dir}")
    return out_dir / story_id


def _temporary_prefix(target: Path) -> str:
    return f".{target.name}.{os.getpid()}."


def _remove_stale_temporaries(target: Path) -> None:
    """Temporary files of `target` left by a writer that no longer runs."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(\d+)\.[^/]*\.tmp")
    with contextlib.suppress(OSError):
        for entry in target.parent.iterdir():
            match = pattern.fullmatch(entry.name)
            if match is None or int(match.group(1)) == os.getpid():
                continue
            if not _process_alive(int(match.group(1))):
                entry.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process: not ours to judge
    except OSError:
        return True
    return True


def _write_temporary(target: Path, text: str) -> Path:
    descriptor, name = tempfile.mkstemp(
        dir=target.parent, prefix=_temporary_prefix(target), suffix=".tmp"
    )
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        mode = stat.S_IMODE(target.stat().st_mode) if target.is_file() else DEFAULT_MODE
        os.chmod(temporary, mode)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _fsync_folder(folder: Path) -> None:
    """Make the renames durable; not every platform can open a folder, which is fine."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


JOURNAL_PATTERN = re.compile(r"\.factcheck-journal\.(\d+)\.json")


def _journal_path(folder: Path) -> Path:
    return folder / f".factcheck-journal.{os.getpid()}.json"


def interrupted(folder: Path) -> bool:
    """Whether a writer was stopped between renames here, so the set of files may be mixed."""
    with contextlib.suppress(OSError):
        return any(JOURNAL_PATTERN.fullmatch(entry.name) for entry in folder.iterdir())
    return False


def complete_interrupted(folder: Path) -> list[Path]:
    """Finish the renames of writers that were stopped between them (roll forward), so the
    folder again holds one run's complete set; returns the files put in place.

    A journal of a writer still running is left alone (it is not stopped, only busy); one of
    this process is an earlier call that failed, and is completed.
    """
    done: list[Path] = []
    with contextlib.suppress(OSError):
        entries = sorted(folder.iterdir())
        for journal in entries:
            match = JOURNAL_PATTERN.fullmatch(journal.name)
            if match is None:
                continue
            pid = int(match.group(1))
            if pid != os.getpid() and _process_alive(pid):
                continue
            try:
                pairs = json.loads(journal.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                pairs = []  # renamed into place only once complete, so this is not expected
            for temporary_name, target_name in pairs:
                if temporary_name is None:  # a file the new set no longer has
                    _remove(target_path(folder, Path(str(target_name)).name))
                    continue
                temporary = folder / Path(str(temporary_name)).name
                if temporary.is_file():
                    target = target_path(folder, Path(str(target_name)).name)
                    os.replace(temporary, target)
                    done.append(target)
            journal.unlink(missing_ok=True)
            _fsync_folder(folder)
        for entry in entries:  # a journal's own temporary, left by a writer killed writing it
            match = _JOURNAL_TEMPORARY.fullmatch(entry.name)
            if match is not None and not _process_alive(int(match.group(1))):
                entry.unlink(missing_ok=True)
    return done


_JOURNAL_TEMPORARY = re.compile(r"\.\.factcheck-journal\.(\d+)\.json\.\d+\.[^/]*\.tmp")


def _remove(target: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(target)


def _write_journal(
    folder: Path, staged: list[tuple[Path, Path]], removed: list[Path]
) -> Path:
    journal = _journal_path(folder)
    entries: list[list[str | None]] = [[temp.name, target.name] for temp, target in staged]
    entries += [[None, target.name] for target in removed]
    text = json.dumps(entries)
    temporary = _write_temporary(journal, text)
    try:
        os.replace(temporary, journal)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    return journal


def write_files(
    files: Mapping[str, str], out_dir: Path, *, remove: Iterable[str] = ()
) -> list[Path]:
    """Atomically write each `name -> text` into `out_dir`, and remove the files named in
    `remove` that are there, as one set; returns the paths written.

    The set is all-or-nothing as the module docstring says: a folder left mixed by a stopped
    run is completed first, then this set is staged, journalled and renamed into place, and
    only then are the files it drops removed.
    """
    targets = [(target_path(out_dir, name), text) for name, text in files.items()]
    dropped = [target_path(out_dir, name) for name in remove if name not in files]
    out_dir.mkdir(parents=True, exist_ok=True)
    complete_interrupted(out_dir)
    for target, _ in targets:
        _remove_stale_temporaries(target)
    removed = [target for target in dropped if target.is_file() or target.is_symlink()]
    staged: list[tuple[Path, Path]] = []
    journal: Path | None = None
    try:
        for target, text in targets:
            staged.append((_write_temporary(target, text), target))
        if len(staged) + len(removed) > 1:
            journal = _write_journal(out_dir, staged, removed)
        while staged:
            temporary, target = staged[0]
            os.replace(temporary, target)
            staged.pop(0)
        for target in removed:
            _remove(target)
    finally:
        if journal is None:
            for temporary, _ in staged:
                temporary.unlink(missing_ok=True)
        # With a journal in place, temporaries left by a failed rename are the rest of a
        # complete set: kept for the roll forward, never deleted.
    _fsync_folder(out_dir)
    if journal is not None:
        journal.unlink(missing_ok=True)
        _fsync_folder(out_dir)
    return [target for target, _ in targets]


def write_reports(reports_by_format: Mapping[str, str], out_dir: Path) -> list[Path]:
    """Write rendered reports (format -> text) under their standard names in `out_dir`, as a
    story's whole set: a report file of a format not given (left by an earlier run with more
    formats) is removed in the same journalled step."""
    unknown = sorted(set(reports_by_format) - set(FILE_NAMES))
    if unknown:
        known = ", ".join(FILE_NAMES)
        raise ValueError(f"unknown report format {', '.join(unknown)}; known: {known}")
    files = {FILE_NAMES[fmt]: text for fmt, text in reports_by_format.items()}
    return write_files(files, out_dir, remove=FILE_NAMES.values())
