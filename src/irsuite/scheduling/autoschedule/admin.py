"""Admin page for auto-schedule proposals."""

from django.contrib import admin

from irsuite.scheduling.autoschedule.models import ScheduleProposal


@admin.register(ScheduleProposal)
class ScheduleProposalAdmin(admin.ModelAdmin[ScheduleProposal]):
    list_display = ("site", "week_start", "status", "solver_status", "value", "created_at")
    list_filter = ("site", "status")
