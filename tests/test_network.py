"""bot.network.sanitize_updates: one unreadable update is skipped, the rest pass untouched."""

from __future__ import annotations

import json

import pytest

from bot.network import sanitize_updates

GOOD = {
    "update_id": 1,
    "message": {
        "message_id": 1,
        "date": 1_700_000_000,
        "chat": {"id": 5, "type": "private"},
        "text": "hello",
    },
}


def test_good_answer_returned_byte_for_byte() -> None:
    payload = json.dumps({"ok": True, "result": [GOOD]}).encode()
    assert sanitize_updates(payload) is payload


def test_broken_update_becomes_its_bare_id() -> None:
    broken = {"update_id": 2, "message": {"message_id": "x", "chat": 7}}
    payload = json.dumps({"ok": True, "result": [GOOD, broken]}).encode()
    result = json.loads(sanitize_updates(payload))["result"]
    assert result == [GOOD, {"update_id": 2}]


def test_update_without_an_id_is_dropped() -> None:
    payload = json.dumps({"ok": True, "result": ["junk", GOOD]}).encode()
    assert json.loads(sanitize_updates(payload))["result"] == [GOOD]


@pytest.mark.parametrize(
    "payload", [b"not json", b"\xff\xfe", b"[]", b'{"ok": false}', b'{"result": 3}']
)
def test_anything_else_passes_through(payload: bytes) -> None:
    assert sanitize_updates(payload) == payload
