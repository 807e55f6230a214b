"""The quality benchmark's scoring (`benchmarks/quality.py`, `benchmarks/gold.py`): a finding is
matched to gold at the claim, not the sentence, and a gold file whose snippets are not in the
articles is refused. The stories here are our own sentences, not the corpus's."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _module(name: str) -> ModuleType:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


quality = _module("quality")
gold = _module("gold")

ARTICLES = {
    "1_1x": "The ferry sank on Sunday.\nAbout 40 people were killed, and 12 were hurt,\n"
            "police said. Shares of Harbor Lines fell to $12.50.\n",
    "1_2x": "Officials said 75 people were killed when the ferry capsized on Sunday.\n"
            "Rival Coast Shipping closed at $31.20.\n",
    "1_3x": "Officials said 75 people were killed when the ferry capsized on Sunday.\n",
}

GOLD_YAML = """\
story: 01-x
split: dev
discrepancies:
  - id: d1
    fact: the death toll
    kind: count
    sides:
      - value: about 40
        says:
          - {article: 1_1x, snippet: "About 40 people were   killed"}
      - value: "75"
        says:
          - {article: 1_2x, snippet: "75 people were killed"}
          - {article: 1_3x, snippet: "75 people were killed"}
  - id: d2
    fact: the name of the ferry
    kind: name
    sides:
      - value: a
        says: [{article: 1_1x, snippet: "The ferry sank"}]
      - value: b
        says: [{article: 1_2x, snippet: "the ferry capsized"}]
traps:
  - id: t1
    type: different-facts
    kind: money
    mentions:
      - {article: 1_1x, snippet: "Harbor Lines fell to $12.50"}
      - {article: 1_2x, snippet: "Coast Shipping closed at $31.20"}
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    story = tmp_path / "corpus" / "01-x"
    story.mkdir(parents=True)
    for name, text in ARTICLES.items():
        (story / f"{name}.txt").write_text(text, encoding="utf-8")
    (story / "story.yaml").write_text(
        "articles:\n" + "".join(f"- file: {n}.txt\n" for n in ARTICLES), encoding="utf-8")
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "01-x.yaml").write_text(GOLD_YAML, encoding="utf-8")
    return tmp_path


def span_of(article: str, words: str) -> quality.ClaimSpan:
    start = ARTICLES[article].index(words)
    return quality.ClaimSpan(article, start, start + len(words))


def finding(*positions: list[quality.ClaimSpan], severity: str = "error") -> quality.Finding:
    return quality.Finding("01-x", "count-agree", severity, "t", "s", list(positions))


def index(corpus: Path) -> quality.GoldIndex:
    return quality.GoldIndex.of(gold.load_gold(corpus / "gold" / "01-x.yaml"), corpus / "corpus")


def test_snippet_found_across_white_space_and_line_breaks(corpus: Path) -> None:
    articles = gold.Articles(corpus / "corpus" / "01-x")
    spans = articles.find(gold.Say(article="1_1x", snippet="were hurt, police said"))
    assert [(s.start, s.end) for s in spans] == [
        (ARTICLES["1_1x"].index("were hurt"), ARTICLES["1_1x"].index("police said") + 11)]
    assert articles.find(gold.Say(article="1_1x", snippet="were hurt, police say")) == []


def test_finding_citing_the_values_of_two_sides_is_right(corpus: Path) -> None:
    f = finding([span_of("1_1x", "About 40")], [span_of("1_2x", "75 people")])
    quality.judge(f, index(corpus))
    assert (f.judgement, f.matched) == ("right", ["d1"])


def test_same_sentence_other_value_does_not_match(corpus: Path) -> None:
    # "12" stands in the same sentence as "About 40" but outside its snippet.
    f = finding([span_of("1_1x", "12")], [span_of("1_2x", "75 people")])
    quality.judge(f, index(corpus))
    assert f.judgement == "false"


def test_two_positions_on_one_side_do_not_match(corpus: Path) -> None:
    f = finding([span_of("1_2x", "75 people")], [span_of("1_3x", "75 people")])
    quality.judge(f, index(corpus))
    assert f.judgement == "false"


