"""Hostile input: every case of issue 7 with the exact problem expected and a check that the
rest of the story still loads. The corpus is built here (`tests/hostile/`), never committed."""

from __future__ import annotations

import codecs
import json
import unicodedata
from pathlib import Path

import pytest
from hostile.corpus import GOOD, OTHER, encodings_story, unreadable_story, write

from factcheck.cli import main
from factcheck.errors import InputError
from factcheck.extract import extract_mentions
from factcheck.ingest import load_story
from factcheck.ingest.jsonl import read_jsonl_line, read_jsonl_spans
from factcheck.ingest.loader import MAX_ARTICLE_BYTES
from factcheck.models import Context, DurationValue
from factcheck.pipeline import analyse_story
from factcheck.report import render
from factcheck.report.write import story_folder
from factcheck.rules import load_rules, shipped_pack
from factcheck.yamlsource import load_yaml

# --------------------------------------------------------------------------- isolation


def test_every_unreadable_article_is_its_own_problem_and_the_rest_loads(tmp_path: Path) -> None:
    story = load_story(unreadable_story(tmp_path))
    assert [a.id for a in story.articles] == ["good"]
    assert "1,200 signal workers" in story.articles[0].text
    shown = story.path + "/"
    outside = "path leads outside the story folder; not read"
    assert [(p.file.removeprefix(shown), p.message) for p in story.problems] == [
        ("empty.txt", "file is empty"),
        ("blank.txt", "file is empty"),
        ("binary.txt", "binary file (many control characters), not a text article"),
        ("bad-bom.txt", "file starts with a utf-32 byte-order mark but is not utf-32"),
        ("folder.txt", "is a folder, not an article file"),
        ("dangling.txt", "broken symbolic link"),
        ("link-out.txt", outside),
        ("../secret.txt", outside),
        ("sub/../../secret.txt", outside),
        (str(tmp_path / "secret.txt"),
         "absolute path; give the path relative to the story folder"),
        ("missing.txt", "file not found"),
    ]
    assert {p.severity for p in story.problems} == {"error"}
    assert not any("7 hours" in a.text for a in story.articles)


