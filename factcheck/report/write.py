"""Writing reports so that a failed or killed run never leaves a half-written one.

Each file is written to a temporary file in the same folder (same file system, so the rename
is atomic), flushed and fsynced, and only then renamed over the old report with `os.replace`.
All temporary files are written before any is renamed, so a failure while writing leaves every
previous report as it was. Names are checked to stay inside the output folder.

A run killed between writing and renaming (SIGKILL, power loss) cannot clean up after itself;
temporary names carry the writer's process id, so the next write into the folder removes those
whose writer is gone and leaves alone those of a run still going.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Mapping
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


def write_files(files: Mapping[str, str], out_dir: Path) -> list[Path]:
    """Atomically write each `name -> text` into `out_dir`; returns the paths written."""
    targets = [(target_path(out_dir, name), text) for name, text in files.items()]
    out_dir.mkdir(parents=True, exist_ok=True)
    for target, _ in targets:
        _remove_stale_temporaries(target)
    staged: list[tuple[Path, Path]] = []
    try:
        for target, text in targets:
            staged.append((_write_temporary(target, text), target))
        while staged:
            temporary, target = staged[0]
            os.replace(temporary, target)
            staged.pop(0)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
    _fsync_folder(out_dir)
    return [target for target, _ in targets]


def write_reports(reports_by_format: Mapping[str, str], out_dir: Path) -> list[Path]:
    """Write rendered reports (format -> text) under their standard names in `out_dir`."""
    unknown = sorted(set(reports_by_format) - set(FILE_NAMES))
    if unknown:
        known = ", ".join(FILE_NAMES)
        raise ValueError(f"unknown report format {', '.join(unknown)}; known: {known}")
    files = {FILE_NAMES[fmt]: text for fmt, text in reports_by_format.items()}
    return write_files(files, out_dir)
