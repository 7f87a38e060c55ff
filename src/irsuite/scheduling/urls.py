from django.urls import URLPattern, URLResolver, include, path

from irsuite.scheduling.autoschedule import views as views_auto
from irsuite.scheduling.booking import views
from irsuite.scheduling.feeds import views as views_feeds

app_name = "scheduling"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("<slug:site>/day/<str:day>/", views.day_view, name="day"),
    path("<slug:site>/week/<str:day>/", views.week_view, name="week"),
    path("<slug:site>/book/", views.book, name="book"),
    path("<slug:site>/add-on/", views.add_on, name="add_on"),
    path("<slug:site>/auto/", views_auto.auto, name="auto"),
    path("proposals/<int:pk>/", views_auto.proposal_view, name="proposal"),
    path("bookings/<int:pk>/move/", views.move_booking, name="move"),
    path("bookings/<int:pk>/unbook/", views.unbook, name="unbook"),
    path("rooms/<int:room>/worklist/<str:day>/", views.worklist, name="worklist"),
    path("feeds/", views_feeds.feeds, name="feeds"),
    path(
        "feeds/<slug:kind>/<int:pk>/reissue/",
        views_feeds.reissue_feed,
        name="feed_reissue",
    ),
    path("ical/room/<int:pk>.ics", views_feeds.room_feed, name="ical_room"),
    path("ical/operator/<int:pk>.ics", views_feeds.operator_feed, name="ical_operator"),
    path("", include("irsuite.scheduling.roster.urls")),
]
