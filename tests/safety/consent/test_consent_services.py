import pytest

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.errors import Conflict, NotAllowed, ValidationFailed
from irsuite.safety.consent import services as cs
from irsuite.safety.consent.models import ConsentMethod, ConsentStatus

SIGNER = cs.SignerDetails(
    name="Ada Example",
    interpreter_name="Rui Lopes",
    interpreter_language="Portuguese",
    witness_name="Nurse Witness",
)


def test_it_generates_a_draft_consent_from_the_catalogue_entry(ready_request, persona):
    consent = cs.start_consent(ready_request, by=persona("nurse"))
    assert consent.status == ConsentStatus.DRAFT
    assert consent.text.startswith("Consent for Percutaneous nephrostomy")
    assert "What are the risks?" in consent.text
    assert "No treatment" in consent.text
    assert not cs.consent_signed(ready_request)


def test_starting_again_returns_the_open_draft(ready_request, persona):
    first = cs.start_consent(ready_request, by=persona("nurse"))
    assert cs.start_consent(ready_request, by=persona("attending")).pk == first.pk


def test_a_coder_cannot_take_consent(ready_request, persona):
    with pytest.raises(NotAllowed):
        cs.start_consent(ready_request, by=persona("coder"))


def test_the_clinician_edits_the_text_before_signing(ready_request, persona):
    consent = cs.start_consent(ready_request, by=persona("attending"))
    edited = cs.edit_consent(
        consent,
        text=consent.text + "Extra: a second tube may be needed.",
        by=persona("attending"),
        version=consent.version,
    )
    assert "a second tube may be needed" in edited.text
    assert edited.generated_text != edited.text
    with pytest.raises(Conflict, match="Someone else changed"):
        cs.edit_consent(edited, text="x", by=persona("attending"), version=1)


def test_signing_on_the_tablet_stores_the_drawn_signature_and_who_consented(
    ready_request, persona, signature_url
):
    consent = cs.start_consent(ready_request, by=persona("attending"))
    signed = cs.sign_on_tablet(
        consent, signature=signature_url, signer=SIGNER, by=persona("attending")
    )
    assert signed.status == ConsentStatus.SIGNED
    assert signed.method == ConsentMethod.TABLET
    assert bytes(signed.signature_png).startswith(b"\x89PNG")
    assert signed.consented_by == persona("attending").staff
    assert signed.interpreter_language == "Portuguese"
    assert signed.signed_at is not None
    assert cs.consent_signed(ready_request)
    assert AuditEvent.objects.filter(action=AuditAction.SIGN, object_id=str(signed.pk)).exists()


def test_it_refuses_a_signature_that_was_not_drawn(ready_request, persona):
    consent = cs.start_consent(ready_request, by=persona("attending"))
    with pytest.raises(ValidationFailed, match="No signature was drawn"):
        cs.sign_on_tablet(consent, signature="", signer=SIGNER, by=persona("attending"))
    with pytest.raises(ValidationFailed, match="could not be read"):
        cs.sign_on_tablet(
            consent,
            signature="data:image/png;base64,aGVsbG8=",
            signer=SIGNER,
            by=persona("attending"),
        )
    assert not cs.consent_signed(ready_request)


def test_it_needs_the_signer_name_and_an_interpreter_name_with_a_language(
    ready_request, persona, signature_url
):
    consent = cs.start_consent(ready_request, by=persona("attending"))
    with pytest.raises(ValidationFailed, match="name of the person signing"):
        cs.sign_on_tablet(
            consent,
            signature=signature_url,
            signer=cs.SignerDetails(name=" "),
            by=persona("attending"),
        )
    with pytest.raises(ValidationFailed, match="interpreter's name"):
        cs.sign_on_tablet(
            consent,
            signature=signature_url,
            signer=cs.SignerDetails(name="Ada", interpreter_language="Polish"),
            by=persona("attending"),
        )


def test_a_scanned_paper_form_signs_the_consent(ready_request, persona):
    consent = cs.start_consent(ready_request, by=persona("nurse"))
    signed = cs.upload_paper_form(
        consent, scan=b"%PDF-1.4 signed form", signer=SIGNER, by=persona("nurse")
    )
    assert signed.method == ConsentMethod.PAPER
    assert signed.scan_content_type == "application/pdf"
    assert cs.consent_signed(ready_request)


def test_it_refuses_a_scan_that_is_not_a_pdf_or_an_image(ready_request, persona):
    consent = cs.start_consent(ready_request, by=persona("nurse"))
    with pytest.raises(ValidationFailed, match="PDF, PNG or JPEG"):
        cs.upload_paper_form(consent, scan=b"hello", signer=SIGNER, by=persona("nurse"))


def test_a_signed_consent_cannot_be_edited_but_can_be_withdrawn(
    ready_request, persona, signature_url
):
    consent = cs.start_consent(ready_request, by=persona("attending"))
    consent = cs.sign_on_tablet(
        consent, signature=signature_url, signer=SIGNER, by=persona("attending")
    )
    with pytest.raises(Conflict, match="no longer a draft"):
        cs.edit_consent(consent, text="changed", by=persona("attending"))
    with pytest.raises(ValidationFailed, match="reason"):
        cs.withdraw_consent(consent, reason="", by=persona("attending"))
    cs.withdraw_consent(consent, reason="Patient changed their mind", by=persona("attending"))
    assert not cs.consent_signed(ready_request)
    assert cs.current_consent(ready_request) is None
