from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "irsuite.cases"
    verbose_name = "Requests and procedures"

    def ready(self) -> None:
        from irsuite.cases import scopes
        from irsuite.cases.requests import hooks
        from irsuite.reference import checks

        hooks.register()
        scopes.register()
        checks.register()  # unverified reference values, listed at start-up