def test_cli_reports_problems_writes_the_rest_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = unreadable_story(tmp_path)
    out = tmp_path / "out"
    code = main(["run", str(story), "--out", str(out), "--fail-on", "never", "--quiet"])
    assert code == 2
    errors = capsys.readouterr().err
    assert f"{story.as_posix()}/binary.txt: error: binary file" in errors
    assert f"{story.as_posix()}/link-out.txt: error: path leads outside" in errors
    report = json.loads((out / "unreadable" / "report.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in report["articles"]] == ["good"]
    assert len([p for p in report["problems"] if p["severity"] == "error"]) == 11
    # and, once, that the readable article has no publication date
    assert [p["message"][:40] for p in report["problems"] if p["severity"] == "warning"] == [
        "no article has a publication date (metad"]
    assert any(c["text"] == "two hours" for c in report["claims"])


# --------------------------------------------------------------------------- encodings


def test_bom_utf16_and_mixed_line_endings_decode_without_warning(tmp_path: Path) -> None:
    story = load_story(encodings_story(tmp_path))
    assert story.problems == []
    texts = {a.id: a.text for a in story.articles}
    for name in ("utf8", "utf8bom", "utf16le", "utf16be"):
        assert texts[name].startswith("Dock workers in Gdańsk waited 3 hours – “a record”")
    assert "\r" not in texts["mixed"] and "\ufeff" not in texts["utf8bom"]
    mixed = next(a for a in story.articles if a.id == "mixed")
    # Line numbers count every kind of line end the file uses (CRLF, CR, LF) once.
    start = mixed.original.index("Third")
    assert mixed.original.count("\n") == 3
    assert mixed.line_of(start) == 2  # a lone CR is not a line end in the original's numbering


@pytest.mark.parametrize(
    ("raw", "warning"),
    [
        ("Ferry fares rose 4% – “again”.\n".encode("cp1252"), "not UTF-8; read as Windows-1252"),
        # 0x81 and 0x8d are undefined in Windows-1252, so only Latin-1 can read this file.
        (b"Ferry fares rose 4% \x81\x8d at Malm\xf6.\n", "not UTF-8; read as Latin-1"),
    ],
)
def test_legacy_encodings_are_read_with_a_warning(
    tmp_path: Path, raw: bytes, warning: str
) -> None:
    write(tmp_path / "s" / "legacy.txt", raw)
    write(tmp_path / "s" / "good.txt", GOOD)
    story = load_story(tmp_path / "s")
    assert [a.id for a in story.articles] == ["good", "legacy"]
    assert [(p.severity, p.message) for p in story.problems] == [("warning", warning)]
    assert "Ferry fares rose 4%" in story.articles[1].text


def test_stray_nul_bytes_are_a_warning_and_kept_out_of_matching(tmp_path: Path) -> None:
    write(tmp_path / "s" / "nul.txt", b"Talks lasted two\x00 hours on Friday.\n")
    story = load_story(tmp_path / "s")
    [article] = story.articles
    assert [p.message for p in story.problems] == ["1 NUL byte in the text; ignored"]
    assert "\x00" in article.original and "\x00" not in article.text
    durations = [m for m in extract_mentions(article.text, Context()) if m.kind == "duration"]
    assert [m.text for m in durations] == ["two hours"]


HIDDEN = [
    ("zero-width space", "Talks lasted two\u200b hours on Friday.\n"),
    ("zero-width joiner", "Talks lasted two\u200d hours on Friday.\n"),
    ("right-to-left override", "Talks lasted \u202etwo hours\u202c on Friday.\n"),
    ("isolate", "Talks lasted \u2066two hours\u2069 on Friday.\n"),
    ("marks", "Talks lasted two\u200e hours\u200f on Friday.\n"),
]


@pytest.mark.parametrize(("case", "text"), HIDDEN, ids=[case for case, _ in HIDDEN])
def test_invisible_characters_do_not_hide_a_value(tmp_path: Path, case: str, text: str) -> None:
    """Decision: the clean text the extractors read drops zero-width and bidi controls, so
    "two<ZWSP> hours" is found as "two hours"; the claim quotes the original, which keeps them,
    and the Markdown report shows them as visible escapes."""
    write(tmp_path / "s" / "a.txt", text)
    write(tmp_path / "s" / "b.txt", "Talks lasted five hours on Friday.\n")
    story = load_story(tmp_path / "s")
    assert "Talks lasted two hours on Friday." in story.articles[0].text
    report = analyse_story(story, load_rules([shipped_pack()]))
    assert report.discrepancies, "two hours against five: the evidence is in the report"
    [claim] = [c for c in report.claims if c.kind == "duration" and c.article == "a"]
    assert isinstance(claim.value, DurationValue)
    assert claim.value.seconds == (7200.0, 7200.0)
    hidden = [ch for ch in claim.evidence if unicodedata.category(ch) == "Cf"]
    assert hidden, "the evidence quotes the original, invisible characters included"
    markdown = render(report, "md")
    for char in hidden:
        assert char not in markdown
        assert f"\\u{ord(char):04x}" in markdown


def test_extractor_on_raw_text_does_not_see_through_a_zero_width_space() -> None:
    """The protection is the cleaner: without it the extractor misses the value, which is why
    the loader must never hand raw text to the extractors."""
    assert extract_mentions("Talks lasted two\u200b hours.", Context()) == []


# --------------------------------------------------------------------------- size


def test_an_article_over_the_size_limit_is_a_problem_and_not_read(tmp_path: Path) -> None:
    write(tmp_path / "s" / "good.txt", GOOD)
    huge = tmp_path / "s" / "huge.txt"
    with huge.open("wb") as handle:  # sparse: 65 MB on paper, nothing on disk, never read
        handle.truncate(65 * 1024 * 1024)
    story = load_story(tmp_path / "s")
    assert [a.id for a in story.articles] == ["good"]
    [problem] = story.problems
    assert problem.file.endswith("/huge.txt")
    assert problem.message == ("file is 65.0 MB, over the limit of 64.0 MB for one article; "
                               "not read (--max-article-mb sets another limit)")
    assert MAX_ARTICLE_BYTES == 64 * 1024 * 1024


def test_a_50_mb_article_is_under_the_default_limit(tmp_path: Path) -> None:
    """Issue 7 asks for 50 MB articles; the limit must let them in (speed: benchmarks/size.py)."""
    assert MAX_ARTICLE_BYTES > 50 * 1024 * 1024


def test_the_size_limit_is_configurable(tmp_path: Path) -> None:
    write(tmp_path / "s" / "a.txt", GOOD)
    write(tmp_path / "s" / "b.txt", GOOD + OTHER)
    limit = len(GOOD.encode()) + 1
    story = load_story(tmp_path / "s", max_article_bytes=limit)
    assert [a.id for a in story.articles] == ["a"]
    assert "over the limit of 0.0 MB" in story.problems[0].message
    assert len(load_story(tmp_path / "s").articles) == 2


def test_the_size_limit_comes_from_the_flag_or_the_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tmp_path / "s"
    write(story / "a.txt", GOOD)
    write(story / "big.txt", GOOD + OTHER * 40)  # about 5 KB
    monkeypatch.chdir(tmp_path)
    rules = shipped_pack()
    arguments = ["run", str(story), "--out", "out", "--format", "json", "--quiet",
                 "--no-cache", "--fail-on", "never", "--rules", str(rules)]

    def refused() -> list[str]:
        report = json.loads((tmp_path / "out" / "s" / "report.json").read_text("utf-8"))
        return [p["file"].rsplit("/", 1)[-1] for p in report["problems"]
                if "over the limit" in p["message"]]

    assert main(arguments) == 0
    assert refused() == []
    assert main([*arguments, "--max-article-mb", "0.002"]) == 2
    assert refused() == ["big.txt"]
    (tmp_path / "factcheck.toml").write_text("max_article_mb = 0.002\n", encoding="utf-8")
    assert main(arguments) == 2
    assert refused() == ["big.txt"]
    assert main([*arguments, "--max-article-mb", "1"]) == 0, "the flag wins over the file"
    assert main([*arguments, "--max-article-mb", "0"]) == 2
    assert "--max-article-mb: expected a positive number" in capsys.readouterr().err


def test_a_json_lines_line_over_the_limit_is_a_problem_and_never_held_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pile = tmp_path / "pile.jsonl"
    lines = [{"id": "a", "story": "s", "text": GOOD},
             {"id": "huge", "story": "s", "text": OTHER * 1000},  # about 130 KB
             {"id": "c", "story": "s", "text": OTHER}]
    pile.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    items = list(read_jsonl_spans(pile, max_line_bytes=4096))
    problems = [item for item in items if not isinstance(item, tuple)]
    assert [(p.line, p.message) for p in problems] == [
        (2, "line is 0.1 MB, over the limit of 0.0 MB for one article; line skipped")]
    spans = {item[0].id: item[1] for item in items if isinstance(item, tuple)}
    assert sorted(spans) == ["a", "c"]
    assert read_jsonl_line(pile, spans["c"]).text.startswith("Signal workers strike")
    # Read in pieces: no read ever asks for much more than the limit at once.
    sizes: list[int] = []
    real_open = Path.open

    def recording_open(self: Path, *args: object, **kwargs: object) -> object:
        handle = real_open(self, *args, **kwargs)  # type: ignore[call-overload]
        real_readline = handle.readline

        def readline(size: int = -1) -> bytes:
            sizes.append(size)
            return real_readline(size)

        handle.readline = readline
        return handle

    monkeypatch.setattr(Path, "open", recording_open)
    list(read_jsonl_spans(pile, max_line_bytes=4096))
    assert sizes and all(0 < size <= 1 << 20 for size in sizes)
    monkeypatch.undo()

    monkeypatch.chdir(tmp_path)
    rules = shipped_pack()
    arguments = ["run", "--jsonl", str(pile), "--out", "out", "--quiet", "--no-cache",
                 "--fail-on", "never", "--rules", str(rules), "--format", "json"]
    assert main(arguments) == 0
    assert main([*arguments, "--max-article-mb", "0.01"]) == 2
    assert "pile.jsonl:2: line is 0.1 MB, over the limit of 0.0 MB" in capsys.readouterr().err


# --------------------------------------------------------------------------- manifests


BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]"
       for prev, name in zip("abcdefgh", "bcdefghi", strict=True)]
) + "\ntitle: *i\n"


