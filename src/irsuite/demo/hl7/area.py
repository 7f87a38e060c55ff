"""Demo hook: the department's EHR is a configured HL7 peer, with a few mapping rules.

Its orders are filed at St Brigid's; irsuite's messages to it (order status, bookings,
results) go to the small receiver the demo starts beside the listener (`irsuite.demo.hl7`).
"""

from __future__ import annotations

from django.conf import settings

from irsuite.demo.context import DemoContext
from irsuite.interop.hl7.codes import MappingKind
from irsuite.interop.hl7.models import Peer
from irsuite.interop.hl7.peers.services import add_peer, set_mapping

PEER = "ehr"
APPLICATION, FACILITY = "DEMO-EHR", "SBH"
# The EHR's own order codes and the catalogue entries they mean (one code is left unmapped
# in the feed, so a request arrives flagged "code not mapped").
PROCEDURES = {
    "RAD-IVCF": "IVCF-PLACE",
    "RAD-VENO": "VENOGRAM",
    "RAD-FISTULA": "FISTULOGRAM",
    "RAD-ANGIO": "ANGIO-DX",
    "RAD-TACE": "TACE",
    "RAD-UFE": "UFE",
}
FALLBACK = "ANGIO-DX"


def ensure_peer() -> Peer:
    """The demo's EHR peer (configured once; a later start finds it)."""
    peer = Peer.objects.filter(name=PEER).first()
    if peer is not None:
        return peer
    peer = add_peer(
        by=None,
        name=PEER,
        application=APPLICATION,
        facility=FACILITY,
        site_code="sbh",
        outbound_host="127.0.0.1",
        outbound_port=settings.HL7_DEMO_RECEIVER_PORT,
        fallback_procedure=FALLBACK,
        channel="demo",
    )
    for external, internal in PROCEDURES.items():
        set_mapping(
            by=None,
            kind=MappingKind.PROCEDURE,
            external_code=external,
            internal_code=internal,
            peer=peer,
            description="demo EHR order code",
            channel="demo",
        )
    return peer


def build(ctx: DemoContext) -> None:
    ensure_peer()
