"""The MLLP listener: python-hl7's asyncio streams, many messages per connection.

Each connection has one thread of its own for the database (Django's connections are
per thread, so it keeps one open database connection and its prepared state for all its
messages); every complete frame is handed to `inbound.services.receive` there, and the
connection waits for that message's commit before it reads the next, so a peer's messages are
applied in the order sent and every ACK follows a commit. A frame that cannot be read is
answered or skipped (bytes outside a frame); a frame over READ_LIMIT is answered AR, its start
kept in the inbox, and its connection closed; nothing on one connection affects another.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.db import connection
from hl7.mllp import start_hl7_server

from irsuite.interop.hl7.codec import FRAME_END, FRAME_START, frame
from irsuite.interop.hl7.inbound.services import keep_oversized, keep_unreadable, receive

log = logging.getLogger(__name__)
# A large ORU with an encapsulated PDF runs to megabytes; asyncio's default limit is 64 KiB.
READ_LIMIT = 32 * 1024 * 1024
# Of a frame over the limit, the start is kept (with MSH, so the AR names the message).
OVERSIZED_KEPT = 64 * 1024


def _receive_in_thread(data: bytes) -> bytes:
    try:
        return receive(data)
    except Exception as exc:  # the listener never dies of one message
        log.exception("HL7 message failed")
        with contextlib.suppress(Exception):
            connection.close()  # a broken connection is reopened for the next message
        return keep_unreadable(data, type(exc).__name__)


def _refuse_oversized(head: bytes) -> bytes:
    start = head.find(FRAME_START)
    try:
        return keep_oversized(head[start + 1 :] if start >= 0 else head, READ_LIMIT)
    except Exception as exc:
        log.exception("HL7 oversized frame could not be kept")
        return keep_unreadable(b"", type(exc).__name__)


def _close_database() -> None:
    with contextlib.suppress(Exception):
        connection.close()


async def _connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    loop = asyncio.get_running_loop()
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hl7-db")
    try:
        while True:
            try:
                block = await reader.readuntil(FRAME_END)
            except asyncio.IncompleteReadError:
                return  # the peer closed (between frames, or in the middle of one)
            except asyncio.LimitOverrunError:
                log.warning("HL7 frame over %d bytes; answered AR, connection closed", READ_LIMIT)
                head = await reader.read(OVERSIZED_KEPT)
                ack = await loop.run_in_executor(executor, _refuse_oversized, head)
                writer.write(frame_bytes(ack))
                await writer.drain()
                return  # the rest of the frame is not read: the peer starts afresh
            start = block.rfind(FRAME_START)
            if start < 0:
                log.warning("bytes without an MLLP start block skipped")
                continue
            ack = await loop.run_in_executor(executor, _receive_in_thread, block[start + 1 : -2])
            writer.write(frame_bytes(ack))
            await writer.drain()
    except (ConnectionError, OSError):
        return
    finally:
        writer.close()
        try:
            await loop.run_in_executor(executor, _close_database)  # in the thread that owns it
        finally:
            executor.shutdown(wait=False)
        with contextlib.suppress(Exception):
            await writer.wait_closed()


def frame_bytes(ack: bytes) -> bytes:
    return FRAME_START + ack + FRAME_END


async def serve(
    host: str,
    port: int,
    *,
    on_ready: Callable[[int], None] | None = None,
    stop: asyncio.Event | None = None,
) -> None:
    """Listen until `stop` is set (or forever); `on_ready(port)` once bound."""
    open_connections: set[asyncio.Task[Any]] = set()

    async def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        open_connections.add(task)
        try:
            await _connection(reader, writer)
        finally:
            open_connections.discard(task)

    server = await start_hl7_server(connected, host, port, limit=READ_LIMIT)
    bound = server.sockets[0].getsockname()[1]
    if on_ready is not None:
        on_ready(bound)
    try:
        async with server:
            if stop is None:
                await server.serve_forever()
            else:
                await stop.wait()
    finally:
        # A stopped listener ends its connections; a message in hand still commits in its
        # thread, unanswered, and is answered with the stored ACK when the peer sends it again.
        for task in list(open_connections):
            task.cancel()
        await asyncio.gather(*open_connections, return_exceptions=True)


class Running:
    """A listener on a background thread (tests, the demo): `.port`, `.stop()`."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.port = 0
        self._ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._stop = asyncio.Event()
        self._thread = threading.Thread(target=self._run, args=(host, port), daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout=30):
            raise RuntimeError("The HL7 listener did not start.")

    def _run(self, host: str, port: int) -> None:
        def ready(bound: int) -> None:
            self.port = bound
            self._ready.set()

        self._loop.run_until_complete(serve(host, port, on_ready=ready, stop=self._stop))

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=30)


__all__ = ["READ_LIMIT", "Running", "frame", "serve"]
