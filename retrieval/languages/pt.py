"""Portuguese."""

from .model import Language, RelativeWords, words

_MONTHS = [
    "janeiro jan",
    "fevereiro fev",
    "março marco mar",
    "abril abr",
    "maio mai",
    "junho jun",
    "julho jul",
    "agosto ago",
    "setembro set",
    "outubro out",
    "novembro nov",
    "dezembro dez",
]

LANGUAGE = Language(
    code="pt",
    native="Português",
    stemmer="portuguese",
    stop_words=words(
        """de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi
        ao ele das tem à seu sua ou ser quando muito há nos já está eu também só pelo pela até
        isso ela entre era depois sem mesmo aos ter seus quem nas me esse eles estão você tinha
        foram essa num nem suas meu às minha têm numa pelos elas havia seja qual será nós tenho
        lhe deles essas esses pelas este fosse dele tu te vocês vos lhes meus minhas teu tua
        nosso nossa dela delas esta estes estas aquele aquela isto aquilo estava são onde
        quanto quantos quantas quanta disse afirmou segundo"""
    ),
    abbreviations=words(
        """sr sra srta dr dra prof eng av pág nº núm etc aprox eua ee.uu
        jan fev mar abr mai jun jul ago set out nov dez"""
    ),
    wh=r"\b(?:que|quê|quem|onde|quando|quanto|quantos|quantas|quanta|qual|quais|como|por que|porque)\b",
    time=r"\bquando\b|\bem que (?:ano|data|mês|dia)\b|\bque dia\b|\bdesde quando\b",
    number=(
        r"\bquant[oa]s?\b|\bqual (?:a |o )?(?:porcentagem|percentagem|idade|quantidade|preço|"
        r"número)\b|\bquando\b|\bem que (?:ano|data|mês|dia)\b"
    ),
    person=r"\bquem\b|\bde quem\b|\ba quem\b",
    place=r"\bonde\b|\baonde\b|\bque (?:país|países|cidade|cidades|região|estado)\b|\bem que (?:país|cidade|região)\b|\bqual (?:país|cidade)\b",
    months={name: i + 1 for i, names in enumerate(_MONTHS) for name in names.split()},
    since=("desde", "depois de", "a partir de", "após"),
    until=("antes de", "até"),
    during=("em", "durante", "no", "na"),
    between=("entre", "e"),
    month_year_joiner=r"(?:de|do)",
    relative=(
        RelativeWords(r"\bhoje\b|\besta (?:manhã|noite)\b", 1, 1),
        RelativeWords(r"\bontem\b", 2, 0),
        RelativeWords(r"\besta semana\b|\bnesta semana\b|\bos últimos dias\b", 8, 2),
        RelativeWords(r"\bsemana passada\b", 15, 1),
        RelativeWords(r"\beste mês\b|\bneste mês\b", 31, 2),
        RelativeWords(r"\bmês passado\b", 62, 1),
        RelativeWords(r"\beste ano\b|\bneste ano\b", 366, 2),
        RelativeWords(r"\bano passado\b", 731, 1),
        RelativeWords(r"\brecentemente\b|\bultimamente\b", 31, 2),
        RelativeWords(r"\búltimas notícias\b|\batualmente\b|\bagora\b", 31, 2),
    ),
    last_n=r"\b(?:n|durante\s+)?(?:os|as)\s+últim[oa]s\s+(?P<n>\d{1,3})\s+(?P<unit>dias?|semanas?|m[eê]s(?:es)?)\b",
    units=(("dia", 1), ("semana", 7), ("m", 31)),
    present=r"\b(?:hoje|agora|atualmente|últimas notícias|esta semana|este mês|recentemente)\b",
)
