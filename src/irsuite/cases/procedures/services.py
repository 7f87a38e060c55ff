"""Team, access sites, devices, signature and addenda of a procedure."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import Actor, create_audited, record
from irsuite.cases import reference
from irsuite.cases.models import (
    AccessSite,
    Addendum,
    CaseRole,
    DeviceKind,
    DeviceUsed,
    Procedure,
    ProcedureStatus,
    RequestStatus,
    SampleAdequacy,
    TeamMember,
)
from irsuite.cases.procedures.models import AccessKind
from irsuite.cases.procedures.rules import ROLE_FITS, signing_problems
from irsuite.cases.requests.services import locked_message, transition
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.people.access import has_capability, staff_of
from irsuite.people.models import Staff
from irsuite.people.roles import Capability

User = Actor
M = TypeVar("M", bound=models.Model)


def _editable(procedure: Procedure) -> Procedure:
    locked = Procedure.objects.select_for_update().select_related("request").get(pk=procedure.pk)
    if locked.is_signed:
        raise Conflict(locked_message())
    return locked


def _touch(procedure: Procedure) -> None:
    Procedure.objects.filter(pk=procedure.pk).update(version=procedure.version + 1)
    procedure.version += 1


@transaction.atomic
def add_team_member(procedure: Procedure, *, staff: Staff, role: str, by: User) -> TeamMember:
    """Put a staff member on the case in a case role that fits their staff role."""
    procedure = _editable(procedure)
    if role not in CaseRole.values:
        raise ValidationFailed(f"Case role {role!r} is unknown.")
    if staff.role not in ROLE_FITS[role]:
        raise ValidationFailed(
            f"{staff.display_name} is a {staff.get_role_display().lower()} and cannot be "
            f"{CaseRole(role).label.lower()}."
        )
    if procedure.team.filter(staff=staff, role=role).exists():
        raise Conflict(f"{staff.display_name} is already on the team in that role.")
    member = TeamMember.objects.create(procedure=procedure, staff=staff, role=role)
    _touch(procedure)
    record(
        by,
        AuditAction.CREATE,
        member,
        patient_id=procedure.request.patient_id,
        after={"staff": staff.pk, "role": role},
        summary="team member added",
    )
    return member


@transaction.atomic
def remove_team_member(member: TeamMember, *, by: User) -> None:
    procedure = _editable(member.procedure)
    record(
        by,
        AuditAction.DELETE,
        member,
        patient_id=procedure.request.patient_id,
        before={"staff": member.staff_id, "role": member.role},
        summary="team member removed",
    )
    member.delete()
    _touch(procedure)


def _sheath(value: object) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        size = Decimal(str(value))
    except InvalidOperation:
        raise ValidationFailed(f"Sheath size {value!r} is not a number of French.") from None
    allowed = reference.sheath_fr()
    if size not in allowed:
        raise ValidationFailed(f"Sheath size {size} F is out of range; use {allowed} F.")
    return size


def _add_part(procedure: Procedure, model: type[M], *, by: User, summary: str, **fields: Any) -> M:
    """Add an audited row to a draft procedure's record and count it as a change."""
    part = create_audited(
        model,
        actor=by,
        patient_id=procedure.request.patient_id,
        summary=summary,
        procedure=procedure,
        **fields,
    )
    _touch(procedure)
    return part


@transaction.atomic
def add_access_site(
    procedure: Procedure, *, kind: str, site: str, sheath_fr: object, closure: str, by: User
) -> AccessSite:
    procedure = _editable(procedure)
    if kind not in AccessKind.values:
        raise ValidationFailed(
            f"Access kind {kind!r} is unknown; use arterial, venous or non-vascular."
        )
    if not site.strip():
        raise ValidationFailed("Name the access site (e.g. right common femoral artery).")
    return _add_part(
        procedure,
        AccessSite,
        by=by,
        summary="access site added",
        kind=kind,
        site=site.strip(),
        sheath_fr=_sheath(sheath_fr),
        closure=closure.strip(),
    )


