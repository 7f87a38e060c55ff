from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "irsuite.interop"
    verbose_name = "Interfaces (HL7, DICOM)"

    def ready(self) -> None:
        from irsuite.interop.dicom import hooks as dicom_hooks

        dicom_hooks.register()

        from irsuite.interop.hl7 import hooks as hl7_hooks

        hl7_hooks.register()
