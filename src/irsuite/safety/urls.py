from django.urls import URLPattern, URLResolver

from irsuite.safety import clinical_urls
from irsuite.safety.workup import urls as workup_urls

app_name = "safety"
urlpatterns: list[URLPattern | URLResolver] = [
    *workup_urls.urlpatterns,
    *clinical_urls.urlpatterns,
]
