from django.urls import URLPattern, URLResolver, path

from irsuite.scheduling.autoschedule import views as autoschedule
from irsuite.scheduling.booking import views as booking
from irsuite.scheduling.feeds import views as feeds
from irsuite.scheduling.leave import views as leave
from irsuite.scheduling.roster import views as roster
from irsuite.scheduling.swaps import views as swaps

app_name = "scheduling"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", booking.index, name="index"),
    path("<slug:site>/day/<str:day>/", booking.day_view, name="day"),
    path("<slug:site>/week/<str:day>/", booking.week_view, name="week"),
    path("<slug:site>/book/", booking.book, name="book"),
    path("<slug:site>/add-on/", booking.add_on, name="add_on"),
    path("<slug:site>/auto/", autoschedule.auto, name="auto"),
    path("proposals/<int:pk>/", autoschedule.proposal_view, name="proposal"),
    path("bookings/<int:pk>/move/", booking.move_booking, name="move"),
    path("bookings/<int:pk>/unbook/", booking.unbook, name="unbook"),
    path("bookings/<int:pk>/release/", booking.release_pin, name="release_pin"),
    path("rooms/<int:room>/worklist/<str:day>/", booking.worklist, name="worklist"),
    path("feeds/", feeds.feeds, name="feeds"),
    path("feeds/<slug:kind>/<int:pk>/reissue/", feeds.reissue_feed, name="feed_reissue"),
    path("ical/room/<int:pk>.ics", feeds.room_feed, name="ical_room"),
    path("ical/operator/<int:pk>.ics", feeds.operator_feed, name="ical_operator"),
    path("oncall/", roster.oncall, name="oncall"),
    path("roster/", roster.roster_index, name="roster"),
    path("roster/<int:year>/<int:month>/", roster.roster_month, name="roster_month"),
    path("roster/ical/<int:pk>.ics", roster.roster_ical, name="roster_ical"),
    path("roster/periods/", roster.periods, name="roster_periods"),
    path("roster/periods/<int:pk>/solve/", roster.solve, name="roster_solve"),
    path("roster/periods/<int:pk>/publish/", roster.publish, name="roster_publish"),
    path("roster/periods/<int:pk>/progress/", roster.progress, name="roster_progress"),
    path("roster/duties/<int:pk>/override/", roster.override, name="roster_override"),
    path("roster/duties/<int:pk>/offer/", swaps.swap_offer, name="roster_offer"),
    path("roster/swaps/", swaps.swaps, name="roster_swaps"),
    path("roster/leave/", leave.leave, name="roster_leave"),
    path("roster/leave/<int:pk>/cancel/", leave.leave_cancel, name="roster_leave_cancel"),
    path("roster/swaps/<int:pk>/<slug:action>/", swaps.swap_action, name="roster_swap_action"),
]
