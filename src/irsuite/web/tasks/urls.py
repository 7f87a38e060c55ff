from django.urls import URLPattern, URLResolver, path

from irsuite.web.tasks import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("tasks/failed", views.failed_tasks, name="tasks_failed"),
    path("tasks/<uuid:task_uuid>/retry", views.retry, name="task_retry"),
    path("tasks/<uuid:task_uuid>/progress", views.progress, name="task_progress"),
]
