"""Fixtures for the day-of-procedure tests: a tablet signature and a cleared bleeding plan."""

from __future__ import annotations

import base64
import struct
import zlib

import pytest

from irsuite.safety.checklist import services as checklist_services


def tiny_png() -> bytes:
    """A valid 1x1 white PNG, built here so no file is needed."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture
def signature_url() -> str:
    return "data:image/png;base64," + base64.b64encode(tiny_png()).decode()


@pytest.fixture
def bleeding_plan(monkeypatch):  # type: ignore[no-untyped-def]
    """Control whether bleeding-risk plans count as cleared: `bleeding_plan.cleared = False`."""

    class Switch:
        cleared = True

    switch = Switch()
    monkeypatch.setattr(
        checklist_services, "BLEEDING_PLAN_CHECKS", [lambda request: switch.cleared]
    )
    return switch
