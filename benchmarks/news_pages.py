"""An invented local news site, page by page: article bodies written for newsbot's tests and
extraction benchmark (no real outlet's text), each rendered in one of three page layouts with
the furniture real pages carry (navigation, cookie notice, share buttons, related links,
newsletter promo, comments, footer). Also a paywalled teaser and a section page that is no
article. ``tests/news_site.py`` serves them on 127.0.0.1; ``benchmarks/extraction.py`` scores
extraction against the bodies."""

from __future__ import annotations

import html
from dataclasses import dataclass

__all__ = ["ARTICLES", "PAYWALLED", "NewsArticle", "article_page", "section_page"]


@dataclass(frozen=True)
class NewsArticle:
    slug: str
    title: str
    published: str  # ISO time, UTC
    teaser: str  # what the feed carries
    paragraphs: tuple[str, ...]  # the body, as written

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


ARTICLES = (
    NewsArticle(
        "harbor-bridge-opens",
        "Harbor bridge opens after four years of work",
        "2026-11-02T07:30:00+00:00",
        "The Eastgate harbor bridge opened to traffic on Monday.",
        (
            "The Eastgate harbor bridge opened to traffic on Monday morning, four years after "
            "the first pillar was sunk into the bay and eleven months later than planned.",
            "Mayor Ilse Brandauer cut the ribbon at 6 a.m. in a light drizzle, then rode across "
            "the 1.4-kilometre span in the first public bus, route 31, which now links the "
            "northern docks with the old town in nine minutes instead of twenty-five.",
            "The bridge cost 412 million euros, 38 million more than the budget approved by the "
            "council in 2021. The transport office blamed the overrun on steel prices and on a "
            "winter storm that damaged the western ramp in January.",
            "Traffic engineers expect about 40,000 vehicles a day once the toll-free period ends "
            "in March. Cyclists get a separate lane on the southern side, protected by a "
            "concrete barrier, and pedestrians a walkway with three viewing platforms.",
            "Ferry operator Baylink said it would cut its harbor crossing from every ten minutes "
            "to every half hour from December, and move two of its boats to the island routes.",
            "Residents of the Kessel quarter, where the northern ramp lands, have asked for "
            "noise barriers. The city said measurements would start next week and that barriers "
            "could be built next summer if the limits are exceeded.",
        ),
    ),
    NewsArticle(
        "library-night-hours",
        "City library to stay open until midnight during exams",
        "2026-11-03T09:00:00+00:00",
        "The central library extends its hours for students.",
        (
            "The central library on Wollgasse will stay open until midnight from November 20 "
            "to February 10, the city's culture department announced on Tuesday, answering a "
            "petition signed by more than 6,000 students.",
            "The extended hours cover the reading rooms on the second and third floors only. "
            "Lending desks will close at 8 p.m. as before, and books can be returned at the "
            "automatic station by the main entrance around the clock.",
            "Two security guards and one librarian will work the late shift. The department "
            "put the cost at 180,000 euros for the twelve weeks, paid from a fund for youth "
            "projects that was left partly unspent last year.",
            "Student union chair Maren Osei called the decision a good start but said quiet "
            "study space was still scarce. During the last exam period, she said, students "
            "queued outside before opening time to get a desk.",
            "The library will count visitors each night and report to the council in March, "
            "which will then decide whether to keep the late hours for the summer exams.",
        ),
    ),
    NewsArticle(
        "tram-line-9-strike",
        "Tram drivers strike on line 9 over shift rules",
        "2026-11-04T05:45:00+00:00",
        "No trams ran on line 9 on Wednesday.",
        (
            "No trams ran on line 9 on Wednesday as drivers walked out for 24 hours in a "
            "dispute over split shifts, leaving about 55,000 daily riders to find other ways "
            "across the city.",
            "The drivers' union says the transit company schedules more and more shifts with "
            "an unpaid break of three to four hours in the middle, so that a driver's day "
            "starts at 5 a.m. and ends after 7 p.m.",
            "The transit company replaced the line with buses every twelve minutes, but the "
            "buses were full by 7 a.m. and several stops along Lindenallee were skipped. Police "
            "reported long queues of cars at the river crossings.",
            "Company spokesman Tobias Lenk said split shifts were needed to cover the morning "
            "and evening peaks and that drivers received a bonus for each one. The union wants "
            "no more than two split shifts a week per driver.",
            "Talks are to resume on Friday. The union has warned that drivers on lines 4 and 12 "
            "could join a second strike next week if no agreement is reached.",
        ),
    ),
    NewsArticle(
        "river-cleanup-record",
        "Volunteers pull record haul of waste from the river",
        "2026-11-05T14:10:00+00:00",
        "A river cleanup collected 7.2 tonnes of waste.",
        (
            "More than 900 volunteers pulled 7.2 tonnes of waste from the river and its banks "
            "on Saturday, the largest haul in the fourteen years of the autumn cleanup.",
            "Divers from the local club brought up eleven e-scooters, two shopping trolleys and "
            "a safe that turned out to be empty. Teams on the banks filled 1,300 bags, mostly "
            "with plastic bottles, cans and cigarette butts.",
            "Organiser Pia Haldane said the rise was partly down to more helpers and longer "
            "stretches of river, but that scooters dumped in the water had become a real "
            "problem. The city fined rental companies 14 times this year for scooters left in "
            "the river.",
            "The waste was sorted at the Nordhafen depot. About a third can be recycled, the "
            "depot said; the scooters go back to their operators, who must pay for the divers' "
            "work.",
            "Next year's cleanup will add the canal between the harbor and the old mill, where "
            "residents have reported dumped furniture and building rubble.",
        ),
    ),
    NewsArticle(
        "school-meals-price",
        "School meals to cost 50 cents more from January",
        "2026-11-06T10:20:00+00:00",
        "Parents will pay 4.10 euros per school lunch.",
        (
            "Parents will pay 4.10 euros for a school lunch from January, up from 3.60 euros, "
            "after the council approved a new contract with the catering company on Thursday.",
            "The company, Tafelwerk, said food prices had risen by almost a fifth in two years "
            "and that the new contract also requires a larger share of organic produce, from "
            "30 to 50 percent.",
            "Families that receive housing support will keep paying one euro per meal, as the "
            "city covers the difference. About 2,400 of the 9,800 pupils who eat at school "
            "qualify for the reduced price.",
            "The parents' council had asked the city to cover the whole increase for everyone. "
            "Its chair, Jonas Petrak, said many families just above the support threshold "
            "would now skip the school lunch.",
            "The vote passed with 31 votes to 18. The opposition's proposal to fund the rise "
            "from the parking revenue was rejected.",
        ),
    ),
    NewsArticle(
        "stadium-roof-repairs",
        "Stadium roof repairs push home games to the east ground",
        "2026-11-07T16:00:00+00:00",
        "FC Eastgate will play three home games away from its stadium.",
        (
            "FC Eastgate will play its next three home games at the smaller east ground after "
            "inspectors found corroded bolts in the stadium roof during a routine check on "
            "Tuesday.",
            "The club said no one had been at risk, but that the northern section of the roof "
            "had to be closed until the bolts are replaced. Engineers expect the work to take "
            "five to six weeks.",
            "The east ground holds 8,500 spectators, against 21,000 at the stadium. Season "
            "ticket holders get priority for the remaining seats, and other fans can watch the "
            "games on screens in the stadium's car park.",
            "Club president Renate Voss said the club would claim the costs from the builder of "
            "the roof, which was finished only seven years ago. The builder said it was "
            "examining the inspectors' report.",
            "The league has approved the move. The first game at the east ground, against "
            "Westerholt, is on Sunday at 3 p.m.",
        ),
    ),
    NewsArticle(
        "heat-pump-grants",
        "Heat pump grants run out within a week",
        "2026-11-08T08:15:00+00:00",
        "The city's heat pump grants were used up in six days.",
        (
            "The city's grants for heat pumps were used up six days after applications opened, "
            "the environment office said on Saturday, with 1,150 households sharing the 4.6 "
            "million euros set aside for the year.",
            "Each grant covers up to 40 percent of the cost of replacing an oil or gas boiler, "
            "with a ceiling of 6,000 euros. Another 700 applications are on a waiting list in "
            "case approved projects fall through.",
            "Installers say the rush has pushed waiting times for a new heat pump to about five "
            "months. One firm in the west of the city said it had stopped taking new orders "
            "until spring.",
            "The environment office wants the council to double the grant budget next year. "
            "The finance committee will discuss the request on November 19.",
        ),
    ),
    NewsArticle(
        "bakery-award",
        "Old town bakery wins national bread award",
        "2026-11-09T11:40:00+00:00",
        "A bakery on Mühlgasse won the national rye bread prize.",
        (
            "A family bakery on Mühlgasse has won the national prize for rye bread, beating 214 "
            "bakeries from across the country in a blind tasting in the capital on Friday.",
            "Baker Anton Kress, who runs the shop with his daughter Lena, said the winning loaf "
            "uses a sourdough starter his grandfather began in 1961 and a long, cold "
            "fermentation of 36 hours.",
            "The jury praised the bread's dark crust and its slightly sour, nutty crumb. The "
            "prize comes with 5,000 euros and the right to use the award's seal for two years.",
            "On Saturday morning the queue outside the shop reached the corner of the square. "
            "Kress said they had baked three times the usual number of loaves and still sold out "
            "by ten.",
        ),
    ),
)

