"""A small story with one known disagreement, and the builder of story folders.

`FIRE` is three outlets on a harbour warehouse fire: two say it burned about six hours, one
says 14 hours, so the committed rules find exactly one `duration-agree` discrepancy, with
three outlets in it. Baselines, waivers and drafts are all about accepting or avoiding that
one finding.
"""

from __future__ import annotations

from pathlib import Path

from factcheck.rules import shipped_pack

REPO = Path(__file__).resolve().parent.parent.parent
RULES = shipped_pack()

FIRE = {
    "Baltic Wire": (
        "Harbour fire\n\nA warehouse fire at the harbour burned for about six hours on Saturday,"
        " the rescue service said.\n"
    ),
    "Harbour Post": (
        "Harbour blaze\n\nThe fire at the harbour warehouse burned for 14 hours before it was"
        " put out, officials said.\n"
    ),
    "Evening Courier": (
        "Blaze at the port\n\nThe warehouse fire burned for about six hours, according to the"
        " rescue service.\n"
    ),
}
FIRE_ZONE = "Europe/Tallinn"


def write_story(folder: Path, texts: dict[str, str], order: list[str] | None = None) -> Path:
    """A story folder with one file per outlet (named after it), all published on
    2025-02-09, in `FIRE_ZONE`; `order` is the manifest's order of outlets."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for outlet in order or list(texts):
        name = outlet.lower().replace(" ", "-") + ".txt"
        (folder / name).write_text(texts[outlet], encoding="utf-8")
        entries.append(f"  - file: {name}\n    outlet: {outlet}\n    published: '2025-02-09'\n")
    (folder / "story.yaml").write_text(
        f"title: Harbour fire\ntimezone: {FIRE_ZONE}\narticles:\n" + "".join(entries),
        encoding="utf-8",
    )
    return folder
