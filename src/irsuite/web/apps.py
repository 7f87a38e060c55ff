from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "irsuite.web"
    verbose_name = "Web pages"
