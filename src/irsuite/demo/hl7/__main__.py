"""`python -m irsuite.demo.hl7 --parent PID`: the demo's HL7 interfaces, beside `serve`.

Runs the real listener on IRSUITE_HL7_PORT (loopback), the EHR's stand-in receiver on
IRSUITE_HL7_DEMO_RECEIVER_PORT, then sends today's synthetic ADT and orders through the
listener's socket, one message every few seconds, so patients and requests arrive while the
newcomer watches; it ends with its parent (the server).
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from irsuite.demo.beside import child

PACE_SECONDS = 3.0


async def _feed(host: str, port: int, messages: list[bytes], pace: float) -> None:
    from hl7.mllp import open_hl7_connection

    reader, writer = await open_hl7_connection(host, port)
    try:
        for data in messages:
            writer.writeblock(data)
            await writer.drain()
            await reader.readblock()
            await asyncio.sleep(pace)
    finally:
        writer.close()


async def _run(pace: float) -> None:
    from django.conf import settings
    from django.utils import timezone

    from irsuite.demo.hl7 import receiver
    from irsuite.demo.hl7.area import ensure_peer
    from irsuite.demo.hl7.feed import day_of_messages
    from irsuite.interop.hl7.listener import serve

    await asyncio.to_thread(ensure_peer)
    host, port = settings.HL7_HOST, settings.HL7_PORT
    outbound = await receiver.start("127.0.0.1", settings.HL7_DEMO_RECEIVER_PORT)
    ready = asyncio.Event()
    listening = asyncio.create_task(serve(host, port, on_ready=lambda _port: ready.set()))
    await asyncio.wait(
        [asyncio.ensure_future(ready.wait()), listening], return_when="FIRST_COMPLETED"
    )
    if listening.done():
        listening.result()  # the port is taken: say so
    print(
        f"HL7 demo: listener on {host}:{port}, the EHR's receiver on "
        f"127.0.0.1:{settings.HL7_DEMO_RECEIVER_PORT}; sending today's ADT and orders",
        flush=True,
    )
    await _feed(host, port, day_of_messages(timezone.localdate()), pace)
    print("HL7 demo: today's messages delivered; the listener keeps running", flush=True)
    async with outbound:
        await listening


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pace", type=float, default=PACE_SECONDS)
    args = child(parser)
    try:
        asyncio.run(_run(args.pace))
    except OSError as exc:
        print(f"HL7 demo not started: {exc} (set IRSUITE_HL7_PORT to a free port)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
