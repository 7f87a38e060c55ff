from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "irsuite.safety"
    verbose_name = "Pre-procedure safety"

    def ready(self) -> None:
        from irsuite.safety import clinical_hooks

        clinical_hooks.register()
