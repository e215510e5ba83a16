"""The HTTP side: Bot API requests on loopback, validated, logged, faulted, dispatched.

It runs in its own thread with its own event loop, so it keeps answering while the test
blocks (subprocess waits, sleeps) and whatever loop the test uses. PTB's URL convention:
`<base_url><token>/<method>` and `<base_file_url><token>/<file_path>`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from typing import Any

from aiohttp import web

from . import api_bot, api_messages  # noqa: F401  (register the handlers)
from .calls import HANDLERS, ApiError, Call
from .faults import Faults
from .log import RequestLog, RequestRecord, Violation
from .spec import Spec, SpecError, UploadedFile, load_spec
from .state import State

DEFAULT_TOKEN = "123456789:AAH-test-token-for-the-local-emulator"
_JSON = "application/json"


def _answer(status: int, body: dict[str, Any]) -> web.Response:
    return web.Response(status=status, body=json.dumps(body).encode(), content_type=_JSON)


def _error(error: ApiError) -> web.Response:
    body: dict[str, Any] = {
        "ok": False,
        "error_code": error.code,
        "description": error.description,
    }
    if error.parameters:
        body["parameters"] = error.parameters
    return _answer(error.code, body)


async def _read_params(request: web.Request) -> tuple[dict[str, Any], bool]:
    """Parameters from the query string and the body, and whether they are form strings."""
    params: dict[str, Any] = dict(request.query)
    if not request.can_read_body:
        return params, True
    if request.content_type == _JSON:
        body = await request.json()
        if not isinstance(body, dict):
            raise ApiError(400, "Bad Request: request body must be a JSON object", kind="spec")
        return {**params, **body}, False
    form = await request.post()
    for name, value in form.items():
        if isinstance(value, web.FileField):
            params[name] = UploadedFile(value.filename, value.content_type, value.file.read())
        else:
            params[name] = value
    return params, True


class Server:
    def __init__(
        self,
        state: State,
        faults: Faults,
        log: RequestLog,
        *,
        spec: Spec | None = None,
        host: str = "127.0.0.1",
        parallel_polls_conflict: bool = True,
    ) -> None:
        self.state = state
        self.faults = faults
        self.log = log
        self.spec = spec or load_spec()
        self.host = host
        self.port = 0
        self.parallel_polls_conflict = parallel_polls_conflict
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self._updates_event: asyncio.Event | None = None
        self._poll_generation = 0

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        ready = threading.Event()
        errors: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(self._start())
            except BaseException as exc:  # surfaced to start()'s caller
                errors.append(exc)
                ready.set()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._cleanup())
            loop.close()

        self._thread = threading.Thread(target=run, name="bot-api-emulator", daemon=True)
        self._thread.start()
        ready.wait(10)
        if errors:
            raise errors[0]

    async def _start(self) -> None:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self._updates_event = asyncio.Event()
        loop = asyncio.get_running_loop()

        def notify() -> None:
            """Called from any thread when an update is queued: wakes waiting polls."""
            loop.call_soon_threadsafe(self._wake)

        self.state.on_update = notify

    async def _cleanup(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def stop(self) -> None:
        if self._loop is None or self._thread is None:
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop = None

    def _wake(self) -> None:
        if self._updates_event is not None:
            self._updates_event.set()
            self._updates_event = asyncio.Event()

    # -- requests -------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        record = RequestRecord(
            request.match_info["method"], {}, None, time.monotonic(), time.time()
        )
        self.log.add(record)
        try:
            result = await self._dispatch(request, record)
        except ApiError as error:
            if error.kind is not None:
                self.log.violate(
                    Violation(record.method, error.kind, error.description, record.params)
                )
            record.status, record.description = error.code, error.description
            record.answered_at = time.monotonic()
            return _error(error)
        record.status, record.result = 200, result
        record.answered_at = time.monotonic()
        return _answer(200, {"ok": True, "result": result})

    async def _dispatch(self, request: web.Request, record: RequestRecord) -> Any:
        if request.match_info["token"] != self.state.token:
            raise ApiError(401, "Unauthorized")
        spec = self.spec.method(record.method)
        if spec is None:
            raise ApiError(404, "Not Found", kind="spec")
        record.method = spec.name
        raw, from_form = await _read_params(request)
        record.params = raw
        try:
            params = self.spec.decode(spec, raw, from_form=from_form)
        except SpecError as exc:
            raise ApiError(400, f"Bad Request: {exc}", kind="spec") from None
        record.params = params
        record.chat_id = params.get("chat_id")
        fault = self.faults.pick(spec.name, record.chat_id)
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.error_code:
                record.injected = True
                raise ApiError(fault.error_code, fault.description, fault.parameters)
        call = Call(self.state, spec.name, params, record.wall)
        if spec.name == "getUpdates":
            return await self._get_updates(call)
        handler = HANDLERS.get(spec.name.lower())
        if handler is None:
            return True
        return await handler(call)

    async def _get_updates(self, call: Call) -> list[dict[str, Any]]:
        """Long polling: wait up to `timeout` s for an update; a newer poll ends this one."""
        if self.state.webhook.get("url"):
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        self.state.set_allowed_updates(call.params.get("allowed_updates"))
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake()
        limit = min(max(int(call.params.get("limit", 100)), 1), 100)
        offset = call.params.get("offset")
        deadline = time.monotonic() + max(int(call.params.get("timeout", 0)), 0)
        while True:
            updates = self.state.pending_updates(offset, limit)
            if updates:
                return updates
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            event = self._updates_event
            assert event is not None
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)
            if self.parallel_polls_conflict and generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )

    async def _download(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.state.token:
            return web.Response(status=401, text="Unauthorized")
        record = self.state.file_by_path(request.match_info["path"])
        if record is None:
            return web.Response(status=404, text="Not Found")
        return web.Response(body=record.data, content_type=record.mime_type)
