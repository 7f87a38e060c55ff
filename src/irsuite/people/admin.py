"""Admin pages of sites, rooms, staff and API tokens: every change is audited, before and after.

What a login may do here follows from its role (people.backends): the administrator configures
sites, rooms and staff (a change of role is a change like any other, with before and after in
the audit log) and revokes tokens; nobody edits a token's secret.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from irsuite.audit.models import AuditAction
from irsuite.audit.services import changed, record, snapshot
from irsuite.people.models import ApiToken, Room, Site, Staff


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Saves and deletions made in the admin go to irsuite's audit log too."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            after = snapshot(obj)
            record(
                request.user,
                AuditAction.CHANGE if change else AuditAction.CREATE,
                obj,
                before=before,
                after=changed(before, after) if before is not None else after,
                summary=f"{obj._meta.verbose_name} {'changed' if change else 'added'} in the admin",
                channel="admin",
            )

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        with transaction.atomic():
            record(
                request.user,
                AuditAction.DELETE,
                obj,
                before=snapshot(obj),
                summary=f"{obj._meta.verbose_name} deleted in the admin",
                channel="admin",
            )
            super().delete_model(request, obj)


@admin.register(Site)
class SiteAdmin(AuditedAdmin):
    list_display = ("code", "name")


@admin.register(Room)
class RoomAdmin(AuditedAdmin):
    list_display = ("name", "site", "suite_type", "ae_title", "active")
    list_filter = ("site", "suite_type", "active")


@admin.register(Staff)
class StaffAdmin(AuditedAdmin):
    list_display = ("family_name", "given_name", "role", "site", "fte", "active")
    list_filter = ("role", "site", "active")
    search_fields = ("family_name", "given_name")


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = ("prefix", "user", "label", "created_at", "expires_at", "revoked")
    readonly_fields = ("prefix", "digest", "user", "created_at", "last_used_at")
