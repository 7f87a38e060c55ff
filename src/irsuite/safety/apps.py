from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "irsuite.safety"
    verbose_name = "Pre-procedure safety"
