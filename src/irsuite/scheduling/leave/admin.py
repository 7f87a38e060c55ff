"""Admin page for leave and preferred days off."""

from __future__ import annotations

from django.contrib import admin

from irsuite.scheduling.leave.models import LeaveRequest


@admin.register(LeaveRequest)
class LeaveRequestAdmin(admin.ModelAdmin[LeaveRequest]):
    list_display = ("staff", "kind", "start", "end", "note")
    list_filter = ("kind",)
    date_hierarchy = "start"