def test_billion_laughs_manifest_is_refused_quickly(tmp_path: Path) -> None:
    write(tmp_path / "s" / "story.yaml", BILLION_LAUGHS)
    write(tmp_path / "s" / "a.txt", GOOD)
    with pytest.raises(InputError, match="aliases expand to more than 100,000 values") as caught:
        load_story(tmp_path / "s")
    assert caught.value.file == f"{(tmp_path / 's').as_posix()}/story.yaml"


def test_self_referring_alias_and_deep_nesting_are_input_errors() -> None:
    with pytest.raises(InputError, match="refer to themselves"):
        load_yaml("a: &a [1, *a]\n", "x.yaml")
    with pytest.raises(InputError, match="nested too deeply"):
        load_yaml("[" * 20_000 + "]" * 20_000, "x.yaml")


def test_a_few_aliases_are_still_fine() -> None:
    document = load_yaml("zone: &z Europe/Oslo\nother: *z\n", "x.yaml")
    assert document.data == {"zone": "Europe/Oslo", "other": "Europe/Oslo"}


def test_python_object_tags_are_refused_and_never_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marker = tmp_path / "pwned"
    write(tmp_path / "s" / "story.yaml",
          f'title: !!python/object/apply:os.system ["touch {marker}"]\n')
    write(tmp_path / "s" / "a.txt", GOOD)
    code = main(["run", str(tmp_path / "s"), "--out", str(tmp_path / "out"), "--quiet"])
    assert code == 2
    assert "could not determine a constructor for the tag" in capsys.readouterr().err
    assert not marker.exists()


