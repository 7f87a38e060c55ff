"""The case log shows the procedure performed and the codes a coder recorded (none until coded);
the attestation queue names the procedure and attests several cases at once."""

import csv
import io

import pytest
from django.urls import reverse

from irsuite.cases.coding.services import record_codes
from irsuite.cases.models import CaseRole
from irsuite.errors import NotAllowed, ValidationFailed
from irsuite.outcomes.caselog.models import CaseAttestation

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cases(make_procedure, persona):
    supervisor, resident = persona("attending"), persona("resident")
    team = [(supervisor, CaseRole.SUPERVISING_ATTENDING), (resident, CaseRole.TRAINEE_PRIMARY)]
    return make_procedure("PCN", team=team), make_procedure("UFE", team=team)


def _csv_rows(client_as, persona):
    resident = persona("resident").staff
    response = client_as("resident").get(f"/outcomes/caselog/{resident.pk}.csv")
    return {r[1]: r[2] for r in list(csv.reader(io.StringIO(response.content.decode())))[1:]}


def test_the_case_log_shows_only_codes_recorded(two_cases, client_as, persona):
    assert _csv_rows(client_as, persona) == {
        "Percutaneous nephrostomy": "",
        "Uterine fibroid embolisation": "",
    }
    page = client_as("resident").get(reverse("outcomes:caselog"))
    assert "not coded yet" in page.content.decode()
    record_codes(two_cases[0], ["50432"], by=persona("coder"))
    assert _csv_rows(client_as, persona)["Percutaneous nephrostomy"] == "50432"


def test_the_coder_records_codes_from_the_procedure_page(two_cases, client_as):
    pcn = two_cases[0]
    coder = client_as("coder")
    page = coder.get(reverse("cases:procedure", args=[pcn.pk])).content.decode()
    assert "Not coded yet." in page and 'name="code" value="50432"' in page
    coder.post(reverse("cases:procedure_codes", args=[pcn.pk]), {"code": ["50432"], "other": ""})
    assert [c.code for c in pcn.codes.all()] == ["50432"]


def test_a_malformed_code_is_refused_and_only_a_coder_codes(two_cases, persona):
    with pytest.raises(ValidationFailed, match="Not a CPT code: ABC"):
        record_codes(two_cases[0], ["abc"], by=persona("coder"))
    with pytest.raises(NotAllowed):
        record_codes(two_cases[0], ["50432"], by=persona("attending"))


def test_the_attestation_queue_names_the_procedure(two_cases, client_as):
    page = client_as("attending").get(reverse("outcomes:caselog")).content.decode()
    assert "Percutaneous nephrostomy" in page and "Uterine fibroid embolisation" in page
    assert reverse("cases:procedure", args=[two_cases[0].pk]) in page


def test_the_supervisor_attests_several_cases_at_once(two_cases, client_as):
    members = [p.team.get(role=CaseRole.TRAINEE_PRIMARY).pk for p in two_cases]
    response = client_as("attending").post(
        reverse("outcomes:attest_many"), {"member": members}, follow=True
    )
    assert "2 cases attested." in response.content.decode()
    assert CaseAttestation.objects.filter(team_member_id__in=members).count() == 2


def test_several_at_once_still_refuses_an_attending_who_did_not_supervise(two_cases, client_as):
    member = two_cases[0].team.get(role=CaseRole.TRAINEE_PRIMARY).pk
    response = client_as("attending", "another-attending").post(
        reverse("outcomes:attest_many"), {"member": [member]}, follow=True
    )
    assert "did not supervise" in response.content.decode()
    assert not CaseAttestation.objects.filter(team_member_id=member).exists()
