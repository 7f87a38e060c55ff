"""On-call roster pages (included under /scheduling/)."""

from django.urls import URLPattern, URLResolver, path

from irsuite.scheduling.roster import leave_views, views
from irsuite.scheduling.roster import manage_views as manage

urlpatterns: list[URLPattern | URLResolver] = [
    path("oncall/", views.oncall, name="oncall"),
    path("roster/", views.roster_index, name="roster"),
    path("roster/<int:year>/<int:month>/", views.roster_month, name="roster_month"),
    path("roster/ical/<int:pk>.ics", views.roster_ical, name="roster_ical"),
    path("roster/periods/", manage.periods, name="roster_periods"),
    path("roster/periods/<int:pk>/solve/", manage.solve, name="roster_solve"),
    path("roster/periods/<int:pk>/publish/", manage.publish, name="roster_publish"),
    path("roster/periods/<int:pk>/progress/", manage.progress, name="roster_progress"),
    path("roster/duties/<int:pk>/override/", manage.override, name="roster_override"),
    path("roster/duties/<int:pk>/offer/", manage.swap_offer, name="roster_offer"),
    path("roster/swaps/", manage.swaps, name="roster_swaps"),
    path("roster/leave/", leave_views.leave, name="roster_leave"),
    path("roster/leave/<int:pk>/cancel/", leave_views.leave_cancel, name="roster_leave_cancel"),
    path("roster/swaps/<int:pk>/<slug:action>/", manage.swap_action, name="roster_swap_action"),
]
