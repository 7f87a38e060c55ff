"""The policy is checked where the write happens: a service called directly (from a view that
forgot its check, a script, the admin) still refuses a role without the right, and nothing of
the refused write is kept."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import transaction

from irsuite.audit.models import AuditEvent
from irsuite.cases.models import AccessSite, Request
from irsuite.cases.procedures import services as procedures
from irsuite.cases.requests.services import transition
from irsuite.errors import NotAllowed, NotFound
from irsuite.people.writes import WRITERS
from irsuite.safety.consent.services import start_consent
from irsuite.safety.models import Consent

pytestmark = pytest.mark.django_db

# Tables nobody writes through a service: the audit log itself.
NOT_WRITTEN_BY_USERS = {"audit.auditevent"}


def test_every_table_names_the_capabilities_that_may_write_it():
    tables = {m._meta.label_lower for m in apps.get_models() if m.__module__.startswith("irsuite.")}
    undeclared = sorted(tables - set(WRITERS) - NOT_WRITTEN_BY_USERS)
    assert undeclared == []


def test_a_coder_calling_the_access_site_service_directly_is_refused_and_nothing_is_kept(
    open_procedure, persona
):
    before = (AccessSite.objects.count(), AuditEvent.objects.count())
    with pytest.raises(NotAllowed), transaction.atomic():
        procedures.add_access_site(
            open_procedure,
            kind="arterial",
            site="right common femoral artery",
            sheath_fr="5",
            closure="manual",
            by=persona("coder"),
        )
    assert (AccessSite.objects.count(), AuditEvent.objects.count()) == before


def test_a_physicist_cannot_start_a_consent_by_calling_the_service(ready_request, persona):
    before = Consent.objects.count()
    with pytest.raises(NotAllowed), transaction.atomic():
        start_consent(ready_request, by=persona("physicist"))
    assert Consent.objects.count() == before


def test_a_referrer_cannot_cancel_another_referrers_request_through_the_service(
    new_request, persona
):
    with pytest.raises(NotFound), transaction.atomic():
        transition(new_request, "cancelled", by=persona("referrer", "other-ref"), reason="x")
    assert Request.objects.get(pk=new_request.pk).status == new_request.status


def test_the_referrer_who_made_the_request_may_cancel_it(new_request):
    cancelled = transition(new_request, "cancelled", by=new_request.referrer.user, reason="done")
    assert cancelled.status == "cancelled"


def test_the_system_writes_without_a_user(open_procedure):
    site = procedures.add_access_site(
        open_procedure, kind="venous", site="right IJ", sheath_fr="6", closure="", by=None
    )
    assert site.pk is not None
