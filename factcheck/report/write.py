"""Writing reports so that a failed or killed run never leaves a half-written one.

Each file is written to a temporary file in the same folder (same file system, so the rename
is atomic), flushed and fsynced, and only then renamed over the old report with `os.replace`.
All temporary files are written before any is renamed, so a failure while writing leaves every
previous report as it was. Names are checked to stay inside the output folder.
"""

from __future__ import annotations

import contextlib
import os
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


def _write_temporary(target: Path, text: str) -> Path:
    descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
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