def test_finding_pairing_two_companies_prices_trips_the_trap(corpus: Path) -> None:
    f = finding([span_of("1_1x", "$12.50")], [span_of("1_2x", "$31.20")])
    quality.judge(f, index(corpus))
    assert (f.judgement, f.matched) == ("trap", ["t1"])


def test_scores_count_precision_recall_and_traps(corpus: Path) -> None:
    right = finding([span_of("1_1x", "About 40")], [span_of("1_2x", "75 people")])
    trap = finding([span_of("1_1x", "$12.50")], [span_of("1_2x", "$31.20")])
    noise = finding([span_of("1_1x", "Sunday")], [span_of("1_3x", "Sunday")], severity="warning")
    totals, by_rule = quality.score({"01-x": [right, trap, noise]}, {"01-x": index(corpus)})
    dev = totals["dev"]
    assert dev.precision(["error"]) == 0.5
    assert dev.precision(["error", "warning"]) == pytest.approx(1 / 3)
    # d2 is a name: out of scope, so recall is 1 of 1 in-scope discrepancy.
    assert (dev.found_warning, dev.gold_total, dev.out_of_scope) == (1, 1, 1)
    assert dev.traps_error == {"01-x/t1"}
    assert by_rule["dev"]["count-agree"].count(["error"]) == 2


def test_info_finding_counts_for_recall_with_info_only(corpus: Path) -> None:
    f = finding([span_of("1_1x", "About 40")], [span_of("1_2x", "75 people")],
                severity="info")
    totals, _ = quality.score({"01-x": [f]}, {"01-x": index(corpus)})
    assert (totals["dev"].found_warning, totals["dev"].found_any) == (0, 1)
    assert totals["dev"].precision(["error", "warning"]) is None


def test_gold_with_a_snippet_not_in_its_article_is_refused(corpus: Path) -> None:
    path = corpus / "gold" / "01-x.yaml"
    path.write_text(GOLD_YAML.replace("Coast Shipping closed", "Coast Shipping shut"))
    problems = gold.check_gold(path, corpus / "corpus")
    assert problems == [f"{path}: t1: not found in 1_2x: 'Coast Shipping shut at $31.20'"]


def test_gold_with_an_unknown_kind_is_refused(corpus: Path) -> None:
    path = corpus / "gold" / "01-x.yaml"
    path.write_text(GOLD_YAML.replace("kind: money", "kind: colour"))
    with pytest.raises(SystemExit, match=r"01-x\.yaml"):
        gold.load_gold(path)


