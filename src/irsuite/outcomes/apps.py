from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "irsuite.outcomes"
    verbose_name = "Outcomes and quality"

    def ready(self) -> None:
        from irsuite.outcomes import panels, signals
        from irsuite.outcomes.reference import load_summary
        from irsuite.reference.loader import EXTRA_LOADERS

        signals.connect()
        panels.register()
        EXTRA_LOADERS["ae_scales.toml"] = load_summary
