from irsuite.safety.consent import services as cs


def url(request_id, tail=""):
    return f"/api/v1/safety/requests/{request_id}/{tail}"


def test_the_consent_status_says_none_then_signed(api_as, ready_request, persona, signature_url):
    api = api_as("nurse")
    assert api.get(url(ready_request.pk, "consent")).json()["status"] == "none"
    consent = cs.start_consent(ready_request, by=persona("nurse"))
    cs.sign_on_tablet(
        consent, signature=signature_url, signer=cs.SignerDetails(name="Ada"), by=persona("nurse")
    )
    body = api.get(url(ready_request.pk, "consent")).json()
    assert body["status"] == "signed" and body["method"] == "tablet"
