from django.urls import reverse

from irsuite.safety.consent import services as cs


def test_an_anonymous_visitor_is_sent_to_login(client, ready_request):
    response = client.get(reverse("safety:consent", args=[ready_request.pk]))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_researcher_may_not_open_the_consent_page(client_as, ready_request):
    response = client_as("researcher").get(reverse("safety:consent", args=[ready_request.pk]))
    assert response.status_code == 403


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


def test_the_admin_lists_consents_read_only(admin_client, ready_request, persona):
    cs.start_consent(ready_request, by=persona("nurse"))
    response = admin_client.get("/admin/safety/consent/")
    assert response.status_code == 200
    assert b"Draft, not signed" in response.content
    assert admin_client.get("/admin/safety/consent/add/").status_code == 403
