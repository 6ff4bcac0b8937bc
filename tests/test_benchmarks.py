"""The benchmark scripts: the numpy baseline against rank-bm25, and a run on a tiny corpus."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from benchmarks.plain_bm25 import PlainBM25
from benchmarks.qa_measures import hit, percentile

from .conftest import SMALL_CORPUS, write_jsonl

ROOT = Path(__file__).resolve().parent.parent


def test_plain_bm25_scores_equal_rank_bm25() -> None:
    corpus = [
        ["storm", "hit", "coast", "storm"],
        ["storm", "power", "home"],
        [],
        ["elect", "germani", "chancellor", "vote"],
        ["storm", "coast", "repair", "week", "offici"],
        ["storm"],
    ]
    ours, reference = PlainBM25(corpus), BM25Okapi(corpus)
    for query in (["storm"], ["storm", "coast"], ["chancellor", "unknown"], ["storm", "storm"]):
        assert np.allclose(ours.get_scores(query), reference.get_scores(query))
    assert ours.top(["coast", "storm"], 2) == [0, 4]


def test_hit_and_percentile() -> None:
    assert hit(["The Texas Rangers won."], ["texas rangers"], 1)
    assert not hit(["Nothing here.", "Rangers won."], ["Rangers"], 1)
    assert hit(["Nothing here.", "Rangers won."], ["Rangers"], 3)
    assert percentile([1.0, 2.0, 3.0, 4.0, 100.0], 0.5) == 3.0
    assert percentile([], 0.99) == 0.0


def test_a_lenient_hit_forgives_how_an_answer_is_written() -> None:
    from benchmarks.qa_measures import answer_forms, lenient_hit

    assert lenient_hit(["Broadway's best won Tony Awards."], ["The Tony Awards"], 1)
    assert not hit(["Broadway's best won Tony Awards."], ["The Tony Awards"], 1)
    assert lenient_hit(["Oxford chose goblin mode."], ["“Goblin mode”"], 1)
    assert lenient_hit(["A record for a win."], ["Wins"], 1)
    assert lenient_hit(["The IMF said so."], ["International Monetary Fund (IMF)"], 1)
    assert not lenient_hit(["Nothing about it."], ["Spain"], 1)
    assert answer_forms("The Twin Towers") == {
        "the twin towers",
        "twin towers",
        "the twin tower",
        "twin tower",
    }


def test_a_lead_that_restates_the_question() -> None:
    from benchmarks.qa_measures import restates

    day = dt.date(2023, 8, 24)
    question = "Which team won the Women's World Cup?"
    assert restates(question, "The Women's World Cup was won on Sunday in Sydney.", day) is False
    assert restates(question, "The Women's World Cup final was won in a thriller.", day)
    assert not restates(question, "Spain won the Women's World Cup, beating England.", day)
    assert not restates(question, "Fans celebrated in the streets.", day)  # not the question


@pytest.mark.slow
def test_benchmark_runs_on_a_tiny_corpus(tmp_path: Path) -> None:
    articles = write_jsonl(tmp_path / "articles.jsonl", SMALL_CORPUS)
    questions = write_jsonl(
        tmp_path / "questions.jsonl",
        [
            {"id": "q1", "date": "2023-11-03", "question": "Who won the World Series?",
             "answer": ["Texas Rangers"]},
            {"id": "q2", "date": "2022-08-11", "question": "How many monkeypox cases are there?",
             "answer": ["10,000"]},
        ],
    )  # fmt: skip
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "qa.py"),
            "--articles", str(articles),
            "--questions", str(questions),
            "--work", str(tmp_path / "work"),
            "--scale", "2",
            "--sample", "2",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )  # fmt: skip
    assert "answer-hit@1" in done.stdout and "latency p50" in done.stdout
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["answer"]["questions"] == 2
    assert figures["answer"]["hit1"] == 1.0
    assert figures["baseline"]["rank_bm25_same_scores"] == 2
    assert figures["index_scaled"]["added"] == 2 * len(SMALL_CORPUS)
    assert figures["refusals"]["refused_all"] == 1.0  # nothing left to answer from
    assert "unanswerable refused" in done.stdout
    assert "LENIENT hit@1" in done.stdout and "restate the question" in done.stdout
    assert "confidence calibration, held-out answerable questions" in done.stdout


def test_indexing_stages_account_for_the_whole_ingest(tmp_path: Path) -> None:
    import retrieval.documents
    from benchmarks.indexing_stages import PREPARATION_STEPS, measure, report

    before = {name: getattr(retrieval.documents, name) for _, name in PREPARATION_STEPS}
    figures = measure(write_jsonl(tmp_path / "a.jsonl", SMALL_CORPUS))
    # the timers are gone again, and every step they timed was called
    assert {name: getattr(retrieval.documents, name) for name in before} == before
    assert figures["articles"] == len(SMALL_CORPUS)
    assert figures["passages"] >= len(SMALL_CORPUS) and figures["tokens"] > figures["passages"]
    for label in ("paragraphs", "sentences", "furniture verdicts", "passage tokens and stems"):
        assert figures["steps"][label] > 0
    assert figures["writer"] > 0 and figures["writer_bare"] > 0
    lines = report(figures, cores=2)
    assert lines[-1].startswith("Floor on 2 core(s)")
    total = next(line for line in lines if line.startswith("total"))
    assert total.endswith("100.0%")


def test_unanswerable_set_leaves_out_every_article_with_the_answer(tmp_path: Path) -> None:
    from benchmarks.unanswerable import ExcludingIndex, answer_articles, answer_needles
    from retrieval import Library, LoadReport, load_articles
    from retrieval.answer import answer_question

    assert answer_needles(["JetBlue Airways"]) == {"jetblue airways", "jetblue", "airways"}
    assert answer_needles(["Next week"]) == {"next week"}  # a capital only to begin
    corpus = write_jsonl(tmp_path / "c.jsonl", SMALL_CORPUS)
    articles = list(load_articles([corpus], LoadReport()))
    found = answer_articles(articles, {"q": ["Texas Rangers"], "none": ["Zanzibar"]})
    rangers = {a.key for a in articles if "Rangers" in a.text}
    assert found == {"q": frozenset(rangers), "none": frozenset()}
    Library(tmp_path / "d", seed=False).ingest([corpus])
    index = ExcludingIndex(tmp_path / "d" / "index")
    as_of = dt.date(2023, 11, 3)
    assert (
        "Rangers"
        in answer_question(index, "Who won the World Series?", as_of=as_of).sentences[0].text
    )
    index.excluded = found["q"]
    left = answer_question(index, "Who won the World Series?", as_of=as_of)
    assert all("Rangers" not in s.text for s in left.sentences)


def test_refusal_threshold_within_the_loss_bound_then_raised_to_the_refusal_target() -> None:
    from benchmarks.fit_confidence import Case, choose_threshold

    inputs = np.zeros(1)
    # answerable: right answers at 0.1225 and 0.5, a wrong one at 0.1; unanswerable at 0.05-0.2
    cases = [
        Case(False, True, inputs, True, True),
        Case(False, True, inputs, True, True),
        Case(False, True, inputs, False, False),
        Case(False, False, inputs, False, False),
        Case(False, False, inputs, False, False),
        Case(False, False, inputs, False, False),
    ]
    probs = [0.1225, 0.5, 0.1, 0.05, 0.15, 0.1975]
    free = choose_threshold(cases, probs, max_loss=0.0)
    assert free == 0.12  # the highest that still answers every right answer
    raised = choose_threshold(cases, probs, max_loss=0.0, refuse_at_least=1.0)
    assert raised == 0.2  # the lowest that refuses every unanswerable question


def test_languages_benchmark_prints_a_row_per_language(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import languages

    assert languages.main(["--only", "tr", "--ref", ""]) == 0
    rows = [row for row in capsys.readouterr().out.strip().splitlines() if row]
    for name, folder in (("base", "lang"), ("inflected", "lang/inflected")):
        at = rows.index(f"set {name} (tests/{folder})")
        assert rows[at + 1].split() == ["lang", "n", "hit@1", "hit@3", "bm25@1", "bm25@3"]
        code, count, *figures = rows[at + 2].split()
        written = (ROOT / "tests" / folder / "tr.questions.jsonl").read_text(encoding="utf-8")
        assert (code, count) == ("tr", str(len(written.splitlines())))
        assert all(0.0 <= float(f) <= 1.0 for f in figures)


def test_languages_benchmark_prints_the_analysis_cost(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import languages

    assert languages.main(["--speed", "--rounds", "1"]) == 0
    rows = capsys.readouterr().out.strip().splitlines()
    assert [row.split()[0] for row in rows[1:]] == ["ru", "ar"]
    assert all(float(figure) >= 0 for row in rows[1:] for figure in row.split()[1:])


def test_lucene_requests_are_the_json_bodies_clause_for_clause() -> None:
    from benchmarks.lucene_agreement import translate
    from retrieval import DateRange, SearchRequest
    from retrieval.engines.opensearch_requests import search_body

    request = SearchRequest(
        ["s", "400", "turkey"],
        DateRange(dt.date(2019, 6, 1), None),
        limit=7,
        title_boost=1.5,
        phrases=[("s", "400")],
        language="en",
    )
    line = translate(search_body(request)).split("\t")
    assert line[:5] == ["S", "7", "18048", "-", "en"]
    assert line[5] == "P:body_terms:2.0:s 400"
    assert line[6:8] == ["T:body_terms:1.0:s", "T:title_terms:1.5:s"]
    assert len(line) == 5 + 1 + 2 * 3
    plain = translate(search_body(SearchRequest(["storm"]))).split("\t")
    assert plain == ["S", "50", "-", "-", "-", "T:body_terms:1.0:storm"]


@pytest.mark.slow
def test_lucene_agreement_runs_on_a_tiny_corpus(tmp_path: Path) -> None:
    from benchmarks.lucene_agreement import JARS, lucene_jars

    if len(lucene_jars()) < len(JARS) or not shutil.which("javac"):
        pytest.skip("no Java 17 or Debian's liblucene8-java here (the benchmark installs it)")
    articles = write_jsonl(tmp_path / "articles.jsonl", SMALL_CORPUS)
    questions = write_jsonl(
        tmp_path / "questions.jsonl",
        [
            {"id": "q1", "date": "2023-11-03", "question": "Who won the World Series?"},
            {"id": "q2", "date": "2022-08-11", "question": "How many monkeypox cases are there?"},
            {"id": "q3", "date": "2023-05-11", "question": "Which dog won best in show?"},
        ],
    )
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "lucene_agreement.py"), "--no-install",
         "--data", str(tmp_path / "data"), "--articles", str(articles),
         "--questions", str(questions)],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout[done.stdout.index("{") :])
    assert result["questions"] == 3 and result["first_sentence"] == 1.0
    assert result["top_passage"] == 1.0 and 0.99 < result["score_ratio_median"] < 1.01
