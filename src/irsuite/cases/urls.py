from django.urls import URLPattern, URLResolver, path

from irsuite.cases.procedures import views as views_procedures
from irsuite.cases.requests import views as views_requests
from irsuite.cases.worklist import views as views_lists

app_name = "cases"
urlpatterns: list[URLPattern | URLResolver] = [
    path("worklist/", views_lists.worklist_page, name="worklist"),
    path("requests/", views_lists.request_list, name="requests"),
    path("catalogue/", views_lists.catalogue, name="catalogue"),
    path("catalogue/<str:code>/", views_lists.catalogue_entry, name="catalogue_entry"),
    path("requests/new/", views_requests.request_new, name="request_new"),
    path("requests/<int:pk>/", views_requests.request_detail, name="request"),
    path("requests/<int:pk>/vet/", views_requests.request_vet, name="request_vet"),
    path("requests/<int:pk>/schedule/", views_requests.request_schedule, name="request_schedule"),
    path(
        "requests/<int:pk>/status/<str:status>/",
        views_requests.request_transition,
        name="request_transition",
    ),
    path("requests/<int:pk>/start/", views_requests.request_start, name="request_start"),
    path("procedures/<int:pk>/", views_procedures.procedure_detail, name="procedure"),
    path("procedures/<int:pk>/team/", views_procedures.procedure_team, name="procedure_team"),
    path(
        "procedures/<int:pk>/team/<int:member_pk>/remove/",
        views_procedures.procedure_team_remove,
        name="procedure_team_remove",
    ),
    path("procedures/<int:pk>/access/", views_procedures.procedure_access, name="procedure_access"),
    path(
        "procedures/<int:pk>/devices/", views_procedures.procedure_device, name="procedure_device"
    ),
    path("procedures/<int:pk>/sign/", views_procedures.procedure_sign, name="procedure_sign"),
    path(
        "procedures/<int:pk>/addenda/",
        views_procedures.procedure_addendum,
        name="procedure_addendum",
    ),
]
