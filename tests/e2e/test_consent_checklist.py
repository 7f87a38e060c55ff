"""On a tablet-sized screen: the time-out is refused without consent; the patient signs the
consent by drawing on the screen; the team then runs the checklist to the end."""

from __future__ import annotations

import pytest

from irsuite.domain.checklist import AnswerType, Phase
from irsuite.safety.checklist import services as checklist_services
from irsuite.safety.reference import checklist_definition

TABLET = {"width": 1024, "height": 768}


def log_in(page, live_server, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")


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
        # No procedure record here, so no dose on record: "radiation dose recorded" is N/A.
        value = "na" if item.id == checklist_services.DOSE_RECORDED else item.accept[0]
        page.locator(f'button[data-item="{item.id}"][data-value="{value}"]').click()
        page.locator(f"#item-{item.id} .who").wait_for()
    page.locator(f'button[data-complete="{phase.value}"]').click()
    page.locator(f"#phase-{phase.value} h2 .ok").wait_for()


@pytest.mark.e2e
@pytest.mark.parametrize("browser_page", [TABLET], indirect=True)
def test_a_nurse_signs_the_consent_on_the_tablet_and_runs_the_checklist_to_the_end(
    browser_page, live_server, ready_request, persona, monkeypatch
):
    monkeypatch.setattr(checklist_services, "BLEEDING_PLAN_CHECKS", [lambda request: True])
    page = browser_page
    persona("nurse")
    log_in(page, live_server, "nurse", "pw-nurse")
    checklist_url = f"{live_server.url}/safety/requests/{ready_request.pk}/checklist/"

    page.goto(checklist_url)
    page.locator('button[data-complete="time_out"]').click()
    refusal = page.locator("#phase-time_out .refusal")
    refusal.wait_for()
    assert "Consent is not recorded" in refusal.inner_text()

    page.goto(f"{live_server.url}/safety/requests/{ready_request.pk}/consent/")
    page.get_by_role("button", name="Write the consent form").click()
    assert "No treatment" in page.locator("#consent-text").inner_text()
    form = page.locator("#sign-form")
    form.locator("input[name=signer_name]").fill("Ada Example")
    form.locator("input[name=interpreter_name]").fill("Rui Lopes")
    form.locator("input[name=interpreter_language]").fill("Portuguese")
    draw_signature(page)
    assert form.locator("input[name=signature]").input_value().startswith("data:image/png")
    form.get_by_role("button", name="Sign the consent").click()
    page.get_by_text("Signed by Ada Example").wait_for()
    assert page.locator("img.signature-image").count() == 1

    page.goto(checklist_url)
    page.locator("input[name=note]").fill("left flank")
    page.get_by_role("button", name="Site marked").click()
    page.get_by_text("marked (left flank)").wait_for()
    for phase in Phase:
        run_phase(page, ready_request, phase)
    page.locator("#checklist-complete").wait_for()
    assert page.locator("#checklist-complete").inner_text() == "Checklist complete."
