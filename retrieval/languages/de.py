"""German."""

from .model import Language, RelativeWords, words

_MONTHS = [
    "januar jänner jan",
    "februar feb",
    "märz maerz mär",
    "april apr",
    "mai",
    "juni jun",
    "juli jul",
    "august aug",
    "september sep sept",
    "oktober okt",
    "november nov",
    "dezember dez",
]

LANGUAGE = Language(
    code="de",
    native="Deutsch",
    stemmer="german",
    stop_words=words(
        """aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
        anderes auch auf aus bei bin bis bist da damit dann der den des dem die das dass daß du
        er sie es ein eine einem einen einer eines für gegen gewesen hab habe haben hat hatte
        hatten hier hin hinter ich mich mir ihr ihm ihn ihnen ihre ihrem ihren ihrer ihres im in
        indem ins ist jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein
        keine keinem keinen keiner können könnte machen man manche mein meine mit muss musste
        nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner sich
        sind so solche soll sollte sondern sonst über um und uns unser unter viel vom von vor
        während war waren warst was weg weil weiter welche welchem welchen welcher welches wenn
        werde werden wie wieder will wir wird wirst wo wollen wollte würde würden zu zum zur
        zwar zwischen wer wann wieviel wieviele wo woher wohin sagte erklärte laut"""
    ),
    abbreviations=words(
        """dr prof hr fr nr str bzw usw ca z.b z b u.a d.h vgl inkl evtl ggf geb gest mio mrd
        jan feb mär apr jun jul aug sep sept okt nov dez abs art bd s"""
    ),
    wh=r"\b(?:wer|wen|wem|wessen|was|wo|wohin|woher|wann|wie|wieviel|wie viele|welche[rsnm]?|warum)\b",
    time=r"\bwann\b|\bin welchem (?:jahr|monat)\b|\ban welchem tag\b|\bseit wann\b|\bwie lange\b",
    number=(
        r"\bwie (?:viele?|hoch|alt|lange|weit|groß)\b|\bwieviele?\b|\bwann\b|"
        r"\bin welchem (?:jahr|monat)\b|\ban welchem tag\b|\bwelche[rn]? (?:anteil|prozentsatz|preis)\b"
    ),
    person=r"\bwer\b|\bwen\b|\bwem\b|\bwessen\b",
    place=r"\bwo\b|\bwohin\b|\bwoher\b|\bin welche[mr]? (?:land|stadt|region|staat)\b|\bwelche[sr]? (?:land|stadt|region)\b",
    months={name: i + 1 for i, names in enumerate(_MONTHS) for name in names.split()},
    since=("seit", "nach", "ab"),
    until=("vor", "bis"),
    during=("im", "in"),
    between=("zwischen", "und"),
    relative=(
        RelativeWords(r"\bheute\b|\bheute (?:morgen|abend)\b", 1, 1),
        RelativeWords(r"\bgestern\b", 2, 0),
        RelativeWords(r"\bdiese woche\b|\bin dieser woche\b|\bden letzten tagen\b", 8, 2),
        RelativeWords(r"\bletzte woche\b|\bvergangene woche\b|\bletzten woche\b", 15, 1),
        RelativeWords(r"\bdiesen monat\b|\bin diesem monat\b", 31, 2),
        RelativeWords(r"\bletzten monat\b|\bvergangenen monat\b", 62, 1),
        RelativeWords(r"\bdieses jahr\b|\bin diesem jahr\b", 366, 2),
        RelativeWords(r"\bletztes jahr\b|\bletzten jahr\b|\bvergangenes jahr\b", 731, 1),
        RelativeWords(r"\bkürzlich\b|\bneulich\b|\bin letzter zeit\b", 31, 2),
        RelativeWords(r"\bneueste[nsr]?\b|\baktuell\b|\bderzeit\b|\bzurzeit\b", 31, 2),
    ),
    last_n=r"\b(?:in\s+)?den\s+(?:letzten|vergangenen)\s+(?P<n>\d{1,3})\s+(?P<unit>Tag(?:e|en)?|Wochen?|Monat(?:e|en)?)\b",
    units=(("tag", 1), ("woche", 7), ("monat", 31)),
    present=r"\b(?:heute|jetzt|aktuell|derzeit|zurzeit|neueste[nsr]?|diese woche|kürzlich)\b",
)
