"""Unverified clinical reference values are listed at start-up (an INFO system check, one line
per file) and, in production, on the administrator's home page."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core import checks
from django.core.management import call_command

from irsuite.reference.checks import CHECK_ID, check_unverified_reference, unverified_reference


def test_the_start_up_checks_list_unverified_values_per_file() -> None:
    [message] = [m for m in checks.run_checks() if m.id == CHECK_ID]
    assert message.level == checks.INFO
    for item in unverified_reference():
        total = item.unverified + item.verified
        assert f"{item.file} {item.unverified}/{total}" in message.msg


def test_the_counts_are_the_files_verified_flags(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(
        "[[rule]]\nverified = false\n[[rule]]\nverified = true\n[[rule]]\nmajor_verified = false\n"
    )
    (tmp_path / "b.toml").write_text("[x]\nverified = true\n")
    found = unverified_reference(tmp_path)
    assert [(f.file, f.unverified, f.verified) for f in found] == [("a.toml", 2, 1)]


def test_unverified_values_inform_without_failing_the_warning_level() -> None:
    assert all(m.level < checks.WARNING for m in check_unverified_reference())
    call_command("check", fail_level="WARNING", tags=["irsuite"])  # raises if it failed


@pytest.mark.django_db
def test_production_shows_the_unverified_counts_on_the_admins_home_page(
    client_as, settings, monkeypatch
) -> None:
    settings.MODE = "production"
    monkeypatch.setattr(
        "irsuite.people.account.services.second_factor_required", lambda user: False
    )
    page = client_as("admin").get("/").content.decode()
    assert "Reference values not yet verified" in page
    assert "catalogue.toml" in page


@pytest.mark.django_db
def test_the_counts_are_not_shown_outside_production_or_to_other_roles(client_as, settings) -> None:
    settings.MODE = "dev"
    assert b"Reference values not yet verified" not in client_as("admin").get("/").content
    settings.MODE = "production"
    assert b"Reference values not yet verified" not in client_as("attending").get("/").content
