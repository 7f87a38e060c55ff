"""The dose studies and the audit log page with the one pager: "Showing 51–100 of 120", first,
previous, next and last links, and the filters kept from page to page."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.dose.studies.models import Device, DoseStudy, ReportKind
from irsuite.dose.studies.views import PAGE_SIZE as STUDIES_PER_PAGE
from irsuite.web.audit.views import PAGE_SIZE as ENTRIES_PER_PAGE

pytestmark = pytest.mark.django_db

MANY = 120


def _showing(body: str) -> tuple[int, int, int]:
    found = re.search(r"Showing (\d+)–(\d+) of (\d+)", body)
    assert found, "the page does not say which rows it shows"
    first, last, total = found.groups()
    return int(first), int(last), int(total)


def _links(body: str) -> dict[str, str]:
    """The live links of the pager, by their rel."""
    pager = body.split('class="pager"', 1)[1].split("</nav>", 1)[0]
    return dict(re.findall(r'rel="(\w+)" href="([^"]*)"', pager))


def _studies(n: int) -> None:
    device = Device.objects.create(manufacturer="Synthetic", model_name="Fluoro")
    DoseStudy.objects.bulk_create(
        DoseStudy(
            study_instance_uid=f"1.2.826.0.1.3680043.10.9999.{i}",
            kind=ReportKind.CT,
            device=device,
            study_date=dt.date(2026, 1, 1) + dt.timedelta(days=i),
        )
        for i in range(n)
    )


def test_the_dose_studies_page_with_the_pager_and_keep_their_filter(client_as):
    _studies(MANY)
    client = client_as("physicist")
    first = client.get("/dose/?kind=ct").content.decode()
    assert _showing(first) == (1, STUDIES_PER_PAGE, MANY)
    links = _links(first)
    assert set(links) == {"next", "last"}
    assert "kind=ct" in links["next"]
    last = client.get("/dose/" + links["last"].replace("&amp;", "&")).content.decode()
    assert _showing(last) == (MANY - MANY % STUDIES_PER_PAGE + 1, MANY, MANY)
    assert set(_links(last)) == {"first", "prev"}
    assert "kind=ct" in _links(last)["first"]


def test_the_audit_log_pages_with_the_pager_and_keeps_its_filter(client_as):
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor_label="bulk-writer",
            action=AuditAction.CHANGE,
            object_type="synthetic",
            object_id=str(i),
            channel="cli",
        )
        for i in range(MANY)
    )
    client = client_as("quality_lead")
    first = client.get("/audit/?actor=bulk-writer").content.decode()
    assert _showing(first) == (1, ENTRIES_PER_PAGE, MANY)
    links = _links(first)
    assert set(links) == {"next", "last"}
    assert "actor=bulk-writer" in links["last"]
    last = client.get("/audit/" + links["last"].replace("&amp;", "&")).content.decode()
    assert _showing(last) == (ENTRIES_PER_PAGE + 1, MANY, MANY)
    assert set(_links(last)) == {"first", "prev"}
