"""No raw key on screen: every page is opened, as every role that may open it, on a department
with data in every area (a signed report with its follow-up plan, sedation charted, a dose
study over the alert level, an adverse event and a case on the M&M list), and the text a
reader sees (no script, no style, no attribute values) must hold no snake_case key such as
`drain_check` or `ka_r_mgy`: coded values are shown by their labels."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import pytest
from django.test import Client
from django.utils import timezone

from access_routes import Route, case_ids, page_routes
from irsuite.cases.models import CaseRole, TechnicalSuccess
from irsuite.cases.procedures import services as ps
from irsuite.cases.requests import services
from irsuite.dose.importing.services import import_rdsr
from irsuite.dose.studies.models import DoseStudy
from irsuite.outcomes.adverse_events.services import AeInput, record_adverse_event
from irsuite.outcomes.review import services as review
from irsuite.outcomes.review.models import ReviewCase
from irsuite.people.roles import StaffRole
from irsuite.safety.report import services as report_services
from irsuite.safety.sedation import services as ss
from irsuite.safety.sedation.models import CarePhase

pytestmark = pytest.mark.django_db

# Pages that show stored values verbatim on purpose, with the reason.
VERBATIM = {
    "audit/": "the audit log shows each change's before and after exactly as stored",
}
RAW_KEY = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
SECTIONS = {
    "consent": "Written consent obtained.",
    "time_out": "Time-out performed.",
    "findings": "Dilated collecting system, drained.",
    "complications": "None immediate.",
    "radiation_dose": "Reference air kerma 6000 mGy.",
    "impression": "Successful nephrostomy.",
}


class VisibleText(HTMLParser):
    """The text of a page a reader sees: element text, without scripts, styles or attributes
    (nor the text of any element in `also_skip`)."""

    SKIP = frozenset({"script", "style", "template"})

    def __init__(self, also_skip: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.skip = self.SKIP | also_skip
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.skip:
            self._skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skip and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def visible_text(html: str, also_skip: frozenset[str] = frozenset()) -> str:
    parser = VisibleText(also_skip)
    parser.feed(html)
    return " ".join(parser.parts)


def _dose_samples() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "dose" / "dose_samples.py"
    spec = importlib.util.spec_from_file_location("raw_keys_dose_samples", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _chart_sedation(request, nurse) -> None:  # type: ignore[no-untyped-def]
    now = timezone.now()
    sedation = ss.sedation_record(
        request,
        by=nurse,
        kind="moderate",
        baseline_systolic=140,
        started_at=now - dt.timedelta(minutes=100),
    )
    ss.give_drug(
        sedation, drug="midazolam", dose="1", unit="mg", by=nurse, at=now - dt.timedelta(minutes=95)
    )
    ss.record_vitals(
        sedation,
        phase=CarePhase.SEDATION,
        by=nurse,
        at=now - dt.timedelta(minutes=90),
        values={
            "heart_rate": "78",
            "systolic": "91",
            "diastolic": "70",
            "respiratory_rate": "7",
            "spo2": "86",
            "on_oxygen": True,
            "ramsay": "5",
        },
    )


@pytest.fixture
def department(open_procedure, persona):  # type: ignore[no-untyped-def]
    """One case carried through every area: report signed, sedation, dose alert, review."""
    attending = persona("attending")
    ps.add_team_member(
        open_procedure,
        staff=persona("fellow").staff,
        role=CaseRole.TRAINEE_PRIMARY,
        by=attending,
    )
    open_procedure.refresh_from_db()
    _chart_sedation(open_procedure.request, persona("nurse"))
    now = timezone.now()
    services.update_procedure(
        open_procedure,
        by=attending,
        version=open_procedure.version,
        fields={
            "in_room_at": now - dt.timedelta(hours=2),
            "start_at": now - dt.timedelta(hours=1, minutes=50),
            "end_at": now - dt.timedelta(hours=1),
            "out_at": now - dt.timedelta(minutes=50),
            "technical_success": TechnicalSuccess.SUCCESS,
            "disposition": "ward",
        },
    )
    open_procedure.refresh_from_db()
    report = report_services.open_report(open_procedure, by=attending)
    report = report_services.edit_report(report, sections=SECTIONS, by=attending)
    report_services.sign_report(report, by=attending)
    open_procedure.refresh_from_db()
    data = _dose_samples().altered(
        "RF-RDSR-Siemens-Zee.dcm",
        PatientID="SBH0000001",
        AccessionNumber=open_procedure.request.accession_number,
        dose_rp_gy=6,
        StudyDate=open_procedure.day.strftime("%Y%m%d"),
    )
    import_rdsr(data, filename="hot.dcm", source="test")
    record_adverse_event(
        open_procedure,
        AeInput(
            timing="post",
            onset_date=open_procedure.day,
            category="bleeding",
            description="Haematoma at the puncture site",
            gradings=[("sir_2017", "3")],
            treatment="Manual compression",
            outcome="Resolved",
            indicator="major_haemorrhage",
        ),
        by=attending,
    )
    review.flag_manually(open_procedure, note="Haematoma", by=persona("quality_lead", "qlead"))
    ReviewCase.objects.update(reasons=["adverse_event_grade", "return_to_suite", "manual"])
    return open_procedure


def _users(persona) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """One login per role, named without underscores (a name is not a key)."""
    return {role: persona(role, role.replace("_", "")) for role in StaffRole.values}


def _html_routes() -> list[Route]:
    return [
        r
        for r in page_routes()
        if r.access is not None
        and r.access.login
        and r.name != "logout"
        and r.pattern not in VERBATIM
    ]


def _url(route: Route, case, study: DoseStudy) -> str:  # type: ignore[no-untyped-def]
    room = case.request.room_id
    review_case = ReviewCase.objects.get(procedure=case).pk
    ids = case_ids(route, case) | {"study_id": study.pk, "case_id": review_case}
    ids |= {"room_id": room, "room": room, "day": case.day.isoformat()}
    if "stud" in f"{route.pattern} {route.name}":
        ids["pk"] = study.pk
    return route.url(ids)


def _pages_with_queries(case) -> list[str]:  # type: ignore[no-untyped-def]
    """Pages whose content appears only with a query: a dashboard's procedure, a drill-down's
    indicator, a trainee's log."""
    period = f"entry=PCN&from={case.day - dt.timedelta(days=30)}&to={case.day}"
    fellow = case.team.get(role=CaseRole.TRAINEE_PRIMARY).staff_id
    return [
        f"/outcomes/quality/?{period}",
        f"/outcomes/quality/cases/?{period}&indicator=major_haemorrhage",
        f"/outcomes/quality/cases/?{period}&indicator=technical_success",
        f"/outcomes/caselog/?trainee={fellow}",
        "/dose/?q=SBH0000001",
        "/dose/alerts/?status=open",
        "/outcomes/followup/?all=1",
    ]


def test_no_page_shows_a_raw_key_to_any_role(department, persona):  # type: ignore[no-untyped-def]
    study = DoseStudy.objects.get()
    users = _users(persona)
    found: dict[str, set[str]] = {}
    checked: set[str] = set()
    pages = [(_url(r, department, study), r.access) for r in _html_routes()]
    pages += [(url, None) for url in _pages_with_queries(department)]
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
            for key in RAW_KEY.findall(visible_text(response.content.decode())):
                found.setdefault(f"{url} as {role}", set()).add(key)
    assert len(checked) > 40, sorted(checked)
    assert not found, "raw keys on screen:\n" + "\n".join(
        f"{where}: {', '.join(sorted(keys))}" for where, keys in sorted(found.items())
    )