PAYWALLED = NewsArticle(
    "council-budget-leak",
    "Leaked draft shows deep cuts in the council budget",
    "2026-11-09T18:00:00+00:00",
    "A leaked draft of next year's budget, seen by the Courier, shows cuts of 24 million "
    "euros across culture, sport and road maintenance, with the largest share falling on "
    "the city's museums and swimming pools, which would lose a fifth of their funding.",
    ("A leaked draft of next year's budget shows deep cuts.",),
)

_LAYOUTS = ("courier", "dispatch", "gazette")


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _comments(article: NewsArticle) -> str:
    remarks = (
        ("Karl_W", "Finally! I have been waiting for this for years."),
        ("citizen42", "Who is going to pay for all of this in the end? We are, as always."),
        ("M. Adler", "Great reporting, thank you. Please follow up on this story next month."),
    )
    items = "".join(
        f'<li class="comment"><span class="author">{who}</span><p>{what}</p>'
        f'<a href="#" class="reply">Reply</a> <span class="likes">12 likes</span></li>'
        for who, what in remarks
    )
    return (
        '<section id="comments" class="comments"><h2>Comments (3)</h2>'
        '<form class="comment-form"><textarea placeholder="Write a comment"></textarea>'
        f"<button>Post</button></form><ul>{items}</ul></section>"
    )


