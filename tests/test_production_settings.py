"""Production mode refuses unsafe settings instead of warning about them."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from irsuite.config import production_problems

GOOD_KEY = secrets.token_urlsafe(50)
GOOD = {
    "debug": False,
    "secret_key": GOOD_KEY,
    "allowed_hosts": ["ir.example.org"],
    "secure_cookies": True,
}


def run_irsuite(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("IRSUITE_", "DATABASE"))}
    clean.update(
        IRSUITE_MODE="production",
        IRSUITE_DATA_DIR=str(tmp_path),
        IRSUITE_SECRET_KEY=GOOD_KEY,
        IRSUITE_RESEARCH_KEY=GOOD_KEY,
        IRSUITE_ALLOWED_HOSTS="ir.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-m", "irsuite", *args],
        capture_output=True,
        text=True,
        env=clean,
        timeout=120,
    )


def test_a_correct_production_configuration_has_no_problem():
    assert production_problems(**GOOD) == []


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"debug": True}, "IRSUITE_DEBUG"),
        ({"secret_key": "changeme"}, "IRSUITE_SECRET_KEY"),
        ({"secret_key": "x" * 49}, "IRSUITE_SECRET_KEY"),
        ({"allowed_hosts": ["*"]}, "IRSUITE_ALLOWED_HOSTS"),
        ({"allowed_hosts": []}, "IRSUITE_ALLOWED_HOSTS"),
        ({"secure_cookies": False}, "IRSUITE_SECURE_COOKIES"),
    ],
)
def test_each_unsafe_setting_is_named(change, named):
    problems = production_problems(**{**GOOD, **change})
    assert len(problems) == 1
    assert named in problems[0]


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"IRSUITE_DEBUG": "1"}, "IRSUITE_DEBUG"),
        ({"IRSUITE_SECRET_KEY": "changeme"}, "IRSUITE_SECRET_KEY"),
        ({"IRSUITE_ALLOWED_HOSTS": "*"}, "IRSUITE_ALLOWED_HOSTS"),
        ({"IRSUITE_SECURE_COOKIES": "0"}, "IRSUITE_SECURE_COOKIES"),
    ],
)
def test_production_refuses_to_start_with_an_unsafe_setting(tmp_path, env, named):
    result = run_irsuite(tmp_path, "check", **env)
    assert result.returncode != 0
    assert "refuses to start in production mode" in result.stderr
    assert named in result.stderr


def test_the_deploy_check_passes_in_a_correct_production_configuration(tmp_path):
    result = run_irsuite(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    # the only message is the information about unverified reference values (irsuite.I001)
    output = result.stdout + result.stderr
    assert "identified 1 issue" in output
    assert "(irsuite.I001) Clinical reference values not yet verified" in output


def test_production_turns_on_hsts_and_https_redirect_and_trusts_no_proxy_by_default(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = run_irsuite_code(tmp_path, code)
    assert result.stdout.split() == ["31536000", "True", "True", "True", "None"]
    named = run_irsuite_code(tmp_path, code, IRSUITE_BEHIND_TLS_PROXY="HTTP_X_FORWARDED_PROTO")
    assert named.stdout.strip().endswith("('HTTP_X_FORWARDED_PROTO', 'https')")


def run_irsuite_code(tmp_path: Path, code: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("IRSUITE_", "DATABASE"))}
    clean.update(
        IRSUITE_MODE="production",
        IRSUITE_DATA_DIR=str(tmp_path),
        IRSUITE_SECRET_KEY=GOOD_KEY,
        IRSUITE_RESEARCH_KEY=GOOD_KEY,
        IRSUITE_ALLOWED_HOSTS="ir.example.org",
        DJANGO_SETTINGS_MODULE="irsuite.settings",
        **env,
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=clean, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result


def test_the_demo_refuses_production_mode(tmp_path):
    result = run_irsuite(tmp_path, "demo", "--no-serve", "--procedures", "1")
    assert result.returncode != 0
    assert "never runs in production mode" in result.stderr
