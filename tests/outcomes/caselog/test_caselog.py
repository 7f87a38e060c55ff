"""Trainee case logs: counts, progress, attestation by the supervisor, CSV."""

import csv
import io

import pytest

from irsuite.cases.coding.services import record_codes
from irsuite.cases.models import CaseRole
from irsuite.errors import NotAllowed
from irsuite.outcomes.caselog.queries import case_log, case_members
from irsuite.outcomes.caselog.services import attest_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainee_cases(make_procedure, persona):
    supervisor, resident = persona("attending"), persona("resident")
    primary = make_procedure(
        "PCN",
        team=[(supervisor, CaseRole.SUPERVISING_ATTENDING), (resident, CaseRole.TRAINEE_PRIMARY)],
    )
    assisting = make_procedure(
        "UFE",
        team=[(supervisor, CaseRole.ATTENDING_OPERATOR), (resident, CaseRole.TRAINEE_ASSISTANT)],
    )
    return primary, assisting


def test_the_log_counts_cases_by_family_and_role(trainee_cases, persona):
    log = case_log(persona("resident").staff)
    assert {(f.value, r.value): n for (f, r), n in log.counts.items()} == {
        ("non_vascular", "primary"): 1,
        ("embolisation", "assistant"): 1,
    }
    progress = {p.family: p for p in log.progress}
    assert progress["non_vascular"].counted == 1
    assert progress["embolisation"].counted == 0  # assistant cases do not count for residents
    assert log.minimums.programme == "ir_integrated"


def test_the_supervising_attending_attests_the_case(trainee_cases, persona):
    member = trainee_cases[0].team.get(role=CaseRole.TRAINEE_PRIMARY)
    attestation = attest_case(member, by=persona("attending"))
    assert attestation.attested_by == persona("attending").staff


def test_an_attending_who_did_not_supervise_cannot_attest(trainee_cases, persona):
    member = trainee_cases[0].team.get(role=CaseRole.TRAINEE_PRIMARY)
    with pytest.raises(NotAllowed, match="did not supervise"):
        attest_case(member, by=persona("attending", "another-attending"))


def test_a_trainee_cannot_attest_their_own_case(trainee_cases, persona):
    member = trainee_cases[0].team.get(role=CaseRole.TRAINEE_PRIMARY)
    with pytest.raises(NotAllowed):
        attest_case(member, by=persona("resident"))


def test_the_csv_has_one_row_per_case_with_codes_role_and_supervisor(
    trainee_cases, client_as, persona
):
    resident = persona("resident").staff
    record_codes(trainee_cases[0], ["50432"], by=persona("coder"))
    response = client_as("resident").get(f"/outcomes/caselog/{resident.pk}.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["date", "procedure", "cpt_codes", "role", "supervisor", "attested"]
    assert len(rows) == 3
    by_role = {r[3]: r for r in rows[1:]}
    assert by_role["primary"][1] == "Percutaneous nephrostomy"
    assert "50432" in by_role["primary"][2].split()
    assert by_role["primary"][4] == persona("attending").staff.display_name


def test_the_attest_button_answers_the_htmx_request(trainee_cases, client_as):
    member = trainee_cases[1].team.get(role=CaseRole.TRAINEE_ASSISTANT)
    response = client_as("attending").post(
        f"/outcomes/caselog/attest/{member.pk}/", HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and b"attested" in response.content
    page = client_as("resident").get("/outcomes/caselog/")
    assert page.status_code == 200
    assert page.context["log"].total.counted == 1


def test_a_case_with_entries_of_two_families_counts_once_in_each_and_lists_once(
    trainee_cases, persona, catalogue
):
    from irsuite.cases.models import CatalogueEntry

    primary = trainee_cases[0]
    primary.entries.add(CatalogueEntry.objects.get(code="UFE"))
    log = case_log(persona("resident").staff)
    counts = {(f.value, r.value): n for (f, r), n in log.counts.items()}
    assert counts[("non_vascular", "primary")] == 1
    assert counts[("embolisation", "primary")] == 1
    assert [m[1] for m in case_members(persona("resident").staff)].count(primary.pk) == 1


def test_a_trainee_cannot_read_another_trainees_case_log(client_as, persona, catalogue):
    other = persona("resident", "other-resident").staff
    response = client_as("fellow").get(f"/outcomes/caselog/?trainee={other.pk}")
    assert response.status_code == 404  # answered as a trainee who does not exist
