"""Admin view of checklists (read-only: only the checklist services write them)."""

from django.contrib import admin

from irsuite.safety.checklist.models import ChecklistRecord
from irsuite.safety.readonly import ReadOnlyAdmin


@admin.register(ChecklistRecord)
class ChecklistAdmin(ReadOnlyAdmin):
    list_display = ["id", "request", "definition_version", "created_at"]
