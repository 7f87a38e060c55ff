from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "irsuite.people"
    verbose_name = "Sites, rooms and staff"
