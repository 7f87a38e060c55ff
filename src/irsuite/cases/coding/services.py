"""Coding a performed procedure: the coder records the codes (CPT) it is billed and counted by.
Coding follows the signed report, so a signed, locked procedure can still be coded."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.cases.coding.models import CodeSystem, ProcedureCode
from irsuite.cases.procedures.models import Procedure
from irsuite.errors import NotAllowed, ValidationFailed
from irsuite.people.access import UserLike, has_capability, staff_of
from irsuite.people.roles import Capability

# A CPT code's shape: five digits (Category I), or four digits and F or T (Categories II, III).
CPT_SHAPE = re.compile(r"^\d{4}[0-9FT]$")


def clean_codes(raw: list[str]) -> list[str]:
    """The codes as written, upper-cased, without blanks or repeats; a malformed one refused."""
    codes = list(dict.fromkeys(c.strip().upper() for c in raw if c.strip()))
    bad = [c for c in codes if not CPT_SHAPE.match(c)]
    if bad:
        raise ValidationFailed(
            f"Not a CPT code: {', '.join(bad)}. A CPT code is five characters, e.g. 50432."
        )
    return codes


@transaction.atomic
def record_codes(procedure: Procedure, codes: list[str], *, by: UserLike) -> list[str]:
    """Set the procedure's CPT codes to `codes` (an empty list un-codes it); audited."""
    coder = staff_of(by)
    if coder is None or not has_capability(by, Capability.VIEW_CODING):
        raise NotAllowed("Only a coder records the codes of a procedure.")
    wanted = clean_codes(codes)
    rows = ProcedureCode.objects.select_for_update().filter(
        procedure=procedure, system=CodeSystem.CPT
    )
    before = sorted(rows.values_list("code", flat=True))
    rows.exclude(code__in=wanted).delete()
    now = timezone.now()
    for code in set(wanted) - set(before):
        ProcedureCode.objects.create(
            procedure=procedure, system=CodeSystem.CPT, code=code, by=coder, at=now
        )
    after = sorted(wanted)
    if after != before:
        record(
            by,
            AuditAction.CHANGE,
            object_type=ProcedureCode._meta.label_lower,
            object_id=str(procedure.pk),  # the codes of this procedure
            patient_id=procedure.request.patient_id,
            before={"cpt": before},
            after={"cpt": after},
            summary="procedure coded",
        )
    return after
