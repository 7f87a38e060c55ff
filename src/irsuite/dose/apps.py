from django.apps import AppConfig


class DoseConfig(AppConfig):
    name = "irsuite.dose"
    verbose_name = "Radiation dose"

    def ready(self) -> None:
        from irsuite.cases.hooks import add_report_dose_provider
        from irsuite.dose import panels
        from irsuite.dose.alerts import hooks as alert_hooks
        from irsuite.dose.reference import load_summary
        from irsuite.dose.report_section import dose_for_report
        from irsuite.reference.loader import EXTRA_LOADERS

        panels.register()
        alert_hooks.register()
        add_report_dose_provider(dose_for_report)
        EXTRA_LOADERS["dose_thresholds.toml"] = load_summary
