from django.urls import URLPattern, URLResolver, path

from irsuite.safety.sedation import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("requests/<int:request_id>/sedation/", views.sedation_page, name="sedation"),
    path("requests/<int:request_id>/sedation/start/", views.sedation_start, name="sedation_start"),
    path("requests/<int:request_id>/sedation/drug/", views.sedation_drug, name="sedation_drug"),
    path(
        "requests/<int:request_id>/sedation/vitals/",
        views.sedation_vitals,
        name="sedation_vitals",
    ),
    path(
        "requests/<int:request_id>/sedation/aldrete/",
        views.sedation_aldrete,
        name="sedation_aldrete",
    ),
    path(
        "requests/<int:request_id>/sedation/discharge/",
        views.sedation_discharge,
        name="sedation_discharge",
    ),
]
