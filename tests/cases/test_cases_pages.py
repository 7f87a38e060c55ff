"""Every case page: anonymous users go to login, roles without the right get 403."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from irsuite.people.roles import Capability as C
from irsuite.people.roles import StaffRole, capabilities_of

pytestmark = pytest.mark.django_db

# (url name, kwargs builder, capabilities any of which opens the page)
PAGES = [
    ("cases:worklist", lambda f: {}, (C.VIEW_WORKLIST,)),
    ("cases:requests", lambda f: {}, (C.VIEW_WORKLIST, C.VIEW_OWN_REQUESTS)),
    ("cases:request_new", lambda f: {}, (C.CREATE_REQUEST,)),
    ("cases:catalogue", lambda f: {}, (C.VIEW_CATALOGUE,)),
    ("cases:catalogue_entry", lambda f: {"code": "PCN"}, (C.VIEW_CATALOGUE,)),
    # A referrer reads the procedure of their own request (the fixture's referrer made it).
    ("cases:procedure", lambda f: {"pk": f.pk}, (C.VIEW_WORKLIST, C.VIEW_OWN_REQUESTS)),
]


def allowed(role: str, needed: tuple[C, ...]) -> bool:
    return bool(set(needed) & capabilities_of(role))


@pytest.mark.parametrize("name,kwargs,needed", PAGES, ids=[p[0] for p in PAGES])
def test_anonymous_users_are_sent_to_login(name, kwargs, needed, signed_procedure):
    response = Client().get(reverse(name, kwargs=kwargs(signed_procedure)))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize("role", StaffRole.values)
@pytest.mark.parametrize("name,kwargs,needed", PAGES, ids=[p[0] for p in PAGES])
def test_each_role_gets_the_page_or_403(name, kwargs, needed, role, client_as, signed_procedure):
    response = client_as(role).get(reverse(name, kwargs=kwargs(signed_procedure)))
    assert response.status_code == (200 if allowed(role, needed) else 403), role
