"""`irsuite token NAME`: print a new API token for a user (shown once, stored hashed)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from irsuite.people.tokens import issue_token


class Command(BaseCommand):
    help = "Issue a new API token for a user and print it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--label", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["name"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {options['name']!r}.")
        self.stdout.write(issue_token(user, label=options["label"]))