@transaction.atomic
def add_device(
    procedure: Procedure,
    *,
    kind: str,
    name: str,
    manufacturer: str = "",
    lot: str = "",
    udi: str = "",
    quantity: int = 1,
    left_in_place: bool = False,
    by: User,
) -> DeviceUsed:
    procedure = _editable(procedure)
    if kind not in DeviceKind.values:
        raise ValidationFailed(f"Device kind {kind!r} is unknown.")
    if not name.strip():
        raise ValidationFailed("Name the device or embolic agent.")
    allowed = reference.device_quantity()
    if quantity not in allowed:
        raise ValidationFailed(f"Quantity must be between {allowed.low} and {allowed.high}.")
    return _add_part(
        procedure,
        DeviceUsed,
        by=by,
        summary="device recorded",
        kind=kind,
        name=name.strip(),
        manufacturer=manufacturer.strip(),
        lot=lot.strip(),
        udi=udi.strip(),
        quantity=quantity,
        left_in_place=left_in_place,
    )


@transaction.atomic
def sign_procedure(procedure: Procedure, *, by: User, channel: str = "web") -> Procedure:
    """Sign and lock the record; the request is completed. Only attendings sign."""
    signer = staff_of(by)
    if signer is None or not has_capability(by, Capability.SIGN_PROCEDURE):
        raise NotAllowed("Only an attending can sign a procedure.")
    procedure = _editable(procedure)
    problems = signing_problems(procedure)
    if problems:
        raise ValidationFailed(
            "The procedure cannot be signed yet: " + " ".join(problems), {"problems": problems}
        )
    procedure.status = ProcedureStatus.SIGNED
    procedure.signed_by = signer
    procedure.signed_at = timezone.now()
    procedure.version += 1
    procedure.save(update_fields=["status", "signed_by", "signed_at", "version", "updated_at"])
    record(
        by,
        AuditAction.SIGN,
        procedure,
        patient_id=procedure.request.patient_id,
        after={"signed_by": signer.pk, "signed_at": procedure.signed_at},
        summary="procedure signed",
        channel=channel,
    )
    if procedure.request.status == RequestStatus.IN_PROGRESS:
        transition(
            procedure.request, RequestStatus.COMPLETED, by=by, channel=channel, via_service=True
        )
    return procedure


@transaction.atomic
def add_addendum(procedure: Procedure, *, text: str, by: User, channel: str = "web") -> Addendum:
    """Append an addendum to a signed procedure."""
    author = staff_of(by)
    if author is None or not has_capability(by, Capability.RECORD_PROCEDURE):
        raise NotAllowed("Your role cannot add addenda to procedures.")
    if not procedure.is_signed:
        raise Conflict("The procedure is not signed yet: edit it directly.")
    if not text.strip():
        raise ValidationFailed("The addendum is empty; write what changed.")
    addendum = Addendum.objects.create(
        procedure=procedure, text=text.strip(), author=author, at=timezone.now()
    )
    record(
        by,
        AuditAction.ADDENDUM,
        addendum,
        patient_id=procedure.request.patient_id,
        after={"text": addendum.text},
        summary="addendum",
        channel=channel,
    )
    return addendum


@transaction.atomic
def record_sample_adequacy(
    procedure: Procedure, adequacy: str, *, by: User, channel: str = "web"
) -> Procedure:
    """Record whether a biopsy's sample sufficed for a diagnosis. Pathology answers after the
    record is signed, so this is allowed on a signed procedure too; audited before and after."""
    if not has_capability(by, Capability.RECORD_PROCEDURE):
        raise NotAllowed("Your role cannot record procedures.")
    if adequacy and adequacy not in SampleAdequacy.values:
        raise ValidationFailed("Choose whether the sample was adequate for a diagnosis.")
    locked = Procedure.objects.select_for_update().select_related("request").get(pk=procedure.pk)
    before = locked.sample_adequacy
    if before == adequacy:
        return locked
    locked.sample_adequacy = adequacy
    locked.save(update_fields=["sample_adequacy"])
    record(
        by,
        AuditAction.CHANGE,
        locked,
        patient_id=locked.request.patient_id,
        before={"sample_adequacy": before},
        after={"sample_adequacy": adequacy},
        summary="sample adequacy recorded",
        channel=channel,
    )
    return locked
