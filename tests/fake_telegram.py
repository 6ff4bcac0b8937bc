"""A small fake Telegram Bot API server on 127.0.0.1 for end-to-end tests.

The real ``Application`` is pointed at it through ``TELEGRAM_API_URL``; tests push updates
(served through ``getUpdates``) and read what the bot sent.

Faults are deterministic, so a fault test always passes or always fails:
- ``faults[method]``: an explicit schedule, served in order to the next calls of ``method``
  (meant for one request at a time, e.g. 429, 502, 429 for one answer).
- ``broken[method]``: refused (or hung) every time, for as long as it is set; ``refuse``
  sets it for several methods at once (e.g. every call no answer depends on).
- ``fail_rate[method]``: a share of calls refused, half 429 (``flood_retry_after``), half 502.
  Each attempt's fate is drawn from a generator seeded with ``fault_seed``, the request (method,
  chat, text) and its attempt number, not from arrival order: concurrent sends racing each
  other cannot change which request meets which faults.
- ``refusals`` (``tests/fake_refusals.py``): Telegram's own refusals chat by chat (no rights, a
  chat or topic gone, a migrated group, a deleted question, an edit that changes nothing) and
  slow chats.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from .fake_refusals import ChatRefusals
from .fake_updates import UpdateQueue

BOT_ID = 777000
BOT_USERNAME = "newsbot_test_bot"
TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghijkl"


STICKER = {
    "file_id": "sticker1",
    "file_unique_id": "u-sticker1",
    "width": 512,
    "height": 512,
    "is_animated": False,
    "is_video": False,
    "type": "regular",
}
PHOTO = [{"file_id": "photo1", "file_unique_id": "u-photo1", "width": 90, "height": 60}]
# What getChatMember says an administrator may do (python-telegram-bot wants every field).
_ADMIN_RIGHTS = (
    "can_manage_chat can_delete_messages can_manage_video_chats can_restrict_members"
    " can_change_info can_invite_users"
).split()
_ADMIN_NOT = (
    "can_be_edited is_anonymous can_promote_members can_post_stories can_edit_stories"
    " can_delete_stories"
).split()


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    result: Any = None


@dataclass
class Fault:
    """A canned failure: HTTP status, Telegram error code, retry_after, or a hang."""

    status: int = 500
    description: str = "Internal Server Error"
    retry_after: int | None = None
    hang: float = 0.0
    parameters: dict[str, Any] | None = None


def _decode(value: str) -> Any:
    if value[:1] in "[{":
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


class FakeTelegram(UpdateQueue):
    """Serves ``/bot{token}/{method}``; records calls; hands out queued updates."""

    def __init__(self, token: str = TOKEN, username: str = BOT_USERNAME) -> None:
        super().__init__()
        self.token = token
        self.username = username
        self.calls: list[Call] = []
        self.faults: dict[str, list[Fault]] = {}
        self.broken: dict[str, Fault] = {}
        self.fail_rate: dict[str, float] = {}
        self.down = False
        self.refused_while_down = 0  # requests answered 502 because ``down`` was set
        self.chat_members: dict[tuple[int, int], str] = {}
        self.refusals = ChatRefusals()
        self._sent = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.url = ""
        self.fault_seed = 12345
        self.flood_retry_after = 1
        self._attempts: Counter[str] = Counter()
        self._closing = False
        self._stopping = asyncio.Event()

    # -- server ---------------------------------------------------------------------------

    async def start(self) -> str:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        # A long poll still held here would keep cleanup waiting until its timeout: end it now.
        self._closing = True
        self._new_update.set()
        self._stopping.set()  # hung faults end now
        if self._runner is not None:
            await self._runner.cleanup()

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            body = await request.json()
            params.update(body if isinstance(body, dict) else {})
        elif request.can_read_body:
            form = await request.post()
            for key, value in form.items():
                params[key] = _decode(value) if isinstance(value, str) else value
        return params

    async def _file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
        if file_id not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[file_id])

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        params = await self._params(request)
        if self.down and method != "getMe":
            self.refused_while_down += 1
            return web.json_response(
                {"ok": False, "error_code": 502, "description": "Bad Gateway"}, status=502
            )
        fault = self._next_fault(method, params)
        refused = self.refusals.refusal(method, params) if fault is None else None
        if refused is not None:
            fault = Fault(refused.status, refused.description, parameters=refused.parameters)
        if fault is not None:
            self.calls.append(Call(f"!{method}", params))
            return await self._fault_response(fault)
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            result: Any = True if method.startswith(("set", "delete", "answer", "send")) else None
            if result is None:
                return web.json_response(
                    {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
                )
        else:
            delay = self.refusals.delay(method, params)
            if delay:
                with contextlib.suppress(TimeoutError):  # a slow chat: the answer comes late
                    await asyncio.wait_for(self._stopping.wait(), delay)
            result = await handler(params)
            self.refusals.posted(method, params, result)
        if method != "getUpdates":
            self.calls.append(Call(method, params, result=result))
            async with self._sent:
                self._sent.notify_all()
        return web.json_response({"ok": True, "result": result})

    def _next_fault(self, method: str, params: dict[str, Any]) -> Fault | None:
        if method in self.broken:
            return self.broken[method]
        queue = self.faults.get(method)
        if queue:
            return queue.pop(0)
        rate = self.fail_rate.get(method, 0.0)
        if not rate:
            return None
        request = f"{method}:{params.get('chat_id')}:{params.get('text', '')}"
        attempt = self._attempts[request]
        self._attempts[request] += 1
        draw = random.Random(f"{self.fault_seed}:{request}:{attempt}")
        if draw.random() >= rate:
            return None
        if draw.random() < 0.5:
            return Fault(
                status=429,
                description="Too Many Requests: retry later",
                retry_after=self.flood_retry_after,
            )
        return Fault(status=502, description="Bad Gateway")

    async def _fault_response(self, fault: Fault) -> web.Response:
        if fault.hang:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), fault.hang)
        body: dict[str, Any] = {
            "ok": False,
            "error_code": fault.status,
            "description": fault.description,
        }
        if fault.retry_after is not None:
            body["parameters"] = {"retry_after": fault.retry_after}
        if fault.parameters is not None:
            body["parameters"] = fault.parameters
        return web.json_response(body, status=fault.status)

    # -- Bot API methods ------------------------------------------------------------------

    def _bot_user(self) -> dict[str, Any]:
        return {"id": BOT_ID, "is_bot": True, "first_name": "News Bot", "username": self.username}

    async def _m_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            **self._bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    async def _m_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        if offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        deadline = time.monotonic() + timeout
        while not self._updates and not self._closing and time.monotonic() < deadline:
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), deadline - time.monotonic())
            except TimeoutError:
                break
        return self._updates[:limit]

    def _message(self, params: dict[str, Any], **fields: Any) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        chat = self._chats.get(chat_id, {"id": chat_id, "type": "private", "first_name": "User"})
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self._bot_user(),
            **fields,
        }
        if params.get("message_thread_id"):
            message["message_thread_id"] = int(params["message_thread_id"])
            message["is_topic_message"] = True
        return message

    async def _m_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._message(params, text=params.get("text", ""))
        if isinstance(params.get("reply_markup"), dict):
            message["reply_markup"] = params["reply_markup"]
        return message

    async def _m_editMessageText(self, params: dict[str, Any]) -> Any:
        if "inline_message_id" in params:
            return True
        message = self._message(params, text=params.get("text", ""))
        message["message_id"] = int(params["message_id"])  # the same message, edited
        message["edit_date"] = int(time.time())
        return message

    async def _m_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._message(params, caption=params.get("caption", ""))

    async def _m_getChatMember(self, params: dict[str, Any]) -> dict[str, Any]:
        key = (int(params["chat_id"]), int(params["user_id"]))
        status = self.chat_members.get(key, "member")
        user = {"id": int(params["user_id"]), "is_bot": False, "first_name": "User"}
        member: dict[str, Any] = {"status": status, "user": user}
        if status == "creator":
            member["is_anonymous"] = False
        if status == "administrator":
            member.update(dict.fromkeys(_ADMIN_RIGHTS, True), **dict.fromkeys(_ADMIN_NOT, False))
        return member

    async def _m_getFile(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = str(params["file_id"])
        size = len(self.files.get(file_id, b""))
        return {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_size": size,
            "file_path": f"documents/{file_id}",
        }

    # -- test helpers ---------------------------------------------------------------------

    def refuse(self, methods: Any, *, hang: float = 0.0) -> None:
        """From now on refuse every call of ``methods`` with HTTP 500 (after ``hang`` s)."""
        for method in methods:
            self.broken[method] = Fault(status=500, hang=hang)

    def _calls(self, method: str, chat_id: int | None) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.method == method
            and (chat_id is None or int(c.params.get("chat_id", 0)) == chat_id)
        ]

    def results(self, method: str = "sendMessage", chat_id: int | None = None) -> list[Any]:
        """What the server answered to the bot's calls of ``method`` (the sent messages)."""
        return [c.result for c in self._calls(method, chat_id)]

    def sent(self, method: str = "sendMessage", chat_id: int | None = None) -> list[dict[str, Any]]:
        return [c.params for c in self._calls(method, chat_id)]

    async def wait_sent(
        self,
        count: int = 1,
        *,
        method: str = "sendMessage",
        chat_id: int | None = None,
        timeout: float = 15.0,
    ) -> list[dict[str, Any]]:
        """Wait until at least ``count`` calls of ``method`` (to ``chat_id``) arrived."""
        deadline = time.monotonic() + timeout
        async with self._sent:
            while len(self.sent(method, chat_id)) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"expected {count} {method} calls, got {len(self.sent(method, chat_id))}: "
                        f"{[c.method for c in self.calls]}"
                    )
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._sent.wait(), remaining)
        return self.sent(method, chat_id)

    async def settle(self, seconds: float = 0.5) -> None:
        """Let the bot finish handling what it has (for asserting that nothing was sent)."""
        await asyncio.sleep(seconds)
