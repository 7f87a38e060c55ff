"""The command line: users, tokens, reference data, and the demo department."""

from __future__ import annotations

import io
import sys

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from irsuite.cases.models import Procedure, ProcedureStatus, Request, RequestStatus
from irsuite.cases.reference import check_reference
from irsuite.demo.builder import DemoAlreadyBuilt, build_demo
from irsuite.demo.context import DemoContext
from irsuite.people.models import ApiToken, Room, Site, Staff
from irsuite.people.roles import StaffRole
from irsuite.people.tokens import user_for_token
from irsuite.reference.loader import read_catalogue
from irsuite.web.management.commands.serve import gunicorn_argv

pytestmark = pytest.mark.django_db


def run(*args: str, stdin: str = "") -> str:
    out = io.StringIO()
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        call_command(*args, stdout=out)
    finally:
        sys.stdin = old
    return out.getvalue()


def test_createuser_links_a_login_to_a_staff_role():
    output = run(
        "createuser",
        "dr.lee",
        "--role",
        "attending",
        "--password-stdin",
        stdin="a-long-enough-password\n",
    )
    assert "Created dr.lee" in output
    staff = Staff.objects.get(user__username="dr.lee")
    assert staff.role == StaffRole.ATTENDING


def test_createuser_refuses_a_weak_password_and_an_unknown_role():
    with pytest.raises(CommandError, match="Password refused"):
        run("createuser", "weak", "--role", "nurse", "--password-stdin", stdin="123\n")
    with pytest.raises(CommandError):
        run("createuser", "x", "--role", "wizard", "--password-stdin", stdin="pw\n")


def test_token_prints_a_token_once_and_stores_only_its_digest():
    User.objects.create_user("tech")
    token = run("token", "tech").strip()
    assert token.startswith("irs_")
    stored = ApiToken.objects.get()
    assert token not in (stored.digest, stored.prefix) and stored.digest != token
    assert user_for_token(token) == User.objects.get(username="tech")


def test_load_reference_is_idempotent():
    catalogue, _ = read_catalogue()
    count, version = len(catalogue.entries), catalogue.version
    first = run("load-reference").splitlines()
    second = run("load-reference").splitlines()
    assert first[0] == f"catalogue {version}: {count} new, 0 updated, 0 unchanged, 0 withdrawn"
    assert second[0] == f"catalogue {version}: 0 new, 0 updated, {count} unchanged, 0 withdrawn"
    assert first[1] == f"case_plausibility.toml: {check_reference()}"
    assert first[1:] == second[1:]  # the other reference files are checked, not stored


def test_serve_uses_gunicorn_not_the_development_server():
    argv = gunicorn_argv("127.0.0.1", 8123, 2)
    assert argv[:2] == ["gunicorn", "irsuite.wsgi:application"]
    assert "127.0.0.1:8123" in argv


def _small_demo(seed: int) -> DemoContext:
    ctx = DemoContext(
        seed=seed, procedures=120, now=timezone.now(), quick=True, show_progress=False
    )
    return build_demo(ctx, say=lambda _: None, areas=False)


def test_the_demo_builds_a_department_with_every_role_and_signed_cases():
    _small_demo(3)
    assert Site.objects.count() == 2 and Room.objects.count() == 5
    assert set(Staff.objects.values_list("role", flat=True)) == set(StaffRole.values)
    assert Procedure.objects.filter(status=ProcedureStatus.SIGNED).count() >= 120
    assert Request.objects.filter(status=RequestStatus.VETTED).count() == 30
    today = timezone.localdate()
    assert Request.objects.filter(scheduled_start__date=today).count() >= 20
    assert all(p.synthetic for p in Request.objects.first().patient.__class__.objects.all())
    assert User.objects.filter(username="attending").exists()


def test_the_demo_is_deterministic_for_a_seed():
    built = []
    for _ in range(2):
        with transaction.atomic():
            _small_demo(5)
            built.append(
                list(
                    Request.objects.order_by("pk").values_list(
                        "catalogue_entry__code", "priority", "status"
                    )
                )
            )
            transaction.set_rollback(True)  # back to an empty department for the second build
    assert built[0] == built[1] and len(built[0]) > 120


def test_the_demo_never_overwrites_a_department():
    _small_demo(1)
    with pytest.raises(DemoAlreadyBuilt, match="already holds a department"):
        _small_demo(1)
