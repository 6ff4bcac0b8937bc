"""Commands declared by their features (bot.commands): the menus and /help are made from the
declarations, every served command is declared, and every feature module is registered."""

from __future__ import annotations

from pathlib import Path

from bot import app as factory
from bot.app import FEATURES, build_application
from bot.commands import Scope, menu
from bot.profile import known_commands
from retrieval import Library

from .conftest import make_settings
from .fake_telegram import FakeTelegram

# The menus as bot/profile.py listed them by hand before the features declared their commands.
BEFORE = {
    Scope.PRIVATE: ["ask", "summary", "digest", "settings", "stats", "sources", "help", "start"],
    Scope.GROUPS: ["ask", "summary", "tldr", "digest", "stats", "sources", "help", "start"],
    Scope.GROUP_ADMINS: [
        *["ask", "summary", "tldr", "digest", "stats", "sources", "help", "start"],
        *["settings", "forget"],
    ],
    Scope.BOT_ADMINS: [
        *["ask", "summary", "digest", "settings", "stats", "sources", "help", "start"],
        "add",
    ],
}


def test_every_feature_module_is_registered() -> None:
    folder = Path(factory.__file__).parent / "features"
    modules = {path.stem for path in folder.glob("*.py")} - {"__init__"}
    registered = {vars(feature)["__name__"].rpartition(".")[2] for feature in FEATURES}
    assert registered == modules


async def test_the_menus_and_help_come_from_the_declarations(
    fake: FakeTelegram, library: Library, tmp_path: Path
) -> None:
    application = build_application(make_settings(fake, tmp_path / "data"), library)
    declared = application.bot_data.commands
    served = known_commands(application)
    assert {command.name for command in declared} == served  # no command served undeclared
    for scope, names in BEFORE.items():
        assert [command.name for command in menu(declared, scope, served)] == names
    # A command no handler serves is left out of every menu.
    assert "settings" not in [c.name for c in menu(declared, Scope.PRIVATE, served - {"settings"})]
    help_paragraphs = application.bot_data.help
    assert help_paragraphs == [p for feature in FEATURES for p in feature.HELP]
    assert any("/summary" in paragraph for paragraph in help_paragraphs)
