"""Pages of the interfaces: each adapter adds its own."""

from django.urls import URLPattern, URLResolver, include, path

app_name = "interop"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("irsuite.interop.hl7.urls")),
    path("", include("irsuite.interop.dicom.urls")),
]
