"""The declared access matrix, tested over the whole surface.

Every page route (walked from the URL resolver) and every API operation (walked from the
API's routers, the same operations the OpenAPI schema lists) must declare who may use it;
then each route is tried as every role and as an anonymous caller, with GET and with POST
(pages) or its own method (API):

- anonymous: a page sends them to the login page, the API answers 401;
- a role outside the declaration: 403;
- a role inside it: never 401 or 403 at the door (the ids are of rows that do not exist, so
  404 and 422 are expected), and never a server error.

405 is accepted everywhere: a route that does not take the method answers before the door.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from access_routes import Route, api_routes, page_routes
from irsuite.people.roles import StaffRole
from irsuite.people.tokens import issue_token

ROLES = [*StaffRole.values, None]  # None: nobody logged in


def test_every_page_declares_who_may_use_it():
    undeclared = [str(r) for r in page_routes() if r.access is None]
    assert undeclared == []


def test_every_api_operation_declares_who_may_use_it():
    undeclared = [str(r) for r in api_routes() if r.access is None]
    assert undeclared == []


def test_the_matrix_covers_every_route_and_role():
    routes = page_routes() + api_routes()
    assert len(routes) > 150
    assert len(ROLES) == 15


def _clients(persona, role: str | None) -> dict[str, Client]:
    """A browser session for the pages and a bearer token for the API, as `role`."""
    if role is None:
        return {"page": Client(), "api": Client()}
    user = persona(role)
    browser = Client()
    browser.force_login(user)
    token = issue_token(user, channel="test")
    return {"page": browser, "api": Client(headers={"Authorization": f"Bearer {token}"})}


def _send(client: Client, route: Route, method: str) -> int:
    url = route.url()
    if route.kind == "api":
        body = json.dumps({})
        return client.generic(method, url, body, content_type="application/json").status_code
    return client.generic(method, url).status_code


def _verdict(route: Route, role: str | None, user, method: str, status: int) -> str | None:
    """None when the answer fits the declaration, else what is wrong."""
    access = route.access
    assert access is not None
    if status >= 500:
        return f"{method} {route.url()} as {role}: server error {status}"
    if status == 405:
        return None
    if not access.login:
        return None
    if role is None:
        expected = {401} if route.kind == "api" else {302}
        return None if status in expected else f"{method} {route} anonymous: {status}"
    admitted = access.admits(user)
    if not admitted and status != 403:
        return f"{method} {route} as {role} (not declared): {status}, expected 403"
    if admitted and status in (401, 403):
        return f"{method} {route} as {role} (declared): refused with {status}"
    return None


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_every_route_answers_every_role_as_declared(role, persona, site, catalogue):
    user = persona(role) if role else None
    clients = _clients(persona, role)
    problems = []
    for route in page_routes() + api_routes():
        if route.access is None or route.name == "logout":  # logout would end the session
            continue
        for method in route.methods:
            status = _send(clients[route.kind], route, method)
            problem = _verdict(route, role, user, method, status)
            if problem:
                problems.append(problem)
    assert not problems, "\n".join(problems)
