"""Every case page: anonymous users go to login, roles without the right get 403."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from irsuite.people.roles import Capability as C
from irsuite.people.roles import StaffRole, capabilities_of

pytestmark = pytest.mark.django_db

# (url name, kwargs builder, capabilities any of which opens the page)
PAGES = [
    ("web:home", lambda f: {}, None),
    ("cases:worklist", lambda f: {}, (C.VIEW_WORKLIST,)),
    ("cases:requests", lambda f: {}, (C.VIEW_WORKLIST, C.VIEW_OWN_REQUESTS)),
    ("cases:request_new", lambda f: {}, (C.CREATE_REQUEST,)),
    ("cases:catalogue", lambda f: {}, (C.VIEW_CATALOGUE,)),
    ("cases:catalogue_entry", lambda f: {"code": "PCN"}, (C.VIEW_CATALOGUE,)),
    ("cases:procedure", lambda f: {"pk": f.pk}, (C.VIEW_WORKLIST,)),
    ("patients:search", lambda f: {}, (C.VIEW_PATIENTS,)),
    ("patients:detail", lambda f: {"pk": f.request.patient_id}, (C.VIEW_PATIENTS,)),
]


def allowed(role: str, needed: tuple[C, ...] | None) -> bool:
    return needed is None or bool(set(needed) & capabilities_of(role))


@pytest.mark.parametrize("name,kwargs,needed", PAGES, ids=[p[0] for p in PAGES])
def test_anonymous_users_are_sent_to_login(name, kwargs, needed, signed_procedure):
    response = Client().get(reverse(name, kwargs=kwargs(signed_procedure)))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize("role", StaffRole.values)
@pytest.mark.parametrize("name,kwargs,needed", PAGES, ids=[p[0] for p in PAGES])
def test_each_role_gets_the_page_or_403(name, kwargs, needed, role, client_as, signed_procedure):
    response = client_as(role).get(reverse(name, kwargs=kwargs(signed_procedure)))
    assert response.status_code == (200 if allowed(role, needed) else 403), role


@pytest.mark.parametrize(
    "name", ["cases:request_vet", "cases:request_schedule", "cases:request_start"]
)
def test_action_posts_refuse_roles_without_the_right(name, client_as, vetted_request):
    response = client_as("coder").post(reverse(name, kwargs={"pk": vetted_request.pk}))
    assert response.status_code == 403


def test_sign_refuses_a_nurse(client_as, open_procedure):
    response = client_as("nurse").post(
        reverse("cases:procedure_sign", kwargs={"pk": open_procedure.pk})
    )
    assert response.status_code == 403


def test_a_referrer_cannot_open_someone_elses_request(client_as, new_request):
    response = client_as("referrer", "referrer2").get(
        reverse("cases:request", kwargs={"pk": new_request.pk})
    )
    assert response.status_code == 404


def test_the_worklist_shows_the_days_cases_by_room(client_as, scheduled_request):
    day = scheduled_request.scheduled_start.date().isoformat()
    page = client_as("nurse").get(reverse("cases:worklist") + f"?date={day}")
    html = page.content.decode()
    assert "Angio 1" in html and "Percutaneous nephrostomy" in html and "EXAMPLE" in html


def test_the_worklist_filter_answers_htmx_with_the_fragment(client_as, scheduled_request):
    day = scheduled_request.scheduled_start.date().isoformat()
    page = client_as("nurse").get(
        reverse("cases:worklist") + f"?date={day}&status=completed", headers={"HX-Request": "true"}
    )
    html = page.content.decode()
    assert "<html" not in html and 'id="worklist"' in html and "0 cases" in html


def test_opening_a_chart_is_audited(client_as, patient):
    from irsuite.audit.models import AuditAction, AuditEvent

    client_as("nurse").get(reverse("patients:detail", kwargs={"pk": patient.pk}))
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, patient_id=patient.pk).exists()


def test_intake_registers_a_new_patient_and_records_the_request(client_as, site, catalogue):
    from irsuite.cases.models import CatalogueEntry, Request

    entry = CatalogueEntry.objects.get(code="PCN")
    response = client_as("referrer").post(
        reverse("cases:request_new"),
        {
            "site": site.pk,
            "mrn": "SBH7654321",
            "given_name": "Bo",
            "family_name": "Tester",
            "birth_date": "1950-02-03",
            "sex": "M",
            "catalogue_entry": entry.pk,
            "indication": "Hydronephrosis",
            "icd10_codes": "N13.30",
            "priority": "urgent",
        },
    )
    assert response.status_code == 302
    made = Request.objects.get()
    assert made.patient.family_name == "Tester" and made.icd10_codes == ["N13.30"]


def test_intake_says_what_to_fix(client_as, site, catalogue):
    from irsuite.cases.models import CatalogueEntry

    entry = CatalogueEntry.objects.get(code="PCN")
    response = client_as("referrer").post(
        reverse("cases:request_new"),
        {
            "site": site.pk,
            "mrn": "SBH7654321",
            "catalogue_entry": entry.pk,
            "indication": "x",
            "icd10_codes": "banana",
            "priority": "routine",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Not an ICD-10-CM code: banana" in html


def test_a_stale_form_save_shows_a_conflict(client_as, open_procedure):
    url = reverse("cases:procedure", kwargs={"pk": open_procedure.pk})
    data = {"version": open_procedure.version, "sedation_type": "local", "findings": "a"}
    assert client_as("fellow").post(url, data).status_code == 302
    second = client_as("attending").post(url, {**data, "findings": "b"})
    assert second.status_code == 409 and "Someone else saved this record" in second.content.decode()
