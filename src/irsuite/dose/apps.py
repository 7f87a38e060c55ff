from django.apps import AppConfig


class DoseConfig(AppConfig):
    name = "irsuite.dose"
    verbose_name = "Radiation dose"

    def ready(self) -> None:
        from irsuite.dose import panels
        from irsuite.dose.reference import load_summary
        from irsuite.reference.loader import EXTRA_LOADERS

        panels.register()
        EXTRA_LOADERS["dose_thresholds.toml"] = load_summary
