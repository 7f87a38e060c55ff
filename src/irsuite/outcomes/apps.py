from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "irsuite.outcomes"
    verbose_name = "Outcomes and quality"
