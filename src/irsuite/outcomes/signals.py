"""React to a procedure being signed: quality facts, device follow-up, M&M triggers."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save

from irsuite.cases.models import Procedure, ProcedureStatus


def _procedure_saved(sender: Any, instance: Procedure, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.status != ProcedureStatus.SIGNED:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "status" not in update_fields:
        return
    from irsuite.outcomes.device_tracking import track_devices
    from irsuite.outcomes.quality_facts import refresh_facts
    from irsuite.outcomes.review_services import auto_flag, flag_earlier_cases

    refresh_facts([instance.pk])
    track_devices(instance)
    auto_flag(instance)
    flag_earlier_cases(instance)


def connect() -> None:
    """Connect the receivers (called once from the app config)."""
    post_save.connect(_procedure_saved, sender=Procedure, dispatch_uid="outcomes_procedure_signed")
