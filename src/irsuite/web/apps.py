from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "irsuite.web"
    verbose_name = "Web pages"

    def ready(self) -> None:
        from irsuite import background
        from irsuite.web.tasks.services import track, write_progress

        # Background tasks of every area report their progress to the web layer's table.
        background.set_tracker(track)
        background.set_progress_writer(write_progress)
