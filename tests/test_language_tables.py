"""The language tables are data files (retrieval/languages/<code>.toml), read and checked once into
the typed model: every shipped file loads, a new file is a new language, and a broken file is
refused with its name and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval import languages
from retrieval.languages.model import Furniture, Language, RelativeWords
from retrieval.languages.tables import TableError, load, parse

TABLES = Path(languages.__file__).parent

MINIMAL = """
code = "xx"
native = "Xish"
stop_words = "ka ku"
"""


def test_every_shipped_file_is_a_language_english_first() -> None:
    shipped = {path.stem for path in TABLES.glob("*.toml")}
    assert set(languages.LANGUAGES) == shipped >= {"en", "ru", "es", "pt", "de", "fr", "tr", "ar"}
    assert next(iter(languages.LANGUAGES)) == languages.DEFAULT == "en"


def test_fields_arrive_in_their_model_types() -> None:
    russian = languages.LANGUAGES["ru"]
    assert isinstance(russian.stop_words, frozenset) and "когда" in russian.stop_words
    assert russian.months["июня"] == 6 and russian.months["янв"] == 1
    assert russian.between == ("между", "и") and russian.units[0] == ("д", 1)
    assert russian.relative[1] == RelativeWords(r"\bвчера\b", 2, 0)
    assert isinstance(russian.furniture, Furniture)
    assert russian.furniture.clock == "мск|МСК|по московскому времени"  # a list, joined
    assert languages.LANGUAGES["ar"].months["كانون الثاني"] == 1  # names may hold spaces
    assert languages.LANGUAGES["en"].furniture is None  # English has its own rules
    assert "доброе утро" in russian.small_talk.greeting and not russian.small_talk.ack


def test_a_new_file_is_a_new_language(tmp_path: Path) -> None:
    (tmp_path / "en.toml").write_text((TABLES / "en.toml").read_text(encoding="utf-8"))
    (tmp_path / "xx.toml").write_text(
        MINIMAL + 'stemmer = "english"\nmonths = [["jan"]' + ', ["m"]' * 11 + "]\n"
    )
    (tmp_path / "aa.toml").write_text(MINIMAL.replace('"xx"', '"aa"') + 'stemmer = "danish"')
    loaded = load(first=("en",), folder=tmp_path)
    assert list(loaded) == ["en", "aa", "xx"]
    assert loaded["xx"] == Language(
        code="xx",
        native="Xish",
        stemmer="english",
        stop_words=frozenset({"ka", "ku"}),
        months={"jan": 1, "m": 12},
    )


KINDS_BUT_SHARE = "[furniture]\n" + "".join(
    f"{kind} = ['x']\n" for kind in ("link", "caption", "advert", "subscribe", "listen", "updated")
)


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ("stop_wrds = 'x'", "stop_wrds"),  # a typo is refused, not ignored
        ("months = [['jan']]", "12 lists"),
        ("wh = '(unclosed'", "wh"),
        ("last_n = '(?P<n>\\d+) days'", "unit"),
        ("relative = [{ pattern = 'x', before = 'one', after = 1 }]", "before"),
        ("units = [['day']]", "units"),
        ("[furniture]\nlink = ['Read more']", "caption"),  # a kind missing
        (KINDS_BUT_SHARE + "share = ['(?:']", "share"),  # a phrase that is no pattern
        ("code = 'yy'", ""),  # TOML refuses a key twice
        ("stemmer = 'klingon'", "klingon"),
        ("[follow_up]\nopening = ['and (']", "follow_up.opening"),
        ("[follow_up]\npoints_bak = 'he'", "points_bak"),
    ],
)
def test_a_broken_file_is_refused_with_its_name(extra: str, said: str) -> None:
    with pytest.raises(TableError) as refused:
        parse(MINIMAL + ("" if "stemmer" in extra else "stemmer = 'english'\n") + extra, "xx")
    assert str(refused.value).startswith("xx: ") and said in str(refused.value)


def test_every_language_tells_follow_ups_with_its_own_words() -> None:
    for code, language in languages.LANGUAGES.items():
        follow = language.follow_up
        assert follow.opening and follow.points_back and follow.light and follow.general, code
        assert not follow.light & follow.points_back, code
    english = languages.LANGUAGES["en"].follow_up
    assert "they" in english.points_back and "won" in english.light and english.capitalised_names
    assert english.opening.startswith("and what about")  # a list in the file, joined
    assert not languages.LANGUAGES["de"].follow_up.capitalised_names  # every noun has a capital


def test_the_code_must_be_the_files_name() -> None:
    with pytest.raises(TableError, match="not the file's name"):
        parse(MINIMAL + "stemmer = 'english'", "yy")
