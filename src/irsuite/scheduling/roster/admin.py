"""Admin pages for on-call settings (imported by the scheduling admin module)."""

from __future__ import annotations

from django.contrib import admin

from irsuite.scheduling.roster.models import CallType, LeaveRequest, RosterPeriod


@admin.register(CallType)
class CallTypeAdmin(admin.ModelAdmin[CallType]):
    list_display = ("name", "days", "needs", "night", "site", "kind", "starts", "ends", "active")
    list_filter = ("days", "kind", "night", "active", "site")


@admin.register(LeaveRequest)
class LeaveRequestAdmin(admin.ModelAdmin[LeaveRequest]):
    list_display = ("staff", "kind", "start", "end", "note")
    list_filter = ("kind",)
    date_hierarchy = "start"


@admin.register(RosterPeriod)
class RosterPeriodAdmin(admin.ModelAdmin[RosterPeriod]):
    list_display = ("start", "end", "status", "published_at")
    list_filter = ("status",)
    readonly_fields = ("result", "created_by", "created_at", "published_at")
