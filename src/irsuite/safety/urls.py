"""The safety area's pages: each feature's URLs under the "safety" namespace."""

from django.urls import URLPattern, URLResolver

from irsuite.safety.checklist import urls as checklist_urls
from irsuite.safety.consent import urls as consent_urls
from irsuite.safety.report import urls as report_urls
from irsuite.safety.sedation import urls as sedation_urls
from irsuite.safety.workup import urls as workup_urls

app_name = "safety"
urlpatterns: list[URLPattern | URLResolver] = [
    *workup_urls.urlpatterns,
    *consent_urls.urlpatterns,
    *checklist_urls.urlpatterns,
    *sedation_urls.urlpatterns,
    *report_urls.urlpatterns,
]
