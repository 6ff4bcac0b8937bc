"""The analysers that are not plain Snowball: Russian by dictionary lemmas (pymorphy3, Snowball
for unknown words) and Arabic by light stemming (light10 rules from ar.toml)."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from retrieval import Library, languages
from retrieval.languages.tables import TableError, parse
from retrieval.light_stemming import LightStemmer
from retrieval.tokenize import content_words, tokenize

ROOT = Path(__file__).resolve().parent.parent
LANG = Path(__file__).parent / "lang"


@pytest.mark.parametrize(
    "forms",
    [
        # Forms Snowball leaves apart: stem alternations, suppletion, fleeting vowels,
        # participles against finite verbs.
        ("люди", "людей", "человек", "человека"),
        ("год", "года", "лет"),
        ("ребёнок", "детей", "дети"),
        ("шёл", "шла", "идти"),
        ("койка", "коек"),
        ("перерезал", "перерезала", "перерезана"),
        ("кубок", "кубков", "кубка"),
        ("эвакуировали", "эвакуированных"),
        ("ёлка", "елки"),  # "ё" and "е" are one letter in search
    ],
)
def test_russian_forms_of_a_word_are_one_term(forms: tuple[str, ...]) -> None:
    terms = {term for form in forms for term in tokenize(form, "ru")}
    assert len(terms) == 1, terms


def test_russian_words_the_dictionary_lacks_are_stemmed_by_snowball() -> None:
    # Surnames and coinages the dictionary does not know: Snowball joins their case forms.
    assert tokenize("Махиня Махини", "ru") == ["махин", "махин"]
    assert tokenize("Кожемяко 2024 covid", "ru") == ["кожемяк", "2024", "covid"]


def test_forms_of_russian_stop_words_are_stop_words() -> None:
    # "кем" (кто), "какую" (какой): not listed themselves, their lemmas are.
    assert content_words("Кем была перерезана лента?", "ru") == ["перерезать", "лента"]
    assert content_words("Какую урожайность показала пшеница?", "ru") == [
        "урожайность",
        "показать",
        "пшеница",
    ]


def test_russian_lemmas_are_the_same_on_many_threads() -> None:
    """Answers tokenize on several read threads at once; the analyser loads once and every
    thread gets what one thread alone gets."""
    text = (LANG / "ru.articles.jsonl").read_text(encoding="utf-8")
    words = sorted(set(text.split()))
    alone = [tokenize(word, "ru") for word in words]
    results: list[list[list[str]]] = []
    start = threading.Barrier(4)

    def work() -> None:
        start.wait()
        results.append([tokenize(word + "ами", "ru") for word in words])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 and all(r == results[0] for r in results)
    assert [tokenize(word, "ru") for word in words] == alone


@pytest.mark.slow
def test_the_russian_dictionary_loads_only_when_russian_text_comes(tmp_path: Path) -> None:
    """An English collection and its questions never load pymorphy3 (~25 MB)."""
    probe = (
        "import sys, datetime as dt\n"
        "from retrieval import Library\n"
        f"library = Library({str(tmp_path / 'data')!r})\n"
        "library.answer('Will the US sanction Turkey over the S-400?', as_of=dt.date(2019, 7, 2))\n"
        "print('pymorphy3' in sys.modules)\n"
        f"library.ingest([{str(LANG / 'ru.articles.jsonl')!r}])\n"
        "print('pymorphy3' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.split() == ["False", "True"]


ARABIC = languages.get("ar").light_stemming
assert ARABIC is not None
STEM = LightStemmer.of(ARABIC)


@pytest.mark.parametrize(
    ("words", "stem"),
    [
        # The definite article and its clitics: "the bridge", "and the", "with the", "for the".
        (("الجسر", "والجسر", "بالجسر", "للجسر", "جسر", "فالجسر", "كالجسر"), "جسر"),
        # Sound plurals and the feminine ending.
        (("السيارات", "سيارات", "سيارة", "السيارة"), "سيار"),
        (("المهندسون", "مهندسين", "المهندسين", "المهندس"), "مهندس"),
        # Pronoun suffixes, and the hamza's seat following the case ending.
        (("بناء", "بناؤه", "بنائه"), "بناء"),
        (("مستشفى", "المستشفى", "مستشفيات"), "مستشف"),
        # Hamza forms of alef: one letter.
        (("أحمد", "احمد", "إحمد"), "احمد"),
    ],
)
def test_arabic_light_stemming_joins_clitic_and_suffix_forms(
    words: tuple[str, ...], stem: str
) -> None:
    assert {STEM(word) for word in words} == {stem}


def test_arabic_light_stemming_keeps_short_words_whole() -> None:
    assert STEM("وقت") == "وقت"  # "و" is cut only when three letters remain
    assert STEM("ولد") == "ولد"
    assert STEM("الف") == "الف"  # "ال" only when two remain
    assert STEM("له") == "له"  # a suffix only when two remain


def test_arabic_vowel_marks_and_stretching_do_not_split_or_change_words() -> None:
    assert tokenize("الْمُهَنْدِسُونَ المـهـندسون", "ar") == ["مهندس", "مهندس"]


def test_a_light_stemmer_needs_its_rules_and_a_lemmatizer_must_exist() -> None:
    minimal = 'code = "xx"\nnative = "X"\nstop_words = "a"\n'
    with pytest.raises(TableError, match="light_stemming"):
        parse(minimal + 'stemmer = "light"\n', "xx")
    with pytest.raises(TableError, match="lemmatizer"):
        parse(minimal + 'stemmer = "english"\nlemmatizer = "nope"\n', "xx")
    light = parse(minimal + 'stemmer = "light"\n[light_stemming]\nprefixes = [["un", 3]]\n', "xx")
    assert light.light_stemming is not None
    assert LightStemmer.of(light.light_stemming)("undone") == "done"


def test_a_russian_question_finds_its_answer_in_other_inflections(tmp_path: Path) -> None:
    """The question says "людей" and "лет"; the article "человек" and "года"."""
    library = Library(tmp_path / "data", seed=False)
    library.ingest([LANG / "ru.articles.jsonl"])
    answer = library.answer("Сколько людей эвакуировали из затопленных домов?")
    assert answer.sentences and "900 человек" in answer.sentences[0].text
