"""Load time of one big article at growing sizes (issue 7, "Size"); run by hand, never in CI.

Linear time is the claim to check: each doubling of the size should about double the time.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hostile.corpus import GOOD, OTHER

from factcheck.ingest import load_story
from factcheck.pipeline import analyse_article


def main() -> None:
    unit = (GOOD + "\n" + OTHER + "\n").encode()
    for megabytes in (0.25, 0.5, 1, 2):
        folder = Path(tempfile.mkdtemp()) / "s"
        folder.mkdir()
        (folder / "a.txt").write_bytes(unit * int(megabytes * 1024 * 1024 / len(unit)))
        started = time.perf_counter()
        story = load_story(folder)
        loaded = time.perf_counter()
        claims = analyse_article(story.articles[0])
        done = time.perf_counter()
        print(f"{megabytes} MB: load {loaded - started:.2f}s, analyse {done - loaded:.2f}s, "
              f"{len(claims)} claims", flush=True)


if __name__ == "__main__":
    main()
