"""Admin pages for rooms' capabilities, hours, sessions and bookings."""

from django.contrib import admin

from irsuite.scheduling.booking.models import (
    AnaesthesiaSession,
    Booking,
    OpeningHours,
    OperatorSession,
    RecurringBlock,
    RequestNeeds,
    RoomCapability,
)


@admin.register(RoomCapability)
class RoomCapabilityAdmin(admin.ModelAdmin[RoomCapability]):
    list_display = ("room", "capability")
    list_filter = ("capability", "room__site")


@admin.register(OpeningHours)
class OpeningHoursAdmin(admin.ModelAdmin[OpeningHours]):
    list_display = ("room", "weekday", "start", "end")
    list_filter = ("room__site", "weekday")


@admin.register(RecurringBlock)
class RecurringBlockAdmin(admin.ModelAdmin[RecurringBlock]):
    list_display = ("room", "weekday", "start", "end", "service", "label")
    list_filter = ("room__site", "service")


@admin.register(AnaesthesiaSession)
class AnaesthesiaSessionAdmin(admin.ModelAdmin[AnaesthesiaSession]):
    list_display = ("room", "weekday", "start", "end")
    list_filter = ("room__site", "weekday")


@admin.register(OperatorSession)
class OperatorSessionAdmin(admin.ModelAdmin[OperatorSession]):
    list_display = ("operator", "weekday", "start", "end")
    list_filter = ("weekday",)


@admin.register(RequestNeeds)
class RequestNeedsAdmin(admin.ModelAdmin[RequestNeeds]):
    list_display = ("request", "operator", "anaesthesia", "service", "duration_min")
    raw_id_fields = ("request",)


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin[Booking]):
    """Read-only here: bookings change through the calendar so that every move is checked
    and audited."""

    list_display = ("start", "end", "room", "operator", "kind", "anaesthesia")
    list_filter = ("room__site", "kind")
    date_hierarchy = "start"

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
