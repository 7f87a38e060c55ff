"""Bad MPPS input (PS3.4 F.7.2) is answered with a failure status and an error comment the
modality can show whole, and loses nothing the team could use: a step for a patient nobody
scheduled is kept for linking, one that names nothing at all is refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from dicom_peers import Modality, pps_final, pps_in_progress, server
from django.utils import timezone
from pydicom.dataset import Dataset
from pydicom.uid import generate_uid

from irsuite.interop.dicom.models import MatchedBy, PerformedStep, PpsStatus
from irsuite.interop.dicom.statuses import Status

pytestmark = pytest.mark.django_db(transaction=True)

EARLIER = timezone.localtime() - dt.timedelta(hours=2)
COMMENT_MAX = 64  # Error Comment (0000,0902) is LO


@pytest.fixture
def modality(room) -> Iterator[Modality]:  # type: ignore[no-untyped-def]
    with server() as port:
        sender = Modality(port)
        try:
            yield sender
        finally:
            sender.close()


def _nameless() -> Dataset:
    """An N-CREATE whose references are all empty and which carries no patient ID."""
    ds = pps_in_progress(at=EARLIER)
    del ds.PatientID
    return ds


def _whole(comment: str) -> bool:
    """The comment fits the attribute, so the modality shows it as written."""
    return 0 < len(comment) < COMMENT_MAX


def test_an_n_create_that_names_nothing_is_a_failure_with_a_comment(modality: Modality) -> None:
    got = modality.create(generate_uid(), _nameless())
    assert got.Status == Status.MISSING_ATTRIBUTE_VALUE
    assert "Nothing to link" in got.ErrorComment and _whole(got.ErrorComment)
    assert not PerformedStep.objects.exists()
    assert modality.create(generate_uid(), pps_in_progress(at=EARLIER)).Status == Status.SUCCESS


def test_an_n_create_without_the_step_sequence_or_patient_id_is_a_failure(
    modality: Modality,
) -> None:
    ds = _nameless()
    del ds.ScheduledStepAttributesSequence
    got = modality.create(generate_uid(), ds)
    assert got.Status == Status.MISSING_ATTRIBUTE_VALUE and _whole(got.ErrorComment)


def test_an_unscheduled_patient_with_a_study_is_kept_unmatched_for_the_team(
    modality: Modality,
) -> None:
    uid, study = generate_uid(), generate_uid()
    got = modality.create(uid, pps_in_progress(study_uid=study, at=EARLIER))
    assert got.Status == Status.SUCCESS
    pps = PerformedStep.objects.get(sop_instance_uid=uid)
    assert (pps.matched_by, pps.procedure, pps.accepted) == (MatchedBy.NONE, None, True)
    assert (pps.patient_id, pps.study_instance_uid) == ("SBH0000001", study)


def test_an_n_create_without_its_status_is_a_missing_attribute(modality: Modality) -> None:
    ds = pps_in_progress(at=EARLIER)
    del ds.PerformedProcedureStepStatus
    got = modality.create(generate_uid(), ds)
    assert got.Status == Status.MISSING_ATTRIBUTE and _whole(got.ErrorComment)
    assert not PerformedStep.objects.exists()


def test_an_n_set_with_an_unknown_status_is_refused_and_changes_nothing(
    modality: Modality,
) -> None:
    uid = generate_uid()
    modality.create(uid, pps_in_progress(at=EARLIER))
    got = modality.set(uid, pps_final("NEARLY DONE", EARLIER + dt.timedelta(minutes=30)))
    assert got.Status == Status.INVALID_ATTRIBUTE_VALUE
    assert "unknown" in got.ErrorComment and _whole(got.ErrorComment)
    assert PerformedStep.objects.get(sop_instance_uid=uid).status == PpsStatus.IN_PROGRESS


@pytest.mark.parametrize("case", ["unknown status", "set unknown", "create twice"])
def test_every_failure_comment_is_shown_whole(modality: Modality, case: str) -> None:
    uid = generate_uid()
    if case == "unknown status":
        ds = pps_in_progress(at=EARLIER)
        ds.PerformedProcedureStepStatus = "HALF DONE"
        got = modality.create(uid, ds)
    elif case == "set unknown":
        got = modality.set(uid, pps_final("COMPLETED", EARLIER))
    else:
        modality.create(uid, pps_in_progress(at=EARLIER))
        got = modality.create(uid, pps_in_progress(at=EARLIER))
    assert got.Status != Status.SUCCESS and _whole(got.ErrorComment)
