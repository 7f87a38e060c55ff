from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "irsuite.outcomes"
    verbose_name = "Outcomes and quality"

    def ready(self) -> None:
        from irsuite.cases.hooks import set_follow_up_scheduler
        from irsuite.outcomes import panels, signals
        from irsuite.outcomes.followup.services import schedule_from_order
        from irsuite.outcomes.reference import load_summary
        from irsuite.reference.loader import EXTRA_LOADERS

        signals.connect()
        panels.register()
        set_follow_up_scheduler(schedule_from_order)
        EXTRA_LOADERS["ae_scales.toml"] = load_summary
