from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "irsuite.safety"
    verbose_name = "Pre-procedure safety"

    def ready(self) -> None:
        from irsuite.reference.loader import EXTRA_LOADERS
        from irsuite.safety import reference
        from irsuite.safety.checklist import hooks as checklist_hooks
        from irsuite.safety.report import hooks as report_hooks
        from irsuite.safety.workup import hooks as workup_hooks

        checklist_hooks.register()
        report_hooks.register()
        # The readiness gate: a request becomes "ready" only with a cleared, signed
        # bleeding-risk plan or an attending's override with a reason.
        workup_hooks.register()
        EXTRA_LOADERS[reference.FILE_NAMES] = reference.validate_all
