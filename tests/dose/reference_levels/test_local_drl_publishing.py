"""Local DRLs set and published from a page: the 75th percentile of the department's linked
studies of a procedure type, kept with the level it replaces."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from irsuite.dose.reference_levels.models import LocalDrl
from irsuite.dose.reference_levels.services import publish_local_drl
from irsuite.dose.studies.models import DoseStudy
from irsuite.errors import NotAllowed, ValidationFailed

pytestmark = pytest.mark.django_db


@pytest.fixture
def four_studies(linked_hot_study):  # type: ignore[no-untyped-def]
    """Four PCN studies with KAP 10, 20, 30 and 40 Gy·cm²."""
    DoseStudy.objects.filter(pk=linked_hot_study.pk).update(kap_gycm2=10.0)
    DoseStudy.objects.bulk_create(
        DoseStudy(
            study_instance_uid=f"2.25.9{i}",
            kind=linked_hot_study.kind,
            study_date=linked_hot_study.study_date,
            device=linked_hot_study.device,
            procedure=linked_hot_study.procedure,
            kap_gycm2=value,
        )
        for i, value in enumerate((20.0, 30.0, 40.0))
    )
    return linked_hot_study


def _period():
    today = timezone.localdate()
    return today - dt.timedelta(days=30), today + dt.timedelta(days=1)


def test_a_physicist_publishes_a_local_drl_from_the_page(client_as, four_studies) -> None:  # type: ignore[no-untyped-def]
    start, end = _period()
    physicist = client_as("physicist")
    physicist.post(
        reverse("dose:publish_local_drl"),
        {"entry": "PCN", "quantity": "kap_gycm2", "from": start, "to": end},
    )
    level = LocalDrl.objects.get()
    assert level.count == 4 and level.median == 25.0 and 30.0 <= level.value <= 32.5
    page = physicist.get(reverse("dose:local_drls")).content.decode()
    assert "Percutaneous nephrostomy" in page and "KAP (Gy·cm²)" in page


def test_a_new_level_replaces_the_one_in_force_and_keeps_it(persona, four_studies) -> None:  # type: ignore[no-untyped-def]
    start, end = _period()
    first = publish_local_drl("PCN", "kap_gycm2", start, end, by=persona("physicist"))
    publish_local_drl("PCN", "kap_gycm2", start, end, by=persona("physicist"))
    first.refresh_from_db()
    assert first.superseded_at is not None
    assert LocalDrl.objects.filter(superseded_at__isnull=True).count() == 1


def test_only_a_physicist_publishes_and_an_empty_period_is_refused(persona, four_studies) -> None:  # type: ignore[no-untyped-def]
    start, end = _period()
    with pytest.raises(NotAllowed):
        publish_local_drl("PCN", "kap_gycm2", start, end, by=persona("attending"))
    long_ago = dt.date(2001, 1, 1)
    with pytest.raises(ValidationFailed, match="No linked study"):
        publish_local_drl("PCN", "kap_gycm2", long_ago, long_ago, by=persona("physicist"))
