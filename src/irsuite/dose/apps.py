from django.apps import AppConfig


class DoseConfig(AppConfig):
    name = "irsuite.dose"
    verbose_name = "Radiation dose"
