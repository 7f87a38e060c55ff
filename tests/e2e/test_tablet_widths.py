"""On an 820 px wide tablet (portrait, 820×1180) the pages used at the table side fit the screen:
no horizontal scroll on the checklist, the procedure record, the worklist, the request form and
the follow-up list, neither of the page nor of a table inside it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import log_in

TABLET = {"width": 820, "height": 1180}

# (page, the persona who uses it at the table side, its address given the fixtures)
PAGES = [
    (
        "checklist",
        "nurse",
        lambda request, procedure: reverse("safety:checklist", args=[request.pk]),
    ),
    (
        "procedure",
        "attending",
        lambda request, procedure: reverse("cases:procedure", args=[procedure.pk]),
    ),
    ("worklist", "attending", lambda request, procedure: reverse("cases:worklist")),
    ("worklist", "nurse", lambda request, procedure: reverse("cases:worklist")),
    # Forms with a searchable picker whose options (procedure names) are long.
    ("new request", "referrer", lambda request, procedure: reverse("cases:request_new")),
    ("new request", "attending", lambda request, procedure: reverse("cases:request_new")),
    ("follow-up", "attending", lambda request, procedure: reverse("outcomes:followup")),
]


SCROLLING_INSIDE = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
    .map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' + e.scrollWidth + ' px')"""


STICKING_OUT = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(0, 8)
    .map(e => e.tagName.toLowerCase() + '.' + e.className + ' '
              + Math.round(e.getBoundingClientRect().width) + ' px')"""


@pytest.mark.e2e
@pytest.mark.parametrize("browser_page", [TABLET], indirect=True)
@pytest.mark.parametrize(("name", "role", "address"), PAGES, ids=[f"{p[0]}-{p[1]}" for p in PAGES])
def test_the_page_fits_an_820_px_tablet_without_horizontal_scroll(  # type: ignore[no-untyped-def]
    browser_page, live_server, open_procedure, persona, name, role, address
):
    page = browser_page
    persona(role)
    log_in(page, live_server, role, f"pw-{role}")
    response = page.goto(live_server.url + address(open_procedure.request, open_procedure))
    assert response.status == 200, f"the {name} page answered {response.status}"
    assert page.evaluate("document.documentElement.clientWidth") <= 820
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 820, f"the {name} page is {width} px wide: {page.evaluate(STICKING_OUT)}"
    # Nor does any table scroll sideways inside the page.
    assert page.evaluate(SCROLLING_INSIDE) == []
