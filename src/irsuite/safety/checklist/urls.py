from django.urls import URLPattern, URLResolver, path

from irsuite.safety.checklist import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("requests/<int:request_id>/checklist/", views.checklist_page, name="checklist"),
    path(
        "requests/<int:request_id>/checklist/answer/",
        views.checklist_answer,
        name="checklist_answer",
    ),
    path(
        "requests/<int:request_id>/checklist/complete/",
        views.checklist_complete,
        name="checklist_complete",
    ),
    path("requests/<int:request_id>/checklist/site/", views.checklist_site, name="checklist_site"),
]
