"""Django's permission API answered from irsuite's roles, so the admin obeys them too.

Django's own per-user and per-group permissions are not used: what a login may do in the admin
follows from its staff role's capabilities, like every page and API route. The admin is for
configuration (sites, rooms, staff, schedules, reference settings) and for reading the audit
log; no role reads or edits charts there, since chart reads and writes go through services that
check scope and audit them. Only a break-glass account created on the command line
(`irsuite breakglass`) is a superuser.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from irsuite.people.access import capabilities
from irsuite.people.roles import Capability

_CONFIGURE = ("view", "add", "change")

# capability -> the Django permissions ("app_label.action_model") it grants in the admin.
ADMIN_PERMISSIONS: dict[Capability, frozenset[str]] = {
    Capability.ADMINISTER: frozenset(
        [f"people.{action}_{model}" for model in ("site", "room", "staff") for action in _CONFIGURE]
        + ["people.view_apitoken", "people.change_apitoken"]
        + [
            f"scheduling.{action}_{model}"
            for model in (
                "roomcapability",
                "openinghours",
                "recurringblock",
                "anaesthesiasession",
                "operatorsession",
                "calltype",
            )
            for action in (*_CONFIGURE, "delete")
        ]
        + ["cases.view_catalogueentry", "cases.view_catalogueversion"]
    ),
    Capability.VIEW_AUDIT: frozenset({"audit.view_auditevent"}),
}


def permissions_of(user: Any) -> frozenset[str]:
    """The Django permissions a login holds through its role."""
    held: set[str] = set()
    for capability in capabilities(user):
        held |= ADMIN_PERMISSIONS.get(capability, frozenset())
    return frozenset(held)


class RoleBackend(ModelBackend):
    """Password login as usual; permissions from the role, never from groups or user flags."""

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not getattr(user_obj, "is_active", False) or obj is not None:
            return set()
        return set(permissions_of(user_obj))

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return any(p.startswith(f"{app_label}.") for p in self.get_all_permissions(user_obj))
