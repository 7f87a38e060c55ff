from django.contrib import admin

from irsuite.outcomes.caselog.models import TraineeProgramme
from irsuite.outcomes.review.models import Conference


@admin.register(TraineeProgramme)
class TraineeProgrammeAdmin(admin.ModelAdmin[TraineeProgramme]):
    list_display = ("trainee", "programme", "started_on")
    search_fields = ("trainee__family_name", "programme")


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin[Conference]):
    list_display = ("held_on", "title", "site", "chair")
    date_hierarchy = "held_on"
