"""A mixed collection through the command line: the seed plus the hand-written articles of
tests/lang; `newsbot index` reports the languages it saw, and a question in each language gets
its answer from that language's articles, and only sentences of those."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .test_cli import newsbot

LANG = Path(__file__).parent / "lang"
# One question a language, with the answer only that language's articles hold.
QUESTIONS = {
    "ru": ("Сколько стоило строительство моста в Самаре?", "42 миллиарда"),
    "es": ("¿Quién cortó la cinta en la inauguración del puente?", "Sanz"),
    "pt": ("Quem cortou a fita na inauguração da ponte?", "Rui Moreira"),
    "de": ("Wer eröffnete die Rheinbrücke?", "Wissing"),
    "fr": ("Qui a coupé le ruban lors de l'inauguration du pont ?", "Hurmic"),
    "tr": ("Açılış kurdelesini kim kesti?", "Uraloğlu"),
    "ar": ("من قص شريط افتتاح الجسر؟", "كامل الوزير"),
    "en": ("Who cut the ribbon at the bridge opening?", "Sadiq Khan"),
}


# The module's tests share one index (and one batch of answers): keep them on one xdist worker.
pytestmark = pytest.mark.xdist_group("languages_cli")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("mixed") / "d"
    result = newsbot(data, "index", *sorted(str(p) for p in LANG.glob("*.articles.jsonl")))
    assert result.returncode == 0, result.stderr
    assert "languages: " in result.stdout
    seen = dict(item.split() for item in result.stdout.split("languages: ")[1].strip().split(", "))
    written = {
        code: str(len((LANG / f"{code}.articles.jsonl").read_text(encoding="utf-8").splitlines()))
        for code in QUESTIONS
    }
    assert seen == written  # the seed went in on first use
    return data


@pytest.fixture(scope="module")
def answers(mixed: Path) -> dict[str, dict[str, Any]]:
    """Every language's question asked in one `newsbot ask --batch` (one process, not one a
    language): each answer by its language."""
    batch = "".join(
        json.dumps({"id": code, "question": question}) + "\n"
        for code, (question, _) in QUESTIONS.items()
    )
    result = newsbot(mixed, "ask", "--batch", "-", "--as-of", "2023-06-12", stdin=batch)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    return {line["id"]: line for line in lines}


@pytest.mark.parametrize("language", sorted(QUESTIONS))
def test_each_language_answers_from_its_own_articles(
    answers: dict[str, dict[str, Any]], language: str
) -> None:
    _, expected = QUESTIONS[language]
    payload = answers[language]
    sentences = [s["text"] for s in payload["sentences"]]
    assert any(expected in s for s in sentences[:3]), sentences
    assert payload["language"] == language and "language_missing" not in payload
    assert {s["language"] for s in payload["sentences"]} == {language}  # its own articles only


def test_question_in_a_language_the_collection_lacks(tmp_path: Path) -> None:
    """The seed alone (English): a German question hears that nothing in German answers (exit
    status 1, as for any question without sentences)."""
    data = tmp_path / "d"
    question = "Werden die USA die Türkei wegen der S-400 sanktionieren?"
    result = newsbot(data, "ask", "--json", "--as-of", "2019-07-02", question)
    payload = json.loads(result.stdout)
    assert payload["language"] == "de" and payload["language_missing"] is True
    assert payload["answered"] is False
    assert all(s["language"] == "en" for s in payload["sentences"])
    text = newsbot(data, "ask", "--as-of", "2019-07-02", question).stdout
    assert text.startswith("My collection has nothing in your language that answers this.")
