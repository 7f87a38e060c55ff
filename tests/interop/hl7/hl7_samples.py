"""HL7 test helpers: the message samples, reading an ACK's MSA and ERR, and the fixtures
(the EHR peer of St Brigid's with a procedure mapping; `deliver`). Test modules import the
fixtures by their function names; pytest finds them by their `name`."""

from __future__ import annotations

from pathlib import Path

import pytest

from irsuite.interop.hl7.codes import MappingKind
from irsuite.interop.hl7.inbound.services import receive
from irsuite.interop.hl7.models import Peer
from irsuite.interop.hl7.peers.services import add_peer, forget_peers, set_mapping

SAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "hl7"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def msa(ack: bytes) -> list[str]:
    """The MSA fields of an ACK: [MSA, code, control id, text]."""
    segments = ack.decode("utf-8", "replace").split("\r")
    line = next(s for s in segments if s.startswith("MSA"))
    return line.split("|")


def err(ack: bytes) -> list[str]:
    segments = ack.decode("utf-8", "replace").split("\r")
    line = next(s for s in segments if s.startswith("ERR"))
    return line.split("|")


@pytest.fixture(name="fresh_peer_cache", autouse=True)
def fresh_peer_cache_fixture():  # type: ignore[no-untyped-def]
    forget_peers()
    yield
    forget_peers()


@pytest.fixture(name="ehr")
def ehr_fixture(site, catalogue, room) -> Peer:  # type: ignore[no-untyped-def]
    """The hospital's EHR as MSH-3 EHR / MSH-4 SBH, its orders filed at St Brigid's."""
    peer = add_peer(by=None, name="ehr", application="EHR", facility="SBH", site_code=site.code)
    set_mapping(
        by=None,
        kind=MappingKind.PROCEDURE,
        external_code="RAD-NEPH",
        internal_code="PCN",
        peer=peer,
    )
    forget_peers()
    return peer


@pytest.fixture(name="deliver")
def deliver_fixture():  # type: ignore[no-untyped-def]
    """`deliver("file.hl7")` → the ACK bytes, as the listener would answer."""

    def send(name: str) -> bytes:
        return receive(sample(name))

    return send