def _related(current: NewsArticle) -> str:
    others = [a for a in ARTICLES if a.slug != current.slug][:4]
    links = "".join(f'<li><a href="/news/{a.slug}">{_escape(a.title)}</a></li>' for a in others)
    return f'<aside class="related"><h3>Read more</h3><ul>{links}</ul></aside>'


_NAV = (
    '<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">Local</a></li>'
    '<li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li>'
    '<li><a href="/weather">Weather</a></li><li><a href="/subscribe">Subscribe</a></li></ul>'
    "</nav>"
)
_COOKIES = (
    '<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your '
    "experience, to show personalised advertising and to analyse our traffic. By clicking "
    "Accept all you agree to the use of cookies.</p><button>Accept all</button>"
    '<button>Settings</button><a href="/privacy">Privacy policy</a></div>'
)
_FOOTER = (
    '<footer><p>© 2026 Eastgate Courier Media. All rights reserved.</p><ul><li><a href="/imprint">'
    'Imprint</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/contact">Contact'
    '</a></li><li><a href="/ads">Advertise with us</a></li></ul></footer>'
)
_SHARE = (
    '<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> '
    '<a href="#">Send by e-mail</a> <a href="#">Copy link</a></div>'
)
_NEWSLETTER = (
    '<div class="newsletter-promo"><h4>Get the morning briefing</h4><p>The day\'s local news '
    'in your inbox at 6 a.m., free.</p><input type="email" placeholder="Your e-mail">'
    "<button>Sign up</button></div>"
)


