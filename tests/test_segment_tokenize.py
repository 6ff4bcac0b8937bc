"""Segmentation and tokenization, checked against tantivy's own analyzer."""

from __future__ import annotations

from pathlib import Path

import tantivy

from retrieval.segment import split_passages, split_sentences
from retrieval.tokenize import content_words, tokenize


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