def test_whole_benchmark_on_a_small_story(corpus: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:
    code = quality.main(["--gold", str(corpus / "gold"), "--corpus", str(corpus / "corpus"),
                         "--jobs", "1", "--details"])
    out = capsys.readouterr().out
    assert code == 0
    # factcheck reports the death toll (about 40 vs 75) and the benchmark credits it.
    assert "RIGHT error   count-agree" in out and "[d1]" in out
    assert "| dev | 1 | 1/1 (100%)" in out


def test_summary_is_at_most_four_lines(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quality.main(["--gold", str(corpus / "gold"), "--corpus", str(corpus / "corpus"),
                  "--jobs", "1", "--summary"])
    lines = capsys.readouterr().out.strip().splitlines()
    assert 1 <= len(lines) <= 4 and lines[0].startswith("dev: error precision")


def test_second_annotator_agreement_counts_items_pairing_the_same_words(
        corpus: Path, tmp_path: Path) -> None:
    second = tmp_path / "second"
    second.mkdir()
    # The second annotator found the toll (other snippets, same words) but not the name.
    (second / "01-x.yaml").write_text(GOLD_YAML.replace(
        '"About 40 people were   killed"', '"About 40 people"').split("  - id: d2")[0]
        + "traps: []\n")
    table = quality.agreement(corpus / "gold", second, corpus / "corpus")
    assert "| 01-x | 1 | 1 | 1/1 (100%) | 1/1 (100%) | 1/1 |" in table


def test_the_project_gold_is_whole() -> None:
    """Every story of the corpus has gold, every snippet is in its article, and the split is
    the documented one (14 test stories)."""
    stories = sorted(p.name for p in gold.CORPUS.iterdir() if p.is_dir())
    files = sorted(gold.GOLD.glob("*.yaml"))
    assert [f.stem for f in files] == stories and len(stories) == 43
    assert [p for f in files for p in gold.check_gold(f)] == []
    splits = {f.stem: gold.load_gold(f).split for f in files}
    assert sorted(s for s, split in splits.items() if split == "test") == [
        "09-ecb", "10-ecb", "13-ecb", "14-ecb", "18-ecb", "22-ecb", "23-ecb", "25-ecb",
        "27-ecb", "33-ecb", "36-ecb", "40-ecb", "42-ecb", "45-ecb"]


speakers = _module("speakers")


def test_speaker_accuracy_counts_found_resolved_and_wrong(tmp_path: Path) -> None:
    story = tmp_path / "corpus" / "02-x"
    story.mkdir(parents=True)
    text = ('"We will rebuild the\nbridge," said Mayor Lena Ortiz.\n'
            '"Nobody was hurt," a spokesman said.\n'
            '"The river rose fast," said Tom Reyes.\n'
            '"It was a miracle," Reyes added.\n')
    (story / "2_1x.txt").write_text(text, encoding="utf-8")
    folder = tmp_path / "quotes"
    folder.mkdir()
    (folder / "02-x.yaml").write_text(
        "story: 02-x\nquotes:\n"
        "  - {article: 2_1x, line: 1, start: We will rebuild the bridge, speaker: Lena Ortiz}\n"
        "  - {article: 2_1x, line: 3, start: Nobody was hurt, speaker: null}\n"
        "  - {article: 2_1x, line: 4, start: The river rose fast, speaker: Tom Reyes}\n"
        "  - {article: 2_1x, line: 5, start: It was a miracle, speaker: Tom Reyes}\n",
        encoding="utf-8")
    found = speakers.load_gold_quotes(folder, tmp_path / "corpus")["02-x"]
    # the first words are found across the line break, at the quotation's own offset
    assert [q.start for q in found] == [text.index("We"), text.index("Nobody"),
                                        text.index("The river"), text.index("It was")]
    tool = [
        speakers.ToolQuote("2_1x", 0, 30, "Ortiz"),  # right, by surname
        speakers.ToolQuote("2_1x", text.index("Nobody") - 1, text.index("Nobody") + 20,
                           "Jane Doe"),  # gold cannot name the speaker: not scored
        speakers.ToolQuote("2_1x", text.index("The river") - 1, text.index("The river") + 21,
                           "Lena Ortiz"),  # wrong
        # "It was a miracle" is not found at all
    ]
    scores = speakers.score_speakers(found, tool)
    assert (scores.gold, scores.found, scores.resolved, scores.wrong) == (3, 2, 2, 1)
    assert scores.line("dev") == ("dev speakers: quotations found 2/3 (67%), resolved 2/2"
                                  " (100%) (target >= 80%), wrong 1/2 (50%) (target <= 5%)")
    unresolved = [speakers.ToolQuote("2_1x", 0, 30, None)]
    assert speakers.score_speakers(found, unresolved).resolved == 0


@pytest.mark.parametrize(("said", "gold", "same"), [
    ("Ketsoyan", ["Jack Ketsoyan"], True),
    ("Ban", ["Ban Ki-moon"], True),
    ("AMD", ["Advanced Micro Devices"], True),
    ("Shah", ["Ann Cole", "Ravi Shah"], True),  # one of joint speakers
    ("Academy", ["Leslie Unger"], False),  # the organisation, not its spokeswoman
    ("Mr Smith", ["Dr. Anna Jones"], False),  # titles are not names
])
def test_a_speaker_is_the_same_person_by_a_name_word_or_initials(
        said: str, gold: list[str], same: bool) -> None:
    assert speakers.same_person(said, gold) is same
