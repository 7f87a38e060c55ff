"""Recording what happens to a filter from the IVC filter report page and through the API:
retrieval planned or done, kept permanently, lost to follow-up; audited; refused to other roles."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from irsuite.audit.models import AuditEvent
from irsuite.outcomes.models import IvcFilter

pytestmark = pytest.mark.django_db

RECORDERS = ["nurse", "fellow", "attending", "quality_lead"]
REFUSED = ["researcher", "coder", "physicist", "scheduler"]
PAGE = "/outcomes/ivc-filters/"


@pytest.fixture
def placed(make_procedure):
    """A filter followed from its signed placement, still in."""
    return IvcFilter.objects.get(placement=make_procedure("IVCF-PLACE"))


def _page_action(pk):
    return f"/outcomes/ivc-filters/{pk}/actions/"


def _api_action(pk):
    return f"/api/v1/ivc-filters/{pk}/actions"


def _audits(item):
    return list(
        AuditEvent.objects.filter(object_type="outcomes.ivcfilter", object_id=str(item.pk))
        .exclude(action="create")
        .values_list("actor_label", "summary")
    )


def _in_days(days):
    return timezone.localdate() + dt.timedelta(days=days)


@pytest.mark.parametrize("role", RECORDERS)
def test_the_report_page_offers_each_recorder_a_form_with_a_csrf_token(client_as, placed, role):
    response = client_as(role).get(PAGE)
    body = response.content.decode()
    assert response.status_code == 200
    assert f'action="{_page_action(placed.pk)}"' in body
    assert "csrfmiddlewaretoken" in body


@pytest.mark.parametrize("role", RECORDERS)
def test_a_recorder_plans_a_retrieval_from_the_report_page(client_as, placed, role):
    on = _in_days(20)
    response = client_as(role).post(
        _page_action(placed.pk), {"action": "plan_retrieval", "on": on.isoformat()}
    )
    assert response.status_code == 302 and response["Location"] == PAGE
    placed.refresh_from_db()
    assert placed.retrieval_planned_on == on
    assert _audits(placed) == [(role, "filter retrieval planned")]


@pytest.mark.parametrize("role", REFUSED)
def test_a_role_that_does_not_record_outcomes_cannot_post_from_the_page(client_as, placed, role):
    response = client_as(role).post(
        _page_action(placed.pk), {"action": "lost_to_follow_up", "on": ""}
    )
    assert response.status_code == 403
    placed.refresh_from_db()
    assert placed.lost_to_follow_up is False and _audits(placed) == []


def test_an_anonymous_post_goes_to_login_and_changes_nothing(client, placed):
    response = client.post(_page_action(placed.pk), {"action": "lost_to_follow_up"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    placed.refresh_from_db()
    assert placed.lost_to_follow_up is False


def test_a_post_without_the_csrf_token_is_refused(persona, placed):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(persona("nurse"))
    response = browser.post(_page_action(placed.pk), {"action": "lost_to_follow_up"})
    assert response.status_code == 403
    placed.refresh_from_db()
    assert placed.lost_to_follow_up is False


def test_keeping_a_filter_permanently_from_the_page_needs_a_reason(client_as, placed):
    nurse = client_as("nurse")
    refused = nurse.post(
        _page_action(placed.pk), {"action": "keep_permanently", "reason": " "}, follow=True
    )
    assert "Write why the filter stays in permanently." in refused.content.decode()
    placed.refresh_from_db()
    assert placed.deliberately_permanent is False
    nurse.post(_page_action(placed.pk), {"action": "keep_permanently", "reason": "Lifelong"})
    placed.refresh_from_db()
    assert placed.deliberately_permanent and placed.permanent_reason == "Lifelong"


def test_a_retrieval_recorded_from_the_page_ends_the_follow_up_and_removes_the_form(
    client_as, placed
):
    nurse = client_as("nurse")
    day = placed.placed_on.isoformat()
    nurse.post(_page_action(placed.pk), {"action": "record_retrieval", "on": day})
    placed.refresh_from_db()
    assert placed.retrieved_on == placed.placed_on
    assert _page_action(placed.pk) not in nurse.get(PAGE).content.decode()
    again = nurse.post(
        _page_action(placed.pk), {"action": "lost_to_follow_up"}, follow=True
    ).content.decode()
    assert "The filter has been retrieved; nothing more to plan." in again


@pytest.mark.parametrize("role", RECORDERS)
def test_a_recorder_marks_a_filter_lost_to_follow_up_through_the_api(api_as, placed, role):
    response = api_as(role).post(
        _api_action(placed.pk), {"action": "lost_to_follow_up"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "lost_to_follow_up"
    assert _audits(placed) == [(role, "filter lost to follow-up")]


@pytest.mark.parametrize("role", REFUSED)
def test_the_api_refuses_a_role_that_does_not_record_outcomes(api_as, placed, role):
    response = api_as(role).post(
        _api_action(placed.pk),
        {"action": "plan_retrieval", "on": _in_days(5).isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 403 and "error" in response.json()
    placed.refresh_from_db()
    assert placed.retrieval_planned_on is None and _audits(placed) == []


def test_the_api_needs_authentication(client, placed):
    response = client.post(
        _api_action(placed.pk), {"action": "lost_to_follow_up"}, content_type="application/json"
    )
    assert response.status_code == 401


def test_the_api_plans_then_records_the_retrieval_and_answers_with_the_new_state(api_as, placed):
    api = api_as("attending")
    planned = api.post(
        _api_action(placed.pk),
        {"action": "plan_retrieval", "on": _in_days(30).isoformat()},
        content_type="application/json",
    ).json()
    assert (planned["status"], planned["retrieval_planned_on"]) == (
        "retrieval_planned",
        _in_days(30).isoformat(),
    )
    retrieved = api.post(
        _api_action(placed.pk),
        {"action": "record_retrieval", "on": placed.placed_on.isoformat()},
        content_type="application/json",
    ).json()
    assert retrieved["status"] == "retrieved" and retrieved["in_place"] is False


def test_the_api_says_what_is_missing_or_no_longer_possible(api_as, placed):
    api = api_as("nurse")

    def post(body):
        return api.post(_api_action(placed.pk), body, content_type="application/json")

    assert post({"action": "keep_permanently"}).status_code == 422
    assert post({"action": "plan_retrieval"}).json()["error"] == (
        "Give the date of the planned or done retrieval."
    )
    assert post({"action": "remove_by_magic"}).status_code == 422
    post({"action": "record_retrieval", "on": placed.placed_on.isoformat()})
    assert post({"action": "lost_to_follow_up"}).status_code == 409


def test_the_api_answers_404_for_an_unknown_filter(api_as, catalogue):
    response = api_as("nurse").post(
        _api_action(999999), {"action": "lost_to_follow_up"}, content_type="application/json"
    )
    assert response.status_code == 404
