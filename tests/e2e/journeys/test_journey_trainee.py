"""A trainee's cases attested in a real browser: the supervising attending sees them in the
case log, with the procedure, and attests several at once."""

from __future__ import annotations

import pytest
from journey_cases import finish_and_sign
from journey_steps import DESKTOP, log_in, open_menu, shot, visible_text

from irsuite.cases.models import CaseRole
from irsuite.cases.procedures import services as ps

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("browser_page", [DESKTOP], indirect=True)
def test_the_attending_attests_the_trainees_cases(
    browser_page, live_server, open_procedure, persona
):
    attending = persona("attending")
    ps.add_team_member(
        open_procedure,
        staff=persona("fellow").staff,
        role=CaseRole.TRAINEE_PRIMARY,
        by=attending,
    )
    open_procedure.refresh_from_db()
    finish_and_sign(open_procedure, attending)
    page = browser_page
    log_in(page, live_server, "attending")
    open_menu(page, "Outcomes", "Case log")
    page.get_by_role("heading", name="Cases awaiting your attestation").wait_for()
    awaiting = page.locator("section", has=page.get_by_role("heading", name="Cases awaiting"))
    assert "Percutaneous nephrostomy" in awaiting.inner_text()
    assert "Fellow Test" in awaiting.inner_text()
    shot(page, "operator-attestation")

    awaiting.get_by_role("checkbox").first.check()
    page.get_by_role("button", name="Attest the selected cases").click()
    page.get_by_role("heading", name="Case log").first.wait_for()
    assert "Cases awaiting your attestation" not in visible_text(page)
