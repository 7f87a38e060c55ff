"""Every change to who a patient is tells the areas that keep a copy (the patients change
hook), inside the change's transaction; a change that changes nothing tells no one."""

from __future__ import annotations

import pytest

from irsuite.patients import hooks
from irsuite.patients.facts.services import record_allergies, record_pregnancy_status
from irsuite.patients.merge.services import merge_patients, undo_merge
from irsuite.patients.models import IdentifierType, PregnancyStatus
from irsuite.patients.services import (
    add_identifier,
    change_identifier,
    update_demographics,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    heard: list[int] = []
    monkeypatch.setattr(hooks, "CHANGE_HOOKS", [heard.append])
    return heard


def test_a_demographics_update_tells_the_listeners(patient, told):
    update_demographics(patient, by=None, changes={"family_name": "Example-Smith"})
    assert told == [patient.pk]


def test_an_update_that_changes_nothing_tells_no_one(patient, told):
    update_demographics(patient, by=None, changes={"family_name": patient.family_name})
    assert told == []


def test_identifiers_added_and_changed_tell_the_listeners(patient, site, told):
    ident = add_identifier(patient, by=None, type=IdentifierType.MRN, site=None, value="X1")
    change_identifier(ident, by=None, value="X2")
    assert told == [patient.pk, patient.pk]


def test_allergies_and_pregnancy_status_tell_the_listeners(patient, told):
    record_allergies(patient, allergies="Latex", contrast_allergy=False, by=None)
    record_pregnancy_status(patient, PregnancyStatus.NEGATIVE_TEST, by=None)
    assert told == [patient.pk, patient.pk]


def test_a_merge_and_its_undoing_tell_the_listeners_about_both_records(
    patient, second_patient, persona, told
):
    other = second_patient
    merge = merge_patients(patient, other, by=None)
    undo_merge(merge, by=persona("admin"), reason="Records split again")
    assert told == [patient.pk, other.pk, patient.pk, other.pk]


@pytest.fixture
def concerned(patient, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Three listeners: one concerned with no patient, one with `patient`, one plain."""
    heard: list[tuple[str, int]] = []

    @hooks.concerning(hooks.Concern("{patient} < %s", (0,)))
    def no_one(patient_id: int) -> None:
        heard.append(("no one", patient_id))

    @hooks.concerning(hooks.Concern("{patient} = %s", (patient.pk,)))
    def this_patient(patient_id: int) -> None:
        heard.append(("this patient", patient_id))

    def plain(patient_id: int) -> None:
        heard.append(("plain", patient_id))

    monkeypatch.setattr(hooks, "CHANGE_HOOKS", [no_one, this_patient, plain])
    return heard


def test_a_demographics_update_spares_the_listeners_it_does_not_concern(patient, concerned):
    update_demographics(patient, by=None, changes={"family_name": "Example-Smith"})
    assert concerned == [("this patient", patient.pk), ("plain", patient.pk)]


def test_other_changes_tell_every_listener_whatever_its_concern(patient, concerned):
    add_identifier(patient, by=None, type=IdentifierType.MRN, site=None, value="X1")
    assert concerned == [
        ("no one", patient.pk),
        ("this patient", patient.pk),
        ("plain", patient.pk),
    ]
