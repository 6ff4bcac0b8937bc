"""Page furniture, the rules as data: each kind of furniture a pattern over a sentence (or a
paragraph) with the reason it names. ``furniture.py`` holds the verdicts that apply them.

A rule must describe a kind of furniture any outlet prints, never one article's wording; the
look-alikes that must stay (``More than 40 people died``, ``Updated figures show``) are in the
tests beside the furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["IRREGULAR_PAST", "PARAGRAPH_RULES", "SENTENCE_RULES", "Rule"]

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_CLOCK = r"\d{1,2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)(?:\s*(?:[ECMP][SD]?T|GMT|UTC|BST|CET))?"
_DATE = rf"{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
_MONTH_DAY = rf"{_MONTH}\s+\d"  # in every date the caption rules look for
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH_NEEDLES = (
    "jan",
    "feb",
    "march",
    "apr",
    "may ",
    "june",
    "july",
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
)
# Verbs a photo caption is written with, in the present tense: what the picture shows.
_CAPTION_VERB = (
    r"(?<!\bto )(?:attends?|speaks?|arrives?|waves(?! of)|poses?|gestures?|looks on|reacts?"
    r"|walks|stands(?! as)"
    r"|sits|listens?|delivers|celebrates?|departs?|greets?|visits|addresses|takes part"
    r"|participates?|pauses|smiles?|shakes hands|embraces?|hugs|kneels?|gathers?|marches"
    r"|looks at|holds up|holds|wears|prays?|mourns?|testifies"
    r"|(?:is|are) (?:seen|pictured|shown|displayed|exposed|surrounded)"
    r"|speaking (?:at|to|during|with)|seen (?:at|in|during))"
)
# A caption shows a moment; one that tells or foretells ("had been scheduled to arrive",
# "must also wear", "said") is reporting.
_TOLD = (
    r"(?:said|says|told|was|were|wasn.t|had|has|have|did|will|would|could|should|must|can"
    r"|may|might|won.t|don.t|doesn.t|plans?|expected|scheduled"
    r"|(?:is|are)(?! (?:seen|pictured|shown|displayed|exposed|surrounded)))"
)
# Any verb form a sentence of reporting would carry: a verbless line is a label or caption.
# Past tenses with no -ed: a line that tells the past is reporting, not a headline or caption.
IRREGULAR_PAST = (
    r"won|made|took|got|went|came|saw|gave|began|left|met|held|ran|found|became|led|lost"
    r"|paid|sent|sold|spent|struck|wrote|fell|shot|knew|thought|brought|bought|told|said"
)
# Any verb form a sentence of reporting would carry: a verbless line is a label or caption.
_ANY_VERB = (
    r"(?:is|are|was|were|be|been|has|had|have|will|would|can|could|may|might|must|should"
    rf"|do|does|did|says|[Ii]t.s|[Tt]hat.s|[Tt]here.s|{IRREGULAR_PAST}|set|put|hit"
    r"|\w+ed|\w+s)"
)
_NAME = r"[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|da|del|la|le|bin|al)){0,3}"
_AGENCY = (
    r"(?:CNN|AP|AFP|Reuters|Bloomberg|NPR|BBC|Associated Press|USA TODAY|CNBC|Axios)"
    r"(?:\s+(?:Business|Sport|Sports|Politics|Health|Wire|Network))?"
)
_CREDIT = (
    r"(?:Getty Images|AFP|Reuters|Shutterstock|ZUMA(?: Press| Wire)?|Bloomberg|Sipa(?: USA)?"
    r"|EPA(?:-EFE)?|Pool|UPI|AP Photo|Imagn|USA TODAY Sports|Adobe Stock|NurPhoto|Alamy)"
)


@dataclass(frozen=True)
class Rule:
    """One kind of furniture: a pattern over a sentence (or paragraph) and what it is."""

    name: str
    pattern: re.Pattern[str]
    reason: str
    # Lower-case strings one of which the text must hold before the pattern is tried: finding
    # them all in one pass is much cheaper than a regex scan, and ingest runs every rule.
    needles: tuple[str, ...] = ()
    # A rule for a whole line that is nothing else (a lone byline): tried only on short lines.
    lone: bool = False
    # A cheap pattern that every text the rule matches holds, found first: most sentences
    # with a needle ("dec" in "decided") fail it, and never run the costly pattern.
    requires: re.Pattern[str] | None = None

    def matches(self, text: str, lowered: str) -> bool:
        for needle in self.needles:
            if needle in lowered:
                break
        else:
            if self.needles:
                return False
        return self.found(text)

    def found(self, text: str) -> bool:
        """The pattern is in ``text`` (its needles already found)."""
        if self.requires is not None and self.requires.search(text) is None:
            return False
        return self.pattern.search(text) is not None


def _rule(
    name: str,
    pattern: str,
    reason: str,
    flags: int = 0,
    needles: tuple[str, ...] = (),
    lone: bool = False,
    requires: str = "",
) -> Rule:
    gate = re.compile(requires, flags) if requires else None
    return Rule(name, re.compile(pattern, flags), reason, needles, lone, gate)


# A paragraph that holds one of these is furniture whole: gallery and video-player blocks
# run caption after caption with no reporting between them.
PARAGRAPH_RULES: tuple[Rule, ...] = (
    _rule(
        "gallery",
        r"\bHide Caption \d+ of \d+\b",
        "photo gallery caption block",
        needles=("hide caption",),
    ),
    _rule("gallery", r"^Photos?:\s", "photo gallery caption block"),
    _rule(
        "video",
        r"\bJUST WATCHED\b|\bReplay More Videos\b|\bMUST WATCH\b",
        "video player",
        needles=("watch", "replay"),
    ),
)

SENTENCE_RULES: tuple[Rule, ...] = (
    # -- captions and credits
    _rule(
        "gallery",
        r"\b(?:Hide Caption|Photo|Image|Slide) \d+ of \d+\b",
        "gallery counter",
        needles=("caption", "photo", "image", "slide"),
    ),
    _rule(
        "caption",
        r"^(?:Photos?|Video|Gallery|Slideshow|Image|Pictured|Photo illustration)\s*:",
        "photo or video caption",
        re.IGNORECASE,
    ),
    _rule(
        "credit",
        rf"^[^.!?]{{0,80}}/(?:[^/\s][^/]{{0,40}}/)*\s*(?:via\s+)?{_CREDIT}\b",
        "photo credit",
        needles=("/",),
    ),
    _rule(
        "credit",
        rf"\((?:[^()]{{0,60}}/)?\s*(?:Photo|Photos|{_CREDIT})\b[^()]{{0,60}}\)\s*\.?$",
        "photo credit",
        needles=("(",),
    ),
    _rule(
        "credit",
        r"^(?:Photo|Image|Credit|Photograph)s?(?:\s+(?:by|credit|courtesy))?\s*:",
        "photo credit",
        re.IGNORECASE,
    ),
    # -- video and audio players
    _rule(
        "player",
        r"\bVideo player was slow to load\b|\bVideo content couldn.t be loaded\b"
        r"|\bHit play on the player\b|\bdifferences between the audio and the text\b"
        r"|\btranscript was automatically generated\b|\blisten to an audio version\b"
        r"|\bVideo Ad Feedback\b",
        "video or audio player text",
        re.IGNORECASE,
        needles=(
            "video",
            "audio",
            "hit play",
            "automatically",
        ),
    ),
    # -- link lines and teasers
    _rule(
        "link",
        r"^(?:More|Related|Read more|Read|See also|Also read|Dig deeper|Watch|Listen|Opinion"
        r"|Latest|Previously|Trending|Don.t miss|Must read|Recommended|Up next|Explore"
        r"|Just for subscribers|Top stories|Editor.s picks|Fact check|Explainer|Podcasts?"
        r"|Follow every game)"
        r"(?:\s+[\w'’&-]+){0,4}\s*(?::|>>|»)",
        "link line or teaser",
        re.IGNORECASE,
    ),
    # "Consumer alert:Cal-Maine Foods ...": a label glued to the headline it links to.
    _rule(
        "link",
        r"^[\"'‘“►•]?\s?[A-Z0-9][\w'’‘&,.-]*(?:\s[\w'’‘&,.-]+){0,5}:(?=[A-Z\"“‘'$])",
        "teaser",
        needles=(":",),
    ),
    _rule(
        "link",
        r"^(?:(?:For|To) [^,.]{1,60},\s*|You can\s+|(?:Please\s+))?"
        r"(?:click|tap|visit|read|see|sign up|subscribe|listen|watch|check|find|learn|get"
        r"|follow|go|view|explore)\b[^.!?]{0,70}\b(?:here|below|above)\b\W*$",
        "call to click",
        re.IGNORECASE,
    ),
    _rule(
        "link",
        r"^(?:Read|See|Watch|Listen to|Learn|Find out|Get) (?:more|the latest)\b",
        "link line or teaser",
        re.IGNORECASE,
    ),
    _rule(
        "link",
        r"\b(?:live updates|live coverage|live blog)\b[^.]{0,40}\b(?:here|below)\b",
        "live-coverage promo",
        re.IGNORECASE,
        needles=("live ",),
    ),
    _rule("link", r"^[^.!?]{0,80}:\s*https?://", "link line", needles=("http",)),
    # -- promos, newsletters, subscriptions, commerce, privacy notices
    _rule(
        "promo",
        r"\b(?:sign up|subscribe|register)\b[^.!?]{0,60}\b(?:newsletter|inbox|here|today|free)\b"
        r"|\bnewsletter\b[^.!?]{0,60}\b(?:sign up|subscribe|inbox|delivered)\b"
        r"|\bin your inbox\b",
        "newsletter or subscription promo",
        re.IGNORECASE,
        needles=("sign up", "subscribe", "register", "newsletter", "inbox"),
    ),
    _rule(
        "promo",
        r"^(?:Sign up|Subscribe|Support (?:local |quality )?journalism|Thank you for supporting"
        r"|Consider supporting|Not a subscriber|Already a subscriber|Become a subscriber"
        r"|Join us on|Follow us on|SUBSCRIBE)\b",
        "newsletter or subscription promo",
        re.IGNORECASE,
    ),
    _rule(
        "promo",
        r"\b(?:Purchases you make through our links|may earn (?:us )?a commission"
        r"|Recommendations are independently chosen|Prices were accurate at the time"
        r"|How relevant is this ad|All rights reserved|may not be published, broadcast"
        r"|our privacy (?:policy|notice)|legitimate interests?|use of your data)\b",
        "advertising, commerce or legal notice",
        re.IGNORECASE,
        needles=(
            "purchases",
            "commission",
            "independently chosen",
            "prices were",
            "this ad",
            "rights reserved",
            "broadcast",
            "privacy",
            "legitimate interest",
            "your data",
        ),
    ),
    # -- contact lines, bylines, datelines, credits
    _rule(
        "byline",
        r"^(?:Follow|Reach|Contact|Email|E-mail|Send (?:him|her|them) an email|Shoot (?:him|her)"
        r" an email)\b[^.!?]{0,80}(?:@|\bTwitter\b|\bX\b|\bFacebook\b|\bInstagram\b)",
        "contact line",
    ),
    _rule(
        "byline",
        r"^(?:Contributing|Reporting by|Writing by|Editing by|Additional reporting|Reported by"
        r"|Written by|Compiled by)\b",
        "credit line",
        re.IGNORECASE,
    ),
    _rule(
        "byline",
        rf"^By\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME}){{0,3}}(?:\s*,\s*{_AGENCY})?\s*$",
        "lone byline",
        lone=True,
    ),
    _rule("byline", rf"^[–—-]\s*{_NAME}\s*$", "lone byline", lone=True),
    _rule(
        "dateline",
        rf"^(?:[A-Z][\w.'’-]*,?\s+){{0,4}}\(?{_AGENCY}\)?\s*[—–-]*\s*$",
        "lone dateline",
        lone=True,
    ),
    # -- stamps
    _rule(
        "stamp",
        rf"^(?:Updated|Published|Posted|Last updated|Originally published)\s*:?\s*(?:on\s+)?"
        rf"(?:{_MONTH}\s+\d|\d{{1,2}}:\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}"
        r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\d+\s+(?:min|hour|day)s?\s+ago)",
        "update stamp",
    ),
    _rule("stamp", rf"^{_DATE}\s*,?\s*(?:{_CLOCK}\s*)?(?:Updated|Published|Posted)\b", "stamp"),
    _rule("stamp", rf"^{_CLOCK}\s+{_DATE}\b", "live-blog timestamp"),
    _rule(
        "stamp",
        r"\bShare this (?:update|post|article|story)\b|^Copy link\b|^Share (?:on|via) \w+\s*$",
        "share widget",
        re.IGNORECASE,
        needles=("share", "copy link"),
    ),
    # -- captions with no marker: a present-tense picture description with its date
    # ("Kim Kardashian attends the premiere ... on April 7, 2022."). Reporting tells the past
    # ("was arrested ... on June 16, 2023"); a caption tells what the picture shows.
    _rule(
        "caption",
        rf"^(?!.*\b{_TOLD}\b)[^\"“”:;]{{0,160}}?\b{_CAPTION_VERB}\b[^\"“”]{{0,240}}?"
        rf"\b(?:on|in|,)\s+(?:{_WEEKDAY},?\s+)?{_MONTH}\s+\d{{1,2}}\b",
        "photo caption",
        needles=_MONTH_NEEDLES,
        requires=_MONTH_DAY,
    ),
    # "Volcanic eruption at Mauna Loa ... on November 29, 2022.": a scene with its date and
    # no verb at all; a sentence of reporting has one.
    _rule(
        "caption",
        rf"^(?=(?:\S+\s+){{0,15}}\S+$)(?:(?!\b{_ANY_VERB}\b)[^\"“”:;])+?"
        rf"\bon\s+(?:{_WEEKDAY},?\s+)?{_DATE}\.?$",
        "photo caption",
        needles=_MONTH_NEEDLES,
        requires=_MONTH_DAY,
    ),
    # -- video titles and section labels after a pipe: "Missed tackle ... | Score: Ohio
    # State 10, Penn State 7", "... | Opinion", "1:45 p.m. | Scheffler struggles ...". Prose
    # puts a pipe only inside brackets or quotes ("(iOS | Android)"); a heading glued by a
    # pipe to a finished sentence of reporting keeps the sentence.
    _rule(
        "title",
        r"^[^()\"“”]{1,200}?[\s\ufeff]\|[\s\ufeff](?:[^.!?]*|(?:\S+\s+){0,5}\S+\s*)$",
        "video title or section label",
        needles=("|",),
    ),
    _rule(
        "stamp",
        r"^This (?:story|article|post) (?:has been|was|is being) updated\b"
        r"|^(?:A version of this (?:story|article)|This (?:story|article) (?:was )?originally)"
        r"|^This is a developing story\b",
        "update notice",
        re.IGNORECASE,
    ),
)
