"""HL7 listener benchmark: ADT^A08 over one MLLP connection, send then wait for the ACK.

irsuite's listener (`irsuite hl7-listen` in its own process) stores each message, applies it
and commits before answering, on SQLite and on PostgreSQL. The baseline, measured in the same
run, is python-hl7's bare asyncio server that parses each message and answers AA, storing
nothing: the floor any durable listener sits above.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import hl7
from hl7.mllp import open_hl7_connection, start_hl7_server

from bench.common import ROOT, _free_port, create_pg_database, percentiles, postgres_url

HEADER = "MSH|^~\\&|EHR|SBH|IRSUITE|IR|20261206083000||{t}|{cid}|P|2.5.1|||AL|NE||UNICODE UTF-8"
PID = "PID|1||SBH0000001^^^SBH^MR||Example{n}^Ada||19600517|F"
TARGET_PER_SECOND, TARGET_P95_MS = 500, 10.0


def _message(n: int, trigger: str = "ADT^A08^ADT_A01") -> bytes:
    return "\r".join(
        [HEADER.format(t=trigger, cid=f"B{n:08d}"), "EVN|A08", PID.format(n=n), "PV1|1|O"]
    ).encode()


async def _drive(port: int, count: int, first: int = 0) -> list[float]:
    reader, writer = await open_hl7_connection("127.0.0.1", port)
    samples = []
    for n in range(first, first + count):
        started = time.perf_counter()
        writer.writeblock(_message(n))
        await writer.drain()
        ack = await reader.readblock()
        samples.append((time.perf_counter() - started) * 1000)
        if b"MSA|AA" not in ack:
            raise RuntimeError(f"message {n} was not accepted: {ack[:200]!r}")
    writer.close()
    return samples


def _rate(samples: list[float]) -> float:
    return len(samples) / (sum(samples) / 1000)


def _row(name: str, samples: list[float]) -> str:
    p = percentiles(samples)
    return f"| {name} | {len(samples)} | {_rate(samples):,.0f} | {p['p50_ms']} | {p['p95_ms']} |"


def _verdict(name: str, samples: list[float], floor: float) -> str:
    rate, p95 = _rate(samples), percentiles(samples)["p95_ms"]
    met = rate >= TARGET_PER_SECOND and p95 < TARGET_P95_MS
    return (
        f"- {name}: {rate:,.0f} messages/s, {100 * rate / floor:.0f} % of the bare floor, "
        f"p95 {p95} ms: target {'met' if met else 'NOT met'}"
    )


def _bare_server(count: int) -> list[float]:
    loop, ready, port = asyncio.new_event_loop(), threading.Event(), [0]

    async def handle(reader, writer):  # type: ignore[no-untyped-def]
        try:
            while True:
                message = await reader.readmessage()
                writer.writemessage(message.create_ack())
                await writer.drain()
        except asyncio.IncompleteReadError:
            writer.close()

    async def main() -> None:
        server = await start_hl7_server(handle, "127.0.0.1", 0)
        port[0] = server.sockets[0].getsockname()[1]
        ready.set()
        async with server:
            await server.serve_forever()

    threading.Thread(target=lambda: loop.run_until_complete(main()), daemon=True).start()
    ready.wait(10)
    assert hl7 is not None
    return asyncio.run(_drive(port[0], count))


def _irsuite(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "IRSUITE_MODE": "dev",
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
    }
    return subprocess.run(
        [sys.executable, "-m", "irsuite", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def _listener(url: str, count: int) -> list[float]:
    _irsuite(url, "migrate", "--verbosity", "0")
    _irsuite(
        url,
        "shell",
        "-c",
        "from irsuite.people.models import Site; "
        "Site.objects.get_or_create(code='sbh', defaults={'name': 'St Brigid'})",
    )
    _irsuite(
        url, "hl7-peer", "add", "ehr", "--application", "EHR", "--facility", "SBH", "--site", "sbh"
    )
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "IRSUITE_MODE": "dev"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "irsuite", "hl7-listen", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        proc.stdout.readline()  # "HL7 listener on ..."
        first = _message(0, "ADT^A04^ADT_A01").replace(b"B00000000", b"REG")

        async def register() -> None:
            reader, writer = await open_hl7_connection("127.0.0.1", port)
            writer.writeblock(first)
            await writer.drain()
            await reader.readblock()
            writer.close()

        asyncio.run(register())
        asyncio.run(_drive(port, min(count // 10, 200), first=10_000_000))  # warm-up
        return asyncio.run(_drive(port, count))
    finally:
        proc.terminate()
        proc.wait(30)


def run(quick: bool) -> str:
    count = 200 if quick else 5000
    bare = _bare_server(count)
    rows = [_row("python-hl7 bare asyncio server (parse + AA, stores nothing)", bare)]
    verdicts = []
    with tempfile.TemporaryDirectory() as scratch:
        ours = _listener(f"sqlite:///{Path(scratch)}/b.db", count)
    rows.append(_row("irsuite, SQLite (WAL)", ours))
    verdicts.append(_verdict("SQLite", ours, _rate(bare)))
    base = postgres_url()
    if base is not None:
        ours = _listener(create_pg_database(base, f"bench_hl7_{os.getpid()}"), count)
        rows.append(_row("irsuite, PostgreSQL", ours))
        verdicts.append(_verdict("PostgreSQL", ours, _rate(bare)))
    else:
        rows.append("| irsuite, PostgreSQL | – | not measured: PostgreSQL is not installed | | |")
    return "\n".join(
        [
            "## HL7 listener (ADT^A08, one MLLP connection, send then wait for the ACK)",
            "",
            f"Target: irsuite at least {TARGET_PER_SECOND} messages/s durable, p95 under "
            f"{TARGET_P95_MS:g} ms. Each irsuite message is stored raw, applied (the patient's "
            "demographics updated and audited) and committed before its AA. On PostgreSQL that is "
            "five round trips to the server: BEGIN; the patient found by identifier and locked; "
            "the patient's UPDATE, returning whether the worklist holds open items of theirs; "
            "the audit row and the inbox row with its ACK in one statement, which also reads "
            "the configuration generation (a repeated control id is caught there by the "
            "inbox's unique index); COMMIT. Those statements are prepared once per connection. "
            "SQLite runs the same statements in the process. "
            "The benchmarks' PostgreSQL cluster runs with fsync off, so its "
            "figure is the software's cost, not the disk's.",
            "",
            "| server | messages | messages/s | p50 ms | p95 ms |",
            "|---|---:|---:|---:|---:|",
            *rows,
            "",
            *verdicts,
        ]
    )
