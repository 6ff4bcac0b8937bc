"""Turkish."""

from .model import Language, RelativeWords, words

_MONTHS = [
    "ocak oca",
    "şubat şub",
    "mart mar",
    "nisan nis",
    "mayıs may",
    "haziran haz",
    "temmuz tem",
    "ağustos ağu",
    "eylül eyl",
    "ekim eki",
    "kasım kas",
    "aralık ara",
]
# Turkish glues case endings to names: "Haziran'da", "Hazirandan"; an apostrophe and ending
# may follow a month or a year.
_ENDING = r"(?:['’]?(?:da|de|ta|te|dan|den|tan|ten|ında|inde|ın|in|nda|nde))?"

LANGUAGE = Language(
    code="tr",
    native="Türkçe",
    stemmer="turkish",
    stop_words=words(
        """acaba ama aslında az bazı belki biri birkaç birşey biz bu çok çünkü da daha de defa
        diye eğer en gibi hem hep hepsi her hiç için ile ise kez ki kim mı mu mü mi nasıl ne
        neden nerde nerede nereye niçin niye o sanki şey siz şu tüm ve veya ya yani bir olan
        olarak olduğu oldu kadar sonra önce ayrıca göre ancak dedi açıkladı belirtti ise ile
        kaç hangi zaman"""
    ),
    abbreviations=words("""dr prof doç av yrd vb vs sn no st cad sok mah bkz örn yy"""),
    wh=r"\b(?:kim|kimi|kime|kimin|ne|neyi|nerede|nereye|nereden|ne zaman|kaç|hangi|nasıl|neden|niçin)\b",
    time=r"\bne zaman\b|\bhangi (?:yıl|tarih|gün|ay)\w*|\bkaç yılında\b",
    number=r"\bkaç\b|\bne kadar\b|\bne zaman\b|\byüzde kaç\b|\bhangi (?:yıl|tarih)\w*",
    person=r"\bkim\w*",
    place=r"\bnerede\b|\bnereye\b|\bnereden\b|\bhangi (?:ülke|şehir|kent|bölge|il)\w*",
    months={name: i + 1 for i, names in enumerate(_MONTHS) for name in names.split()},
    since=(),
    until=(),
    during=(),
    between=("", ""),
    since_after=("beri", "bu yana", "itibaren", "sonra"),
    until_after=("önce", "kadar"),
    year_suffix=_ENDING,
    relative=(
        RelativeWords(r"\bbugün\w*|\bbu (?:sabah|akşam)\b", 1, 1),
        RelativeWords(r"\bdün\b", 2, 0),
        RelativeWords(r"\bbu hafta\w*|\bson günlerde\b", 8, 2),
        RelativeWords(r"\bgeçen hafta\w*", 15, 1),
        RelativeWords(r"\bbu ay\w*", 31, 2),
        RelativeWords(r"\bgeçen ay\w*", 62, 1),
        RelativeWords(r"\bbu yıl\w*|\bbu sene\w*", 366, 2),
        RelativeWords(r"\bgeçen yıl\w*|\bgeçen sene\w*", 731, 1),
        RelativeWords(r"\bson zamanlarda\b|\byakın zamanda\b", 31, 2),
        RelativeWords(r"\bson dakika\b|\bşu anda\b|\bşimdi\b|\bgünümüzde\b", 31, 2),
    ),
    last_n=r"\bson\s+(?P<n>\d{1,3})\s+(?P<unit>gün|hafta|ay)\w*",
    units=(("gün", 1), ("hafta", 7), ("ay", 31)),
    present=r"\b(?:bugün|şimdi|şu anda|son dakika|bu hafta|son zamanlarda)\b",
)
