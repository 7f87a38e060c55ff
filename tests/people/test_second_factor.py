"""A TOTP second factor: offered to every user, required of the admin role in production."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.people.account.services import pending_device


def code_of(device: TOTPDevice) -> str:
    """The code the authenticator shows now (as an app on the user's phone would)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{value:0{device.digits}d}"


def logged_in(persona, role: str) -> Client:
    client = Client()
    client.post("/login/", {"username": role, "password": f"pw-{role}"})
    return client


@pytest.mark.django_db
def test_a_user_turns_on_an_authenticator_and_is_then_asked_for_its_code(persona):
    user = persona("attending")
    client = logged_in(persona, "attending")
    assert client.get("/account/").status_code == 200
    device = pending_device(user)
    response = client.post("/account/second-factor/", {"code": code_of(device)})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=user).confirmed
    assert AuditEvent.objects.filter(actor=user, summary="second factor on").exists()

    again = logged_in(persona, "attending")
    asked = again.get("/")
    assert asked.status_code == 302
    assert asked["Location"].startswith("/account/verify/")
    # Thirty seconds later (a code is accepted once): the authenticator shows the next one.
    TOTPDevice.objects.filter(pk=device.pk).update(t0=device.t0 - device.step)
    device.refresh_from_db()
    answered = again.post("/account/verify/", {"code": code_of(device)})
    assert answered.status_code == 302
    assert again.get("/").status_code == 200


@pytest.mark.django_db
def test_a_wrong_code_does_not_open_the_session(persona):
    user = persona("attending")
    device = pending_device(user)
    device.confirmed = True
    device.save()
    client = logged_in(persona, "attending")
    client.post("/account/verify/", {"code": "000000" if code_of(device) != "000000" else "111111"})
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_production_sends_an_administrator_without_a_second_factor_to_set_one_up(persona, settings):
    settings.MODE = "production"
    persona("admin")
    client = logged_in(persona, "admin")
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/")


@pytest.mark.django_db
def test_other_roles_may_work_without_a_second_factor_even_in_production(persona, settings):
    settings.MODE = "production"
    persona("nurse")
    assert logged_in(persona, "nurse").get("/").status_code == 200


@pytest.mark.django_db
def test_a_user_creates_a_token_sees_it_once_and_revokes_it(persona):
    user = persona("physicist")
    client = logged_in(persona, "physicist")
    client.post("/account/tokens/", {"label": "dose scripts", "days": "30"})
    page = client.get("/account/").content.decode()
    token = page.split("copy it now): <code>")[1].split("</code>")[0]
    assert token.startswith("irs_")
    assert token not in client.get("/account/").content.decode()
    assert (
        Client(headers={"Authorization": f"Bearer {token}"}).get("/api/v1/sites").status_code == 200
    )
    token_id = user.api_tokens.get().pk
    client.post(f"/account/tokens/{token_id}/revoke/")
    assert (
        Client(headers={"Authorization": f"Bearer {token}"}).get("/api/v1/sites").status_code == 401
    )
    assert AuditEvent.objects.filter(action=AuditAction.TOKEN, actor=user).count() == 2
