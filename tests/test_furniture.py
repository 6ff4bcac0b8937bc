"""Page furniture rules, both ways: what is set aside, and the reporting that looks like it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from retrieval import (
    Article,
    IndexError_,
    PassageIndex,
    RecentRequest,
    answer_question,
    lookup_articles,
    summarize_topic,
)
from retrieval.furniture import furniture_flags, furniture_reason, headline_reason

FURNITURE = [
    ("Hide Caption 27 of 44 Photos: Tennis legend Serena Williams waves to fans.", "gallery"),
    ("Hide Caption 44 of 226", "gallery counter"),
    ("Photos: Russia invades Ukraine A convoy of military vehicles is seen in Rostov.", "caption"),
    ("KENA BETANCUR/AFP/AFP via Getty Images", "credit"),
    ("Eric Espada/Getty Images Josh Allen scores a first quarter touchdown.", "credit glued"),
    ("President Biden speaks in the Rose Garden. (AP Photo/Evan Vucci)", "credit in brackets"),
    ("Read more: Ron DeSantis plans to formally enter the race next week", "link line"),
    ("More: How the Federal Reserve rate hike will affect mortgages", "link line"),
    ("More:Harvey Weinstein charged with rape in Los Angeles", "link line glued"),
    ("Dig deeper: A menu of past Oreo mashups", "link line"),
    (
        "More AP Wimbledon coverage: https://apnews.com/hub/wimbledon and "
        "https://apnews.com/hub/tennis",
        "link line with URLs",
    ),
    ("Consumer alert:Cal-Maine Foods, largest producer of eggs in US, finds bird flu", "teaser"),
    ("'Freed' bird:Day 1 of Elon Musk's Twitter and the platform's path forward", "teaser"),
    ("July 4 cancellations: Why these cities canceled Fourth of July fireworks", "headline"),
    ("►Related: The 1967 riot movie wraps short stint of Detroit filming", "bulleted link"),
    ("9:31 pm ET June 16, 2026 Share this update", "live-blog stamp and share widget"),
    ("Jan. 27, 2026 Updated Feb. 2, 2026, 11:16 a.m.", "update stamp"),
    ("Updated 11:16 a.m. ET, Tue February 2, 2026", "update stamp"),
    ("By Jane Doe and John Smith, CNN", "lone byline"),
    ("– David Jackson", "lone byline"),
    ("Washington CNN —", "lone dateline"),
    ("Sign up for CNN’s Wonder Theory science newsletter.", "newsletter promo"),
    ("Get a politics roundup in your inbox:Sign up for the OnPolitics newsletter", "promo"),
    ("Support local journalism. Subscribe to azcentral.com today.", "subscription promo"),
    ("For the latest on Hamlin, visit our live updates here.", "live-coverage promo"),
    ("Check your local forecast here.", "call to click"),
    (
        "JUST WATCHED Tesla shares fall after the earnings call Replay More Videos ...",
        "video player",
    ),
    ("Follow Jordan Mendoza on Twitter: @jordan_mendoza5", "contact line"),
    ("Contributing: The Associated Press", "credit line"),
    ("This story has been updated with additional developments.", "update notice"),
    ("Purchases you make through our links may earn us a commission.", "affiliate notice"),
    ("Hawks 112, Celtics 104, 2OT", "score line"),
    ("Boston 3 2 1 0 — 6 11 0", "score table"),
    ("https://www.usatoday.com/story/news/2021/08/11/a-story/8095997002/", "bare URL"),
    ("USA TODAY", "label"),
    ("Pennsylvania", "listing of states"),
    ("***", "symbols alone"),
    # captions with no marker: a present-tense scene with its date, or no verb at all
    (
        "FIFA President Gianni Infantino attends a press conference at the Qatar National "
        "Convention Center (QNCC) in Doha on November 19, 2022, ahead of the Qatar 2022 World "
        "Cup football tournament.",
        "caption: attends ... on a date",
    ),
    ("Kim Kardashian attends the Los Angeles premiere of a new show on April 7, 2022.", "caption"),
    ("A burned bus is seen in Almaty on January 5.", "caption: is seen"),
    ("The Yangtze riverbed is exposed due to drought on Aug. 17 in Chongqing, China.", "caption"),
    (
        "A man walks across a makeshift bridge over a river in Ntuzuma, outside Durban, South "
        "Africa, Tuesday, April 12, 2022.",
        "caption: weekday and date",
    ),
    ("John Lee speaking at an interview in Hong Kong on September 17, 2021.", "caption"),
    (
        "Volcanic eruption at Mauna Loa volcano on the Big Island of Hawaii on November 29, 2022.",
        "caption with no verb",
    ),
    ("The military base in Yeoncheon, South Korea, on December 13, 2022.", "caption, no verb"),
    # video titles and section labels after a pipe
    (
        "Missed tackle results in Penn State touchdown | Score: Ohio State 10, Penn State 7",
        "video title",
    ),
    ("If it's happening elsewhere, players must speak up. | Opinion", "section label"),
    ("1:45 p.m. | Defending Masters champion Scottie Scheffler struggles to find his form", "live"),
    ("Hear the Otherworldly Sounds of Skating on Thin Ice | National Geographic", "video title"),
    ("Sergio Garcia | Tied for 70th — missed cut", "leaderboard line"),
    # bare headlines: a line of its own, no closing stop, told in the present
    (
        "Florida bills would ban classroom instruction on sexual orientation, gender ideology",
        "bare headline",
    ),
    ("Ukraine says 260 fighters evacuated from Azovstal steel plant in Mariupol", "headline"),
    ("CDC warns rats are aggressively searching for food during coronavirus", "headline"),
]

REPORTING = [
    "More than 40 people died in the floods, officials said on Tuesday.",
    "Updated figures show inflation fell to 3.1% in November.",
    "Updated booster vaccines are expected to protect against severe outcomes, experts say.",
    'He wrote on his blog, https://example.org/post, that "the vote was rigged" in 2020.',
    "By Monday, DeSantis declared a state of emergency for 46 of the state's 67 counties.",
    "By October, that stock price peaked at $559 per share.",
    "He was 84.",
    "Photographs of the scene showed a collapsed bridge and several damaged cars.",
    "The company said it would sign up 2 million new customers by the end of the year.",
    "Read the full statement at the White House later, a spokesperson told reporters.",
    "Police said the suspect, 34, was arrested at 9:30 p.m. on June 16, 2023.",
    "Nadal, who won Wimbledon in 2008 and 2010, withdrew with an abdominal tear.",
    "(CNN) Rafael Nadal has withdrawn from Wimbledon with an abdominal injury.",
    "Subscribers to the service rose 8% to 230 million, the company said.",
    "The score was 3-2 after 90 minutes, and Spain won 4-2 on penalties.",
    "CNN reported that the talks would resume in Geneva on Friday.",
    "The Associated Press contributed to this report by interviewing 12 witnesses.",
    'He said: "We will win this race, and we will win it in November."',
    "The score: 3-2 after extra time, officials said.",
    '5:25: Forty years after "I Will Survive," Gloria Gaynor takes home best gospel album.',
    # past tense with a date, plans, quotes: reporting, not captions
    "A Wisconsin man, Manuel Franco, won the $768.4 million Powerball on March 27, 2019.",
    "The Hindenburg had been scheduled to arrive at Naval Air Station Lakehurst on May 6.",
    "Employees who aren't vaccinated must also wear a face mask at work beginning on Dec. 5.",
    "The county said it had agreed to put the process on hold pending the suit filed on July 14.",
    "LaTulippe also made anti-mask comments during a pro-Trump rally in Salem on Nov. 7, 2020.",
    "To celebrate the release of Kidz Bop 38 on July 13, the band will tour 40 cities.",
    "Mega Millions now stands as the largest jackpot after the Powerball drawing on Jan. 13, 2016.",
    "The United States launched its first orbiting laboratory, Skylab I, on May 14, 1973.",
    "Vance was born on August 2, 1984.",
    '"We will keep fighting," Zelensky says as he visits troops in Bakhmut on December 20, 2022.',
    "It’s a state holiday commemorating the victory over the British on Aug. 16, 1777.",
    "The popular online retailer announced its first wave of sales on October 4, 2022.",
    # pipes inside brackets or quotes, or a heading glued to a finished sentence
    "Each carrier spelled out how the change would affect its customers (Delta | Alaska Air).",
    "“I’m enchanted to announce my next tour: Taylor Swift | The Eras Tour,” Swift wrote online.",
    "Marvin Clark 1936-2020 | Stayed busy with an impressive number of hobbies Marvin Clark, 84, "
    "died of COVID-19 on Aug. 6 in Oakland, Iowa.",
]

# A paragraph of one sentence that lost its stop but tells the past or attributes it stays.
REPORTING_LINES = [
    "Paredes made it 5-0 with a leadoff blast in the seventh, his 19th",
    "The drone struck a residential building in Kyiv overnight, officials said",
    "Here are the other top-searched words and terms for 2023:",
    "Those summoned for jury duty before March 16 are still expected to show, and all other court "
    "proceedings that do not involve juries are still scheduled to go ahead as planned today",
]


@pytest.mark.parametrize(("text", "kind"), FURNITURE)
def test_furniture_is_set_aside(text: str, kind: str) -> None:
    assert furniture_reason(text) is not None or furniture_flags([text]) == [True], kind


@pytest.mark.parametrize("text", REPORTING)
def test_reporting_that_looks_like_furniture_stays(text: str) -> None:
    assert furniture_reason(text) is None
    assert furniture_flags([text]) == [False]


@pytest.mark.parametrize("line", REPORTING_LINES)
def test_an_unpunctuated_line_of_reporting_stays(line: str) -> None:
    assert furniture_flags([line]) == [False]


def test_a_headline_is_furniture_only_as_a_line_of_its_own() -> None:
    headline = (
        "Florida bills would ban classroom instruction on sexual orientation, gender ideology"
    )
    assert furniture_reason(headline) is None  # the sentence alone could end a paragraph
    assert furniture_flags([headline]) == [True]
    assert headline_reason(headline) == "headline"


def test_a_gallery_paragraph_is_furniture_whole() -> None:
    flags = furniture_flags(
        [
            "Photos: Russia invades Ukraine Leos Leonid recovers at a hospital in Kyiv on March 3.",
            "The 64-year-old survived being crushed when an armored vehicle drove over his car.",
            "Hide Caption 118 of 226",
        ]
    )
    assert flags == [True, True, True]


def _article(text: str) -> Article:
    return Article(
        title="Nadal withdraws", date=dt.date(2022, 7, 7), text=text, url="https://x.org/a"
    )


def test_furniture_never_reaches_answers_snippets_or_summaries(tmp_path: Path) -> None:
    index = PassageIndex(tmp_path / "index")
    text = (
        "Washington CNN —\n\n"
        "Rafael Nadal has withdrawn from Wimbledon with an abdominal injury, he said Thursday.\n\n"
        "More AP Wimbledon coverage: https://apnews.com/hub/wimbledon and "
        "https://apnews.com/hub/tennis\n\n"
        "Hide Caption 3 of 9 Photos: Nadal at Wimbledon Nadal serves during his match.\n\n"
        "Read more: Nadal pulls out of Wimbledon semifinal against Kyrgios\n\n"
        "Nadal had won his quarterfinal at Wimbledon despite the abdominal injury."
    )
    report = index.add_articles([_article(text)])
    assert report.furniture == 4 and report.sentences == 6
    answer = answer_question(
        index, "Why did Nadal withdraw from Wimbledon?", as_of=dt.date(2022, 7, 8)
    )
    quoted = [s.text for s in answer.sentences]
    assert quoted and all("Wimbledon coverage" not in t and "Caption" not in t for t in quoted)
    assert all(not t.startswith("Read more") for t in quoted)
    hits = lookup_articles(index, "nadal wimbledon", as_of=dt.date(2022, 7, 8))
    assert hits and all("http" not in s and "Caption" not in s for s in hits[0].sentences)
    summary = summarize_topic(index, "nadal wimbledon", as_of=dt.date(2022, 7, 8))
    assert all("Caption" not in s.text and "http" not in s.text for s in summary.sentences)
    lead = index.recent_articles(RecentRequest(limit=1))[0].lead
    assert lead and lead[0].startswith("Rafael Nadal has withdrawn")


def test_an_index_from_before_furniture_is_refused_with_what_to_do(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    folder.mkdir()
    (folder / "newsbot-index.json").write_text(json.dumps({"schema": 3}))
    with pytest.raises(IndexError_) as refused:
        PassageIndex(folder)
    message = str(refused.value)
    assert "older newsbot" in message and "newsbot index" in message and str(folder) in message
