"""Messages that are not questions: greetings, thanks, "ok", "test", emoji, "who are you?".

Kept as data: whole-message phrases (after lowercasing, and dropping punctuation and emoji) and
a few patterns for their common variations. A message is small talk only when all of it is;
"hi-tech stocks", "Tesla news" and "who won?" are questions.
"""

from __future__ import annotations

import re

__all__ = ["SMALL_TALK", "small_talk"]


def _phrases(table: str) -> frozenset[str]:
    return frozenset(" ".join(p.split()) for p in table.split("|"))


# kind -> whole messages of that kind
SMALL_TALK: dict[str, frozenset[str]] = {
    "greeting": _phrases(
        """hi | hello | hey | hiya | heya | howdy | yo | sup | greetings | hallo | hola | salut |
        good morning | good afternoon | good evening | good night | morning | evening |
        what's up | whats up | wassup | how are you | how are you doing | how's it going |
        hows it going | are you there | anyone there | bye | goodbye | see you | cya"""
    ),
    "thanks": _phrases(
        """thanks | thank you | thx | ty | tnx | cheers | many thanks | thanks a lot |
        thank you very much | thank you so much | thanks so much | much appreciated |
        great | cool | nice | awesome | perfect | excellent | good | good bot | great job |
        well done | love it | wow"""
    ),
    "ack": _phrases(
        """ok | okay | k | kk | okey | yes | no | yep | nope | yeah | sure | alright | all right |
        fine | got it | i see | hmm | hm | lol | haha | test | testing | test test | ping |
        start | stop | help | menu | hello world"""
    ),
    "about": _phrases(
        """what can you do | what do you do | who are you | what are you | are you a bot |
        are you human | are you real | how does this work | how do you work | how do i use you |
        how to use | how do i use this | what is this | what's this | whats this |
        what are you for | what can i ask | what can i ask you | tell me about yourself |
        who made you | what's your name | whats your name | introduce yourself"""
    ),
    "topicless": _phrases(
        """news | the news | latest news | any news | some news | what's new | whats new |
        what's happening | whats happening | tell me the news | give me news | give me the news |
        show me the news | news please | headlines | the headlines | anything new"""
    ),
}
# The same kinds in the other languages the collection may hold (retrieval/languages): a
# "привет" is a greeting, not a question in a language the collection lacks.
_OTHER_LANGUAGES: dict[str, str] = {
    "greeting": """привет | здравствуйте | добрый день | доброе утро | добрый вечер | пока |
        buenos días | buenas tardes | buenas noches | qué tal | adiós |
        olá | ola | oi | bom dia | boa tarde | boa noite | tchau |
        guten tag | guten morgen | guten abend | servus | moin | tschüss | hi zusammen |
        bonjour | bonsoir | coucou | au revoir | ça va |
        merhaba | selam | günaydın | iyi akşamlar | hoşça kal |
        مرحبا | السلام عليكم | أهلا | صباح الخير | مساء الخير""",
    "thanks": """спасибо | большое спасибо | gracias | muchas gracias | obrigado | obrigada |
        muito obrigado | danke | danke schön | vielen dank | merci | merci beaucoup |
        teşekkürler | teşekkür ederim | sağ ol | شكرا | شكرا جزيلا""",
    "about": """кто ты | что ты умеешь | quién eres | qué puedes hacer | quem é você |
        o que você faz | wer bist du | was kannst du | qui es tu | que sais tu faire |
        sen kimsin | ne yapabilirsin | من أنت | ماذا تستطيع أن تفعل""",
    "topicless": """новости | последние новости | noticias | últimas noticias | notícias |
        últimas notícias | nachrichten | neuigkeiten | actualités | les nouvelles |
        haberler | son haberler | أخبار | آخر الأخبار""",
}
for _kind, _table in _OTHER_LANGUAGES.items():
    SMALL_TALK[_kind] = SMALL_TALK[_kind] | _phrases(_table)

_ADDRESS = r"(?:\s+(?:there|bot|newsbot|everyone|all|guys|folks|friend|buddy|mate|again))*"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("greeting", re.compile(rf"^(?:h+i+|he+y+|hel+o+|yo+)(?:\s+(?:h+i+|he+y+)){{0,2}}{_ADDRESS}$")),
    (
        "thanks",
        re.compile(
            rf"^(?:(?:ok(?:ay)?|great|cool|nice)\s+)?(?:thanks?|thank you|thx|ty)"
            rf"(?:\s+(?:a lot|so much|very much|again))?{_ADDRESS}$"
        ),
    ),
    ("ack", re.compile(r"^(?:o+k+|test(?:ing)?|ha(?:ha)+|lo+l)(?:\s+(?:o+k+|test(?:ing)?|\d+))*$")),
]
_NOT_WORD = re.compile(r"[^\w\s']+")


def _normalise(text: str) -> str:
    text = text.lower().replace("’", "'")
    return " ".join(_NOT_WORD.sub(" ", text).replace("_", " ").split())


def small_talk(text: str) -> str:
    """The kind of small talk the whole message is ("greeting", "thanks", "ack", "about",
    "topicless", or "emoji" when it has no words at all), or "" for a question."""
    if not any(ch.isalnum() for ch in text):
        return "emoji"
    if len(text) > 60:  # small talk is short; anything longer is worth searching
        return ""
    plain = _normalise(text)
    for kind, phrases in SMALL_TALK.items():
        if plain in phrases:
            return kind
    for kind, pattern in _PATTERNS:
        if pattern.match(plain):
            return kind
    return ""
