from django.urls import reverse

from irsuite.safety.sedation.models import SedationRecord


def test_an_anonymous_visitor_is_sent_to_login(client, ready_request):
    response = client.get(reverse("safety:sedation", args=[ready_request.pk]))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_researcher_may_not_open_the_sedation_page(client_as, ready_request):
    response = client_as("researcher").get(reverse("safety:sedation", args=[ready_request.pk]))
    assert response.status_code == 403


def test_a_technologist_may_not_open_the_sedation_record(client_as, ready_request):
    tech = client_as("technologist")
    assert tech.get(reverse("safety:sedation", args=[ready_request.pk])).status_code == 403


def test_a_nurse_records_recovery_and_discharges_through_the_page(client_as, ready_request):
    nurse = client_as("nurse")
    nurse.post(
        reverse("safety:sedation_start", args=[ready_request.pk]),
        {"kind": "moderate", "baseline_systolic": "130"},
    )
    assert SedationRecord.objects.filter(request=ready_request).exists()
    nurse.post(
        reverse("safety:sedation_aldrete", args=[ready_request.pk]),
        {
            "activity": "2",
            "respiration": "2",
            "circulation": "2",
            "consciousness": "2",
            "oxygen_saturation": "1",
        },
    )
    response = nurse.post(
        reverse("safety:sedation_discharge", args=[ready_request.pk]), follow=True
    )
    assert b"Discharged from recovery" in response.content
