from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "irsuite.scheduling"
    verbose_name = "Scheduling and rosters"

    def ready(self) -> None:
        from irsuite.reference.loader import EXTRA_LOADERS
        from irsuite.scheduling.booking import hooks
        from irsuite.scheduling.reference import check_reference

        hooks.register()
        EXTRA_LOADERS["scheduling.toml"] = check_reference
