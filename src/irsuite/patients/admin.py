from django.contrib import admin

from irsuite.patients.models import Patient, PatientIdentifier


class IdentifierInline(admin.TabularInline[PatientIdentifier, Patient]):
    model = PatientIdentifier
    extra = 0


@admin.register(Patient)
class PatientAdmin(admin.ModelAdmin[Patient]):
    list_display = ("family_name", "given_name", "birth_date", "sex", "synthetic")
    list_filter = ("synthetic", "sex")
    search_fields = ("family_name", "identifiers__value")
    inlines = [IdentifierInline]
