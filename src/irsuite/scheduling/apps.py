from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "irsuite.scheduling"
    verbose_name = "Scheduling and rosters"
