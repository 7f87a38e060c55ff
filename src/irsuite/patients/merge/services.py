"""Merging two patient records into one, and undoing it (an administrator).

Every table that points at a patient moves to the survivor: the scan walks the patient's
relations (requests, bookings, follow-ups, dose studies and alerts, devices, identifiers ...),
so a table added later is merged without being named here. The audit log is append-only: its
rows keep the merged record's id, and that record stays, pointing at the survivor
(`merged_into`), so its history is read through the survivor.
"""

from __future__ import annotations

from django.apps import apps
from django.db import transaction
from django.db.models import ForeignKey
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import Actor, record
from irsuite.errors import Conflict, NotAllowed
from irsuite.patients.hooks import patient_changed
from irsuite.patients.merge.models import PatientMerge
from irsuite.patients.models import Patient
from irsuite.people.access import has_capability
from irsuite.people.roles import Capability


def _patient_links() -> list[ForeignKey[Patient, Patient]]:
    """Every foreign key to Patient outside the merge's own bookkeeping."""
    links = []
    for model in apps.get_models():
        if model in (PatientMerge, Patient):
            continue
        for f in model._meta.concrete_fields:
            if isinstance(f, ForeignKey) and f.related_model is Patient:
                links.append(f)
    return links


@transaction.atomic
def merge_patients(
    survivor: Patient, merged: Patient, *, by: Actor, channel: str = "web"
) -> PatientMerge:
    """Move every row of `merged` to `survivor`; the merge is audited and can be undone."""
    if survivor.pk == merged.pk:
        raise Conflict("A patient cannot be merged into itself.")
    survivor = Patient.objects.select_for_update().get(pk=survivor.pk)
    merged = Patient.objects.select_for_update().get(pk=merged.pk)
    if merged.merged_into_id is not None:
        raise Conflict("This record was already merged into another; undo that merge first.")
    if survivor.merged_into_id is not None:
        raise Conflict("The surviving record was itself merged away; merge into its survivor.")
    moved: dict[str, list[int]] = {}
    for link in _patient_links():
        rows = link.model._base_manager.filter(**{link.name: merged})
        ids = list(rows.values_list("pk", flat=True))
        if ids:
            moved[f"{link.model._meta.label_lower}.{link.name}"] = ids
            link.model._base_manager.filter(pk__in=ids).update(**{link.name: survivor})
    Patient.objects.filter(pk=merged.pk).update(merged_into=survivor)
    merge = PatientMerge.objects.create(
        survivor=survivor,
        merged=merged,
        at=timezone.now(),
        by=by if by is not None and getattr(by, "is_authenticated", False) else None,
        channel=channel,
        moved=moved,
    )
    counts = {k: len(v) for k, v in moved.items()}
    for patient, role in ((survivor, "survivor"), (merged, "merged")):
        record(
            by,
            AuditAction.CHANGE,
            merge,
            patient_id=patient.pk,
            after={"survivor": survivor.pk, "merged": merged.pk, "moved": counts},
            summary=f"patient records merged ({role})",
            channel=channel,
        )
    patient_changed(survivor.pk, merged.pk)
    return merge


@transaction.atomic
def undo_merge(merge: PatientMerge, *, by: Actor, reason: str, channel: str = "web") -> None:
    """Move back exactly the rows the merge moved (an administrator, with a reason)."""
    if not has_capability(by, Capability.ADMINISTER):
        raise NotAllowed("Only an administrator can undo a merge of patient records.")
    if not reason.strip():
        raise Conflict("Say why the merge is undone (the hospital split the records ...).")
    merge = PatientMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise Conflict("This merge was already undone.")
    for key, ids in merge.moved.items():
        label, field = key.rsplit(".", 1)
        model = apps.get_model(label)
        model._base_manager.filter(pk__in=ids).update(**{field: merge.merged_id})
    Patient.objects.filter(pk=merge.merged_id).update(merged_into=None)
    merge.undone_at = timezone.now()
    merge.undone_by = by if getattr(by, "is_authenticated", False) else None
    merge.save(update_fields=["undone_at", "undone_by"])
    for patient_id in (merge.survivor_id, merge.merged_id):
        record(
            by,
            AuditAction.CHANGE,
            merge,
            patient_id=patient_id,
            reason=reason,
            after={"undone": True},
            summary="patient merge undone",
            channel=channel,
        )
    patient_changed(merge.survivor_id, merge.merged_id)


def history_ids(patient: Patient) -> list[int]:
    """The patient's id and those of records merged into it (their audit rows are its own)."""
    ids = [patient.pk]
    frontier = [patient.pk]
    while frontier:
        found = list(
            Patient.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True)
        )
        ids += found
        frontier = found
    return ids
