"""Light stemming: affixes cut by a language's rules (its ``[light_stemming]`` table), for a
language where Snowball's stems are too rough. Arabic's rules are Larkey, Ballesteros and
Connell's light10 ("Light Stemming for Arabic Information Retrieval", 2007), the light stemmer
of Arabic search engines: letter variants folded, the conjunction "و" and the definite
article with its clitics ("ال", "وال", "بال", "كال", "فال", "لل") cut, then the common
suffixes ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"), each once, in order,
each only when enough of the word remains.

No state beyond the rules: safe on any thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from .languages import LightStemming

__all__ = ["LightStemmer"]


@dataclass(frozen=True)
class LightStemmer:
    """One language's light stemming rules, ready to apply: ``stemmer(word)``."""

    letters: dict[int, str]
    final_letters: dict[str, str]
    prefixes: tuple[tuple[str, int], ...]
    suffixes: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, rules: LightStemming) -> LightStemmer:
        return cls(
            str.maketrans(rules.letters), rules.final_letters, rules.prefixes, rules.suffixes
        )

    def fold(self, word: str) -> str:
        """The word with its letter variants folded: anywhere, then as its last letter."""
        word = word.translate(self.letters)
        if word and word[-1] in self.final_letters:
            word = word[:-1] + self.final_letters[word[-1]]
        return word

    def __call__(self, word: str) -> str:
        """The word folded, cut of its first fitting prefix, then of each fitting suffix in
        turn ("fitting": the word keeps at least the letters the rule names)."""
        word = self.fold(word)
        for prefix, keep in self.prefixes:
            if word.startswith(prefix) and len(word) - len(prefix) >= keep:
                word = word[len(prefix) :]
                break
        for suffix, keep in self.suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= keep:
                word = word[: -len(suffix)]
        return word
