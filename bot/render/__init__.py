"""Rendering: every message the bot sends, as plain functions tests call without Telegram.

``html`` holds the pieces (escaping, links, the one attribution line, splitting), ``answer``
answers and article cards, ``notes`` retrieval's notes in the user's language, ``summary``
summaries, digests and catch-ups, ``intro`` /start and /help, ``status`` /stats and /sources,
``commands`` what the other commands answer, ``json_output`` the command line's JSON. The
package's API is its modules' ``__all__``, each listed once, there. Nothing here imports
python-telegram-bot (the command line renders without it): keyboards and inline results are
made by the features, with texts from here.
"""

from . import answer, commands, html, intro, json_output, status, summary
from .answer import *
from .commands import *
from .html import *
from .intro import *
from .json_output import *
from .status import *
from .summary import *

__all__ = [
    *answer.__all__,
    *commands.__all__,
    *html.__all__,
    *intro.__all__,
    *json_output.__all__,
    *status.__all__,
    *summary.__all__,
]
