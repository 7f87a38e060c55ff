"""Recording audit events: who, what, on which patient, before and after."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.audit.services import changed, create_audited, jsonable, record, snapshot
from irsuite.people.models import Site

pytestmark = pytest.mark.django_db


def test_create_audited_inserts_the_row_and_its_event(persona):
    site = create_audited(
        Site, actor=persona("admin"), patient_id=None, summary="site added", code="x", name="X"
    )
    assert Site.objects.get(code="x") == site
    event = AuditEvent.objects.get(object_type="people.site")
    assert (event.action, event.object_id, event.summary) == (
        AuditAction.CREATE,
        str(site.pk),
        "site added",
    )
    assert event.after == snapshot(site) and event.before is None
    assert event.actor == persona("admin") and event.actor_label == "admin"


def test_create_audited_writes_nothing_when_the_insert_fails(persona, site):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        create_audited(Site, actor=None, patient_id=None, summary="dup", code=site.code, name="Y")
    assert not AuditEvent.objects.filter(summary="dup").exists()


def test_snapshot_holds_each_field_by_attribute_name(site):
    taken = snapshot(site)
    assert set(taken) == {f.attname for f in Site._meta.concrete_fields}
    assert taken["id"] == site.pk and taken["code"] == "sbh"
    assert snapshot(site, ["code"]) == {"code": "sbh"}


def test_jsonable_turns_dates_decimals_and_rows_into_plain_values(site):
    value = {"at": dt.date(2026, 1, 2), "ml": Decimal("2.5"), "site": site, "ids": (1, 2)}
    assert jsonable(value) == {"at": "2026-01-02", "ml": "2.5", "site": site.pk, "ids": [1, 2]}


def test_changed_keeps_only_the_values_that_differ():
    before = {"status": "draft", "findings": "", "version": 1}
    after = {"status": "draft", "findings": "Dilated", "version": 2}
    assert changed(before, after) == {"findings": "Dilated", "version": 2}
    assert changed(after, after) == {}


def test_the_system_acts_when_no_one_is_logged_in():
    from django.contrib.auth.models import AnonymousUser

    for actor in (None, AnonymousUser()):
        event = record(actor, AuditAction.EXPORT, object_type="report", summary="nightly")
        assert event.actor is None and event.actor_label == "system"


def test_a_long_summary_is_cut_to_the_column(persona):
    event = record(persona("nurse"), AuditAction.EXPORT, object_type="x", summary="s" * 300)
    assert len(event.summary) == 255
