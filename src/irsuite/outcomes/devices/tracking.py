"""Start and stop following devices when a procedure that places or removes one is signed.

Which catalogue entries place or remove a filter or a long-term line is named here by code.
"""

from __future__ import annotations

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record, snapshot
from irsuite.cases.models import DeviceKind, Procedure
from irsuite.outcomes.devices.models import CentralLine, IvcFilter, LineKind

FILTER_PLACEMENT = frozenset({"IVCF-PLACE"})
FILTER_RETRIEVAL = frozenset({"IVCF-RETRIEVE", "IVCF-RETRIEVE-COMPLEX"})
LINE_PLACEMENT = {
    "TUNNELLED-CVC": LineKind.TUNNELLED,
    "TUNNELLED-HD": LineKind.TUNNELLED,
    "PORT": LineKind.PORT,
}
LINE_REMOVAL = {"LINE-REMOVAL": LineKind.TUNNELLED, "PORT-REMOVAL": LineKind.PORT}


def _filter_placed(procedure: Procedure) -> None:
    if IvcFilter.objects.filter(placement=procedure).exists():
        return
    device = procedure.devices.filter(kind=DeviceKind.FILTER).first()
    item = IvcFilter.objects.create(
        patient_id=procedure.request.patient_id,
        placement=procedure,
        device_name=device.name if device else "",
        placed_on=procedure.day,
    )
    record(
        None,
        AuditAction.CREATE,
        item,
        patient_id=item.patient_id,
        after=snapshot(item),
        summary="IVC filter followed from its placement",
    )


def _filter_retrieved(procedure: Procedure) -> None:
    item = (
        IvcFilter.objects.filter(
            patient_id=procedure.request.patient_id,
            retrieved_on=None,
            placed_on__lte=procedure.day,
        )
        .order_by("-placed_on")
        .first()
    )
    if item is None:
        return
    before = snapshot(item)
    item.retrieved_on = procedure.day
    item.retrieval = procedure
    item.save(update_fields=["retrieved_on", "retrieval"])
    record(
        None,
        AuditAction.CHANGE,
        item,
        patient_id=item.patient_id,
        before=before,
        after=snapshot(item),
        summary="IVC filter retrieved",
    )


def _line_placed(procedure: Procedure, kind: str) -> None:
    if CentralLine.objects.filter(insertion=procedure).exists():
        return
    line = CentralLine.objects.create(
        patient_id=procedure.request.patient_id,
        insertion=procedure,
        kind=kind,
        inserted_on=procedure.day,
    )
    record(
        None,
        AuditAction.CREATE,
        line,
        patient_id=line.patient_id,
        after=snapshot(line),
        summary="central line followed from its insertion",
    )


def _line_removed(procedure: Procedure, kind: str) -> None:
    line = (
        CentralLine.objects.filter(
            patient_id=procedure.request.patient_id,
            kind=kind,
            removed_on=None,
            inserted_on__lte=procedure.day,
        )
        .order_by("-inserted_on")
        .first()
    )
    if line is None:
        return
    before = snapshot(line)
    line.removed_on = procedure.day
    line.save(update_fields=["removed_on"])
    record(
        None,
        AuditAction.CHANGE,
        line,
        patient_id=line.patient_id,
        before=before,
        after=snapshot(line),
        summary="central line removed",
    )


def track_devices(procedure: Procedure) -> None:
    """Follow what a signed procedure placed or removed."""
    for code in procedure.entries.values_list("code", flat=True):
        if code in FILTER_PLACEMENT:
            _filter_placed(procedure)
        elif code in FILTER_RETRIEVAL:
            _filter_retrieved(procedure)
        elif code in LINE_PLACEMENT:
            _line_placed(procedure, LINE_PLACEMENT[code])
        elif code in LINE_REMOVAL:
            _line_removed(procedure, LINE_REMOVAL[code])
