"""English."""

from .model import Language, RelativeWords, words

LANGUAGE = Language(
    code="en",
    native="English",
    stemmer="english",
    stop_words=words(
        """a about above after again against all also am an and any are aren as at be because
        been before being below between both but by can cannot could couldn did didn do does
        doesn doing don down during each few for from further had hadn has hasn have haven
        having he her here hers herself him himself his how i if in into is isn it its itself
        just ll m me might more most mustn my myself no nor not now of off on once only or other
        ought our ours ourselves out over own re s same shan she should shouldn so some such t
        than that the their theirs them themselves then there these they this those through to
        too under until up ve very was wasn we were weren what when where which while who whom
        whose why will with would wouldn you your yours yourself yourselves d y o ain according
        said says say"""
    ),
    abbreviations=words(
        """mr mrs ms dr prof sr jr st gen lt col sgt capt cmdr adm gov sen rep rev hon pres
        jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
        inc corp co ltd llc dept univ est approx vs etc no fig vol ave blvd rd mt ft
        u.s u.k u.n e.u d.c"""
    ),
    wh=r"\b(which|what|who|whom|whose|where|when|how)\b",
    time=r"\bwhen\b|\bwhat (?:year|date|day|month|time)\b|\bhow long\b",
    number=(
        r"\bhow (?:many|much|old|long|far|tall|high|big|large|fast)\b|\bwhat (?:percent|"
        r"percentage|share|age|year|number|amount|price|cost|rate|date|day|time)\b|\bwhen\b"
    ),
    person=r"\b(?:who|whom|whose)\b",
    place=(
        r"\bwhere\b|\b(?:which|what)\s+(?:\w+\s+)?(?:country|countries|city|cities|state|"
        r"states|continent|nation|island|town|region|province|county|capital)\b"
    ),
    months={
        **{
            name: i + 1
            for i, names in enumerate(
                [
                    "january jan",
                    "february feb",
                    "march mar",
                    "april apr",
                    "may",
                    "june jun",
                    "july jul",
                    "august aug",
                    "september sep sept",
                    "october oct",
                    "november nov",
                    "december dec",
                ]
            )
            for name in names.split()
        }
    },
    since=("since", "after", "from"),
    until=("before", "until", "till"),
    during=("in", "during"),
    between=("between", "and"),
    relative=(
        RelativeWords(r"\btoday\b|\bthis morning\b|\btonight\b", 1, 1),
        RelativeWords(r"\byesterday\b", 2, 0),
        RelativeWords(
            r"\bthis week(?:end)?\b|\bthe past week\b|\bthe last week\b|\bthe past few days\b",
            8,
            2,
        ),
        RelativeWords(r"\blast week(?:end)?\b", 15, 1),
        RelativeWords(r"\bthis month\b|\bthe past month\b", 31, 2),
        RelativeWords(r"\blast month\b", 62, 1),
        RelativeWords(r"\bthis year\b|\bthe past year\b", 366, 2),
        RelativeWords(r"\blast year\b", 731, 1),
        RelativeWords(r"\brecently\b|\blately\b", 31, 2),
        RelativeWords(
            r"\b(?:the )?(?:latest|newest)\b|\bcurrently\b|\bthese days\b|\bat the moment\b",
            31,
            2,
        ),
    ),
    last_n=r"\b(?:in\s+)?the\s+(?:past|last)\s+(?P<n>\d{1,3})\s+(?P<unit>days?|weeks?|months?)\b",
    units=(("day", 1), ("week", 7), ("month", 31)),
    present=(
        r"\b(?:today|tonight|this (?:morning|week(?:end)?|month|year)|latest|newest|now|"
        r"currently|recently|lately|these days|at the moment|so far|the past (?:few )?"
        r"(?:days|week))\b"
    ),
)
