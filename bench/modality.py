"""A modality's worklist query and MPPS on a plain blocking socket, for timing a server.

pynetdicom's requestor polls: its reactor threads sleep a millisecond between looks at the
socket and its release waits in 10 ms steps, which is about 20 ms of every association
whatever the server does. A console's DICOM stack waits on its socket instead, so this client
does: it writes the PDUs of PS3.8 (association, a C-FIND or N-CREATEs with their data sets,
release) and reads each answer as it arrives. The data sets are pydicom's Implicit VR Little Endian.
"""

from __future__ import annotations

import functools
import socket
import struct

from pydicom.dataset import Dataset
from pynetdicom.dsutils import encode

APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1"
IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2"
WORKLIST_FIND = "1.2.840.10008.5.1.4.31"
MPPS = "1.2.840.10008.3.1.2.3.3"
IMPLEMENTATION_CLASS = "1.2.826.0.1.3680043.9.7433.1.1"
MAX_PDU = 65536
PENDING = (0xFF00, 0xFF01)


def _item(kind: int, value: bytes) -> bytes:
    return struct.pack(">BxH", kind, len(value)) + value


def _pdu(kind: int, body: bytes) -> bytes:
    return struct.pack(">BxL", kind, len(body)) + body


def associate_rq(called: str, calling: str, sop_class: str = WORKLIST_FIND) -> bytes:
    """A-ASSOCIATE-RQ proposing one SOP class in Implicit VR Little Endian (context 1)."""
    context = struct.pack(">BBBB", 1, 0, 0, 0) + _item(0x30, sop_class.encode())
    context += _item(0x40, IMPLICIT_VR_LITTLE_ENDIAN.encode())
    user = _item(0x51, struct.pack(">L", MAX_PDU)) + _item(0x52, IMPLEMENTATION_CLASS.encode())
    body = struct.pack(">HH", 1, 0) + called.ljust(16).encode() + calling.ljust(16).encode()
    body += bytes(32) + _item(0x10, APPLICATION_CONTEXT.encode())
    return _pdu(0x01, body + _item(0x20, context) + _item(0x50, user))


def _encoded(ds: Dataset) -> bytes:
    return encode(ds, True, True) or b""


def _request(command: Dataset, data: Dataset) -> bytes:
    """One P-DATA-TF holding a request's command set and its data set."""
    command.CommandDataSetType = 0x0001
    command.CommandGroupLength = len(_encoded(command))  # the bytes after it; it sorts first
    return _pdu(0x04, _pdv(_encoded(command), 0x03) + _pdv(_encoded(data), 0x02))


def c_find_rq(query: Dataset, message_id: int = 1) -> bytes:
    """The C-FIND-RQ of a worklist query (PS3.7 9.3.2.1)."""
    command = Dataset()
    command.AffectedSOPClassUID = WORKLIST_FIND
    command.CommandField = 0x0020
    command.MessageID = message_id
    command.Priority = 0
    return _request(command, query)


def n_create_rq(instance: str, attributes: Dataset, message_id: int) -> bytes:
    """The N-CREATE-RQ of an MPPS instance (PS3.7 10.3.5.1)."""
    command = Dataset()
    command.AffectedSOPClassUID = MPPS
    command.CommandField = 0x0140
    command.MessageID = message_id
    command.AffectedSOPInstanceUID = instance
    return _request(command, attributes)


def _pdv(data: bytes, header: int) -> bytes:
    return struct.pack(">LBB", len(data) + 2, 1, header) + data


class Connection:
    """A blocking DICOM association on one socket."""

    def __init__(self, host: str, port: int) -> None:
        self.sock = socket.create_connection((host, port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.reader = self.sock.makefile("rb")

    def read_pdu(self) -> tuple[int, bytes]:
        kind, length = struct.unpack(">BxL", self._exactly(6))
        return kind, self._exactly(length)

    def _exactly(self, n: int) -> bytes:
        data = self.reader.read(n)
        if len(data) != n:
            raise ConnectionError("the server closed the association")
        return data

    def close(self) -> None:
        self.reader.close()
        self.sock.close()


@functools.lru_cache(maxsize=64)
def _command_status(command: bytes) -> tuple[int, bool]:
    """(Status, has a data set) read from an Implicit VR Little Endian command set (the
    pending responses to one query share theirs: it is read once)."""
    status, has_data, offset = 0, False, 0
    while offset < len(command):
        group, element, length = struct.unpack_from("<HHL", command, offset)
        value = command[offset + 8 : offset + 8 + length]
        if group == 0 and element == 0x0900:
            status = struct.unpack("<H", value)[0]
        elif group == 0 and element == 0x0800:
            has_data = struct.unpack("<H", value)[0] != 0x0101
        offset += 8 + length
    return status, has_data


def _messages(conn: Connection):  # type: ignore[no-untyped-def]
    """Yield (status, data set bytes or b"") for each response (C-FIND-RSP, N-CREATE-RSP) as
    it arrives."""
    command, data, waiting_data = b"", b"", False
    while True:
        kind, body = conn.read_pdu()
        if kind != 0x04:
            raise ConnectionError(f"unexpected PDU type {kind:#04x} during the query")
        offset = 0
        while offset < len(body):
            length, _, header = struct.unpack_from(">LBB", body, offset)
            fragment = body[offset + 6 : offset + 4 + length]
            offset += 4 + length
            if header & 0x01:
                command += fragment
                if header & 0x02:
                    status, waiting_data = _command_status(command)
                    if not waiting_data:
                        yield status, b""
                        command = b""
            else:
                data += fragment
                if header & 0x02:
                    yield status, data
                    command, data, waiting_data = b"", b"", False


def _open(host: str, port: int, called: str, calling: str, sop_class: str) -> Connection:
    conn = Connection(host, port)
    conn.sock.sendall(associate_rq(called, calling, sop_class))
    kind, _ = conn.read_pdu()
    if kind != 0x02:
        conn.close()
        raise ConnectionError(f"association not accepted (PDU type {kind:#04x})")
    return conn


def _release(conn: Connection) -> None:
    conn.sock.sendall(_pdu(0x05, bytes(4)))
    conn.read_pdu()  # A-RELEASE-RP


def find(host: str, port: int, called: str, calling: str, query: Dataset | bytes) -> int:
    """Associate, send the query, read every answer, release; return how many matched.

    `query` may be the C-FIND-RQ already written (`c_find_rq`), as a console keeps its query:
    then the client spends nothing on pydicom inside the timed exchange."""
    request = query if isinstance(query, bytes) else c_find_rq(query)
    conn = _open(host, port, called, calling, WORKLIST_FIND)
    try:
        conn.sock.sendall(request)
        found = 0
        for status, _ in _messages(conn):
            if status in PENDING:
                found += 1
                continue
            if status != 0:
                raise RuntimeError(f"query failed: {status:#06x}")
            break
        _release(conn)
        return found
    finally:
        conn.close()


class PerformedSteps:
    """One association for MPPS: `create` sends an N-CREATE and returns the reply's status."""

    def __init__(self, host: str, port: int, called: str, calling: str) -> None:
        self.conn = _open(host, port, called, calling, MPPS)
        self.message_id = 0

    def create(self, instance: str, attributes: Dataset) -> int:
        self.message_id += 1
        self.conn.sock.sendall(n_create_rq(instance, attributes, self.message_id))
        status, _ = next(_messages(self.conn))
        return status

    def close(self) -> None:
        try:
            _release(self.conn)
        finally:
            self.conn.close()
