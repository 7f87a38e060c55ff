"""Who may open a credentialing report: the operator their own, the quality lead everyone's."""

import pytest

pytestmark = pytest.mark.django_db


def test_colleagues_cannot_read_each_others_credentialing(client_as, persona, catalogue):
    colleague = persona("attending", name="colleague").staff
    response = client_as("attending").get(f"/outcomes/credentialing/?operator={colleague.pk}")
    assert response.status_code == 404
    assert colleague.given_name not in response.content.decode()


def test_a_colleagues_report_and_a_missing_one_look_the_same(client_as, persona, catalogue):
    colleague = persona("attending", name="colleague").staff
    me = client_as("attending")
    seen = me.get(f"/outcomes/credentialing/?operator={colleague.pk}")
    missing = me.get("/outcomes/credentialing/?operator=999999")
    assert seen.status_code == missing.status_code == 404


def test_an_operator_reads_their_own_report(client_as, persona, catalogue):
    me = persona("attending")
    response = client_as("attending").get(f"/outcomes/credentialing/?operator={me.staff.pk}")
    assert response.status_code == 200


def test_the_quality_lead_reads_every_operators_report(client_as, persona, catalogue):
    colleague = persona("attending", name="colleague").staff
    response = client_as("quality_lead").get(f"/outcomes/credentialing/?operator={colleague.pk}")
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["fellow", "resident", "nurse", "researcher", "referrer"])
def test_roles_that_are_not_credentialed_have_no_report(client_as, role, catalogue):
    assert client_as(role).get("/outcomes/credentialing/").status_code == 403
