"""Segmentation and tokenization, checked against tantivy's own analyzer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import tantivy

from retrieval.articles import Article, article_key
from retrieval.segment import paragraphs, split_passages, split_sentences
from retrieval.tokenize import content_words, passage_terms, tokenize, tokens_and_content


def test_sentences_keep_abbreviations_together() -> None:
    text = 'Mr. Smith went to Washington, D.C. on Jan. 5. He met U.S. officials. "Good," he said.'
    assert split_sentences(text) == [
        "Mr. Smith went to Washington, D.C. on Jan. 5.",
        "He met U.S. officials.",
        '"Good," he said.',
    ]


def test_long_paragraphs_are_split_short_ones_kept() -> None:
    long = " ".join(f"Sentence number {i} is here." for i in range(200))
    passages = split_passages(f"Short one.\n\n{long}\nLast line.", max_chars=500)
    assert passages[0] == "Short one." and passages[-1] == "Last line."
    assert all(len(p) <= 500 for p in passages)
    assert " ".join(passages[1:-1]) == long


def test_giant_sentence_is_cut() -> None:
    passages = split_passages("word " * 2000, max_chars=300)
    assert all(len(p) <= 300 for p in passages) and len(passages) > 5


def test_python_tokens_match_tantivy_en_stem(tmp_path: Path) -> None:
    text = "Running dogs' owners were ARGUING about S-400 deliveries and Erdoğan’s 2019 policies"
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", stored=True, tokenizer_name="en_stem")
    index = tantivy.Index(builder.build(), path=str(tmp_path))
    writer = index.writer(15_000_000, 1)
    writer.add_document(tantivy.Document(body=text))
    writer.commit()
    index.reload()
    searcher = index.searcher()
    for token in tokenize(text):
        assert searcher.doc_freq("body", token) == 1, token


def test_content_words_drop_stop_words() -> None:
    assert content_words("What is the name of the new variant?") == ["name", "new", "variant"]


def test_passage_terms_equal_each_sentence_analysed_apart() -> None:
    """Indexing analyses a passage in one pass: the tokens and content-word lines must be
    exactly those of its sentences analysed one by one (empty and stop-word-only ones too)."""
    cases = [
        ["The Fed raised rates.", "It was the first rise since 2019!"],
        ["", "Of the and.", "ΟΔΟΣ ΣΤΑΣΙΣ closed.", "x" * 45 + " long word"],
        ["A.", "", ""],
        [],
        ["Straße in München; naïve café_owner's re-election."],
        # ASCII (a character table finds the words), also once curly quotes, dashes and
        # bullets are spaced out; a letter such as é is not.
        ["Snake_case, CO2 & 3.5% up (Q4)... [ok]", "dots . . . and\ttabs|pipes"],
        ["\u201cQuoted\u201d \u2014 it\u2019s \u2022 listed\u2026", "A\u00a0B\u200bC"],
        ["Caf\u00e9 \u2018au lait\u2019.", "Plain."],
    ]
    for sentences in cases:
        for language in ("en", "de"):
            tokens: list[str] = []
            lines: list[str] = []
            for sentence in sentences:
                sentence_tokens, content = tokens_and_content(sentence, language)
                tokens += sentence_tokens
                lines.append(" ".join(content))
            expected = (" ".join(tokens), "\n".join(lines))
            assert passage_terms(sentences, language) == expected, sentences
    # Sentences never hold a newline (split_sentences collapses white space); one that does
    # is read as two lines on every path, as it always was.
    assert passage_terms(["Line one\nstill one.", "Two."]) == (
        "line one still one two",
        "line one\nstill one\ntwo",
    )
    assert (
        passage_terms(["Caf\u00e9 one\nstill one.", "Two."])[1] == "caf\u00e9 one\nstill one\ntwo"
    )


def test_split_sentences_of_normalized_text_as_of_raw() -> None:
    text = "Mr. Smith went to Washington.  He met  the U.S. envoy.\nThen he left."
    once = " ".join(text.split())
    assert split_sentences(once, normalized=True) == split_sentences(text)


def test_paragraphs_are_the_text_white_space_collapsed() -> None:
    """Indexing hashes the joined paragraphs as the article's key and cuts them into passages:
    both must be what the whole text gives."""
    text = " \tFirst  line\r\n\n \n\u00a0Second\u2003line \n\n\n\tThird\x0bpart\u2028x \n"
    lines = paragraphs(text)
    assert lines == ["First line", "Second line", "Third part x"]
    assert " ".join(lines) == " ".join(text.split())
    assert split_passages(lines) == split_passages(text)
    article = Article(title=" A  title ", date=dt.date(2023, 5, 1), text=text)
    assert article_key(article, " ".join(lines)) == article_key(article) == article.key
