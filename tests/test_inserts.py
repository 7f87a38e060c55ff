"""Statements built once: an UPDATE writes exactly the fields given, as `save` would write them
(and reads what it is asked to return after the change), and a locked read gives the row as
the ORM's own read gives it; rows read by conditions come back as `.values()` gives them."""

from __future__ import annotations

import datetime as dt
import decimal

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from irsuite.inserts import LockedReader, Rows, Updater
from irsuite.patients.models import Patient
from irsuite.people.models import Site

pytestmark = pytest.mark.django_db


def test_an_update_writes_exactly_the_fields_it_is_given(patient):
    patient.family_name, patient.given_name = "Example-Smith", "Changed in memory only"
    Updater(Patient)(patient, ["family_name"])
    stored = Patient.objects.get(pk=patient.pk)
    assert stored.family_name == "Example-Smith"
    assert stored.given_name == "Ada"


def test_an_update_stores_values_as_save_stores_them(patient, second_patient):
    saved = second_patient
    for row in (patient, saved):
        row.weight_kg, row.weight_recorded_on = decimal.Decimal("72.46"), dt.date(2026, 12, 1)
        row.deceased_at = None
    saved.save(update_fields=["weight_kg", "weight_recorded_on", "deceased_at"])
    Updater(Patient)(patient, ["weight_kg", "weight_recorded_on", "deceased_at"])
    ours, theirs = Patient.objects.get(pk=patient.pk), Patient.objects.get(pk=saved.pk)
    assert (ours.weight_kg, ours.weight_recorded_on) == (theirs.weight_kg, dt.date(2026, 12, 1))
    assert ours.weight_kg == theirs.weight_kg == decimal.Decimal("72.5")
    assert ours.deceased_at is None


def test_each_model_and_set_of_fields_gets_its_own_statement(patient, site):
    patients, sites = Updater(Patient), Updater(Site)
    patient.sex, patient.family_name, site.name = "O", "Example-Jones", "St Brigid's"
    with CaptureQueriesContext(connection) as ran:
        patients(patient, ["sex"])
        patients(patient, ["family_name"])
        sites(site, ["name"])
    updates = [q["sql"] for q in ran.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(set(updates)) == 3
    assert '"sex"' in updates[0] and '"family_name"' not in updates[0]
    assert Patient.objects.get(pk=patient.pk).sex == "O"
    assert Patient.objects.get(pk=patient.pk).family_name == "Example-Jones"
    assert Site.objects.get(pk=site.pk).name == "St Brigid's"


def test_an_update_of_a_row_that_is_gone_raises_as_save_does(site):
    with pytest.raises(DatabaseError, match="did not affect any rows"):
        Updater(Site)(Site(pk=10_000, code="gone", name="Gone"), ["name"])


def test_an_update_reads_its_returning_expressions_after_the_change(patient):
    patient.family_name = "Example-Read"
    table = Patient._meta.db_table
    got = Updater(Patient)(
        patient,
        ["family_name"],
        (f"{table}.family_name", f"(SELECT COUNT(*) FROM {table} WHERE id = {table}.id) + %s"),
        [41],
    )
    assert got == ("Example-Read", 42)


def test_an_update_with_returning_of_a_row_that_is_gone_raises_as_save_does(site):
    with pytest.raises(DatabaseError, match="did not affect any rows"):
        Updater(Site)(Site(pk=10_000, code="gone", name="Gone"), ["name"], ("id",))


def test_an_update_refuses_the_primary_key():
    with pytest.raises(ValueError, match="not a column an update can write"):
        Updater(Site)(Site(pk=1), ["id"])


def test_a_locked_read_gives_the_row_as_the_orm_gives_it(patient):
    Patient.objects.filter(pk=patient.pk).update(
        weight_kg=decimal.Decimal("70.5"), weight_recorded_on=dt.date(2026, 12, 1)
    )
    row = LockedReader(Patient)("id = %s", [patient.pk])
    assert row is not None
    expected = Patient.objects.get(pk=patient.pk)
    for field in Patient._meta.concrete_fields:
        assert getattr(row, field.attname) == getattr(expected, field.attname), field.name
    assert not row._state.adding and row._state.db == "default"


def test_a_locked_read_of_no_row_is_none(db):
    assert LockedReader(Patient)("id = %s", [10_000]) is None


def test_a_locked_read_locks_the_row_where_the_database_can(patient):
    with CaptureQueriesContext(connection) as ran:
        LockedReader(Patient)("id = %s", [patient.pk])
    [sql] = [q["sql"] for q in ran.captured_queries]
    # SQLite has no row locks: BEGIN IMMEDIATE holds the whole database's write lock instead.
    assert sql.endswith("FOR UPDATE") == connection.features.has_select_for_update


def test_rows_read_as_the_orms_values_reads_them_in_the_order_asked(patient, second_patient):
    columns = ["id", "family_name", "birth_date", "weight_kg", "created_at"]
    rows = Rows(Patient, columns)(["synthetic = %s"], [patient.synthetic], "family_name DESC, id")
    expected = list(
        Patient.objects.filter(synthetic=patient.synthetic)
        .order_by("-family_name", "id")
        .values(*columns)
    )
    assert rows == expected and len(rows) >= 2
    assert isinstance(rows[0]["birth_date"], dt.date)


def test_rows_build_one_statement_per_set_of_conditions(patient):
    rows = Rows(Patient, ["id"])
    rows(["id = %s"], [patient.pk])
    rows(["id = %s"], [patient.pk + 1])
    rows(["id = %s", "synthetic = %s"], [patient.pk, True])
    assert len(rows._sql) == 2
    assert rows([], []) == [{"id": p} for p in Patient.objects.values_list("pk", flat=True)]
