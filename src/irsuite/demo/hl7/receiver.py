"""The demo's stand-in for the EHR's inbound interface: an MLLP server that answers AA.

irsuite's outbound messages (order status, bookings, results) go to it, so the interfaces
page shows them accepted; it keeps the last few it received for the log line it prints.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque

from hl7.mllp import start_hl7_server

from irsuite.interop.hl7.ack import build_ack
from irsuite.interop.hl7.codec import FRAME_END, FRAME_START, MessageError, decode, parse
from irsuite.interop.hl7.codes import AckCode

received: deque[str] = deque(maxlen=50)


def _answer(data: bytes) -> bytes:
    try:
        message = parse(decode(data).text)
    except MessageError:
        return build_ack(AckCode.REJECT, control_id="", ack_control_id="R", message=None).encode()
    msh = message.first("MSH")
    received.append(f"{message.get(msh, 9, 1)}^{message.get(msh, 9, 2)}")
    control_id = message.raw(msh, 10)
    ack = build_ack(AckCode.ACCEPT, control_id=control_id, ack_control_id=f"R{control_id}"[:20],
                    message=message)  # fmt: skip
    return ack.encode("utf-8")


async def _connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            block = await reader.readuntil(FRAME_END)
            start = block.rfind(FRAME_START)
            if start >= 0:
                writer.write(FRAME_START + _answer(block[start + 1 : -2]) + FRAME_END)
                await writer.drain()
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError, OSError):
        pass
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()


async def start(host: str, port: int) -> asyncio.AbstractServer:
    """Listen on `host:port` until the returned server is closed."""
    server: asyncio.AbstractServer = await start_hl7_server(_connection, host, port)
    return server
