"""Admin view of consents (read-only: only the consent services write them)."""

from django.contrib import admin

from irsuite.safety.consent.models import Consent
from irsuite.safety.readonly import ReadOnlyAdmin


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["id", "request", "status", "method", "signed_at"]
    list_filter = ["status", "method"]
    exclude = ["signature_png", "scan"]
