from django.contrib import admin

from irsuite.people.models import ApiToken, Room, Site, Staff


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin[Site]):
    list_display = ("code", "name")


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin[Room]):
    list_display = ("name", "site", "suite_type", "ae_title", "active")
    list_filter = ("site", "suite_type", "active")


@admin.register(Staff)
class StaffAdmin(admin.ModelAdmin[Staff]):
    list_display = ("family_name", "given_name", "role", "site", "fte", "active")
    list_filter = ("role", "site", "active")
    search_fields = ("family_name", "given_name")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ("prefix", "user", "label", "created_at", "last_used_at", "revoked")
    readonly_fields = ("prefix", "digest", "user", "created_at", "last_used_at")
