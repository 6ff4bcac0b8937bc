"""French."""

from .model import Language, RelativeWords, words

_MONTHS = [
    "janvier janv",
    "février fevrier févr",
    "mars",
    "avril avr",
    "mai",
    "juin",
    "juillet juil",
    "août aout",
    "septembre sept",
    "octobre oct",
    "novembre nov",
    "décembre decembre déc",
]

LANGUAGE = Language(
    code="fr",
    native="Français",
    stemmer="french",
    stop_words=words(
        """au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais
        me même mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur
        ta te tes toi ton tu un une vos votre vous c d j l à m n s t y été étée étées étés étant
        suis es est sommes êtes sont serai sera seront étais était étions étaient fut furent
        ai as avons avez ont aura auront avais avait avaient eu ceci cela celà cet cette ici
        quel quelle quels quelles quand combien comment pourquoi qu'est dont selon a déclaré
        affirmé dit"""
    ),
    abbreviations=words(
        """m mm mme mlle dr pr me st ste av bd n° no etc env cf janv févr avr juil sept oct nov
        déc p ex éd"""
    ),
    wh=r"\b(?:qui|que|quoi|où|quand|combien|comment|quel|quelle|quels|quelles|pourquoi)\b",
    time=r"\bquand\b|\ben quelle année\b|\bquel (?:jour|mois)\b|\bdepuis quand\b|\bà quelle date\b",
    number=(
        r"\bcombien\b|\bquel(?:le)? (?:pourcentage|âge|part|prix|nombre|montant)\b|\bquand\b|"
        r"\ben quelle année\b|\bquel (?:jour|mois)\b"
    ),
    person=r"\bqui\b",
    place=r"\boù\b|\bd'où\b|\bquel(?:le)? (?:pays|ville|région|état|capitale)\b|\bdans quel(?:le)? (?:pays|ville|région)\b",
    months={name: i + 1 for i, names in enumerate(_MONTHS) for name in names.split()},
    since=("depuis", "après", "à partir de"),
    until=("avant", "jusqu'en", "jusqu'à"),
    during=("en", "pendant"),
    between=("entre", "et"),
    relative=(
        RelativeWords(r"\baujourd'hui\b|\bce (?:matin|soir)\b", 1, 1),
        RelativeWords(r"\bhier\b", 2, 0),
        RelativeWords(r"\bcette semaine\b|\bces derniers jours\b", 8, 2),
        RelativeWords(r"\bla semaine (?:dernière|passée)\b", 15, 1),
        RelativeWords(r"\bce mois-ci\b|\bce mois\b", 31, 2),
        RelativeWords(r"\ble mois (?:dernier|passé)\b", 62, 1),
        RelativeWords(r"\bcette année\b", 366, 2),
        RelativeWords(r"\bl'année (?:dernière|passée)\b|\bl'an dernier\b", 731, 1),
        RelativeWords(r"\brécemment\b|\bdernièrement\b", 31, 2),
        RelativeWords(r"\bdernières nouvelles\b|\bactuellement\b|\ben ce moment\b", 31, 2),
    ),
    last_n=r"\b(?:au cours des|durant les|pendant les|ces|les)\s+(?P<n>\d{1,3})\s+(?:derni(?:ers|ères)\s+)?(?P<unit>jours|semaines|mois)\b(?:\s+derni(?:ers|ères)\b)?",
    units=(("jour", 1), ("semaine", 7), ("mois", 31)),
    present=r"\b(?:aujourd'hui|maintenant|actuellement|en ce moment|cette semaine|récemment)\b",
)
