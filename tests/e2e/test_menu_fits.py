"""Menus are grouped by the work they serve, so each role's bar is one row on a desktop
(1366 px) and on a tablet (820 px), and every page the role may open is still one click
away from its menu."""

from __future__ import annotations

import pytest

from irsuite.people.roles import StaffRole

SIZES = {"desktop": {"width": 1366, "height": 900}, "tablet": {"width": 820, "height": 1180}}
ROW_TOPS = (
    "Array.from(document.querySelectorAll('nav[aria-label=Main] > ul > li'))"
    ".map(li => li.getBoundingClientRect().top)"
)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_every_roles_menu_bar_is_one_row(browser, live_server, persona, size):
    rows = {}
    for role in StaffRole.values:
        persona(role)
        context = browser.new_context(viewport=SIZES[size])
        page = context.new_page()
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("Username").fill(role)
        page.get_by_label("Password").fill(f"pw-{role}")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server.url}/")
        tops = page.evaluate(ROW_TOPS)
        rows[role] = len({round(top) for top in tops})
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
        context.close()
    assert rows == dict.fromkeys(StaffRole.values, 1)


@pytest.mark.django_db(transaction=True)
def test_a_menu_opens_to_show_its_pages(browser, live_server, persona):
    persona("attending")
    context = browser.new_context(viewport=SIZES["tablet"])
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill("attending")
    page.get_by_label("Password").fill("pw-attending")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    menu = page.get_by_role("navigation", name="Main")
    worklist = menu.get_by_role("link", name="Worklist", exact=True)
    assert not worklist.is_visible()
    menu.get_by_text("Cases", exact=True).click()
    worklist.click()
    page.wait_for_url(f"{live_server.url}/cases/worklist/")
    context.close()
