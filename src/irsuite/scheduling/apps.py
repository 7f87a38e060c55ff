from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "irsuite.scheduling"
    verbose_name = "Scheduling and rosters"

    def ready(self) -> None:
        from irsuite.cases import hooks
        from irsuite.cases.models import RequestStatus
        from irsuite.reference.loader import EXTRA_LOADERS
        from irsuite.scheduling.booking.services import release_booking, reserve_room
        from irsuite.scheduling.panels import request_panel
        from irsuite.scheduling.reference import check_reference

        hooks.add_schedule_hook(reserve_room)
        hooks.add_transition_guard(RequestStatus.VETTED, release_booking)
        hooks.add_transition_guard(RequestStatus.CANCELLED, release_booking)
        EXTRA_LOADERS["scheduling.toml"] = check_reference
        hooks.add_panel(
            hooks.REQUEST_PANELS,
            hooks.Panel("booking", "scheduling/booking_panel.html", request_panel, order=20),
        )
