"""One date format everywhere: every page is opened, as every role that may open it, on a
department with data in every area (the department of test_no_raw_keys), and the text a reader
sees must write dates the site's way (``6 Dec 2026``, irsuite/formats/en_GB), never as ISO 8601
(``2026-12-06``). Machine-readable places keep ISO 8601 and are not text a reader sees: input
values, data attributes and links are attributes, and scripts are skipped. The audit page is
left out as test_no_raw_keys leaves it out: it shows each change as stored."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.test import Client
from test_no_raw_keys import (  # noqa: F401  (the fixture and the page walk)
    _html_routes,
    _pages_with_queries,
    _url,
    _users,
    department,
    visible_text,
)

from irsuite.cases.models import Request, RequestStatus
from irsuite.dose.importing.services import import_rdsr
from irsuite.dose.studies.models import DoseStudy
from irsuite.safety.consent import services as consent

pytestmark = pytest.mark.django_db

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# Elements whose text is shown exactly as stored or typed, with the reason.
VERBATIM_ELEMENTS = {
    "pre": "raw HL7 messages and their ACKs, and a failed task's traceback, exactly as received",
    "textarea": "text a user typed, given back to edit as it was typed",
}


def readable_text(html: str) -> str:
    """The text a reader sees, without the verbatim elements either."""
    return visible_text(html, frozenset(VERBATIM_ELEMENTS))


@pytest.fixture
def dated_department(department, persona):  # type: ignore[no-untyped-def]  # noqa: F811
    """The department, with dated rows where ISO dates used to show: a signed consent (its
    page, its history and the day panel) and a dose report kept in quarantine."""
    nurse = persona("nurse")
    request = department.request
    closed = request.status
    # The consent was signed before the case closed: reopen it for the signing only.
    Request.objects.filter(pk=request.pk).update(status=RequestStatus.IN_PROGRESS)
    draft = consent.start_consent(Request.objects.get(pk=request.pk), by=nurse)
    consent.upload_paper_form(
        draft, scan=b"%PDF-1.4\n%%EOF\n", signer=consent.SignerDetails(name="Ada"), by=nurse
    )
    Request.objects.filter(pk=request.pk).update(status=closed)
    import_rdsr(b"not a DICOM file", filename="unreadable.dcm", source="test")
    return department


def test_the_site_writes_dates_one_way():  # type: ignore[no-untyped-def]
    page = Template(
        '{{ d }} · {{ d|date }} · {{ t|date:"DATETIME_FORMAT" }} · {{ t|time }}'
    ).render(Context({"d": dt.date(2026, 12, 6), "t": dt.datetime(2026, 12, 6, 14, 5)}))
    assert page == "6 Dec 2026 · 6 Dec 2026 · 6 Dec 2026 14:05 · 14:05"


def test_the_check_sees_a_date_in_text_but_not_in_an_attribute_or_raw_message():  # type: ignore[no-untyped-def]
    html = (
        '<a href="/day/2026-12-06/" data-day="2026-12-06">6 Dec 2026</a>'
        '<input type="date" value="2026-12-06"><pre>MSH|^~\\&|...|20261206</pre>'
        "<pre>PID|1||SBH1||EXAMPLE^ADA||2026-12-06</pre><p>due 2026-12-07</p>"
    )
    assert ISO_DATE.findall(readable_text(html)) == ["2026-12-07"]


def test_no_page_shows_an_iso_date_to_any_role(dated_department, persona):  # type: ignore[no-untyped-def]
    case = dated_department
    study = DoseStudy.objects.get()
    users = _users(persona)
    found: dict[str, set[str]] = {}
    checked: set[str] = set()
    pages = [(_url(r, case, study), r.access) for r in _html_routes()]
    pages += [(url, None) for url in _pages_with_queries(case)]
    for url, access in pages:
        for role, user in users.items():
            if access is not None and not access.admits(user):
                continue
            client = Client()
            client.force_login(user)
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            checked.add(url)
            for iso in ISO_DATE.findall(readable_text(response.content.decode())):
                found.setdefault(f"{url} as {role}", set()).add(iso)
    assert len(checked) > 40, sorted(checked)
    assert not found, "ISO dates on screen:\n" + "\n".join(
        f"{where}: {', '.join(sorted(dates))}" for where, dates in sorted(found.items())
    )
