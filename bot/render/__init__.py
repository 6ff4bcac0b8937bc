"""Rendering: every message the bot sends, as plain functions tests call without Telegram.

``html`` holds the pieces (escaping, links, the one attribution line, splitting), ``answer``
answers and article cards, ``summary`` summaries, digests and catch-ups, ``json_output``
the command line's JSON. The package's API is its modules' ``__all__``, each listed once, there.
"""

from . import answer, html, json_output, summary
from .answer import *
from .html import *
from .json_output import *
from .summary import *

__all__ = [*answer.__all__, *html.__all__, *json_output.__all__, *summary.__all__]
