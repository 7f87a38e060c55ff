"""The `irsuite` command: Django's management commands under the project's name."""

import os
import sys


def main() -> None:
    """Run an irsuite (Django management) command."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "irsuite.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["irsuite", *sys.argv[1:]])


if __name__ == "__main__":
    main()
