"""Admin pages for on-call call types and roster periods."""

from __future__ import annotations

from django.contrib import admin

from irsuite.scheduling.roster.models import CallType, RosterPeriod


@admin.register(CallType)
class CallTypeAdmin(admin.ModelAdmin[CallType]):
    list_display = ("name", "days", "needs", "night", "site", "kind", "starts", "ends", "active")
    list_filter = ("days", "kind", "night", "active", "site")


@admin.register(RosterPeriod)
class RosterPeriodAdmin(admin.ModelAdmin[RosterPeriod]):
    list_display = ("start", "end", "status", "published_at")
    list_filter = ("status",)
    readonly_fields = ("result", "created_by", "created_at", "published_at")
