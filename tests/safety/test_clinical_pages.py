import pytest
from django.urls import reverse

from irsuite.safety.clinical_models import ChecklistAnswer, SedationRecord
from irsuite.safety.consent import services as cs

PAGES = ["safety:consent", "safety:checklist", "safety:sedation"]


@pytest.mark.parametrize("name", PAGES)
def test_an_anonymous_visitor_is_sent_to_login(client, ready_request, name):
    response = client.get(reverse(name, args=[ready_request.pk]))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize("name", PAGES)
def test_a_researcher_may_not_open_the_day_of_procedure_pages(client_as, ready_request, name):
    response = client_as("researcher").get(reverse(name, args=[ready_request.pk]))
    assert response.status_code == 403


def test_a_technologist_sees_the_checklist_but_not_the_sedation_record(client_as, ready_request):
    tech = client_as("technologist")
    assert tech.get(reverse("safety:checklist", args=[ready_request.pk])).status_code == 200
    assert tech.get(reverse("safety:sedation", args=[ready_request.pk])).status_code == 403


def test_a_nurse_writes_and_signs_a_consent_through_the_pages(
    client_as, ready_request, signature_url
):
    nurse = client_as("nurse")
    page = reverse("safety:consent", args=[ready_request.pk])
    assert b"Write the consent form" in nurse.get(page).content
    nurse.post(reverse("safety:consent_start", args=[ready_request.pk]))
    response = nurse.get(page)
    assert b"data-signature-pad" in response.content
    consent = cs.current_consent(ready_request)
    response = nurse.post(
        reverse("safety:consent_sign", args=[consent.pk]),
        {
            "signer_name": "Ada Example",
            "signer_role": "patient",
            "signature": signature_url,
            "version": consent.version,
        },
        follow=True,
    )
    assert b"Signed by Ada Example" in response.content
    assert cs.consent_signed(ready_request)


def test_signing_without_drawing_shows_what_to_do(client_as, ready_request):
    nurse = client_as("nurse")
    nurse.post(reverse("safety:consent_start", args=[ready_request.pk]))
    consent = cs.current_consent(ready_request)
    response = nurse.post(
        reverse("safety:consent_sign", args=[consent.pk]),
        {"signer_name": "Ada", "signer_role": "patient", "signature": ""},
        follow=True,
    )
    assert b"No signature was drawn" in response.content


def test_the_consent_pdf_is_a_pdf(client_as, ready_request, persona, signature_url):
    consent = cs.start_consent(ready_request, by=persona("nurse"))
    cs.sign_on_tablet(
        consent, signature=signature_url, signer=cs.SignerDetails(name="Ada"), by=persona("nurse")
    )
    response = client_as("nurse").get(reverse("safety:consent_pdf", args=[consent.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


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


def test_the_request_page_shows_the_day_of_procedure_panel(client_as, ready_request):
    response = client_as("nurse").get(reverse("cases:request", args=[ready_request.pk]))
    assert response.status_code == 200
    assert b"Day of procedure" in response.content
    assert reverse("safety:consent", args=[ready_request.pk]).encode() in response.content


def test_the_procedure_page_links_to_the_report(client_as, open_procedure):
    response = client_as("attending").get(reverse("cases:procedure", args=[open_procedure.pk]))
    assert response.status_code == 200
    assert reverse("safety:report", args=[open_procedure.pk]).encode() in response.content


def test_the_admin_lists_consents_read_only(admin_client, ready_request, persona):
    cs.start_consent(ready_request, by=persona("nurse"))
    response = admin_client.get("/admin/safety/consent/")
    assert response.status_code == 200
    assert b"Draft, not signed" in response.content
    assert admin_client.get("/admin/safety/consent/add/").status_code == 403
