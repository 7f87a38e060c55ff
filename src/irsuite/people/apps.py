from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "irsuite.people"
    verbose_name = "Sites, rooms and staff"

    def ready(self) -> None:
        from irsuite.audit.services import add_write_guard
        from irsuite.people import signals
        from irsuite.people.writes import guard_write

        signals.connect()
        add_write_guard(guard_write)
