"""Sending messages to a peer over MLLP (python-hl7's asyncio connection) and reading ACKs."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from hl7.mllp import open_hl7_connection

from irsuite.interop.hl7.listener import READ_LIMIT

TIMEOUT_SECONDS = 10.0
T = TypeVar("T")


def run_coroutine(coroutine: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run`, also when this thread already runs an event loop (a worker, a
    notebook, a browser driver): then the coroutine runs in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _exchange(host: str, port: int, messages: list[bytes], timeout: float) -> list[bytes]:
    reader, writer = await asyncio.wait_for(
        open_hl7_connection(host, port, limit=READ_LIMIT), timeout
    )
    acks = []
    try:
        for data in messages:
            writer.writeblock(data)
            await writer.drain()
            acks.append(await asyncio.wait_for(reader.readblock(), timeout))
    finally:
        writer.close()
        await writer.wait_closed()
    return acks


def send(
    host: str, port: int, messages: Iterable[str | bytes], *, timeout: float = TIMEOUT_SECONDS
) -> list[bytes]:
    """Send each message on one connection, waiting for its ACK; the ACKs' bytes, in order.

    Text is sent as UTF-8. Raises OSError when the peer cannot be reached or stops answering.
    """
    encoded = [m.encode("utf-8") if isinstance(m, str) else m for m in messages]
    try:
        return run_coroutine(_exchange(host, port, encoded, timeout))
    except TimeoutError as exc:
        raise OSError(f"no ACK from {host}:{port} within {timeout:g} s") from exc
