"""Setting and publishing a local DRL from the department's studies (the physicist's use case).
Each publication is audited; the previous level of the same procedure and quantity is kept,
marked superseded."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from irsuite.audit.services import create_audited
from irsuite.cases.models import CatalogueEntry
from irsuite.domain.dose_drl import local_drls
from irsuite.domain.dose_thresholds import DoseQuantity
from irsuite.dose.dashboard.queries import DoseFilter, rows
from irsuite.dose.reference_levels.models import LocalDrl
from irsuite.errors import NotAllowed, ValidationFailed
from irsuite.people.access import UserLike, has_capability, staff_of
from irsuite.people.roles import Capability


def publish_local_drl(
    entry_code: str,
    quantity: str,
    date_from: dt.date,
    date_to: dt.date,
    *,
    by: UserLike,
) -> LocalDrl:
    """Compute the local DRL of a procedure type over a period and publish it."""
    publisher = staff_of(by)
    if publisher is None or not has_capability(by, Capability.MANAGE_DOSE):
        raise NotAllowed("Only a medical physicist publishes local DRLs.")
    if quantity not in DoseQuantity.__members__.values():
        raise ValidationFailed("Choose the dose quantity the level is for.")
    entry = CatalogueEntry.objects.filter(code=entry_code).first()
    if entry is None:
        raise ValidationFailed("Choose the procedure type the level is for.")
    if date_from > date_to:
        raise ValidationFailed("The period starts after it ends: check the dates.")
    data = rows(DoseFilter(DoseQuantity(quantity), date_from, date_to, entry_code))
    summary = local_drls((r.entry, r.value) for r in data).get(entry_code)
    if summary is None:
        raise ValidationFailed(
            "No linked study of this procedure type carries this quantity in the period: "
            "choose a longer period."
        )
    now = timezone.now()
    with transaction.atomic():
        LocalDrl.objects.filter(
            entry_code=entry_code, quantity=quantity, superseded_at__isnull=True
        ).update(superseded_at=now)
        return create_audited(
            LocalDrl,
            actor=by,
            patient_id=None,
            summary=f"local DRL published for {entry_code} {quantity}",
            entry_code=entry_code,
            entry_name=entry.name,
            quantity=quantity,
            value=summary.p75,
            median=summary.median,
            count=summary.count,
            period_from=date_from,
            period_to=date_to,
            published_by=publisher,
            published_at=now,
        )
