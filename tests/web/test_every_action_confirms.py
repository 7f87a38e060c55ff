"""A confirmation after every action, generated over the whole surface.

Every page view reachable from the URL resolver whose code takes a POST and answers it with a
redirect must say, on the next page, that the action was done: it queues a success or
information message itself, or through a helper of its module that does (`attempt`, `submit`
and `run_service` count when given the message). A few views confirm in another way; they are
listed with the reason. Then the most common actions are performed through the test client and
their message read on the page that follows.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import re
import sys
import textwrap
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from access_routes import page_routes
from irsuite.cases.models import TechnicalSuccess
from irsuite.cases.requests import services as requests
from irsuite.scheduling.booking.calendar import local

# Views that redirect after a POST without a message, and why that is right.
CONFIRMED_OTHERWISE = {
    "login": "the home page that opens is the confirmation of a login",
    "logout": "the login page that opens is the confirmation of a logout",
    "verify": "the second step of a login: the page asked for opens",
    "create_token": "the account page shows the new token once, in a success box",
    "notice_read": "reading a notice opens what it is about; marking it read is a side effect",
}

MESSAGE_CALLS = {"messages.success", "messages.info", "messages.add_message"}
# Helpers that queue a success message when given one: name -> (keyword, position).
CONFIRMING_HELPERS = {
    "attempt": ("success", 2),
    "submit": ("success", None),
    "run_service": ("ok", 2),
}
REDIRECTS = ("redirect(", "HttpResponseRedirect", "HX-Redirect")


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return f"{func.value.id}.{func.attr}"
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _calls(tree: ast.AST) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def _gives_a_message(call: ast.Call) -> bool:
    name = _call_name(call)
    if name in MESSAGE_CALLS:
        return True
    helper = CONFIRMING_HELPERS.get(name.rsplit(".", 1)[-1])
    if helper is None:
        return False
    keyword, position = helper
    given = [k.value for k in call.keywords if k.arg == keyword]
    if position is not None and len(call.args) > position:
        given.append(call.args[position])
    return any(not (isinstance(v, ast.Constant) and not v.value) for v in given)


def _module_helpers(func: Callable[..., Any], tree: ast.AST) -> list[Callable[..., Any]]:
    """Functions of the view's own module that the view calls or hands on (one level)."""
    module = sys.modules[func.__module__]
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    found = (getattr(module, name, None) for name in sorted(names))
    return [
        f
        for f in found
        if inspect.isfunction(f) and f.__module__ == func.__module__ and f is not func
    ]


def _code_of(view: Callable[..., Any]) -> list[Any]:
    """The view's code: a function, or every class of a class-based view."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return [k for k in view_class.__mro__ if k is not object]
    return [inspect.unwrap(view)]


def _parts(view: Callable[..., Any]) -> list[tuple[str, ast.AST]]:
    parts = []
    for code in _code_of(view):
        source = textwrap.dedent(inspect.getsource(code))
        tree = ast.parse(source)
        parts.append((source, tree))
        if inspect.isfunction(code):
            for helper in _module_helpers(code, tree):
                helper_source = textwrap.dedent(inspect.getsource(helper))
                parts.append((helper_source, ast.parse(helper_source)))
    return parts


def actions() -> dict[str, bool]:
    """Each view that takes a POST and redirects on success, by route name: does it confirm?"""
    found: dict[str, bool] = {}
    seen: set[object] = set()
    for route in page_routes():
        key = getattr(route.view, "view_class", None) or inspect.unwrap(route.view)
        if key in seen:
            continue
        seen.add(key)
        parts = _parts(route.view)
        source = "\n".join(text for text, _ in parts)
        if "POST" not in source and not hasattr(key, "post"):
            continue
        if not any(marker in source for marker in REDIRECTS):
            continue
        found[route.name] = any(_gives_a_message(c) for _, tree in parts for c in _calls(tree))
    return found


def test_every_action_that_redirects_says_it_was_done():
    found = actions()
    assert len(found) > 40, "the walk finds the page actions"
    silent = sorted(name for name, confirms in found.items() if not confirms)
    assert [name for name in silent if name not in CONFIRMED_OTHERWISE] == []


def test_every_view_allowed_to_stay_silent_is_a_real_silent_action():
    found = actions()
    assert {name: found.get(name) for name in CONFIRMED_OTHERWISE} == dict.fromkeys(
        CONFIRMED_OTHERWISE, False
    )


def shown(response) -> str:
    """The messages box of the page a redirect led to."""
    assert response.redirect_chain, "the action redirected"
    box = re.search(r'<div class="messages"[^>]*>(.*?)</div>', response.content.decode(), re.S)
    assert box, "the next page shows a message"
    return re.sub(r"<[^>]+>", " ", box.group(1))


@pytest.mark.django_db
def test_booking_a_case_says_where_and_when_on_the_calendar(client_as, vetted_request, room):
    start = local(timezone.localdate() + dt.timedelta(days=1), 10)
    response = client_as("scheduler").post(
        reverse("scheduling:book", args=[room.site.code]),
        {"request": vetted_request.pk, "room": room.pk, "start": f"{start:%Y-%m-%dT%H:%M}"},
        follow=True,
    )
    text = shown(response)
    assert "Booked:" in text and room.name in text and "10:00" in text


@pytest.mark.django_db
def test_vetting_a_request_says_it_was_recorded(client_as, new_request):
    response = client_as("attending").post(
        reverse("cases:request_vet", args=[new_request.pk]),
        {"decision": "accept", "note": "Agree"},
        follow=True,
    )
    assert "Vetting recorded." in shown(response)


@pytest.mark.django_db
def test_signing_a_procedure_says_it_is_signed_and_locked(client_as, open_procedure, persona):
    now = timezone.now()
    requests.update_procedure(
        open_procedure,
        by=persona("attending"),
        version=open_procedure.version,
        fields={
            "in_room_at": now - dt.timedelta(hours=2),
            "start_at": now - dt.timedelta(hours=1, minutes=50),
            "end_at": now - dt.timedelta(hours=1),
            "out_at": now - dt.timedelta(minutes=50),
            "technical_success": TechnicalSuccess.SUCCESS,
            "disposition": "ward",
        },
    )
    response = client_as("attending").post(
        reverse("cases:procedure_sign", args=[open_procedure.pk]), follow=True
    )
    assert "Procedure signed and locked." in shown(response)


@pytest.mark.django_db
def test_charting_a_drug_says_what_was_given_and_when(client_as, ready_request):
    nurse = client_as("nurse")
    started = f"{timezone.localtime() - dt.timedelta(minutes=30):%H:%M}"
    nurse.post(
        reverse("safety:sedation_start", args=[ready_request.pk]),
        {"kind": "moderate", "baseline_systolic": "140", "started_at": started},
    )
    response = nurse.post(
        reverse("safety:sedation_drug", args=[ready_request.pk]),
        {"drug": "midazolam", "dose": "1", "unit": "mg", "route": "IV"},
        follow=True,
    )
    assert "Midazolam 1 mg intravenous recorded at" in shown(response)


@pytest.mark.django_db
def test_preparing_a_consent_says_what_to_do_next(client_as, vetted_request):
    response = client_as("nurse").post(
        reverse("safety:consent_start", args=[vetted_request.pk]), follow=True
    )
    assert "Consent form prepared: check the text, then sign it." in shown(response)
