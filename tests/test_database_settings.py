"""PostgreSQL connections allow prepared statements unless IRSUITE_DB_PREPARED_STATEMENTS is
false (for a pooler that cannot carry them); SQLite keeps its own options."""

from __future__ import annotations

import pytest

from irsuite import settings

PG = "postgres://irsuite@db.example.org/irsuite"


def test_postgresql_prepares_the_hot_statements_by_default(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", PG)
    monkeypatch.delenv("IRSUITE_DB_PREPARED_STATEMENTS", raising=False)
    assert settings._database()["OPTIONS"] == {"prepare_threshold": 5}


@pytest.mark.parametrize("off", ["false", "0", "no"])
def test_postgresql_behind_a_pooler_prepares_nothing(monkeypatch, off):
    monkeypatch.setenv("DATABASE_URL", PG)
    monkeypatch.setenv("IRSUITE_DB_PREPARED_STATEMENTS", off)
    assert "prepare_threshold" not in settings._database().get("OPTIONS", {})


def test_sqlite_is_not_given_a_prepare_threshold(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/irsuite-settings-test.sqlite3")
    options = settings._database()["OPTIONS"]
    assert "prepare_threshold" not in options and options["transaction_mode"] == "IMMEDIATE"
