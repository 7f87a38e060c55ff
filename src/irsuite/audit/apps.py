from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "irsuite.audit"
    verbose_name = "Audit log"
