"""Admin views of the day-of-procedure records: read-only, since only services write them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from irsuite.safety.clinical_models import ChecklistRecord, Consent, ProcedureReport, SedationRecord


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["id", "request", "status", "method", "signed_at"]
    list_filter = ["status", "method"]
    exclude = ["signature_png", "scan"]


@admin.register(ChecklistRecord)
class ChecklistAdmin(ReadOnlyAdmin):
    list_display = ["id", "request", "definition_version", "created_at"]


@admin.register(SedationRecord)
class SedationAdmin(ReadOnlyAdmin):
    list_display = ["id", "request", "kind", "discharged_at"]


@admin.register(ProcedureReport)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["id", "procedure", "status", "signed_at"]
    list_filter = ["status"]
