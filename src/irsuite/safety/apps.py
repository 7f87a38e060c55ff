from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "irsuite.safety"
    verbose_name = "Pre-procedure safety"

    def ready(self) -> None:
        from irsuite.safety import clinical_hooks
        from irsuite.safety.workup import hooks as workup_hooks

        clinical_hooks.register()
        # The readiness gate: a request becomes "ready" only with a cleared, signed
        # bleeding-risk plan or an attending's override with a reason.
        workup_hooks.register()
