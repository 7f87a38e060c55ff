"""Every look at identified data is recorded, over the whole surface.

Every page and API route that answers GET is called with the ids of one real case, by a role
its declaration admits (insiders first). Whenever the answer shows the patient (their family
name or MRN in the body, or a PDF about them), the audit log must gain a VIEW or EXPORT entry
for that patient, made by that user, in that request. The routes come from the URL resolver and
the API's routers, so a new page that forgets is found without anyone listing it.
"""

from __future__ import annotations

import io

import pydicom
import pytest
from django.test import Client

from access_routes import FIXTURES, Route, api_routes, case_ids, page_routes
from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.dose.importing.services import import_rdsr
from irsuite.dose.models import DoseStudy
from irsuite.patients.models import Patient
from irsuite.people.tokens import issue_token

# Who tries each route: the first of these that the route's declaration admits.
TRIERS = [
    "attending",
    "admin",
    "physicist",
    "quality_lead",
    "coder",
    "nurse",
    "scheduler",
    "referrer",
    "researcher",
]
READS = (AuditAction.VIEW, AuditAction.EXPORT)


def _get_routes() -> list[Route]:
    return [
        r
        for r in page_routes() + api_routes()
        if "GET" in r.methods and r.access is not None and r.access.login and r.name != "logout"
    ]


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _shows(response, secrets: list[str]) -> bool:
    if response.get("Content-Type", "").startswith("application/pdf"):
        return True
    body = _body(response).decode(errors="replace").lower()
    return any(secret.lower() in body for secret in secrets)


def test_the_walk_covers_the_pages_and_the_api():
    routes = _get_routes()
    assert any(r.kind == "api" for r in routes) and len(routes) > 100


def _linked_study(case) -> DoseStudy:
    """The case's own dose report, so the dose pages have the patient to show."""
    dataset = pydicom.dcmread(FIXTURES / "rdsr" / "RF-RDSR-Siemens-Zee.dcm")
    dataset.AccessionNumber = case.request.accession_number
    dataset.PatientID = case.request.patient.identifiers.get().value
    dataset.StudyDate = case.day.strftime("%Y%m%d")
    out = io.BytesIO()
    dataset.save_as(out)
    import_rdsr(out.getvalue(), filename="case.dcm", source="test")
    return DoseStudy.objects.get(procedure=case)


def _urls(route: Route, case, study: DoseStudy, mrn: str) -> list[str]:
    ids = case_ids(route, case) | {"study_id": study.pk}
    if "stud" in f"{route.pattern} {route.name}":
        ids["pk"] = study.pk
    url = route.url(ids)
    return [url] if route.params else [url, f"{url}?q={mrn}&mrn={mrn}"]


@pytest.mark.django_db
def test_every_response_that_shows_a_patient_records_the_read(signed_procedure, persona):
    case = signed_procedure
    Patient.objects.filter(pk=case.request.patient_id).update(family_name="Quillfeather")
    patient = Patient.objects.get(pk=case.request.patient_id)
    mrn = patient.identifiers.get().value
    study = _linked_study(case)
    secrets = [patient.family_name, mrn]
    users = {role: persona(role) for role in TRIERS}
    tokens = {role: issue_token(user, channel="test") for role, user in users.items()}
    unrecorded, shown = [], 0
    for route in _get_routes():
        role = next((r for r in TRIERS if route.access.admits(users[r])), None)
        if role is None:
            continue
        if route.kind == "api":
            client = Client(headers={"Authorization": f"Bearer {tokens[role]}"})
        else:
            client = Client()
            client.force_login(users[role])
        for url in _urls(route, case, study, mrn):
            reads = AuditEvent.objects.filter(patient_id=patient.pk, action__in=READS)
            before = reads.count()
            response = client.get(url)
            # A search echoes the MRN it was given; only the name then shows a patient.
            shown_by = secrets if "?" not in url else [patient.family_name]
            if response.status_code != 200 or not _shows(response, shown_by):
                continue
            shown += 1
            if reads.count() == before or reads.last().actor_id != users[role].pk:
                unrecorded.append(f"GET {url} as {role}")
    assert shown > 20  # the walk reached the case's pages, not only refusals
    assert not unrecorded, "shown but not recorded:\n" + "\n".join(unrecorded)
