"""The attending's day in a real browser: a booked case worked up, consented, checked, started
without an override, recorded, reported and signed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from journey_steps import DESKTOP, log_in, shot, visible_text

from irsuite.domain.checklist import AnswerType, Phase
from irsuite.safety.checklist import services as checklist_services
from irsuite.safety.reference import checklist_definition

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REQUIRED = ("indication", "consent", "time_out", "technique", "findings", "complications")
REQUIRED += ("radiation_dose", "impression", "plan")


def draw_signature(page) -> None:  # type: ignore[no-untyped-def]
    canvas = page.locator("canvas[data-signature-pad]")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x, y = box["x"] + 40, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 30):
        page.mouse.move(x + step * 12, y + (20 if step % 2 else -20), steps=2)
    page.mouse.up()


def run_phase(page, request, phase: Phase) -> None:  # type: ignore[no-untyped-def]
    facts = checklist_services.case_facts(request)
    for item in checklist_definition().items_for(phase, facts):
        if item.answer_type is AnswerType.TEXT:
            continue
        value = "na" if item.id == checklist_services.DOSE_RECORDED else item.accept[0]
        page.locator(f'button[data-item="{item.id}"][data-value="{value}"]').click()
        page.locator(f"#item-{item.id} .who").wait_for()
    page.locator(f'button[data-complete="{phase.value}"]').click()
    page.locator(f"#phase-{phase.value} h2 .ok").wait_for()


def consent(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/consent/")
    page.get_by_role("button", name="Write the consent form").click()
    form = page.locator("#sign-form")
    form.locator("input[name=signer_name]").fill("Ada Example")
    draw_signature(page)
    form.get_by_role("button", name="Sign the consent").click()
    page.get_by_text("Signed by Ada Example").wait_for()
    shot(page, "operator-consent")


def record(page) -> None:  # type: ignore[no-untyped-def]
    now = timezone.localtime()
    for label, minutes in [("In room", 60), ("Procedure start", 50), ("Procedure end", 20)]:
        stamp = (now - dt.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M")
        page.get_by_label(label).fill(stamp)
    page.get_by_label("Technical success").select_option("success")
    page.get_by_label("Disposition").select_option("ward")
    page.get_by_label("Findings").fill("Hydronephrosis; 8 F nephrostomy placed, clear urine.")
    page.get_by_role("button", name="Save the record").click()
    page.get_by_text("Procedure saved.").wait_for()
    team = page.locator("form[action$='/team/']")
    team.get_by_label("Staff").select_option(label="Dr Attending Test")
    team.get_by_label("Case role").select_option("attending_operator")
    team.get_by_role("button", name="Add to team").click()
    page.locator("li", has_text="Attending operator").first.wait_for()


def report_and_sign(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name="Report").first.click()
    page.get_by_role("button", name="Save the report").wait_for()
    for section in REQUIRED:
        box = page.locator(f"#section-{section}")
        if not box.input_value().strip():
            box.fill(f"{section.replace('_', ' ').capitalize()}: as recorded.")
    page.get_by_role("button", name="Save the report").click()
    page.get_by_role("button", name="Sign and lock the report").click()
    page.locator("#report-status", has_text="Signed").wait_for()


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_the_attending_works_up_consents_checks_records_and_signs(
    browser_page, live_server, scheduled_request, persona, monkeypatch
):
    monkeypatch.setattr(checklist_services, "BLEEDING_PLAN_CHECKS", [lambda request: True])
    persona("attending")
    page = browser_page
    request = scheduled_request
    base = f"{live_server.url}/safety/requests/{request.pk}"
    log_in(page, live_server, "attending")

    page.goto(f"{live_server.url}/safety/workup/{request.pk}/")
    page.get_by_role("button", name="Start the work-up").click()
    page.get_by_role("heading", name="Edit the pre-procedure work-up").wait_for()
    page.get_by_label("Value").fill("1.1")
    page.get_by_role("button", name="Add result").click()
    page.get_by_role("button", name="Save the assessment").wait_for()
    page.locator("select[name=asa_class]").select_option(index=2)
    page.locator("input[name=no_known_allergies]").check()
    page.get_by_role("button", name="Save the assessment").click()
    page.get_by_role("link", name="Back to the plan").click()
    page.get_by_role("heading", name="Bleeding-risk plan").wait_for()
    shot(page, "operator-workup")

    page.goto(f"{live_server.url}/cases/requests/{request.pk}/")
    page.get_by_label("Override reason").fill("Plan reviewed with the haematologist by phone")
    page.get_by_role("button", name="Mark ready for the procedure").click()
    page.get_by_role("button", name="Start the procedure").wait_for()

    consent(page, base)
    page.goto(f"{base}/checklist/")
    page.locator("input[name=note]").fill("left flank")
    page.get_by_role("button", name="Site marked").click()
    page.get_by_text("marked (left flank)").wait_for()
    run_phase(page, request, Phase.SIGN_IN)
    run_phase(page, request, Phase.TIME_OUT)
    shot(page, "operator-checklist")

    page.goto(f"{live_server.url}/cases/requests/{request.pk}/")
    page.get_by_role("button", name="Start the procedure").click()
    page.get_by_role("heading", name="Record", exact=True).wait_for()
    record(page)
    shot(page, "operator-record")

    report_and_sign(page)
    assert "Signed by" in visible_text(page)
    shot(page, "operator-report-signed")
