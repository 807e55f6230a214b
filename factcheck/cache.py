"""A claim cache on disk, so that a second run over a day of news re-extracts only what changed.

An entry is one article's claims as JSON, stored under a key that changes whenever anything that
could change those claims changes: the article's text and identity, the context its relative
expressions are read in (published, reference time, time zone, format), the tool's version, and
a fingerprint of the extraction code and data tables. A stale entry is therefore never read; it
is only left behind, and deleting the folder is always safe.

Entries are written atomically (a temporary file renamed into place), so a run killed mid-write
or two runs writing the same entry never leave a half file. A corrupt or unreadable entry is a
miss, never an error: the cache is an optimisation and must not be able to break a run.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from factcheck import __version__, nlp
from factcheck.models import Article, Claim

DEFAULT_CACHE_DIR = Path(".factcheck-cache")
CACHE_FORMAT = 1

_CLAIMS = TypeAdapter(list[Claim])


def tool_fingerprint(nlp_model: str = nlp.DEFAULT_MODEL) -> str:
    """Hash of the version, every data table and the package's own source files.

    The version alone is not enough: an editable install changes its extractors and tables
    without a version bump, and a cache that outlived such a change would report old claims.
    Hashing the source costs a few milliseconds once per run.
    """
    digest = hashlib.sha256(f"factcheck {__version__} cache {CACHE_FORMAT}\n".encode())
    # Frames come from the parser: another spaCy or model version makes other claims.
    digest.update(f"{nlp.installed_versions(nlp_model)}\n".encode())
    package = resources.files("factcheck")
    files = sorted(_package_files(Path(str(package))))
    for path in files:
        digest.update(path.relative_to(Path(str(package))).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _package_files(root: Path) -> list[Path]:
    return [
        path for path in root.rglob("*")
        if path.is_file() and path.suffix in {".py", ".yaml", ".json"}
        and "__pycache__" not in path.parts
    ]


def article_key(article: Article, fingerprint: str) -> str:
    """SHA-256 of what the article's claims depend on, and of the tool that extracts them.

    The id is part of the key because claim ids embed it; the clean text is, because a change of
    cleaner changes offsets even when the file did not change.
    """
    context = {
        "id": article.id,
        "format": article.format,
        "published": _iso(article.published),
        "reference_time": _iso(article.reference_time),
        "timezone": article.timezone,
    }
    digest = hashlib.sha256(fingerprint.encode())
    digest.update(json.dumps(context, sort_keys=True).encode())
    for part in (article.original, article.text):
        digest.update(b"\0")
        digest.update(part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _iso(value: object) -> str | None:
    return None if value is None else value.isoformat()  # type: ignore[attr-defined]


@dataclass
class ClaimCache:
    """Claims per article under `directory`; `hits` and `misses` count this run's look-ups."""

    directory: Path
    fingerprint: str = field(default_factory=tool_fingerprint)
    hits: int = 0
    misses: int = 0

    def key(self, article: Article) -> str:
        return article_key(article, self.fingerprint)

    def path(self, key: str) -> Path:
        # Two-character fan-out keeps any one folder small at tens of thousands of entries.
        return self.directory / key[:2] / f"{key}.json"

    def get(self, article: Article) -> list[Claim] | None:
        """The cached claims, or None when absent, stale or unreadable."""
        key = self.key(article)
        try:
            entry = json.loads(self.path(key).read_text(encoding="utf-8"))
            if not isinstance(entry, dict) or entry.get("key") != key:
                raise ValueError("entry is not this article's")
            claims = _CLAIMS.validate_python(entry["claims"])
        except (OSError, ValueError, KeyError, TypeError, ValidationError):
            self.misses += 1
            return None
        self.hits += 1
        return claims

    def put(self, article: Article, claims: list[Claim]) -> None:
        """Store atomically; a failure to write (full disk, read-only folder) is not fatal."""
        key = self.key(article)
        target = self.path(key)
        payload = json.dumps(
            {"key": key, "claims": _CLAIMS.dump_python(claims, mode="json")},
            ensure_ascii=False,
        )
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(payload)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return
