"""Admin view of sedation records (read-only: only the sedation services write them)."""

from django.contrib import admin

from irsuite.safety.readonly import ReadOnlyAdmin
from irsuite.safety.sedation.models import SedationRecord


@admin.register(SedationRecord)
class SedationAdmin(ReadOnlyAdmin):
    list_display = ["id", "request", "kind", "discharged_at"]
