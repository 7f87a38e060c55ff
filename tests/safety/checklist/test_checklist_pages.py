from django.urls import reverse

from irsuite.safety.checklist.models import ChecklistAnswer


def test_an_anonymous_visitor_is_sent_to_login(client, ready_request):
    response = client.get(reverse("safety:checklist", args=[ready_request.pk]))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_researcher_may_not_open_the_checklist_page(client_as, ready_request):
    response = client_as("researcher").get(reverse("safety:checklist", args=[ready_request.pk]))
    assert response.status_code == 403


def test_a_technologist_sees_the_checklist(client_as, ready_request):
    tech = client_as("technologist")
    assert tech.get(reverse("safety:checklist", args=[ready_request.pk])).status_code == 200


def test_an_htmx_answer_returns_the_checklist_fragment_with_who_answered(
    client_as, ready_request, bleeding_plan
):
    response = client_as("nurse").post(
        reverse("safety:checklist_answer", args=[ready_request.pk]),
        {"item": "identity_confirmed", "value": "confirmed"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert b'id="checklist-body"' in response.content
    assert b"<html" not in response.content
    assert ChecklistAnswer.objects.get(item_id="identity_confirmed").value == "confirmed"


def test_the_time_out_refusal_is_shown_on_the_page(client_as, ready_request, bleeding_plan):
    response = client_as("nurse").post(
        reverse("safety:checklist_complete", args=[ready_request.pk]),
        {"phase": "time_out"},
        HTTP_HX_REQUEST="true",
    )
    assert b"Consent is not recorded" in response.content
    assert b'class="refusal"' in response.content


def test_the_request_page_shows_the_day_of_procedure_panel(client_as, ready_request):
    response = client_as("nurse").get(reverse("cases:request", args=[ready_request.pk]))
    assert response.status_code == 200
    assert b"Day of procedure" in response.content
    assert reverse("safety:consent", args=[ready_request.pk]).encode() in response.content
