"""URL map: pages per area, the admin, the API under /api/v1."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from irsuite.api import api
from irsuite.people.access import public

login_page = public("the login page itself; failures are throttled and audited")(
    auth_views.LoginView.as_view(template_name="web/login.html")
)
logout_page = public("ends whatever session the browser holds; nothing to protect")(
    auth_views.LogoutView.as_view()
)

urlpatterns = [
    path("login/", login_page, name="login"),
    path("logout/", logout_page, name="logout"),
    path("account/", include("irsuite.people.account.urls")),
    path("audit/", include("irsuite.web.audit.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("patients/", include("irsuite.patients.urls")),
    path("cases/", include("irsuite.cases.urls")),
    path("safety/", include("irsuite.safety.urls")),
    path("dose/", include("irsuite.dose.urls")),
    path("outcomes/", include("irsuite.outcomes.urls")),
    path("scheduling/", include("irsuite.scheduling.urls")),
    path("interop/", include("irsuite.interop.urls")),
    path("", include("irsuite.web.urls")),
]
