"""The messages irsuite sends (HL7 v2.5.1), as text with segments joined by CR.

Order status (IHE RAD-3 filler side): ORM^O01 or OMI^O23 with ORC-1 SC and ORC-5 (table 0038).
Bookings: SIU^S12/S13/S15 (chapter 10). Results: ORU^R01 with the report as OBX TX lines and,
when the peer wants it, the PDF as an encapsulated ED OBX (base64); OBR-25/OBX-11 F or C.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from irsuite.cases.models import Request
from irsuite.interop.hl7.ack import OUR_APPLICATION, OUR_FACILITY
from irsuite.interop.hl7.codec import escape
from irsuite.interop.hl7.codes import OUR_VERSION, Charset, OrderControl, ResultStatus
from irsuite.interop.hl7.codes import Priority as HL7Priority
from irsuite.interop.hl7.models import Peer
from irsuite.patients.models import IdentifierType, Patient

E = escape
PRIORITY = {
    "emergent": HL7Priority.STAT,
    "urgent": HL7Priority.ASAP,
    "routine": HL7Priority.ROUTINE,
}
CODING_SYSTEM = "IRSUITE"  # the catalogue's codes, as OBR-4's name of coding system


def ts(moment: dt.datetime | None) -> str:
    """An HL7 DTM in local time with its offset (YYYYMMDDHHMMSS+ZZZZ)."""
    if moment is None:
        return ""
    return timezone.localtime(moment).strftime("%Y%m%d%H%M%S%z")


def msh(peer: Peer, kind: str, structure: str, control_id: str, now: dt.datetime) -> str:
    fields = [
        "MSH",
        "^~\\&",
        OUR_APPLICATION,
        OUR_FACILITY,
        E(peer.application),
        E(peer.facility),
        ts(now),
        "",
        f"{kind}^{structure}",
        control_id,
        "P",
        OUR_VERSION,
        "",
        "",
        "AL",
        "NE",
        "",
        Charset.UTF_8.value,
    ]
    return "|".join(fields)


def pid(patient: Patient) -> str:
    """PID-3 (every MRN with its site as authority, the enterprise id), -5, -7, -8."""
    ids = []
    for ident in patient.identifiers.all():
        authority = ident.site.code.upper() if ident.site else ""
        code = "PI" if ident.type == IdentifierType.ENTERPRISE else ident.type
        ids.append(f"{E(ident.value)}^^^{E(authority)}^{code}")
    name = f"{E(patient.family_name)}^{E(patient.given_name)}"
    born = patient.birth_date.strftime("%Y%m%d")
    return "|".join(["PID", "1", "", "~".join(ids), "", name, "", born, patient.sex])


def _procedure(request: Request) -> str:
    entry = request.catalogue_entry
    return f"{E(entry.code)}^{E(entry.name)}^{CODING_SYSTEM}"


def orc(request: Request, control: OrderControl, status: str) -> str:
    """ORC-2 placer and ORC-3 filler order numbers (the accession), ORC-5 order status."""
    quantity = f"^^^{ts(request.scheduled_start)}^^{PRIORITY.get(request.priority, 'R')}"
    return "|".join(
        [
            "ORC",
            control.value,
            E(request.placer_order_number),
            E(request.accession_number),
            "",
            status,
            "",
            quantity,
        ]
    )


def obr(request: Request, result_status: str = "", observed: dt.datetime | None = None) -> str:
    fields = [""] * 28
    fields[0], fields[1] = "OBR", "1"
    fields[2], fields[3] = E(request.placer_order_number), E(request.accession_number)
    fields[4] = _procedure(request)
    fields[7] = ts(observed)
    fields[13] = E(request.indication)
    fields[25] = result_status
    fields[27] = f"^^^{ts(request.scheduled_start)}^^{PRIORITY.get(request.priority, 'R')}"
    return "|".join(fields).rstrip("|")


def order_status(
    peer: Peer, request: Request, status: str, control_id: str, now: dt.datetime
) -> str:
    """ORM^O01 (or OMI^O23, per peer) with ORC-1 SC: the request's status (table 0038)."""
    kind, structure = peer.order_message.split("^")
    structure = f"{structure}^{kind}_{structure}"
    segs = [
        msh(peer, kind, structure, control_id, now),
        pid(request.patient),
        orc(request, OrderControl.STATUS_CHANGED, status),
    ]
    if kind == "OMI":
        segs.append(f"TQ1|1||||||{ts(request.scheduled_start)}||{PRIORITY.get(request.priority)}")
    segs.append(obr(request))
    return "\r".join(segs)


# HL7 v2.5.1 table 0278 (filler status codes) for SCH-25.
BOOKED, CANCELLED = "Booked", "Cancelled"


def booking(
    peer: Peer,
    request: Request,
    event: str,
    control_id: str,
    now: dt.datetime,
    *,
    room_code: str,
    site_code: str,
    start: dt.datetime | None,
    end: dt.datetime | None,
) -> str:
    """SIU^S12 (booked), S13 (moved) or S15 (released) for a request's booking."""
    minutes = int((end - start).total_seconds() // 60) if start and end else 0
    status = CANCELLED if event == "S15" else BOOKED
    sch = [
        "SCH",
        E(request.accession_number),
        E(request.accession_number),
        "",
        "",
        "",
        "",
        "",
        "",
        str(minutes or ""),
        "min" if minutes else "",
        f"^^{minutes or ''}^{ts(start)}^{ts(end)}",
    ] + [""] * 13
    sch += [status, E(request.placer_order_number), E(request.accession_number)]
    segs = [
        msh(peer, "SIU", f"{event}^SIU_S12", control_id, now),
        "|".join(sch),
        pid(request.patient),
        "RGS|1",
        f"AIS|1||{_procedure(request)}|{ts(start)}|||{minutes or ''}|min",
        f"AIL|1||^{E(room_code)}^^{E(site_code.upper())}|||{ts(start)}|||{minutes or ''}|min",
    ]
    return "\r".join(segs)


def result(
    peer: Peer,
    request: Request,
    control_id: str,
    now: dt.datetime,
    *,
    sections: Iterable[tuple[str, str]],
    status: ResultStatus,
    pdf: bytes | None = None,
) -> str:
    """ORU^R01: the signed report, one OBX TX per line of each section; the PDF as ED."""
    segs = [
        msh(peer, "ORU", "R01^ORU_R01", control_id, now),
        pid(request.patient),
        orc(request, OrderControl.STATUS_CHANGED, "CM"),
        obr(request, status.value, now),
    ]
    n = 0
    for title, text in sections:
        for line in text.splitlines() or [""]:
            n += 1
            segs.append(
                f"OBX|{n}|TX|REPORT^Procedure report^{CODING_SYSTEM}|{E(title)}|"
                f"{E(line)}||||||{status.value}"
            )
    if pdf is not None:
        n += 1
        data = base64.b64encode(pdf).decode("ascii")
        segs.append(
            f"OBX|{n}|ED|PDF^Procedure report PDF^{CODING_SYSTEM}||"
            f"{OUR_APPLICATION}^AP^PDF^Base64^{data}||||||{status.value}"
        )
    return "\r".join(segs)
