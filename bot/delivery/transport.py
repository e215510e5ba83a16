"""A lean Bot API client for the sender's one hot call, `sendMessage`.

PTB's `Bot.send_message` spends ~2.7 ms of CPU per request (object model, httpx): a single
core would top out near 370 messages/s, under the 1000/s a paid broadcast may use. This
client keeps a few HTTP/1.1 keep-alive connections (TLS for https) and writes one JSON body
per request: a fraction of that cost. Everything else the bot does still goes through PTB.
"""

from __future__ import annotations

import asyncio
import json
import ssl
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

MAX_RESPONSE = 8 * 1024 * 1024


class TransportError(Exception):
    """No answer from the Bot API (connect failure, broken connection, timeout, garbage)."""


@dataclass(frozen=True, slots=True)
class Answer:
    """The Bot API's answer to one call: a result, or an error with its parameters."""

    ok: bool
    error_code: int = 0
    description: str = ""
    result: Any = None
    retry_after: float | None = None
    migrate_to_chat_id: int | None = None

    @property
    def message_id(self) -> int | None:
        if isinstance(self.result, dict) and isinstance(self.result.get("message_id"), int):
            return int(self.result["message_id"])
        return None


def parse_answer(status: int, body: bytes) -> Answer:
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return Answer(False, status, f"HTTP {status}: not a Bot API answer")
    if data.get("ok") is True:
        return Answer(True, result=data.get("result"))
    parameters = data.get("parameters") or {}
    retry = parameters.get("retry_after")
    migrate = parameters.get("migrate_to_chat_id")
    return Answer(
        False,
        int(data.get("error_code") or status),
        str(data.get("description") or ""),
        retry_after=float(retry) if isinstance(retry, int | float) else None,
        migrate_to_chat_id=int(migrate) if isinstance(migrate, int) else None,
    )


class BotApiClient:
    """`await client.call("sendMessage", {...})` → Answer; TransportError when no answer."""

    def __init__(
        self, base_url: str, token: str, *, connections: int = 8, timeout: float = 20.0
    ) -> None:
        parts = urlsplit(base_url.rstrip("/") + token)
        self._tls = parts.scheme == "https"
        self._host = parts.hostname or "localhost"
        self._port = parts.port or (443 if self._tls else 80)
        self._prefix = parts.path
        self._host_header = parts.netloc.encode()
        self._timeout = timeout
        self._idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self._slots = asyncio.Semaphore(connections)
        self._ssl = ssl.create_default_context() if self._tls else None

    async def call(self, method: str, params: dict[str, Any]) -> Answer:
        body = json.dumps(params, ensure_ascii=False, separators=(",", ":")).encode()
        head = (
            f"POST {self._prefix}/{method} HTTP/1.1\r\nHost: ".encode()
            + self._host_header
            + b"\r\nContent-Type: application/json\r\nContent-Length: "
            + str(len(body)).encode()
            + b"\r\nConnection: keep-alive\r\n\r\n"
        )
        async with self._slots:
            for attempt in (1, 2):
                reused = bool(self._idle)
                connection = self._idle.pop() if reused else await self._connect()
                try:
                    async with asyncio.timeout(self._timeout):
                        status, answer, keep = await self._exchange(connection, head + body)
                except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError) as exc:
                    connection[1].close()
                    # An idle keep-alive connection the server had closed: try a fresh one.
                    if reused and attempt == 1 and not isinstance(exc, TimeoutError):
                        continue
                    raise TransportError(f"{type(exc).__name__}: {exc}") from None
                if keep:
                    self._idle.append(connection)
                else:
                    connection[1].close()
                return parse_answer(status, answer)
        raise AssertionError("unreachable")

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        try:
            async with asyncio.timeout(self._timeout):
                return await asyncio.open_connection(self._host, self._port, ssl=self._ssl)
        except (OSError, TimeoutError) as exc:
            raise TransportError(f"cannot connect: {exc}") from None

    async def _exchange(
        self, connection: tuple[asyncio.StreamReader, asyncio.StreamWriter], request: bytes
    ) -> tuple[int, bytes, bool]:
        reader, writer = connection
        writer.write(request)
        await writer.drain()
        status_line = await reader.readline()
        if not status_line:
            raise asyncio.IncompleteReadError(b"", None)
        status = int(status_line.split(b" ", 2)[1])
        length, chunked, keep = -1, False, True
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.partition(b":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding" and b"chunked" in value:
                chunked = True
            elif name == b"connection" and value == b"close":
                keep = False
        if chunked:
            return status, await _read_chunked(reader), keep
        if length < 0:
            return status, await reader.read(MAX_RESPONSE), False
        if length > MAX_RESPONSE:
            raise ValueError("response too large")
        return status, await reader.readexactly(length), keep

    async def close(self) -> None:
        while self._idle:
            _, writer = self._idle.pop()
            writer.close()


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    body = bytearray()
    while True:
        size = int((await reader.readline()).split(b";")[0].strip(), 16)
        if size == 0:
            while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                pass
            return bytes(body)
        body += await reader.readexactly(size)
        await reader.readline()
        if len(body) > MAX_RESPONSE:
            raise ValueError("response too large")
