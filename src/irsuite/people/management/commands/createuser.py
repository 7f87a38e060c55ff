"""`irsuite createuser NAME --role ROLE [--password-stdin]`: a login linked to a staff record."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from irsuite.audit.models import AuditAction
from irsuite.audit.services import record
from irsuite.people.models import Site, Staff
from irsuite.people.roles import StaffRole


class Command(BaseCommand):
    help = "Create a user with a staff role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--role", required=True, choices=StaffRole.values)
        parser.add_argument("--given-name", default="")
        parser.add_argument("--family-name", default="")
        parser.add_argument("--site", default=None, help="site code")
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["name"]
        if User.objects.filter(username=name).exists():
            raise CommandError(f"A user named {name!r} already exists; choose another name.")
        password = self._password(options["password_stdin"])
        try:
            validate_password(password, User(username=name))
        except ValidationError as exc:
            raise CommandError("Password refused: " + " ".join(exc.messages)) from exc
        site = None
        if options["site"]:
            site = Site.objects.filter(code=options["site"]).first()
            if site is None:
                raise CommandError(f"There is no site with code {options['site']!r}.")
        with transaction.atomic():
            user = User.objects.create_user(
                username=name,
                password=password,
                # The admin role reaches the admin site; what it may do there comes from
                # its capabilities (people.backends), never from superuser status.
                is_staff=options["role"] == StaffRole.ADMIN,
            )
            staff = Staff.objects.create(
                user=user,
                role=options["role"],
                site=site,
                given_name=options["given_name"] or name,
                family_name=options["family_name"] or "",
            )
            record(None, AuditAction.CREATE, staff, summary=f"user {name} created", channel="cli")
        self.stdout.write(f"Created {name} ({StaffRole(options['role']).label}).")

    def _password(self, from_stdin: bool) -> str:
        if from_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ.")
        if not password:
            raise CommandError("The password is empty.")
        return password
