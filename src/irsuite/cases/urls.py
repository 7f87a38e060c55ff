from django.urls import URLPattern, URLResolver, path

from irsuite.cases.catalogue import views as catalogue
from irsuite.cases.coding import views as coding
from irsuite.cases.notices import views as notices
from irsuite.cases.procedures import views as procedures
from irsuite.cases.requests import views as requests
from irsuite.cases.worklist import views as worklist

app_name = "cases"
urlpatterns: list[URLPattern | URLResolver] = [
    path("worklist/", worklist.worklist_page, name="worklist"),
    path("requests/", worklist.request_list, name="requests"),
    path("notices/", notices.notices, name="notices"),
    path("notices/<int:pk>/read/", notices.notice_read, name="notice_read"),
    path("catalogue/", catalogue.catalogue, name="catalogue"),
    path("catalogue/<str:code>/", catalogue.catalogue_entry, name="catalogue_entry"),
    path("requests/new/", requests.request_new, name="request_new"),
    path("requests/<int:pk>/", requests.request_detail, name="request"),
    path("requests/<int:pk>/vet/", requests.request_vet, name="request_vet"),
    path("requests/<int:pk>/schedule/", requests.request_schedule, name="request_schedule"),
    path(
        "requests/<int:pk>/status/<str:status>/",
        requests.request_transition,
        name="request_transition",
    ),
    path("requests/<int:pk>/start/", requests.request_start, name="request_start"),
    path("procedures/<int:pk>/", procedures.procedure_detail, name="procedure"),
    path("procedures/<int:pk>/team/", procedures.procedure_team, name="procedure_team"),
    path(
        "procedures/<int:pk>/team/<int:member_pk>/remove/",
        procedures.procedure_team_remove,
        name="procedure_team_remove",
    ),
    path("procedures/<int:pk>/access/", procedures.procedure_access, name="procedure_access"),
    path("procedures/<int:pk>/devices/", procedures.procedure_device, name="procedure_device"),
    path("procedures/<int:pk>/sign/", procedures.procedure_sign, name="procedure_sign"),
    path("procedures/<int:pk>/codes/", coding.procedure_codes, name="procedure_codes"),
    path("procedures/<int:pk>/sample/", procedures.procedure_sample, name="procedure_sample"),
    path("procedures/<int:pk>/addenda/", procedures.procedure_addendum, name="procedure_addendum"),
]
