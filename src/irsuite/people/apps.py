from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "irsuite.people"
    verbose_name = "Sites, rooms and staff"

    def ready(self) -> None:
        from irsuite.people import signals

        signals.connect()
