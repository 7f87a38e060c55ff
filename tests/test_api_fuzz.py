"""Schemathesis over the OpenAPI schema: no generated request, valid or not, ends in a 5xx or in
a body the schema does not describe (as an attending and as an administrator, with a signed case
on record so that small ids hit real rows).

Each operation gets a bounded number of examples from a fixed seed (derandomized), so every run
and every xdist worker sends the same requests; each example runs in a savepoint that is rolled
back, so one request never changes what the next one meets."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from irsuite.people.tokens import issue_token
from irsuite.wsgi import application

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 20
CHECKS = [not_a_server_error, response_schema_conformance]
# The readiness check takes no input; its 503 depends on the database and the migrations on
# disk (tests/test_health.py tries both), not on anything a caller sends.
NOT_FUZZED = {"/api/v1/health"}

FUZZ = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    report_multiple_bugs=False,
)


@pytest.fixture
def api_schema(db) -> Iterator[schemathesis.BaseSchema]:  # type: ignore[no-untyped-def]
    """The live schema, called in-process through the WSGI application inside the test's
    transaction (Django closes connections around each request unless told not to, as its own
    test client does)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _failures(operation, headers: dict[str, str]) -> str | None:  # type: ignore[no-untyped-def]
    """What went wrong with the first failing example of one operation, or None."""

    @given(case=operation.as_strategy())
    @FUZZ
    def each(case) -> None:  # type: ignore[no-untyped-def]
        with transaction.atomic():
            try:
                case.call_and_validate(headers=headers, checks=CHECKS)
            finally:
                transaction.set_rollback(True)

    try:
        each()
    except Exception as exc:  # a check's failure, or the server's exception itself
        return f"{operation.method.upper()} {operation.path}: {type(exc).__name__}: {exc}"
    return None


def _fuzz(api_schema, headers: dict[str, str]) -> list[str]:  # type: ignore[no-untyped-def]
    found = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        if operation.path in NOT_FUZZED:
            continue
        failure = _failures(operation, headers)
        if failure:
            found.append(failure)
    return found


def _bearer(user: object) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(user)}"}


def test_no_request_from_an_attending_ends_in_a_server_error_or_an_undescribed_body(
    api_schema, persona: Callable[..., object], signed_procedure
) -> None:  # type: ignore[no-untyped-def]
    found = _fuzz(api_schema, _bearer(persona("attending")))
    assert not found, "\n\n".join(found)


def test_no_request_from_an_administrator_ends_in_a_server_error_or_an_undescribed_body(
    api_schema, persona: Callable[..., object], signed_procedure
) -> None:  # type: ignore[no-untyped-def]
    found = _fuzz(api_schema, _bearer(persona("admin")))
    assert not found, "\n\n".join(found)
