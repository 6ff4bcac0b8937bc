"""Spanish."""

from .model import Language, RelativeWords, words

_MONTHS = [
    "enero ene",
    "febrero feb",
    "marzo mar",
    "abril abr",
    "mayo may",
    "junio jun",
    "julio jul",
    "agosto ago",
    "septiembre setiembre sep sept",
    "octubre oct",
    "noviembre nov",
    "diciembre dic",
]

LANGUAGE = Language(
    code="es",
    native="Español",
    stemmer="spanish",
    stop_words=words(
        """de la que el en y a los del se las por un para con no una su al lo como más mas pero
        sus le ya o este sí si porque esta entre cuando muy sin sobre también me hasta hay donde
        quien quién desde todo nos durante todos uno les ni contra otros ese eso ante ellos e
        esto mí antes algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada
        muchos cual cuál poco ella estar estas algunas algo nosotros mi mis tú te ti tu tus
        ellas nosotras vosotros vosotras os mío mía tuyo suyo suya nuestro nuestra es son fue
        fueron ha han había era eran ser será sido está están estaba cómo dónde cuándo cuánto
        cuántos cuántas cuánta dijo según afirmó aseguró"""
    ),
    abbreviations=words(
        """sr sra srta dr dra lic ing prof gral av avda dña d núm nº pág ee.uu uu ee etc aprox
        ene feb mar abr may jun jul ago sep sept oct nov dic"""
    ),
    wh=r"\b(?:qué|que|quién|quiénes|quien|dónde|donde|cuándo|cuando|cuánto|cuántos|cuántas|cuánta|cuál|cuáles|cómo|por qué)\b",
    time=r"\bcuándo\b|\ben qué (?:año|fecha|mes|día)\b|\bqué día\b|\bdesde cuándo\b",
    number=(
        r"\bcuánt[oa]s?\b|\bqué (?:porcentaje|edad|cantidad|precio|número)\b|\bcuándo\b|"
        r"\ben qué (?:año|fecha|mes|día)\b"
    ),
    person=r"\bquién(?:es)?\b|\ba quién\b|\bde quién\b",
    place=r"\bdónde\b|\badónde\b|\bqué (?:país|países|ciudad|ciudades|región|provincia|estado)\b|\ben qué (?:país|ciudad|región)\b",
    months={name: i + 1 for i, names in enumerate(_MONTHS) for name in names.split()},
    since=("desde", "después de", "a partir de"),
    until=("antes de", "hasta"),
    during=("en", "durante"),
    between=("entre", "y"),
    month_year_joiner=r"(?:de|del)",
    relative=(
        RelativeWords(r"\bhoy\b|\besta (?:mañana|noche)\b", 1, 1),
        RelativeWords(r"\bayer\b", 2, 0),
        RelativeWords(r"\besta semana\b|\bla última semana\b|\blos últimos días\b", 8, 2),
        RelativeWords(r"\bla semana pasada\b", 15, 1),
        RelativeWords(r"\beste mes\b|\bel último mes\b", 31, 2),
        RelativeWords(r"\bel mes pasado\b", 62, 1),
        RelativeWords(r"\beste año\b|\bel último año\b", 366, 2),
        RelativeWords(r"\bel año pasado\b", 731, 1),
        RelativeWords(r"\brecientemente\b|\búltimamente\b", 31, 2),
        RelativeWords(r"\b(?:lo )?(?:último|últimas noticias)\b|\bactualmente\b|\bahora\b", 31, 2),
    ),
    last_n=r"\b(?:en\s+|durante\s+)?(?:los|las)\s+últim[oa]s\s+(?P<n>\d{1,3})\s+(?P<unit>días?|semanas?|mes(?:es)?)\b",
    units=(("día", 1), ("semana", 7), ("mes", 31)),
    present=r"\b(?:hoy|ahora|actualmente|últimas noticias|esta semana|este mes|recientemente)\b",
)
