"""React to a procedure being signed (quality facts, device follow-up, M&M triggers) or deleted
(monthly quality counts)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_delete

from irsuite.cases.models import Procedure, ProcedureStatus


def _procedure_saved(sender: Any, instance: Procedure, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.status != ProcedureStatus.SIGNED:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "sample_adequacy" in update_fields:
        from irsuite.outcomes.quality.facts import refresh_facts

        refresh_facts([instance.pk])  # the pathology answer feeds the diagnostic yield
        return
    if update_fields is not None and "status" not in update_fields:
        return
    from irsuite.outcomes.devices.services import track_devices
    from irsuite.outcomes.quality.facts import refresh_facts
    from irsuite.outcomes.review.services import auto_flag, flag_earlier_cases

    refresh_facts([instance.pk])
    track_devices(instance)
    auto_flag(instance)
    flag_earlier_cases(instance)


def _procedure_deleting(sender: Any, instance: Procedure, **kwargs: Any) -> None:
    from irsuite.outcomes.quality.models import QualityFact
    from irsuite.outcomes.quality.months import keys_of

    instance._quality_months = keys_of(QualityFact.objects.filter(procedure_id=instance.pk))  # type: ignore[attr-defined]


def _procedure_deleted(sender: Any, instance: Procedure, **kwargs: Any) -> None:
    """Its facts went with it (cascade): recount the months they were counted in."""
    from irsuite.outcomes.quality.months import refresh_months

    refresh_months(getattr(instance, "_quality_months", set()))


def connect() -> None:
    """Connect the receivers (called once from the app config)."""
    post_save.connect(_procedure_saved, sender=Procedure, dispatch_uid="outcomes_procedure_signed")
    pre_delete.connect(_procedure_deleting, sender=Procedure, dispatch_uid="outcomes_months_pre")
    post_delete.connect(_procedure_deleted, sender=Procedure, dispatch_uid="outcomes_months_post")
