"""URL map: pages per area, the admin, the API under /api/v1."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from irsuite.api import api

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="web/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("patients/", include("irsuite.patients.urls")),
    path("cases/", include("irsuite.cases.urls")),
    path("safety/", include("irsuite.safety.urls")),
    path("dose/", include("irsuite.dose.urls")),
    path("outcomes/", include("irsuite.outcomes.urls")),
    path("scheduling/", include("irsuite.scheduling.urls")),
    path("people/", include("irsuite.people.urls")),
    path("", include("irsuite.web.urls")),
]
