"""`irsuite demo` runs the DICOM server beside the web server: it answers a modality on its port
and ends with its parent."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pynetdicom import AE

from command_db import ROOT, command_env, migrate_sqlite, shared_database_url
from irsuite.interop.dicom.listener import VERIFICATION_SOP_CLASS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return migrate_sqlite(tmp_path_factory.mktemp("dicom-demo") / "migrated.sqlite3")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _echo(port: int) -> int | None:
    ae = AE(ae_title="DEMO_ECHO")
    ae.add_requested_context(VERIFICATION_SOP_CLASS)
    assoc = ae.associate("127.0.0.1", port, ae_title="IRSUITE")
    if not assoc.is_established:
        return None
    status = assoc.send_c_echo()
    assoc.release()
    return int(status.Status)


@pytest.fixture
def demo_dicom(migrated_sqlite: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen, int]]:  # type: ignore[type-arg]
    """The parent stands in for the web server: the demo's DICOM process watches it."""
    port = _free_port()
    env = {
        **command_env(shared_database_url(migrated_sqlite, tmp_path)),
        "IRSUITE_DICOM_PORT": str(port),
        "IRSUITE_DICOM_PEERS": "DEMO_ECHO",
    }
    code = (
        "import subprocess, sys, time; "
        "subprocess.Popen([sys.executable, '-m', 'irsuite.demo.dicom', '--parent', "
        "str(__import__('os').getpid())]); time.sleep(600)"
    )
    parent = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=ROOT)
    yield parent, port
    parent.kill()
    parent.wait(10)


def test_the_demo_dicom_server_answers_on_its_port_and_ends_with_its_parent(demo_dicom) -> None:  # type: ignore[no-untyped-def]
    parent, port = demo_dicom
    status = None
    for _ in range(300):  # the child imports Django first; the loop only bounds a failure
        status = _echo(port)
        if status is not None:
            break
        time.sleep(0.1)
    assert status == 0x0000
    parent.kill()
    parent.wait(10)
    for _ in range(300):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) != 0:
                break
        time.sleep(0.1)
    else:
        pytest.fail("the demo's DICOM server outlived its parent")
