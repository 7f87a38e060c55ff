"""The dose studies and the audit log page with the one pager: "Showing 51–100 of 120", first,
previous, next and last links, and the filters kept from page to page."""

from __future__ import annotations

import datetime as dt

import pytest
from pager_text import pager_links, showing

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.dose.studies.models import Device, DoseStudy, ReportKind
from irsuite.dose.studies.views import PAGE_SIZE as STUDIES_PER_PAGE
from irsuite.web.audit.views import PAGE_SIZE as ENTRIES_PER_PAGE

pytestmark = pytest.mark.django_db

MANY = 120


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


def _first_and_last(client, path: str, query: str, size: int) -> tuple[dict[str, str], str]:  # type: ignore[no-untyped-def]
    """The first page's pager links (it shows rows 1 to `size` of MANY) and the last page."""
    first = client.get(f"{path}?{query}").content.decode()
    assert showing(first) == (1, size, MANY)
    links = pager_links(first)
    assert set(links) == {"next", "last"}
    return links, client.get(path + links["last"].replace("&amp;", "&")).content.decode()


def test_the_dose_studies_page_with_the_pager_and_keep_their_filter(client_as):
    _studies(MANY)
    links, last = _first_and_last(client_as("physicist"), "/dose/", "kind=ct", STUDIES_PER_PAGE)
    assert "kind=ct" in links["next"]
    assert showing(last) == (MANY - MANY % STUDIES_PER_PAGE + 1, MANY, MANY)
    assert set(pager_links(last)) == {"first", "prev"}
    assert "kind=ct" in pager_links(last)["first"]


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
    links, last = _first_and_last(
        client_as("quality_lead"), "/audit/", "actor=bulk-writer", ENTRIES_PER_PAGE
    )
    assert "actor=bulk-writer" in links["last"]
    assert showing(last) == (ENTRIES_PER_PAGE + 1, MANY, MANY)
    assert set(pager_links(last)) == {"first", "prev"}
