"""An outsider learns nothing: every route that takes an id, tried with the ids of a real case.

The case belongs to one referrer's patient. Every page and API route with an id in its path
(create routes included) is called, GET and POST (pages) or with its own method (API), by
users outside the case: another referrer, and a researcher. Each answer must be a refusal
(403, or 404 exactly as for an id that does not exist; 405 where the method does not apply)
and must not contain the patient's name, MRN or the case's accession number.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from access_routes import Route, api_routes, case_ids, page_routes
from irsuite.people.tokens import issue_token

REFUSED = {403, 404, 405}


def id_routes() -> list[Route]:
    """Routes with an id in their path (codes of reference data, like the catalogue's, are
    public to every logged-in role and not ids of anyone's records)."""
    return [
        r
        for r in page_routes() + api_routes()
        if r.access and r.access.login and set(r.params) - {"code", "site", "kind", "day"}
    ]


def _call(client: Client, route: Route, method: str, case) -> tuple[int, str]:
    return _send(client, route, method, case, route.url(case_ids(route, case)))


def _send(client: Client, route: Route, method: str, case, url: str) -> tuple[int, str]:
    if route.kind == "api":
        body = json.dumps({"patient_id": case.request.patient_id})
        response = client.generic(method, url, body, content_type="application/json")
    else:
        response = client.generic(method, url)
    content = b"" if getattr(response, "streaming", False) else response.content
    return response.status_code, content.decode(errors="replace")


def test_every_id_taking_route_is_tried():
    routes = id_routes()
    assert len(routes) > 60
    assert any(r.kind == "api" for r in routes) and any(r.kind == "page" for r in routes)


@pytest.mark.django_db
@pytest.mark.parametrize("outsider", ["referrer", "researcher"])
def test_an_outsider_gets_a_refusal_and_learns_nothing(outsider, signed_procedure, persona):
    case = signed_procedure
    secrets = [
        case.request.patient.family_name,
        case.request.patient.identifiers.get().value,
        case.request.accession_number,
    ]
    user = persona(outsider, name=f"outside-{outsider}")
    browser = Client()
    browser.force_login(user)
    clients = {
        "page": browser,
        "api": Client(headers={"Authorization": f"Bearer {issue_token(user)}"}),
    }
    problems = []
    for route in id_routes():
        for method in route.methods:
            status, body = _call(clients[route.kind], route, method, case)
            if status not in REFUSED:
                # Acceptable only when it is exactly the answer for ids that do not exist.
                missing = _send(clients[route.kind], route, method, case, route.url())
                if (status, body) != missing:
                    problems.append(f"{method} {route} as {outsider}: {status} vs {missing[0]}")
            problems += [f"{method} {route} shows {s!r}" for s in secrets if s in body]
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_the_ids_reach_the_case_for_someone_inside_it(signed_procedure, client_as):
    own = client_as("referrer").get(f"/cases/requests/{signed_procedure.request_id}/")
    assert own.status_code == 200
    assert signed_procedure.request.accession_number in own.content.decode()
