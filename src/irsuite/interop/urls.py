"""Pages of the interfaces: each adapter adds its own."""

from django.urls import URLPattern, URLResolver

app_name = "interop"

urlpatterns: list[URLPattern | URLResolver] = []
