"""kill -9 of the HL7 listener mid-stream: no AA for a message that is not stored, nothing
applied twice, nothing half-stored.

`irsuite hl7-listen` runs in its own process against a real database (a migrated SQLite file,
or the PostgreSQL test database). python-hl7's asyncio client sends a stream of
registrations, orders and updates, one at a time, waiting for each ACK. The listener is killed
with SIGKILL right after a message was written (at a few different moments: before, during or
after its commit), started again, and every message that got no ACK is sent again.
Afterwards every message is stored once and applied once, every ACK the client holds is the
one stored with its message (a message committed before the kill is answered with its
original ACK when sent again), and every order made exactly one request.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hl7.mllp import open_hl7_connection

from command_db import ROOT, command_env, migrate_sqlite, rows, run_irsuite, shared_database_url
from irsuite.interop.hl7.client import run_coroutine

pytestmark = [pytest.mark.peer, pytest.mark.django_db(transaction=True)]

PATIENTS = 12
# Acknowledged messages before each kill, and how long after writing the next one it comes:
# at once (the message is most likely not read yet), a little later (mid-transaction) and
# later still (committed, its ACK not read). The checks hold whichever moment it hits.
KILLS = [(7, 0.0), (8, 0.004), (8, 0.05)]
SETUP = """
from irsuite.cases.catalogue.services import load_catalogue
from irsuite.interop.hl7.peers.services import add_peer
from irsuite.people.models import Site
Site.objects.create(code="sbh", name="St Brigid's University Hospital")
load_catalogue()
add_peer(by=None, name="ehr", application="EHR", facility="SBH", site_code="sbh")
"""
HEADER = "MSH|^~\\&|EHR|SBH|IRSUITE|IR|20261206083000||{type}|{cid}|P|2.5.1|||AL|NE||UNICODE UTF-8"


@pytest.fixture(scope="session")
def hl7_migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return migrate_sqlite(tmp_path_factory.mktemp("hl7-kill-nine") / "migrated.sqlite3")


@pytest.fixture
def database_url(hl7_migrated_sqlite: Path, tmp_path: Path) -> str:
    """A migrated database both processes reach, with St Brigid's, the catalogue and the EHR."""
    url = shared_database_url(hl7_migrated_sqlite, tmp_path)
    done = run_irsuite(url, "shell", "-c", SETUP)
    assert done.returncode == 0, done.stderr
    return url


def _stream() -> list[tuple[str, bytes]]:
    """(control id, message) for each patient: registered, an order, a changed name."""
    messages = []
    for n in range(PATIENTS):
        pid = f"PID|1||KN{n:05d}^^^SBH^MR||Kill{n}^Nina||19600517|F"
        renamed = f"PID|1||KN{n:05d}^^^SBH^MR||Nine{n}^Nina||19600517|F"
        placer = f"PLK{n:05d}^EHR"
        orc = f"ORC|NW|{placer}|||||^^^^^R"
        obr = f"OBR|1|{placer}||PCN^Nephrostomy|||||||||Obstructed kidney"
        for cid, kind, segments in (
            (f"R{n:05d}", "ADT^A04^ADT_A01", ["EVN|A04", pid]),
            (f"O{n:05d}", "ORM^O01^ORM_O01", [pid, orc, obr]),
            (f"U{n:05d}", "ADT^A08^ADT_A01", ["EVN|A08", renamed]),
        ):
            text = "\r".join([HEADER.format(type=kind, cid=cid), *segments])
            messages.append((cid, text.encode()))
    return messages


class Listener:
    """`irsuite hl7-listen` in its own process, on a port it chose itself."""

    started: list[Listener] = []

    def __init__(self, database_url: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "irsuite", "hl7-listen", "--port", "0"],
            env=command_env(database_url),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()  # "HL7 listener on 127.0.0.1:PORT"
        assert "HL7 listener on" in line, f"the listener did not start: {line!r}"
        self.port = int(line.rsplit(":", 1)[1])
        Listener.started.append(self)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)


@pytest.fixture(autouse=True)
def no_listener_left() -> Iterator[None]:
    yield
    while Listener.started:
        Listener.started.pop().kill()


async def _send(
    port: int, pending: list[tuple[str, bytes]], acks: dict[str, bytes], kill: Any = None
) -> None:
    """Send `pending` in order, each after the last one's ACK; with `kill=(after, delay, stop)`
    the listener is killed `delay` seconds after message `after` was written."""
    reader, writer = await open_hl7_connection("127.0.0.1", port)
    try:
        for index, (cid, data) in enumerate(pending):
            writer.writeblock(data)
            await writer.drain()
            if kill is not None and index == kill[0]:
                await asyncio.sleep(kill[1])
                kill[2]()
                return
            acks[cid] = await reader.readblock()
    finally:
        writer.close()


def test_a_listener_killed_mid_stream_loses_and_repeats_nothing(database_url: str) -> None:
    stream = _stream()
    acks: dict[str, bytes] = {}
    for after, delay in KILLS:
        listener = Listener(database_url)
        pending = [(cid, data) for cid, data in stream if cid not in acks]
        run_coroutine(_send(listener.port, pending, acks, kill=(after, delay, listener.kill)))
        _assert_acknowledged_are_stored(database_url, acks)
    listener = Listener(database_url)
    try:
        run_coroutine(_send(listener.port, [(c, d) for c, d in stream if c not in acks], acks))
        # Everything again: each answered with the ACK stored for it, nothing applied anew.
        again: dict[str, bytes] = {}
        run_coroutine(_send(listener.port, stream, again))
    finally:
        listener.kill()
    assert set(acks) == {cid for cid, _ in stream}
    assert again == acks
    stored = _assert_acknowledged_are_stored(database_url, acks)
    assert {status for status, _ in stored.values()} == {"applied"}
    _assert_applied_once(database_url)


def _assert_acknowledged_are_stored(
    database_url: str, acks: dict[str, bytes]
) -> dict[str, tuple[str, str]]:
    """Every ACK the client got is the ACK stored with that message, which was applied."""
    stored = {
        cid: (status, ack)
        for cid, status, ack in rows(
            database_url, "SELECT control_id, status, ack FROM interop_inboxmessage"
        )
    }
    for cid, ack in acks.items():
        assert b"MSA|AA|" + cid.encode() in ack, ack
        assert cid in stored, f"{cid} got AA but is not stored"
        assert stored[cid] == ("applied", ack.decode()), cid
    assert not [cid for cid, (status, _) in stored.items() if status == "received"]
    return stored


def _assert_applied_once(database_url: str) -> None:
    (messages, distinct), *_ = rows(
        database_url, "SELECT COUNT(*), COUNT(DISTINCT control_id) FROM interop_inboxmessage"
    )
    assert messages == distinct == 3 * PATIENTS
    requests = rows(
        database_url,
        "SELECT placer_order_number, COUNT(*) FROM cases_request GROUP BY placer_order_number",
    )
    assert sorted(requests) == [(f"PLK{n:05d}", 1) for n in range(PATIENTS)]
    names = rows(database_url, "SELECT family_name FROM patients_patient ORDER BY family_name")
    assert sorted(n for (n,) in names) == sorted(f"Nine{n}" for n in range(PATIENTS))
    # One registration, one request and one rename audited per patient: none applied twice.
    audited = dict(
        rows(
            database_url,
            "SELECT summary, COUNT(*) FROM audit_auditevent WHERE channel = 'hl7' "
            "AND summary IN ('patient registered', 'demographics updated') GROUP BY summary",
        )
    )
    assert audited == {"patient registered": PATIENTS, "demographics updated": PATIENTS}