def test_unknown_article_key_says_did_you_mean_with_position(tmp_path: Path) -> None:
    write(tmp_path / "s" / "story.yaml",
          "articles:\n  - file: a.txt\n    outlett: Valley Post\n")
    write(tmp_path / "s" / "a.txt", GOOD)
    with pytest.raises(InputError) as caught:
        load_story(tmp_path / "s")
    assert (caught.value.line, caught.value.column) == (3, 5)
    assert "unknown key 'outlett' (did you mean 'outlet'?)" in caught.value.message


# --------------------------------------------------------------------------- output paths


def test_a_story_named_dot_dot_writes_inside_out(tmp_path: Path) -> None:
    story = tmp_path / "inputs" / "harbour-strike"
    write(story / "a.txt", GOOD)
    (story / "sub").mkdir()
    out = tmp_path / "work" / "out"
    code = main(["run", str(story / "sub" / ".."), "--out", str(out), "--quiet",
                 "--fail-on", "never"])
    assert code == 0
    assert (out / "harbour-strike" / "report.json").is_file()
    written = {p for p in tmp_path.rglob("report.*")}
    assert written == {out / "harbour-strike" / "report.json",
                       out / "harbour-strike" / "report.md"}


@pytest.mark.parametrize("story_id", ["", ".", "..", "a/b", "../x", "/etc", "a\\..\\b"])
def test_story_folder_refuses_ids_that_leave_out(tmp_path: Path, story_id: str) -> None:
    with pytest.raises(ValueError, match="refusing story id"):
        story_folder(tmp_path, story_id)
    assert story_folder(tmp_path, "port-strike-2031") == tmp_path / "port-strike-2031"


# --------------------------------------------------------------------------- content


def test_article_markup_cannot_take_over_the_markdown_report(tmp_path: Path) -> None:
    write(tmp_path / "s" / "a.txt",
          "Talks lasted <script>alert(1)</script> two hours | ![x](http://e.vil/p.png) "
          "<img src=x onerror=alert(2)> on Friday.\n")
    write(tmp_path / "s" / "b.txt", "Talks lasted five hours on Friday, officials said.\n")
    report = analyse_story(load_story(tmp_path / "s"), load_rules([shipped_pack()]))
    assert report.claims
    markdown = render(report, "md")
    assert "<script" not in markdown and "<img" not in markdown
    assert "![x](" not in markdown
    sarif = json.loads(render(report, "sarif"))
    assert sarif["version"] == "2.1.0"
    assert json.loads(render(report, "json"))["claims"]


def test_encoded_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    write(tmp_path / "s" / "a.txt", codecs.BOM_UTF8 + GOOD.encode())
    [article] = load_story(tmp_path / "s").articles
    assert article.original == GOOD
