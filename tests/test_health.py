"""`/api/v1/health` answers ok only when the database answers and every migration is applied."""

from __future__ import annotations

import pytest
from django.db.migrations.executor import MigrationExecutor
from django.db.utils import OperationalError
from django.test import Client

from irsuite import api as api_module

pytestmark = pytest.mark.django_db


def test_health_is_ok_when_the_database_answers_and_is_migrated() -> None:
    response = Client().get("/api/v1/health")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


class _DeadConnection:
    def cursor(self) -> object:
        raise OperationalError("connection refused by 10.0.0.1")


def test_health_is_unavailable_when_the_database_does_not_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(api_module, "connection", _DeadConnection())
    response = Client().get("/api/v1/health")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "detail": "database unreachable"}


def test_health_is_unavailable_while_migrations_are_pending(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def pending(self: MigrationExecutor, targets: object) -> list[object]:
        return [("a migration", False)]

    monkeypatch.setattr(MigrationExecutor, "migration_plan", pending)
    response = Client().get("/api/v1/health")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "detail": "migrations not applied"}
