from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "irsuite.interop"
    verbose_name = "Interfaces (HL7, DICOM)"
