"""Accounts: the doors are audited, wrong passwords lock an account, tokens expire and revoke,
the admin role obeys its capabilities, and only a break-glass account is a superuser."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from irsuite.audit.models import AuditAction, AuditEvent
from irsuite.errors import NotFound, ValidationFailed
from irsuite.people.backends import RoleBackend
from irsuite.people.models import ApiToken
from irsuite.people.tokens import issue_token, revoke_token, tokens_of, user_for_token


def login(client: Client, username: str, password: str) -> int:
    return client.post("/login/", {"username": username, "password": password}).status_code


@pytest.mark.django_db
def test_a_login_and_a_logout_are_audited(persona):
    user = persona("nurse")
    client = Client()
    assert login(client, "nurse", "pw-nurse") == 302
    client.post("/logout/")
    actions = list(
        AuditEvent.objects.filter(actor=user).order_by("id").values_list("action", flat=True)
    )
    assert actions[-2:] == [AuditAction.LOGIN, AuditAction.LOGOUT]


@pytest.mark.django_db
def test_a_failed_login_is_audited_without_the_password(persona):
    persona("nurse")
    assert login(Client(), "nurse", "wrong-password") == 200
    failed = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert failed.object_id == "nurse"
    assert "wrong-password" not in str(failed.before) + str(failed.after) + failed.summary


@pytest.mark.django_db
def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_one(persona, settings):
    persona("nurse")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "nurse", "wrong-password")
    assert login(client, "nurse", "pw-nurse") == 429
    assert AuditEvent.objects.filter(action=AuditAction.LOCKOUT, object_id="nurse").exists()
    assert not AuditEvent.objects.filter(action=AuditAction.LOGIN).exists()


@pytest.mark.django_db
def test_a_token_stops_working_when_it_expires(persona):
    user = persona("attending")
    token = issue_token(user, days=1)
    assert user_for_token(token) == user
    ApiToken.objects.filter(user=user).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert user_for_token(token) is None


@pytest.mark.django_db
def test_a_token_lives_at_most_a_year(persona):
    with pytest.raises(ValidationFailed, match="1 to 365 days"):
        issue_token(persona("attending"), days=366)


@pytest.mark.django_db
def test_the_owner_revokes_their_token_and_it_is_audited(persona):
    user = persona("attending")
    token = issue_token(user)
    revoke_token(tokens_of(user)[0], by=user)
    assert user_for_token(token) is None
    assert AuditEvent.objects.filter(
        action=AuditAction.TOKEN, summary__endswith="revoked", after={"revoked": True}
    ).exists()


@pytest.mark.django_db
def test_an_administrator_revokes_anyones_token_and_a_colleague_cannot(persona):
    owner = persona("attending")
    issue_token(owner)
    with pytest.raises(NotFound):
        revoke_token(tokens_of(owner)[0], by=persona("fellow"))
    revoke_token(tokens_of(owner)[0], by=persona("admin"))
    assert tokens_of(owner)[0].revoked


@pytest.mark.django_db
def test_the_admin_role_configures_staff_but_reads_no_chart(persona):
    admin = persona("admin")
    backend = RoleBackend()
    assert backend.has_perm(admin, "people.change_staff")
    assert backend.has_perm(admin, "audit.view_auditevent")
    for chart in ("patients.view_patient", "cases.view_request", "safety.view_consent"):
        assert not backend.has_perm(admin, chart)
    assert not admin.is_superuser


@pytest.mark.django_db
def test_only_roles_with_capabilities_reach_the_admin(persona):
    backend = RoleBackend()
    assert backend.has_module_perms(persona("admin"), "people")
    assert not backend.has_module_perms(persona("attending"), "people")
    assert not backend.has_module_perms(persona("referrer"), "patients")


@pytest.mark.django_db
def test_createuser_makes_an_admin_who_is_not_a_superuser(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-enough-Passw0rd\n"))
    call_command(
        "createuser", "chief-admin", "--role", "admin", "--password-stdin", stdout=io.StringIO()
    )
    user = User.objects.get(username="chief-admin")
    assert user.is_staff
    assert not user.is_superuser


@pytest.mark.django_db
def test_break_glass_needs_a_reason_and_is_audited(monkeypatch):
    with pytest.raises(CommandError, match="Say why"):
        call_command("breakglass", "emergency", stdout=io.StringIO())
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-enough-Passw0rd\n"))
    call_command(
        "breakglass",
        "emergency",
        "--reason",
        "all administrators locked out",
        "--password-stdin",
        stdout=io.StringIO(),
    )
    assert User.objects.get(username="emergency").is_superuser
    event = AuditEvent.objects.get(action=AuditAction.OVERRIDE, summary__contains="created")
    assert event.reason == "all administrators locked out"
    call_command("breakglass", "emergency", "--revoke", stdout=io.StringIO())
    revoked = User.objects.get(username="emergency")
    assert not revoked.is_superuser
    assert not revoked.is_active


@pytest.mark.django_db
def test_an_idle_session_is_closed_and_the_logout_audited(persona, settings):
    import time

    from irsuite.people.middleware import LAST_SEEN

    user = persona("nurse")
    client = Client()
    client.force_login(user)
    assert client.get("/").status_code == 200
    session = client.session
    session[LAST_SEEN] = time.time() - settings.IDLE_TIMEOUT_SECONDS - 5
    session.save()
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert client.get("/").status_code == 302  # still logged out
    assert AuditEvent.objects.filter(actor=user, action=AuditAction.LOGOUT).exists()


@pytest.mark.django_db
def test_an_active_session_stays_open(persona):
    client = Client()
    client.force_login(persona("nurse"))
    for _ in range(3):
        assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_a_role_changed_in_the_admin_is_audited_with_before_and_after(persona):
    referrer = persona("referrer", name="promoted").staff
    administrator = persona("admin")
    administrator.is_staff = True  # as `irsuite createuser --role admin` makes it
    administrator.save()
    client = Client()
    client.force_login(administrator)
    url = f"/admin/people/staff/{referrer.pk}/change/"
    form = {
        "given_name": referrer.given_name,
        "family_name": referrer.family_name,
        "role": "attending",
        "site": referrer.site_id,
        "fte": "1.00",
        "active": "on",
        "user": referrer.user_id,
    }
    response = client.post(url, form)
    assert response.status_code == 302
    assert response["Location"] == "/admin/people/staff/"
    event = AuditEvent.objects.get(channel="admin", object_id=str(referrer.pk))
    assert event.before["role"] == "referrer"
    assert event.after["role"] == "attending"
    assert "user_id" not in event.after  # only what changed


@pytest.mark.django_db
def test_the_admin_cannot_open_dose_letters_or_charts(persona, client_as):
    admin = client_as("admin")
    assert admin.get("/dose/alerts/").status_code == 403
    assert admin.get("/admin/patients/patient/").status_code in (302, 403)


@pytest.mark.django_db
def test_an_api_call_looks_its_token_up_once(persona, monkeypatch):
    from irsuite import apiutil

    token = issue_token(persona("attending"))
    calls = []
    real = apiutil.user_for_token
    monkeypatch.setattr(apiutil, "user_for_token", lambda t: calls.append(t) or real(t))
    client = Client(headers={"Authorization": f"Bearer {token}"})
    assert client.get("/api/v1/sites").status_code == 200
    assert calls == [token]
    referrer = Client(headers={"Authorization": f"Bearer {issue_token(persona('referrer'))}"})
    refused = referrer.post("/api/v1/patients", "{}", content_type="application/json")
    assert refused.status_code == 403  # the door still refuses before the body is read
