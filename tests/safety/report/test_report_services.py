import datetime as dt

import pytest

from irsuite.cases import hooks
from irsuite.cases.models import RequestStatus
from irsuite.cases.requests import services
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.outcomes.followup.models import FollowUpSource, FollowUpTask
from irsuite.safety.report.models import PlanSource
from irsuite.safety.report.services import (
    add_order,
    edit_report,
    include_plan_item,
    open_report,
    sign_report,
)

FILLED = {
    "findings": "Dilated collecting system; turbid urine.",
    "complications": "None immediate.",
    "impression": "Successful left nephrostomy.",
    "consent": "Written consent obtained.",
    "time_out": "Time-out performed.",
    "radiation_dose": "Reference air kerma 40 mGy.",
}


@pytest.fixture
def finished(finished, persona):
    """The finished procedure (conftest) with its findings recorded."""
    services.update_procedure(
        finished,
        by=persona("attending"),
        version=finished.version,
        fields={"findings": "Dilated collecting system."},
    )
    finished.refresh_from_db()
    return finished


def test_the_report_is_prefilled_from_the_case_record_and_the_catalogue(finished, persona):
    report = open_report(finished, by=persona("fellow"))
    assert report.sections["indication"] == "Obstructed left kidney"
    assert report.sections["findings"] == "Dilated collecting system."
    assert "posterior calyx" in report.sections["technique"]
    assert report.sections["consent"] == ""
    catalogue_plan = report.plan.filter(source=PlanSource.CATALOGUE)
    assert catalogue_plan.exists()


def test_the_dose_area_can_feed_the_radiation_section(finished, persona, monkeypatch):
    monkeypatch.setattr(
        "irsuite.cases.hooks.REPORT_DOSE_PROVIDERS",
        [lambda procedure: {"ka_r_mgy": 42.0, "kap_gycm2": 5.5, "fluoro_time_s": 130}],
    )
    report = open_report(finished, by=persona("attending"))
    assert report.sections["radiation_dose"] == (
        "Reference air kerma 42 mGy; kerma-area product 5.5 Gy·cm²; fluoroscopy time 2 min 10 s."
    )


def test_the_dose_area_registers_its_provider_with_the_case_hooks():
    from irsuite.dose.report_section import dose_for_report

    assert dose_for_report in hooks.REPORT_DOSE_PROVIDERS


def test_signing_is_refused_while_required_sections_are_empty(finished, persona):
    report = open_report(finished, by=persona("attending"))
    with pytest.raises(ValidationFailed) as refused:
        sign_report(report, by=persona("attending"))
    assert "Fill the section 'Consent' before signing." in refused.value.detail["problems"]


def test_signing_locks_the_report_completes_the_request_and_creates_follow_up_tasks(
    finished, persona
):
    attending = persona("attending")
    report = open_report(finished, by=attending)
    report = edit_report(report, sections=FILLED, by=attending, version=report.version)
    add_order(report, kind="clinic", after_days=30, text="Urology clinic review.", by=attending)
    report = sign_report(report, by=attending)
    finished.refresh_from_db()
    assert report.is_signed and report.signed_by == attending.staff
    assert finished.is_signed
    assert finished.request.status == RequestStatus.COMPLETED
    tasks = FollowUpTask.objects.filter(procedure=finished)
    sources = {t.source for t in tasks}
    assert sources == {FollowUpSource.CATALOGUE, FollowUpSource.ORDER}
    clinic = tasks.get(source=FollowUpSource.ORDER)
    assert clinic.due_date == finished.day + dt.timedelta(days=30)
    assert report.plan.filter(task_id__isnull=True).count() == 0
    with pytest.raises(Conflict, match="addendum"):
        edit_report(report, sections={"findings": "changed"}, by=attending)


def test_a_dropped_plan_line_creates_no_task(finished, persona):
    attending = persona("attending")
    report = open_report(finished, by=attending)
    for item in report.plan.all():
        include_plan_item(item, included=False, by=attending)
    report = edit_report(report, sections=FILLED, by=attending)
    sign_report(report, by=attending)
    assert not FollowUpTask.objects.filter(procedure=finished).exists()


def test_only_an_attending_signs_the_report(finished, persona):
    report = open_report(finished, by=persona("fellow"))
    report = edit_report(report, sections=FILLED, by=persona("fellow"))
    with pytest.raises(NotAllowed):
        sign_report(report, by=persona("fellow"))


def test_a_stale_edit_is_refused(finished, persona):
    report = open_report(finished, by=persona("attending"))
    edit_report(report, sections={"findings": "a"}, by=persona("attending"), version=report.version)
    with pytest.raises(Conflict, match="Someone else saved"):
        edit_report(
            report, sections={"findings": "b"}, by=persona("fellow"), version=report.version
        )


def test_an_unknown_section_is_refused(finished, persona):
    report = open_report(finished, by=persona("attending"))
    with pytest.raises(ValidationFailed, match="Unknown report sections: haiku"):
        edit_report(report, sections={"haiku": "x"}, by=persona("attending"))


def test_refilling_takes_what_the_case_record_learnt_since_without_touching_edits(
    finished, persona, monkeypatch
):
    from irsuite.safety.report.services import refill_report

    attending = persona("attending")
    report = open_report(finished, by=attending)
    report = edit_report(report, sections={"findings": "Edited by hand."}, by=attending)
    monkeypatch.setattr(
        "irsuite.cases.hooks.REPORT_DOSE_PROVIDERS", [lambda procedure: {"ka_r_mgy": 12.0}]
    )
    assert refill_report(report, by=attending) == ["radiation_dose"]
    report.refresh_from_db()
    assert report.sections["radiation_dose"] == "Reference air kerma 12 mGy."
    assert report.sections["findings"] == "Edited by hand."
