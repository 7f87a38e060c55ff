"""Admin view of procedure reports (read-only: only the report services write them)."""

from django.contrib import admin

from irsuite.safety.readonly import ReadOnlyAdmin
from irsuite.safety.report.models import ProcedureReport


@admin.register(ProcedureReport)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["id", "procedure", "status", "signed_at"]
    list_filter = ["status"]