def article_page(article: NewsArticle, *, canonical: str, paywalled: bool = False) -> bytes:
    """The article's page in one of three layouts (chosen by its place in ARTICLES)."""
    layout = _LAYOUTS[sum(map(ord, article.slug)) % len(_LAYOUTS)]
    paragraphs = "".join(f"<p>{_escape(p)}</p>" for p in article.paragraphs)
    day = article.published[:10]
    json_ld = (
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":'
        f'"NewsArticle","headline":"{_escape(article.title)}","datePublished":'
        f'"{article.published}","isAccessibleForFree":{"false" if paywalled else "true"}}}'
        "</script>"
    )
    head = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{_escape(article.title)} | Eastgate Courier</title>"
        f'<link rel="canonical" href="{canonical}">'
        f'<meta property="og:type" content="article"><meta property="og:title" '
        f'content="{_escape(article.title)}"><meta property="article:published_time" '
        f'content="{article.published}">{json_ld}<style>body{{font-family:serif}}</style>'
        "<script>window.dataLayer=window.dataLayer||[];</script></head>"
    )
    byline = (
        f'<div class="byline">By <a href="/authors/staff">Courier staff</a> · '
        f'<time datetime="{article.published}">{day}</time> · 4 min read</div>'
    )
    if paywalled:
        body = (
            f"<p>{_escape(article.paragraphs[0])}</p>"
            '<div class="paywall"><h3>Subscribe to keep reading</h3><p>Get unlimited access '
            "for 1 euro in the first month.</p><button>Subscribe now</button></div>"
        )
    else:
        body = paragraphs
    headline = f"<h1>{_escape(article.title)}</h1>"
    if layout == "courier":
        main = (
            f'<main><article class="story">{headline}{byline}{_SHARE}'
            f'<div class="story-body">{body}</div>{_NEWSLETTER}</article>'
            f"{_related(article)}{_comments(article)}</main>"
        )
    elif layout == "dispatch":
        main = (
            f'<div id="content"><div class="col-main"><header>{headline}{byline}</header>'
            f'<div class="article-text">{body}</div>{_SHARE}</div><div class="col-side">'
            f"{_related(article)}{_NEWSLETTER}</div></div>{_comments(article)}"
        )
    else:
        main = (
            f'<div class="page"><section class="entry">{headline}<div class="meta">{byline}'
            f'</div><div class="entry-content">{body}</div></section>{_comments(article)}'
            f"{_related(article)}</div>"
        )
    return (
        f'{head}<body>{_COOKIES}<header class="site"><a class="logo" href="/">Eastgate '
        f"Courier</a>{_NAV}</header>{main}{_FOOTER}</body></html>"
    ).encode()


def section_page() -> bytes:
    """The "Local" section front: headlines and teasers, no article."""
    items = "".join(
        f'<li><a href="/news/{a.slug}"><h3>{_escape(a.title)}</h3></a><p>{_escape(a.teaser)}'
        f'</p><span class="time">{a.published[:10]}</span></li>'
        for a in ARTICLES
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Local news | '
        'Eastgate Courier</title><meta property="og:type" content="website"></head><body>'
        f'{_COOKIES}<header class="site"><a class="logo" href="/">Eastgate Courier</a>{_NAV}'
        f'</header><main><h1>Local news</h1><ul class="teasers">{items}</ul></main>{_FOOTER}'
        "</body></html>"
    ).encode()
