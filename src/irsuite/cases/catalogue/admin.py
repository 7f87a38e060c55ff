from django.contrib import admin

from irsuite.cases.catalogue.models import CatalogueEntry, CatalogueVersion


@admin.register(CatalogueEntry)
class CatalogueEntryAdmin(admin.ModelAdmin[CatalogueEntry]):
    """Reference data: edit the TOML file and run `irsuite load-reference` for lasting changes."""

    list_display = (
        "code",
        "name",
        "family",
        "bleeding_risk",
        "default_duration_min",
        "verified",
        "active",
    )
    list_filter = ("family", "bleeding_risk", "verified", "active")
    search_fields = ("code", "name")


@admin.register(CatalogueVersion)
class CatalogueVersionAdmin(admin.ModelAdmin[CatalogueVersion]):
    list_display = ("version", "loaded_at", "digest")
