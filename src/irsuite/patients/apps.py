from django.apps import AppConfig


class PatientsConfig(AppConfig):
    name = "irsuite.patients"
    verbose_name = "Patients"
