"""The procedure page: saving the record, adding its parts, signing."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from irsuite.cases.models import CaseRole, ProcedureStatus

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_sign_refuses_a_nurse(client_as, open_procedure):
    response = client_as("nurse").post(
        reverse("cases:procedure_sign", kwargs={"pk": open_procedure.pk})
    )
    assert response.status_code == 403


def test_a_stale_form_save_shows_a_conflict(client_as, open_procedure):
    url = reverse("cases:procedure", kwargs={"pk": open_procedure.pk})
    data = {"version": open_procedure.version, "sedation_type": "local", "findings": "a"}
    assert client_as("fellow").post(url, data).status_code == 302
    second = client_as("attending").post(url, {**data, "findings": "b"})
    assert second.status_code == 409 and "Someone else saved this record" in second.content.decode()


def test_signing_an_incomplete_record_says_what_is_missing(client_as, open_procedure):
    url = reverse("cases:procedure_sign", kwargs={"pk": open_procedure.pk})
    response = client_as("attending").post(url)
    open_procedure.refresh_from_db()
    assert open_procedure.status == ProcedureStatus.DRAFT
    assert messages_of(response)[0].startswith("The procedure cannot be signed yet")


def test_an_access_site_form_records_the_site(client_as, open_procedure):
    url = reverse("cases:procedure_access", kwargs={"pk": open_procedure.pk})
    data = {"access-kind": "arterial", "access-site": "right CFA", "access-sheath_fr": "6"}
    response = client_as("fellow").post(url, data)
    assert response.status_code == 302 and messages_of(response) == ["Access site recorded."]
    assert open_procedure.access_sites.get().sheath_fr == 6


def test_a_sheath_beyond_the_range_is_shown_as_a_message(client_as, open_procedure):
    url = reverse("cases:procedure_access", kwargs={"pk": open_procedure.pk})
    data = {"access-kind": "arterial", "access-site": "right CFA", "access-sheath_fr": "45"}
    response = client_as("fellow").post(url, data)
    assert not open_procedure.access_sites.exists()
    assert messages_of(response) == ["Ensure this value is less than or equal to 30."]


def test_removing_a_team_member_from_the_page(client_as, open_procedure):
    member = open_procedure.team.get(role=CaseRole.NURSE)
    url = reverse(
        "cases:procedure_team_remove", kwargs={"pk": open_procedure.pk, "member_pk": member.pk}
    )
    assert client_as("attending").post(url).status_code == 302
    assert not open_procedure.team.filter(role=CaseRole.NURSE).exists()
